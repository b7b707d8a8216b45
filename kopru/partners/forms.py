from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.calls.models import Call
from kopru.core.forms import (
    BootstrapFormMixin,
    HoneypotFormMixin,
    LookupSelect,
    VersionedFormMixin,
)
from kopru.core.scoping import empty_queryset
from kopru.core.validation import check_email
from kopru.organisations.models import Organisation, OrganisationType

from .countries import country_choices
from .models import PartnerSearch, PostKind
from .services import MAX_MESSAGE, MIN_MESSAGE, check_post_data


def selectable_calls(office: Any, keep: int | None = None) -> QuerySet[Call]:
    """Calls a post may name: the office catalogue's open or forthcoming ones."""
    wanted = Q(Call.catalogue_q(office)) & (
        Q(closes_at__isnull=True) | Q(closes_at__gte=timezone.now())
    )
    if keep:
        wanted |= Q(pk=keep)  # the call an edited post already names
    return Call.objects.filter(wanted).order_by("title_sort")


def lookup_url(office: Any, area: str, kind: str) -> str:
    return reverse(f"{area}:partners:lookup", kwargs={"office_slug": office.slug, "kind": kind})


KVKK_TEXT = _(
    "Adım soyadım, kurumumun adı, ülkem, e-posta adresim ve iletilerim 6698 sayılı Kişisel "
    "Verilerin Korunması Kanunu uyarınca Valilik Avrupa Birliği ve Dış İlişkiler Bürosu "
    "tarafından bu ilanın sahibiyle platform üzerinden yazışabilmem amacıyla işlenebilir. "
    "E-posta adresim ilan sahibine gösterilmez; yalnız yeni iletileri bana haber vermek için "
    "kullanılır ve yalnız ofis personeli görebilir. Verilerimin dökümünü ve silinmesini "
    "istediğim zaman talep edebilirim."
)


def _message_field(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        min_length=MIN_MESSAGE,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_MESSAGE}),
        error_messages={
            "required": _("İletinizi yazın."),
            "min_length": _("İleti en az %(limit_value)d karakter olmalı."),
            "max_length": _("İleti en çok %(limit_value)d karakter olabilir."),
        },
    )


class PostForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    # Scoped querysets are set per request (a class-level one would query at import).
    call = forms.ModelChoiceField(
        label=_("Çağrı (varsa)"),
        queryset=empty_queryset(Call),
        required=False,
        widget=LookupSelect,
        help_text=_(
            "Kataloğumuzdaki açık ya da yakında açılacak bir çağrı: adından ya da kodundan "
            "bir sözcük yazıp seçin."
        ),
    )
    countries = forms.MultipleChoiceField(
        label=_("Aranan ülkeler"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Hiçbirini seçmezseniz her ülkeden ortak aradığınız anlaşılır."),
    )
    organisation_types = forms.MultipleChoiceField(
        label=_("Aranan kurum türleri"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Hiçbirini seçmezseniz her türden kurum yanıt verebilir."),
    )

    class Meta:
        model = PartnerSearch
        fields = [
            "kind",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "call",
            "programme",
            "countries",
            "organisation_types",
            "expires_on",
        ]
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "description_tr": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "title_tr": _("Türkçe ya da İngilizce başlıklardan en az biri gerekli."),
            "description_tr": _(
                "Projenizi, ortaktan beklediğinizi ve sizin katkınızı anlatın. Düz metin; "
                "e-posta adresi ya da telefon yazmanıza gerek yok, yanıtlar platformdan gelir."
            ),
            "expires_on": _("Bu tarihten sonra ilan listeden kalkar ve yanıt almaz."),
        }

    def __init__(
        self,
        *args: Any,
        office: Any,
        area: str = "kurum",
        choose_organisation: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        countries: Any = self.fields["countries"]
        countries.choices = country_choices()
        call: Any = self.fields["call"]
        call.queryset = selectable_calls(office, keep=self.instance.call_id)
        call.widget.lookup_url = lookup_url(office, area, "cagri")
        kind: Any = self.fields["kind"]
        kind.label = _("İlan türü")
        kind.choices = list(PostKind.choices)  # no empty choice: one of the two
        if not self.instance.pk:
            self.initial.setdefault("kind", PostKind.SEEKING)
        if choose_organisation:
            organisation = forms.ModelChoiceField(
                label=_("İlan sahibi kurum"),
                queryset=Organisation.objects.order_by("name_sort"),
                widget=LookupSelect(attrs={"class": "form-select"}),  # added after the mixin ran
                help_text=_("Ofis, ilanı bu kurum adına yayımlar: adından bir sözcük yazıp seçin."),
            )
            lookup: Any = organisation.widget
            lookup.lookup_url = lookup_url(office, area, "kurum")
            self.fields["organisation"] = organisation
            self.order_fields(["organisation", *self.Meta.fields])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        previous = self.instance.expires_on if self.instance.pk else None
        for field, message in check_post_data(data, previous_expiry=previous).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def changed_data_dict(self) -> dict[str, Any]:
        data = super().changed_data_dict()
        data.pop("organisation", None)
        return data


class AnswerForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    responder_name = forms.CharField(
        label=_("Ad soyad"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Adınızı ve soyadınızı yazın.")},
    )
    organisation_name = forms.CharField(
        label=_("Kurum / kuruluş"),
        max_length=250,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Kurumunuzun ya da kuruluşunuzun adını yazın.")},
    )
    organisation_type = forms.ChoiceField(label=_("Kurum türü"), required=False)
    country = forms.ChoiceField(label=_("Ülke"), error_messages={"required": _("Ülkenizi seçin.")})
    email = forms.CharField(
        label=_("E-posta"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        help_text=_(
            "İlan sahibine gösterilmez. Yeni iletileri ve yazışmanın size özel bağlantısını "
            "bu adrese göndeririz."
        ),
        error_messages={
            "required": _("E-posta adresinizi yazın; yanıtları size bununla haber veririz.")
        },
    )
    message = _message_field(
        _("Mesajınız"),
        _(
            "Kurumunuzu, deneyiminizi ve ortaklığa katkınızı kısaca anlatın "
            "(en az 10, en çok 5000 karakter)."
        ),
    )
    consent = forms.BooleanField(
        label=KVKK_TEXT,
        error_messages={
            "required": _(
                "Yanıt göndermek için kişisel verilerin işlenmesine onay vermeniz gerekiyor."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country: Any = self.fields["country"]
        country.choices = [("", _("Ülke seçin…")), *country_choices(other=True)]
        org_type: Any = self.fields["organisation_type"]
        org_type.choices = [("", "—"), *OrganisationType.choices]

    def clean_email(self) -> str:
        return check_email(self.cleaned_data.get("email", ""))


class ReplyForm(BootstrapFormMixin, forms.Form):
    body = _message_field(_("Yanıtınız"))
