"""The national administrator manages offices here (Django admin, unscoped)."""

from __future__ import annotations

from django.contrib import admin

from kopru.core.admin import AuditedAdmin

from .models import Office


@admin.register(Office)
class OfficeAdmin(AuditedAdmin):
    list_display = ["name_tr", "province", "slug", "founded_on", "is_eurodesk_point", "is_active"]
    list_filter = ["is_active", "is_eurodesk_point"]
    search_fields = ["name_tr", "name_en", "slug"]
    readonly_fields = ["version", "is_demo", "created_at", "updated_at"]
