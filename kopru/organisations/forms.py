from __future__ import annotations

from typing import Any

from django import forms

from kopru.core.forms import BootstrapFormMixin, VersionedFormMixin
from kopru.geo.models import District

from .models import Organisation

FIELDS = [
    "name",
    "short_name",
    "type",
    "district",
    "country",
    "official_id",
    "website",
    "email",
    "phone",
    "address",
    "description",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "is_public",
]


class OrganisationForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: object, office: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # Districts of the office's own province only.
        district_field: Any = self.fields["district"]
        district_field.queryset = District.objects.filter(
            province=office.province  # type: ignore[attr-defined]
        ).order_by("name_sort")

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).upper()


class MemberOrganisationForm(OrganisationForm):
    """What an institution member may change on their own organisation's record."""

    class Meta(OrganisationForm.Meta):
        fields = [f for f in FIELDS if f not in ("type", "is_public", "country")]
