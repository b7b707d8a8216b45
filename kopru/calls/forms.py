from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.forms import BootstrapFormMixin, FormSection, HoneypotFormMixin, VersionedFormMixin
from kopru.core.vocabularies import Sector, TargetGroup
from kopru.geo.models import District
from kopru.organisations.models import OrganisationType

from .importers import FORMATS
from .models import Call, Frequency, WhoAppliesRule
from .richtext import sanitize_html, to_safe_html
from .selectors import agency_choices
from .services import DeadlineInput

FIELDS = [
    "title_tr",
    "title_en",
    "level",
    "instrument",
    "funder",
    "programme",
    "programme_code",
    "agency_code",
    "call_identifier",
    "action_type",
    "summary_tr",
    "summary_en",
    "deadline_model",
    "opening_date",
    "budget_total",
    "grant_min",
    "grant_max",
    "expected_grants",
    "cofinancing_rate",
    "currency",
    "applicant_types",
    "target_groups",
    "sectors",
    "eligible_geography",
    "source",
    "source_id",
    "source_url",
]

DEADLINE_HELP = _(
    "Her satıra bir son tarih: YYYY-AA-GG SS:DD Saat/Dilimi | açıklama. "
    "Örnek: 2026-09-15 17:00 Europe/Brussels | 1. aşama. Saat dilimi yazılmazsa "
    "Europe/Istanbul kabul edilir. İki aşamalı çağrılarda ilk satır 1. aşamadır."
)


def parse_deadlines(text: str, model: str) -> list[DeadlineInput]:
    zones = available_timezones()
    result: list[DeadlineInput] = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        main, _sep, label = line.partition("|")
        parts = main.split()
        if len(parts) < 1:
            continue
        tz_name = "Europe/Istanbul"
        if len(parts) >= 3:
            tz_name = parts[2]
        if tz_name not in zones:
            raise forms.ValidationError(
                _("%(n)d. satır: “%(tz)s” bilinen bir saat dilimi değil.") % {"n": n, "tz": tz_name}
            )
        stamp = parts[0] + " " + (parts[1] if len(parts) >= 2 else "23:59")
        try:
            naive = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M")
        except ValueError as exc:
            raise forms.ValidationError(
                _("%(n)d. satır: tarih YYYY-AA-GG SS:DD biçiminde olmalı.") % {"n": n}
            ) from exc
        result.append(
            DeadlineInput(
                at=naive.replace(tzinfo=ZoneInfo(tz_name)),
                timezone=tz_name,
                stage=1,
                label=label.strip()[:120],
            )
        )
    result.sort(key=lambda d: d.at)
    if model == "two_stage" and len(result) == 2:
        result[1] = DeadlineInput(result[1].at, result[1].timezone, 2, result[1].label)
    if model == "two_stage" and len(result) != 2:
        raise forms.ValidationError(_("İki aşamalı bir çağrının tam iki son tarihi olmalı."))
    if model == "single_stage" and len(result) > 1:
        raise forms.ValidationError(
            _(
                "Tek aşamalı bir çağrının bir son tarihi olur; birden çok tarih için "
                "“birden çok son tarih” modelini seçin."
            )
        )
    return result


def deadlines_text(call: Call) -> str:
    lines = []
    for d in call.deadlines.all():
        local = d.local_at
        line = f"{local:%Y-%m-%d %H:%M} {d.timezone}"
        if d.label:
            line += f" | {d.label}"
        lines.append(line)
    return "\n".join(lines)


class CallForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    applicant_types = forms.MultipleChoiceField(
        label=_("Başvurabilecek kurum türleri"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Hedef gruplar"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sektörler"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agency_code = forms.ChoiceField(label=_("Kalkınma ajansı"), required=False, choices=[])
    deadlines = forms.CharField(
        label=_("Son tarihler"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=DEADLINE_HELP,
    )

    sections = (
        FormSection(
            "about",
            _("Çağrı"),
            ("title_tr", "title_en", "level", "instrument", "summary_tr", "summary_en"),
        ),
        FormSection(
            "programme",
            _("Program ve kaynak"),
            (
                "funder",
                "programme",
                "programme_code",
                "agency_code",
                "call_identifier",
                "action_type",
            ),
        ),
        FormSection("dates", _("Tarihler"), ("deadline_model", "opening_date", "deadlines")),
        FormSection(
            "budget",
            _("Bütçe"),
            (
                "budget_total",
                "grant_min",
                "grant_max",
                "expected_grants",
                "cofinancing_rate",
                "currency",
            ),
        ),
        FormSection(
            "eligibility",
            _("Kimler başvurabilir"),
            ("applicant_types", "target_groups", "sectors", "eligible_geography"),
        ),
        FormSection("source", _("Kaynak kaydı"), ("source", "source_id", "source_url")),
    )

    class Meta:
        model = Call
        fields = FIELDS
        widgets = {
            "summary_tr": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "opening_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency_code"]
        agency.choices = [("", "—"), *agency_choices()]
        if self.instance.pk and not self.is_bound:
            self.initial["deadlines"] = deadlines_text(self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_tr") or data.get("title_en")):
            raise forms.ValidationError(_("Türkçe veya İngilizce bir başlık girin."))
        gmin, gmax = data.get("grant_min"), data.get("grant_max")
        if gmin is not None and gmax is not None and gmin > gmax:
            self.add_error("grant_max", _("En çok destek, en az destekten küçük olamaz."))
        try:
            data["parsed_deadlines"] = parse_deadlines(
                data.get("deadlines", ""), data.get("deadline_model", "")
            )
        except forms.ValidationError as exc:
            self.add_error("deadlines", exc)
        for name in ("summary_tr", "summary_en"):
            if data.get(name):
                data[name] = sanitize_html(data[name])
        return data

    def call_data(self) -> dict[str, Any]:
        skip = {"version", "deadlines", "parsed_deadlines"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def deadline_inputs(self) -> list[DeadlineInput]:
        return list(self.cleaned_data.get("parsed_deadlines", []))


class LinkForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Bağlantı adı"), max_length=200)
    url = forms.URLField(
        label=pgettext_lazy("web address", "Adres"), max_length=600, assume_scheme="https"
    )


class DocumentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Belge adı"), max_length=200)
    file = forms.FileField(
        label=_("Dosya"),
        help_text=_("PDF, Word, Excel, OpenDocument veya ZIP; en çok 20 MB."),
    )


class SummaryForm(BootstrapFormMixin, forms.Form):
    summary_tr = forms.CharField(
        label=_("Türkçe özet"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("İki üç cümle: kim başvurabilir, ne destekleniyor, ne kadar."),
    )

    def clean_summary_tr(self) -> str:
        text = self.cleaned_data["summary_tr"].strip()
        return to_safe_html(text) if text else ""


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("Dosya"))
    format = forms.ChoiceField(
        label=_("Biçim"),
        required=False,
        choices=[("", _("Dosyadan anlaşılsın"))] + [(f, f) for f in FORMATS],
    )


class SettingsForm(BootstrapFormMixin, forms.Form):
    publish_eu_on_import = forms.BooleanField(
        label=_("AB portalından gelen çağrıları içe aktarınca yayımla"), required=False
    )


class WhoAppliesRuleForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    """An office's line of the who-applies table: who applies, who joins as a partner."""

    leads = forms.MultipleChoiceField(
        label=_("Başvuranlar"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bu çağrılara genellikle proje yürütücüsü olarak başvuran kuruluş türleri: "
            "eşleştirmede öne çıkarlar."
        ),
    )
    partners = forms.MultipleChoiceField(
        label=_("Ortak olarak katılanlar"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Başvurmaz ama bir konsorsiyuma ortak olarak katılır: çağrı bu türlere "
            "sona doğru, notla gösterilir. İki listede de olmayan türlere bu çağrılar "
            "önerilmez (çağrı başvurabileceklerini kendisi yazmıyorsa)."
        ),
    )

    class Meta:
        model = WhoAppliesRule
        fields = ["programme", "action_types", "leads", "partners", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both = set(data.get("leads") or []) & set(data.get("partners") or [])
        if both:
            labels = dict(OrganisationType.choices)
            self.add_error(
                "partners",
                _("Bir kuruluş türü hem başvuran hem ortak olamaz: %(types)s")
                % {"types": ", ".join(str(labels[t]) for t in sorted(both))},
            )
        return data


CONSENT_TEXT = _(
    "E-posta adresimin, seçtiğim çağrı bildirimlerini göndermek amacıyla bu ofis "
    "tarafından 6698 sayılı KVKK uyarınca işlenmesini kabul ediyorum. Her iletideki "
    "bağlantıyla istediğim an abonelikten çıkabilirim; o zaman adresim bildirim için "
    "kullanılmaz."
)


class SaveSearchForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    name = forms.CharField(label=_("Aramaya bir ad verin"), max_length=120)


class AlertForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-posta adresiniz"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("Ne sıklıkla?"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)


class FollowForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-posta adresiniz"), max_length=254)
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)


class MatchForm(BootstrapFormMixin, forms.Form):
    org_type = forms.ChoiceField(label=_("Kuruluş türü"), choices=OrganisationType.choices)
    sectors = forms.MultipleChoiceField(
        label=_("Sektörler"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Hedef gruplar"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    district = forms.ChoiceField(label=_("İlçe"), required=False, choices=[])

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        districts = District.objects.filter(province=office.province).order_by("name_sort")
        field: Any = self.fields["district"]
        field.choices = [("", "—")] + [(str(d.pk), d.name) for d in districts]


IMPORT_FORMATS = FORMATS
