"""Django admin for staff, with every save and delete written to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest

from xingcun.core import audit, registry
from xingcun.core.models import Area, AuditEntry, ImportJob
from xingcun.core.scoping import stored


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Writes an audit entry (via "admin") for each create, change and delete; locked rows (see
    `registry.check_writable`) cannot be saved or deleted here either."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)

        class Guarded(form):  # type: ignore[valid-type,misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                try:
                    registry.check_writable(self.instance)
                except ValidationError as e:
                    self.add_error(None, e)

        return Guarded

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            try:
                registry.check_writable(obj)
            except ValidationError:
                return False
        return bool(super().has_delete_permission(request, obj))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = audit.snapshot(stored(obj)) if change else {}
        registry.check_writable(obj)
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
