from django.contrib import admin

from xingcun.core.admin import AuditedAdmin
from xingcun.villages.models import ProfileEvidence, VillageProfile


@admin.register(VillageProfile)
class VillageProfileAdmin(AuditedAdmin):
    list_display = ("area", "year", "population", "per_capita_income", "debt")
    list_filter = ("year",)
    raw_id_fields = ("area",)


@admin.register(ProfileEvidence)
class ProfileEvidenceAdmin(AuditedAdmin):
    list_display = ("profile", "title", "file")
    raw_id_fields = ("area", "profile")
