"""Django admin for staff, with every save and delete written to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from xingcun.core import audit
from xingcun.core.models import Area, AuditEntry, ImportJob
from xingcun.core.scoping import stored


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Writes an audit entry (via "admin") for each create, change and delete."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = audit.snapshot(stored(obj)) if change else {}
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.model_name}.{'updated' if change else 'created'}"
        audit.log(
            actor=request.user,
            action=action,
            obj=obj,
            via_path="admin",
            changes=audit.diff(before, audit.snapshot(obj)),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.log(
            actor=request.user,
            action=f"{obj._meta.model_name}.deleted",
            obj=obj,
            via_path="admin",
            changes={"deleted": audit.snapshot(obj)},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Records written only by the platform: never edited from the UI."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_name", "action", "via", "object_repr")
    list_filter = ("via",)
    search_fields = ("action", "object_repr", "actor_name")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "registry", "filename", "status", "total")
    list_filter = ("status", "registry")
    search_fields = ("filename",)
