from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, FormSection, VersionedFormMixin
from kopru.core.scoping import empty_queryset
from kopru.core.vocabularies import Sector, TargetGroup
from kopru.geo.models import District
from kopru.organisations.models import Organisation

from .importers.reference import normalise_country
from .models import (
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    ObjectiveLevel,
    Partner,
    Project,
    ReportDeadline,
    Stage,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PROJECT_FIELDS = [
    "acronym",
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "owner",
    "owner_name",
    "programme",
    "funding_scheme",
    "call_identifier",
    "topic",
    "reference",
    "start_date",
    "end_date",
    "duration_months",
    "currency",
    "total_cost",
    "grant_amount",
    "cofinancing_amount",
    "exchange_rate",
    "exchange_rate_date",
    "districts",
    "sectors",
    "target_groups",
    "results_tr",
    "results_en",
    "staff_notes",
]
MEMBER_EXCLUDED = ("owner", "owner_name", "staff_notes")


class ProjectForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
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
        help_text=_(
            "Dezavantajlı gruplar, gençler, genç girişimciler ve gençlik çalışanları ofisin "
            "öncelikli gruplarıdır."
        ),
    )
    owner = forms.ModelChoiceField(
        label=_("Yürütücü kurum"), queryset=empty_queryset(Organisation), required=False
    )
    stage = forms.ChoiceField(
        label=_("Başlangıç aşaması"),
        choices=[
            (Stage.IDEA, Stage.IDEA.label),
            (Stage.IN_PREPARATION, Stage.IN_PREPARATION.label),
        ],
        required=False,
    )

    sections = (
        FormSection(
            "about",
            _("Proje"),
            ("acronym", "title_tr", "title_en", "summary_tr", "summary_en", "stage"),
        ),
        FormSection("owner", _("Yürütücü"), ("owner", "owner_name")),
        FormSection(
            "programme",
            _("Program ve çağrı"),
            ("programme", "funding_scheme", "call_identifier", "topic", "reference"),
        ),
        FormSection("dates", _("Tarihler"), ("start_date", "end_date", "duration_months")),
        FormSection(
            "budget",
            _("Bütçe"),
            (
                "currency",
                "total_cost",
                "grant_amount",
                "cofinancing_amount",
                "exchange_rate",
                "exchange_rate_date",
            ),
        ),
        FormSection("reach", _("Yer ve kapsam"), ("districts", "sectors", "target_groups")),
        FormSection(
            "results", _("Sonuçlar ve notlar"), ("results_tr", "results_en", "staff_notes")
        ),
    )

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            "summary_tr": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
            "results_tr": forms.Textarea(attrs={"rows": 3}),
            "results_en": forms.Textarea(attrs={"rows": 3}),
            "staff_notes": forms.Textarea(attrs={"rows": 2}),
            "start_date": DATE,
            "end_date": DATE,
            "exchange_rate_date": DATE,
            "districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, office: Any, member: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district_field: Any = self.fields["districts"]
        district_field.queryset = District.objects.filter(province=office.province).order_by(
            "name_sort"
        )
        if member:
            for name in MEMBER_EXCLUDED:
                self.fields.pop(name, None)
        else:
            owner_field: Any = self.fields["owner"]
            owner_field.queryset = Organisation.objects.order_by("name_sort")
        if self.instance.pk:
            self.fields.pop("stage")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not data.get("title_tr") and not data.get("title_en"):
            self.add_error("title_tr", _("Türkçe ya da İngilizce bir başlık girin."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Bitiş tarihi başlangıçtan önce olamaz."))
        total, grant = data.get("total_cost"), data.get("grant_amount")
        if total is not None and grant is not None and grant > total:
            self.add_error("grant_amount", _("Hibe tutarı toplam bütçeyi aşamaz."))
        if data.get("exchange_rate") and not data.get("exchange_rate_date"):
            self.add_error("exchange_rate_date", _("Kurun tarihini de girin."))
        for name in ("total_cost", "grant_amount", "cofinancing_amount", "exchange_rate"):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Negatif olamaz."))
        if "owner" in self.fields and not data.get("owner") and not data.get("owner_name"):
            self.add_error("owner", _("Yürütücü kurumu seçin ya da adını yazın."))
        if not data.get("stage"):
            data.pop("stage", None)
        return data


class TransitionForm(BootstrapFormMixin, forms.Form):
    to_stage = forms.ChoiceField(label=_("Yeni aşama"), choices=Stage.choices)
    note = forms.CharField(label=_("Not"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, allowed: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(Stage.choices)
        field: Any = self.fields["to_stage"]
        field.choices = [(s, names[s]) for s in allowed]


class PartnerForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "country", "role", "city", "organisation_type", "eu_contribution"]

    def clean_country(self) -> str:
        code = normalise_country(str(self.cleaned_data["country"]))
        if code is None:
            raise forms.ValidationError(_("Bilinmeyen ülke kodu (ISO 3166-1, örn. TR, DE)."))
        return code


class ObjectiveForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["level", "text_tr", "text_en"]
        widgets = {
            "text_tr": forms.Textarea(attrs={"rows": 2}),
            "text_en": forms.Textarea(attrs={"rows": 2}),
        }


class IndicatorForm(BootstrapFormMixin, forms.ModelForm):
    objective = forms.ModelChoiceField(
        label=_("Bağlı olduğu satır"), queryset=empty_queryset(Objective), required=False
    )

    class Meta:
        model = Indicator
        fields = [
            "objective",
            "name",
            "unit",
            "baseline",
            "target",
            "target_date",
            "means_of_verification",
        ]
        widgets = {"target_date": DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["objective"]
        field.queryset = Objective.objects.filter(project=project)


class IndicatorValueForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DATE}


class ActivityForm(BootstrapFormMixin, forms.ModelForm):
    result = forms.ModelChoiceField(
        label=_("Bağlı olduğu sonuç"), queryset=empty_queryset(Objective), required=False
    )

    class Meta:
        model = Activity
        fields = ["result", "title", "planned_start", "planned_end"]
        widgets = {"planned_start": DATE, "planned_end": DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["result"]
        field.queryset = Objective.objects.filter(project=project, level=ObjectiveLevel.RESULT)


class ActivityActualForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["actual_start", "actual_end"]
        widgets = {"actual_start": DATE, "actual_end": DATE}


class MilestoneForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date"]
        widgets = {"due_date": DATE}


class DeadlineForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ReportDeadline
        fields = ["title", "due_date"]
        widgets = {"due_date": DATE}


class ReceivedForm(BootstrapFormMixin, forms.Form):
    received_on = forms.DateField(label=_("Alındığı tarih"), widget=DATE)
    note = forms.CharField(label=_("Not"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class VisitForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = MonitoringVisit
        fields = ["visited_on", "findings", "follow_up_actions", "follow_up_due"]
        widgets = {
            "visited_on": DATE,
            "follow_up_due": DATE,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "follow_up_actions": forms.Textarea(attrs={"rows": 2}),
        }


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Dosya"),
        help_text=_("CORDIS katılımcı CSV dosyası, İzmir M-LAB listesi (TXT) veya Excel şablonu."),
    )
