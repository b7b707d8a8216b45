from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, VersionedFormMixin

from .models import SECTION_FIELDS, AnnualReport, ReportStatus, period_problem


class ReportCreateForm(BootstrapFormMixin, forms.Form):
    """A calendar year, or a custom period (both dates given)."""

    year = forms.IntegerField(label=_("Yıl"), min_value=2000, max_value=2100, required=False)
    period_start = forms.DateField(
        label=_("Özel dönem başı"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("Özel dönem sonu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["year"] = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if self.errors:
            return data
        if start or end:
            problem = period_problem(start, end)
            if problem is not None:
                raise forms.ValidationError(problem)
        elif data.get("year"):
            data["period_start"] = dt.date(data["year"], 1, 1)
            data["period_end"] = dt.date(data["year"], 12, 31)
        else:
            raise forms.ValidationError(_("Bir yıl ya da özel bir dönem girin."))
        return data


def section_form_class(key: str) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    """The form of one narrative section: its Turkish and English text."""
    field = SECTION_FIELDS[key]

    class SectionForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
        class Meta:
            model = AnnualReport
            fields = [f"{field}_tr", f"{field}_en"]
            widgets = {
                f"{field}_tr": forms.Textarea(attrs={"rows": 14}),
                f"{field}_en": forms.Textarea(attrs={"rows": 14, "lang": "en"}),
            }

    return SectionForm


class NationalListForm(BootstrapFormMixin, forms.Form):
    """The national list's filters (GET): a year the reports cover, a status."""

    year = forms.IntegerField(label=_("Yıl"), min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(
        label=_("Durum"),
        choices=[("", _("hepsi")), *ReportStatus.choices],
        required=False,
    )
