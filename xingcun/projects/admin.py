from django.contrib import admin

from xingcun.core.admin import AuditedAdmin
from xingcun.projects.models import Project


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "status", "investment", "signed_on")
    list_filter = ("kind", "status")
    search_fields = ("code", "name")
    raw_id_fields = ("area", "sponsor_organisation", "sponsor_person")
    filter_horizontal = ("villages",)
