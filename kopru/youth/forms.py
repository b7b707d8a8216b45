"""The youth opportunities' forms: the office's record, saving a search, the alert
opt-in and a Eurodesk question."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.countries import country_choices
from kopru.core.forms import (
    BootstrapFormMixin,
    FormSection,
    HoneypotFormMixin,
    VersionedFormMixin,
)
from kopru.core.subscriptions import Frequency

from .models import TIME_ZONES, Cost, Opportunity

ALERT_CONSENT = _(
    "E-posta adresimin, seçtiğim gençlik fırsatı bildirimlerini göndermek amacıyla bu ofis "
    "tarafından 6698 sayılı KVKK uyarınca işlenmesini kabul ediyorum. Her iletideki "
    "bağlantıyla istediğim an abonelikten çıkabilirim; o zaman adresim bildirim için "
    "kullanılmaz."
)
EURODESK_CONSENT = _(
    "Adımı, e-posta adresimi ve sorumu, Valilik Avrupa Birliği ve Dış İlişkiler Bürosunun "
    "Eurodesk noktası olarak bana yanıt vermesi amacıyla işlemesine 6698 sayılı Kişisel "
    "Verilerin Korunması Kanunu uyarınca onay veriyorum. Verilerim yalnız bu ofisin "
    "personelince görülür; dilediğim zaman silinmesini isteyebilirim."
)


class OpportunityForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    organiser_country = forms.ChoiceField(label=_("Düzenleyenin ülkesi"))
    host_country = forms.ChoiceField(label=_("Ev sahibi ülke"))
    residents_of = forms.MultipleChoiceField(
        label=_("Başvurabilecekler (ikamet ülkeleri)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Hiçbirini seçmezseniz her ülkede yaşayanlar başvurabilir. Türkiye'yi seçmezseniz "
            "ilan Türkiye'de yaşayanlara kapalı görünür."
        ),
    )
    costs_covered = forms.MultipleChoiceField(
        label=_("Karşılanan masraflar"),
        required=False,
        choices=Cost.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    deadline_local = forms.DateTimeField(
        label=_("Son başvuru (yerel saat)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Düzenleyenin verdiği saat; saat dilimini yanında seçin."),
    )
    deadline_timezone = forms.ChoiceField(
        label=_("Saat dilimi"), choices=[(z, z) for z in TIME_ZONES], initial="Europe/Istanbul"
    )

    sections = (
        FormSection(
            "about",
            _("Fırsat"),
            ("type", "title_tr", "title_en", "description_tr", "description_en"),
        ),
        FormSection(
            "where",
            _("Düzenleyen ve yer"),
            ("organiser", "organiser_country", "host_country", "host_city"),
        ),
        FormSection("who", _("Kimler katılabilir"), ("residents_of", "age_min", "age_max")),
        FormSection(
            "dates",
            _("Tarihler"),
            ("starts_on", "ends_on", "opens_on", "deadline_local", "deadline_timezone"),
        ),
        FormSection("details", _("Masraflar ve dil"), ("costs_covered", "working_language", "url")),
    )

    class Meta:
        model = Opportunity
        fields = [
            "type",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "organiser",
            "organiser_country",
            "host_country",
            "host_city",
            "residents_of",
            "age_min",
            "age_max",
            "starts_on",
            "ends_on",
            "opens_on",
            "deadline_timezone",
            "costs_covered",
            "working_language",
            "url",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description_tr": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.fields["organiser_country"].choices = countries  # type: ignore[attr-defined]
        self.fields["host_country"].choices = countries  # type: ignore[attr-defined]
        self.fields["residents_of"].choices = countries  # type: ignore[attr-defined]
        order = list(self.fields)
        order.remove("deadline_local")
        order.insert(order.index("deadline_timezone"), "deadline_local")
        self.order_fields(order)
        if self.instance.pk:
            self.initial["deadline_local"] = self.instance.deadline_local.replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        local, zone = data.get("deadline_local"), data.get("deadline_timezone")
        if local and zone:
            naive = local.replace(tzinfo=None) if timezone.is_aware(local) else local
            data["deadline"] = naive.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)
        return data

    def changed_data_dict(self) -> dict[str, Any]:
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("version", "deadline_local")
        }
        return data


class SaveSearchForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    name = forms.CharField(label=_("Aramaya bir ad verin"), max_length=120)


class AlertForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-posta adresiniz"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("Ne sıklıkla?"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label=ALERT_CONSENT, required=True)


class EurodeskForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    requester_name = forms.CharField(label=_("Adınız"), max_length=200)
    requester_email = forms.EmailField(label=_("E-posta adresiniz"), max_length=254)
    subject = forms.CharField(label=_("Konu"), max_length=200)
    message = forms.CharField(
        label=_("Sorunuz"),
        max_length=5000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(label=EURODESK_CONSENT, required=True)
