"""Django admin for the national administrator: every save is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import F

from .audit import audit_log
from .models import AuditEntry
from .services import field_changes


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        changes = {}
        if change:
            original = type(obj)._base_manager.get(pk=obj.pk)
            changes = field_changes(
                original, {f: getattr(obj, f) for f in form.changed_data if hasattr(obj, f)}
            )
            if hasattr(obj, "version"):
                obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        if hasattr(obj, "version"):
            obj.refresh_from_db(fields=["version"])
        label = obj._meta.label_lower
        audit_log(
            actor=request.user,
            action=f"{label}.{'updated' if change else 'created'}",
            obj=obj,
            changes=changes
            if change
            else {f: (None, getattr(obj, f, None)) for f in form.changed_data},
            data={"via": "admin"},
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["created_at", "actor_repr", "action", "object_repr", "office"]
    list_filter = ["action", "office"]
    search_fields = ["object_repr", "actor_repr", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
