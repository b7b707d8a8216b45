from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, VersionedFormMixin
from kopru.core.text import normalise_email
from kopru.geo.models import District

from .languages import LANGUAGES
from .models import Organisation, TeamMember, TeamStatus, normalise_official_id

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
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


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

    def clean_official_id(self) -> str:
        return normalise_official_id(self.cleaned_data.get("official_id"))


class MemberOrganisationForm(OrganisationForm):
    """What an institution member may change on their own organisation's record."""

    class Meta(OrganisationForm.Meta):
        fields = [f for f in FIELDS if f not in ("type", "is_public", "country")]


class TeamStatusForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["team_status", "team_formed_on"]
        widgets = {"team_formed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        formed_on = data.get("team_formed_on")
        if data.get("team_status") != TeamStatus.FORMED:
            data["team_formed_on"] = None
        elif formed_on and formed_on > timezone.localdate():
            self.add_error("team_formed_on", _("Kuruluş tarihi gelecekte olamaz."))
        return data


class TeamMemberForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Çalışma dilleri"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TeamMember
        fields = [
            "full_name",
            "role",
            "job_title",
            "skills",
            "languages",
            "email",
            "phone",
            "is_contact_point",
        ]

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data.get("email"))


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX dosyası"),
        help_text=_("Şablondaki “kurumlar” ve “ekip” sayfaları; en çok 10 MB."),
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not str(f.name).lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Şablondan hazırlanmış bir .xlsx dosyası seçin."))
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Dosya çok büyük (en çok 10 MB)."))
        return f
