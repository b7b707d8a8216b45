from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import (
    BootstrapFormMixin,
    FormSection,
    HoneypotFormMixin,
    VersionedFormMixin,
)
from kopru.core.validation import check_email, normalise_phone
from kopru.core.zones import local_time_help
from kopru.geo.models import District

from .certificates import CODE_ALPHABET
from .models import Event, Registration, Session

DT_WIDGET = {"type": "datetime-local"}
DT_FORMAT = "%Y-%m-%dT%H:%M"


def _dt(**kw: Any) -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs=DT_WIDGET, format=DT_FORMAT, **kw)


KVKK_TEXT = _(
    "Kişisel verilerim (ad soyad, iletişim bilgileri, kurum, ilçe, yaş grubu ve öncelikli grup "
    "bilgisi) 6698 sayılı Kişisel Verilerin Korunması Kanunu uyarınca Valilik Avrupa Birliği ve "
    "Dış İlişkiler Bürosu tarafından bu etkinliğin düzenlenmesi, katılım belgesinin verilmesi ve "
    "anonim istatistik amacıyla işlenebilir. Verilerimin dökümünü ve silinmesini istediğim zaman "
    "talep edebilirim."
)


class EventForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    sections = (
        FormSection(
            "about",
            _("Etkinlik"),
            ("type", "title_tr", "title_en", "description_tr", "description_en", "language"),
        ),
        FormSection(
            "audience", _("Katılımcılar ve eğitmenler"), ("audience", "trainers", "capacity")
        ),
        FormSection(
            "registration",
            _("Kayıt ve katılım"),
            ("registration_opens", "registration_closes", "min_sessions", "status"),
        ),
    )

    class Meta:
        model = Event
        fields = [
            "type",
            "title_tr",
            "title_en",
            "description_tr",
            "description_en",
            "language",
            "audience",
            "trainers",
            "capacity",
            "registration_opens",
            "registration_closes",
            "min_sessions",
            "status",
        ]
        widgets = {
            "description_tr": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "registration_opens": _dt(),
            "registration_closes": _dt(),
        }
        help_texts = {
            "registration_opens": local_time_help(),
            "registration_closes": local_time_help(),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Kayıt bitişi başlangıcından sonra olmalı."))
        return data


class SessionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "place", "online_url"]
        widgets = {"starts_at": _dt(), "ends_at": _dt()}


class MaterialForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("Başlık"), max_length=200)
    file = forms.FileField(
        label=_("Dosya"),
        help_text=_("PDF, PPTX, DOCX, XLSX, ODT, ODP, ZIP, PNG, JPG; en çok 20 MB."),
    )


class PersonForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Registration
        fields = [
            "full_name",
            "email",
            "phone",
            "organisation_name",
            "organisation_type",
            "district",
            "age_group",
            "priority_group",
        ]
        widgets = {
            "email": forms.TextInput(attrs={"autocomplete": "email", "inputmode": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args: Any, office: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        if "district" in self.fields:
            # capfirst() would make "Ilçe" of "ilçe": Turkish needs the dotted capital.
            self.fields["district"].label = _("İlçe")
        if "district" in self.fields:
            district: Any = self.fields["district"]
            district.queryset = (
                District.objects.select_related("province")
                .filter(province=office.province)
                .order_by("name_sort")
            )
        self.fields["phone"].help_text = _("Örnek: 0532 123 45 67")

    def clean_email(self) -> str:
        return check_email(self.cleaned_data.get("email", ""))

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def _post_clean(self) -> None:  # the service validates the record; skip model checks
        pass

    def person_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in self.Meta.fields}


class PublicRegistrationForm(HoneypotFormMixin, PersonForm):
    consent = forms.BooleanField(label=KVKK_TEXT, required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["consent"].error_messages["required"] = _(
            "Kayıt için kişisel verilerin işlenmesine onay vermeniz gerekiyor."
        )


class WalkInForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = ["full_name", "email", "phone", "organisation_name", "organisation_type"]


class FeedbackForm(BootstrapFormMixin, forms.Form):
    SCALE = [(i, str(i)) for i in range(1, 6)]
    overall = forms.TypedChoiceField(
        label=_("Etkinlikten genel olarak ne kadar memnun kaldınız? (1 = hiç, 5 = çok)"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("Öğrendikleriniz işinize ne kadar yarayacak?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    trainer = forms.TypedChoiceField(
        label=_("Eğitmen(ler)i nasıl değerlendirirsiniz?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Görüş ve önerileriniz"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CertificateIssueForm(BootstrapFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Sertifika dili"), choices=[("tr", _("Türkçe")), ("en", _("İngilizce"))]
    )


class RevokeForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("İptal nedeni"), max_length=250)


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("XLSX dosyası"))

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not str(f.name).lower().endswith(".xlsx") or f.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("En çok 10 MB büyüklüğünde bir .xlsx dosyası seçin."))
        return f


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Ad soyad veya e-posta"), required=False)


class CertificateCodeForm(BootstrapFormMixin, forms.Form):
    """The code printed on a certificate, typed by hand: spaces, dashes and case forgiven."""

    kod = forms.CharField(
        label=_("Doğrulama kodu"),
        max_length=20,
        help_text=_("Sertifikanın altında yazan 10 karakterlik kod, örneğin ABCDE-23456."),
    )

    def clean_kod(self) -> str:
        raw = "".join(ch for ch in self.cleaned_data["kod"].upper() if ch.isalnum())
        if len(raw) != 10 or any(ch not in CODE_ALPHABET for ch in raw):
            raise forms.ValidationError(
                _("Kod 10 karakterdir: harfler ve 2–9 rakamları (0, 1, O ve I kullanılmaz).")
            )
        return f"{raw[:5]}-{raw[5:]}"
