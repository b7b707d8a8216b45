"""Forms of the guidance desk: the public request, the staff's quick log, case actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.calls.models import Call
from kopru.core.forms import BootstrapFormMixin, HoneypotFormMixin, LookupSelect, VersionedFormMixin
from kopru.core.scoping import empty_queryset
from kopru.core.zones import local_time_help
from kopru.organisations.models import Organisation, OrganisationType
from kopru.projects.models import Project

from .models import STAFF_CHANNELS, Case, Outcome, Topic
from .selectors import assignable_staff

KVKK_TEXT = _(
    "Adımı, iletişim bilgilerimi ve talebimi, Valilik Avrupa Birliği ve Dış İlişkiler "
    "Bürosunun bana rehberlik ve danışmanlık hizmeti vermesi amacıyla işlemesine ve bu "
    "amaçla benimle iletişime geçmesine 6698 sayılı Kişisel Verilerin Korunması Kanunu "
    "uyarınca onay veriyorum. Verilerim yalnız bu ofisin personelince görülür; dilediğim "
    "zaman dökümünü isteyebilir ya da silinmesini talep edebilirim."
)
MESSAGE_MAX = 5000
PHONE = re.compile(r"^\+?[0-9 ()\-]{7,20}$")


def _check_phone(value: str) -> str:
    value = (value or "").strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(
            _("Telefon numarası yalnız rakam, boşluk, parantez, tire ve başta + içerebilir.")
        )
    return value


def _topic_choices() -> list[tuple[str, Any]]:
    return [("", _("Konu seçin…")), *Topic.choices]


class PublicRequestForm(HoneypotFormMixin, BootstrapFormMixin, forms.Form):
    requester_name = forms.CharField(label=_("Adınız soyadınız"), max_length=200)
    requester_email = forms.EmailField(
        label=_("E-posta adresiniz"),
        max_length=254,
        help_text=_(
            "Başvuru numaranızı ve talebinizi izleyeceğiniz bağlantıyı bu adrese göndeririz."
        ),
    )
    requester_phone = forms.CharField(
        label=_("Telefon (isteğe bağlı)"), max_length=30, required=False
    )
    requester_organisation_name = forms.CharField(
        label=_("Kurumunuz / kuruluşunuz (isteğe bağlı)"), max_length=250, required=False
    )
    requester_type = forms.ChoiceField(
        label=_("Kurum türü (isteğe bağlı)"),
        choices=[("", "—"), *OrganisationType.choices],
        required=False,
    )
    priority_group = forms.BooleanField(
        label=_(
            "Genç, genç girişimci, gençlik çalışanı ya da dezavantajlı bir gruptanım "
            "(ofisimiz bu başvurulara öncelik verir)"
        ),
        required=False,
    )
    topic = forms.ChoiceField(label=_("Konu"), choices=_topic_choices)
    subject = forms.CharField(label=_("Başlık"), max_length=200)
    message = forms.CharField(
        label=_("Sorunuz / talebiniz"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("En çok 5.000 karakter. Hangi çağrı ya da proje için sorduğunuzu yazın."),
    )
    consent = forms.BooleanField(label=KVKK_TEXT, required=True)

    def __init__(self, *args: Any, member: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].error_messages["required"] = _(
            "Talebinizi işleyebilmemiz için kişisel veri onayı gereklidir."
        )
        if member is not None:
            # A signed-in institution member: who they are is known.
            self.fields["requester_name"].initial = member.get_full_name() or member.username
            self.fields["requester_email"].initial = member.email
            if member.organisation_id:
                org = member.organisation
                self.fields["requester_organisation_name"].initial = org.name
                self.fields["requester_type"].initial = org.type

    def clean_requester_phone(self) -> str:
        return _check_phone(self.cleaned_data.get("requester_phone", ""))

    def clean_subject(self) -> str:
        value = self.cleaned_data["subject"].strip()
        if not value:
            raise forms.ValidationError(_("Başlık boş olamaz."))
        return value

    def clean_message(self) -> str:
        value = self.cleaned_data["message"].strip()
        if len(value) < 10:
            raise forms.ValidationError(_("Talebinizi en az birkaç sözcükle anlatın."))
        return value

    def case_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("consent", "kp_website")}
        return data


class RequesterMessageForm(HoneypotFormMixin, BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Mesajınız"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_body(self) -> str:
        value = self.cleaned_data["body"].strip()
        if not value:
            raise forms.ValidationError(_("Mesaj boş olamaz."))
        return value


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


def _lookup(form: forms.Form, field: str, office: Any, kind: str) -> None:
    widget = form.fields[field].widget
    if isinstance(widget, LookupSelect):
        widget.lookup_url = reverse(
            "panel:guidance:lookup", kwargs={"office_slug": office.slug, "kind": kind}
        )


def _scoped_querysets(form: forms.Form, office: Any) -> None:
    for name, model, kind in (
        ("organisation", Organisation, "kurum"),
        ("call", Call, "cagri"),
        ("project", Project, "proje"),
    ):
        if name in form.fields:
            field: Any = form.fields[name]
            field.queryset = model.objects.all()
            _lookup(form, name, office, kind)


class CaseLogForm(BootstrapFormMixin, forms.Form):
    """The short form staff fill in after a visit or a call."""

    channel = forms.ChoiceField(
        label=_("Kanal"),
        choices=[(c.value, c.label) for c in STAFF_CHANNELS],
        widget=forms.RadioSelect,
        initial="phone",
    )
    topic = forms.ChoiceField(label=_("Konu"), choices=_topic_choices)
    subject = forms.CharField(label=_("Başlık"), max_length=200)
    requester_name = forms.CharField(
        label=_("Talep sahibi"),
        max_length=200,
        required=False,
        help_text=_("Talep sahibinin adı ya da kurumu: ikisinden biri zorunludur."),
    )
    requester_organisation_name = forms.CharField(
        label=_("Kurumu"),
        max_length=250,
        required=False,
        help_text=_("Ad yazılmadıysa zorunlu."),
    )
    requester_email = forms.EmailField(label=_("E-posta"), max_length=254, required=False)
    requester_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    advice = forms.CharField(
        label=_("Verilen bilgi / notlar"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answered_now = forms.BooleanField(
        label=_("Görüşmede yanıtlandı (ilk yanıt bu görüşmedir)"), required=False, initial=True
    )
    follow_up_on = forms.DateField(
        label=_("Takip tarihi"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    assigned_to = StaffChoiceField(label=_("Sorumlu uzman"), queryset=None, required=False)
    notify_requester = forms.BooleanField(
        label=_("Talep sahibine başvuru numarasını ve izleme bağlantısını e-postayla gönder"),
        required=False,
    )
    opened_at = forms.DateTimeField(
        label=_("Görüşme zamanı (boşsa şimdi)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=local_time_help(),
    )

    def __init__(self, *args: Any, office: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        staff = assignable_staff(office)
        field: Any = self.fields["assigned_to"]
        field.queryset = get_user_model().objects.filter(pk__in=[u.pk for u in staff])
        if not self.is_bound and any(u.pk == user.pk for u in staff):
            self.initial["assigned_to"] = user.pk

    def clean_requester_phone(self) -> str:
        return _check_phone(self.cleaned_data.get("requester_phone", ""))

    def clean_opened_at(self) -> Any:
        value = self.cleaned_data.get("opened_at")
        if value and value > timezone.now():
            raise forms.ValidationError(_("Görüşme zamanı gelecekte olamaz."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("notify_requester") and not data.get("requester_email"):
            self.add_error(
                "requester_email", _("Bağlantıyı gönderebilmek için e-posta adresi gerekli.")
            )
        if not data.get("requester_name") and not data.get("requester_organisation_name"):
            self.add_error("requester_name", _("Talep sahibinin adını ya da kurumunu yazın."))
        return data


def _record_field(model_path: str, label: Any) -> forms.ModelChoiceField:
    """A lookup field; its scoped queryset is set in the form's ``__init__``."""

    model = apps.get_model(model_path)
    return forms.ModelChoiceField(
        label=label, queryset=empty_queryset(model), required=False, widget=LookupSelect
    )


class CaseEditForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    organisation = _record_field("organisations.Organisation", _("Kurum kaydı"))
    call = _record_field("calls.Call", _("İlgili çağrı"))
    project = _record_field("projects.Project", _("İlgili proje"))

    class Meta:
        model = Case
        fields = [
            "topic",
            "subject",
            "requester_name",
            "requester_email",
            "requester_phone",
            "requester_organisation_name",
            "requester_type",
            "priority_group",
            "organisation",
            "call",
            "project",
        ]

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scoped_querysets(self, office)

    def clean_requester_phone(self) -> str:
        return _check_phone(self.cleaned_data.get("requester_phone", ""))


class ReplyForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Talep sahibine yanıt"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Talep sahibi bu yanıtı izleme sayfasında görür ve e-postayla alır."),
    )
    wait_for_requester = forms.BooleanField(
        label=_("Talep sahibinden bilgi ya da belge bekleniyor"), required=False
    )


class NoteForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=_("İç not (yalnız ofis personeli görür)"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(BootstrapFormMixin, forms.Form):
    assignee = StaffChoiceField(label=_("Sorumlu uzman"), queryset=None)

    def __init__(self, *args: Any, office: Any, user_model: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

        field: Any = self.fields["assignee"]
        field.queryset = user_model._default_manager.filter(
            pk__in=[u.pk for u in assignable_staff(office)]
        )


class FollowUpForm(BootstrapFormMixin, forms.Form):
    follow_up_on = forms.DateField(
        label=_("Sonraki takip tarihi"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Boş bırakılırsa takip tarihi kaldırılır."),
    )
    note = forms.CharField(label=_("Not"), max_length=2000, required=False)


class CloseForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Sonuç"), choices=[("", "—"), *Outcome.choices])
    note = forms.CharField(
        label=_("Sonuç notu (iç)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    project = _record_field("projects.Project", _("Ortaya çıkan proje (varsa)"))

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scoped_querysets(self, office)
