from django.contrib import admin

from xingcun.core.admin import AuditedAdmin
from xingcun.people.models import Household, PartyMember, Person


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("name", "gender", "masked_id_number", "area")
    search_fields = ("name",)
    raw_id_fields = ("area", "user")


@admin.register(PartyMember)
class PartyMemberAdmin(AuditedAdmin):
    list_display = ("person", "organisation", "status", "category", "holds_office")
    list_filter = ("status", "category", "holds_office", "floating")
    raw_id_fields = ("area", "person", "organisation")


@admin.register(Household)
class HouseholdAdmin(AuditedAdmin):
    list_display = ("number", "head", "size", "is_demonstration", "is_low_income")
    list_filter = ("is_demonstration", "is_low_income")
    raw_id_fields = ("area", "head")
