from django.contrib import admin

from xingcun.core.admin import AuditedAdmin
from xingcun.organisations.models import BranchMembership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "category", "area")
    list_filter = ("kind", "category")
    search_fields = ("code", "name")
    raw_id_fields = ("area", "parent", "secretary")


@admin.register(BranchMembership)
class BranchMembershipAdmin(AuditedAdmin):
    list_display = ("member", "organisation", "joined_on", "left_on")
    raw_id_fields = ("area", "member", "organisation")
