"""Forms of the decisions register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.boards.models import Body, Meeting
from kopru.core.forms import BootstrapFormMixin, FormSection, VersionedFormMixin
from kopru.core.scoping import empty_queryset
from kopru.geo.models import District
from kopru.organisations.models import Organisation

from .models import Decision, LinkKind, Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    owner = forms.ModelChoiceField(label=_("Sorumlu kurum"), queryset=empty_queryset(Organisation))
    meeting = forms.ModelChoiceField(
        label=_("Alındığı toplantı"),
        queryset=empty_queryset(Meeting),
        required=False,
        help_text=_("Boş bırakılırsa karar toplantı dışında girilmiştir (ör. il eylem planı)."),
    )
    body = forms.ModelChoiceField(
        label=_("Kurul"),
        queryset=empty_queryset(Body),
        required=False,
        help_text=_("Toplantı seçilirse toplantının kurulu kullanılır."),
    )

    sections = (
        FormSection(
            "origin", _("Nerede alındı"), ("meeting", "body", "reference", "decided_on", "source")
        ),
        FormSection("text", _("Karar"), ("title_tr", "title_en", "text_tr", "text_en")),
        FormSection(
            "owner",
            _("Sorumlu ve takip"),
            ("owner", "contact_name", "contact_email", "theme", "district", "due_date"),
        ),
        FormSection("publication", _("Yayın"), ("is_public",)),
    )

    class Meta:
        model = Decision
        fields = [
            "meeting",
            "body",
            "reference",
            "title_tr",
            "title_en",
            "text_tr",
            "text_en",
            "source",
            "owner",
            "contact_name",
            "contact_email",
            "theme",
            "district",
            "decided_on",
            "due_date",
            "is_public",
        ]
        widgets = {
            "decided_on": DATE,
            "due_date": DATE,
            "text_tr": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.order_by("name_sort")  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = Meeting.objects.select_related("body").order_by(  # type: ignore[attr-defined]
            "-starts_at"
        )
        self.fields["body"].queryset = Body.objects.order_by("name_sort")  # type: ignore[attr-defined]
        self.fields["decided_on"].required = False
        self.fields["decided_on"].help_text = _("Toplantıda alınan kararda toplantı tarihi.")
        province_id = getattr(office, "province_id", None)
        districts = District.objects.order_by("name")
        self.fields["district"].queryset = (  # type: ignore[attr-defined]
            districts.filter(province_id=province_id) if province_id else districts
        )

    def _post_clean(self) -> None:
        # The service checks the decision as a whole (dates, owner); the form only
        # parses fields, so a half-valid instance is never validated here.
        pass

    def changed_data_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ProgressForm(BootstrapFormMixin, forms.Form):
    progress = forms.IntegerField(
        label=_("İlerleme (%)"),
        help_text=_("0 ile 100 arasında."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    status = forms.ChoiceField(
        label=_("Durum"),
        choices=[
            (Status.PLANNED, Status.PLANNED.label),
            (Status.IN_PROGRESS, Status.IN_PROGRESS.label),
            (Status.DONE, Status.DONE.label),
        ],
    )
    note = forms.CharField(
        label=_("Ne yapıldı?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kısa bir açıklama; kararın herkese açık geçmişinde görünür."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_progress(self) -> int:
        value = self.cleaned_data["progress"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(
                _("İlerleme 0 ile 100 arasında olmalı; {value} girildi.").format(value=value)
            )
        return int(value)


class CancelForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("İptal gerekçesi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneForm(BootstrapFormMixin, forms.Form):
    title_tr = forms.CharField(label=_("Ara adım (Türkçe)"), max_length=300)
    title_en = forms.CharField(label=_("Ara adım (İngilizce)"), max_length=300, required=False)
    due_date = forms.DateField(label=_("Tarih"), widget=DATE)


class LinkForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Tür"), choices=LinkKind.choices)
    target = forms.IntegerField(
        label=_("Kayıt no"),
        required=False,
        min_value=1,
        max_value=2_000_000_000,
        help_text=_("Proje, çağrı ya da eğitimin numarası (adresindeki sayı)."),
    )
    url = forms.CharField(label=_("Haber adresi"), max_length=200, required=False)
    label = forms.CharField(label=_("Haber başlığı"), max_length=300, required=False)
