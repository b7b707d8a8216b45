from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, LookupSelect, VersionedFormMixin
from kopru.core.scoping import empty_queryset
from kopru.core.zones import local_time_help
from kopru.organisations.models import Organisation, TeamMember

from .models import AgendaItem, Body, Invitation, Meeting, Membership, Minutes, Rsvp

DT_FORMAT = "%Y-%m-%dT%H:%M"


def _dt() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DT_FORMAT)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = [
            "kind",
            "name_tr",
            "name_en",
            "short_name",
            "mandate_tr",
            "mandate_en",
            "visibility",
            "established_on",
            "term_months",
            "is_active",
        ]
        widgets = {
            "mandate_tr": forms.Textarea(attrs={"rows": 4}),
            "mandate_en": forms.Textarea(attrs={"rows": 4}),
            "established_on": _date(),
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} — {obj.organisation.name}"


class MembershipForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Kurum"),
        queryset=empty_queryset(Organisation),
        widget=LookupSelect,
        required=False,
        help_text=_("Paydaş rehberinden arayın; kişi seçerseniz kurumu kişiden alınır."),
    )
    person = PersonChoiceField(
        label=_("Rehberdeki kişi"),
        queryset=empty_queryset(TeamMember),
        widget=LookupSelect,
        required=False,
        help_text=_("Kurumların ekip rehberinden arayın; ad ve e-posta kişiden gelir."),
    )

    class Meta:
        model = Membership
        fields = [
            "organisation",
            "person",
            "full_name",
            "job_title",
            "email",
            "role",
            "term_starts_on",
            "term_ends_on",
        ]
        widgets = {"term_starts_on": _date(), "term_ends_on": _date()}

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term_starts_on"].required = False
        org: Any = self.fields["organisation"]
        org.queryset = Organisation.objects.all()
        org.widget.lookup_url = reverse(
            "panel:boards:lookup", kwargs={"office_slug": office.slug, "kind": "kurum"}
        )
        person: Any = self.fields["person"]
        person.queryset = TeamMember.objects.select_related("organisation")
        person.widget.lookup_url = reverse(
            "panel:boards:lookup", kwargs={"office_slug": office.slug, "kind": "kisi"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, org = data.get("person"), data.get("organisation")
        if person is not None and org is None:
            data["organisation"] = person.organisation
        elif org is None:
            self.add_error("organisation", _("Kurumu ya da rehberdeki kişiyi seçin."))
        starts, ends = data.get("term_starts_on"), data.get("term_ends_on")
        if starts and ends and ends < starts:
            self.add_error("term_ends_on", _("Üyelik bitişi başlangıçtan önce olamaz."))
        return data


class MeetingForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title_tr", "title_en", "starts_at", "ends_at", "place", "online_url"]
        widgets = {"starts_at": _dt(), "ends_at": _dt()}
        help_texts = {"starts_at": local_time_help(), "ends_at": local_time_help()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("Toplantının bitişi başlangıcından önce olamaz."))
        if not (data.get("place") or data.get("online_url")) and not self.errors:
            self.add_error("place", _("Yeri ya da çevrim içi bağlantıyı yazın."))
        return data


class AgendaItemForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title_tr", "title_en", "description", "presenter", "minutes_allotted"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Başlık"), max_length=250)
    file = forms.FileField(
        label=_("Dosya"), help_text=_("PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG; en çok 20 MB.")
    )
    is_public = forms.BooleanField(label=_("Herkese açık (kurul herkese açıksa)"), required=False)


class GuestForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["full_name", "organisation_name", "email"]


class WalkInForm(GuestForm):
    pass


class StatusForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False)


class MinutesForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["opening", "discussion", "closing"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 3}),
            "discussion": forms.Textarea(attrs={"rows": 12}),
            "closing": forms.Textarea(attrs={"rows": 2}),
        }


class CirculateForm(BootstrapFormMixin, forms.Form):
    comments_close_on = forms.DateField(label=_("Görüş son günü"), required=False, widget=_date())


class CorrectionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Düzeltmenin nedeni"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Yanıt"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RsvpForm(BootstrapFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Katılacak mısınız?"),
        choices=[
            (Rsvp.YES, _("Katılacağım")),
            (Rsvp.NO, _("Katılamayacağım")),
            (Rsvp.MAYBE, _("Henüz bilmiyorum")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Not (isteğe bağlı)"), max_length=300, required=False)


class CommentForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Görüşünüz"),
        min_length=3,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
