"""Reference data: Turkey's 81 provinces (with plate codes) and 973 districts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopru.core.text import search_key, sort_key


class Province(models.Model):
    plate = models.CharField(_("plaka kodu"), max_length=2, unique=True)
    name = models.CharField(_("ad"), max_length=60, unique=True)
    name_sort = models.CharField(max_length=200, db_index=True, editable=False)
    name_search = models.CharField(max_length=60, db_index=True, editable=False)

    class Meta:
        verbose_name = _("il")
        verbose_name_plural = _("iller")
        ordering = ["name_sort"]

    def __str__(self) -> str:
        return self.name

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.name)
        self.name_search = search_key(self.name)
        return ["name_sort", "name_search"]


class District(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="districts", verbose_name=_("İl")
    )
    name = models.CharField(_("ad"), max_length=60)
    name_sort = models.CharField(max_length=200, db_index=True, editable=False)
    name_search = models.CharField(max_length=60, db_index=True, editable=False)

    class Meta:
        verbose_name = _("ilçe")
        verbose_name_plural = _("ilçeler")
        ordering = ["province__name_sort", "name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="geo_district_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.province.name})"

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.name)
        self.name_search = search_key(self.name)
        return ["name_sort", "name_search"]
