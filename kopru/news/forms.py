from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import (
    BootstrapFormMixin,
    FormSection,
    HoneypotFormMixin,
    ImageUploadForm,
    VersionedFormMixin,
)

from .models import DigestFrequency, NewsItem
from .services import clean_tags

DT_FORMAT = "%Y-%m-%dT%H:%M"


def _dt() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DT_FORMAT)


def _rich(rows: int = 10) -> forms.Textarea:
    # kopru/news/static/news/editor.js turns it into the editor; without JavaScript the
    # field stays a text area that accepts the same HTML (cleaned on the server).
    return forms.Textarea(attrs={"rows": rows, "data-rich-text": "1"})


class NewsForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    tags = forms.CharField(
        label=_("etiketler"),
        required=False,
        max_length=400,
        help_text=_("Virgülle ayırın (ör. Avrupa Günü, gençlik, Erasmus+)."),
    )

    sections = (
        FormSection(
            "about", _("Haber"), ("category", "title_tr", "title_en", "summary_tr", "summary_en")
        ),
        FormSection("body", _("Metin"), ("body_tr", "body_en")),
        FormSection("more", _("Etiketler ve süre"), ("tags", "expire_at")),
    )

    class Meta:
        model = NewsItem
        fields = [
            "category",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "body_tr",
            "body_en",
            "tags",
            "expire_at",
        ]
        widgets = {
            "summary_tr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_tr": _rich(),
            "body_en": _rich(),
            "expire_at": _dt(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(self.instance.tags or [])

    def clean_tags(self) -> list[str]:
        return clean_tags(self.cleaned_data.get("tags") or "")

    def changed_data_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class PublishForm(BootstrapFormMixin, forms.Form):
    publish_at = forms.DateTimeField(
        label=_("yayın zamanı"),
        required=False,
        widget=_dt(),
        input_formats=[DT_FORMAT, "%Y-%m-%d %H:%M"],
        help_text=_("Boş bırakılırsa hemen yayımlanır; ileri bir zaman haberi zamanlar."),
    )
    expire_at = forms.DateTimeField(
        label=_("yayından kalkma zamanı"),
        required=False,
        widget=_dt(),
        input_formats=[DT_FORMAT, "%Y-%m-%d %H:%M"],
    )


class NewsPhotoForm(ImageUploadForm):
    role = forms.ChoiceField(
        label=_("yeri"),
        choices=[("cover", _("kapak fotoğrafı")), ("gallery", _("galeri"))],
        initial="gallery",
    )


class ConsentForm(BootstrapFormMixin, forms.Form):
    has_people = forms.BooleanField(label=_("fotoğrafta tanınabilir kişiler var"), required=False)
    people_consent = forms.BooleanField(label=_("kişilerin rızası alındı"), required=False)
    consent_note = forms.CharField(label=_("rıza kaydı"), max_length=300, required=False)
    alt_tr = forms.CharField(label=_("alternatif metin (Türkçe)"), max_length=250)
    alt_en = forms.CharField(
        label=_("alternatif metin (İngilizce)"), max_length=250, required=False
    )


class AttachmentForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("belge adı"), max_length=200)
    file = forms.FileField(
        label=_("PDF dosyası"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


DIGEST_CONSENT_TEXT = _(
    "E-posta adresimin, seçtiğim konulardaki bülteni göndermek amacıyla bu ofis tarafından "
    "6698 sayılı KVKK uyarınca işlenmesini kabul ediyorum. Her bültendeki bağlantıyla "
    "istediğim an abonelikten çıkabilirim; o zaman adresim bülten için kullanılmaz."
)


class DigestForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-posta adresiniz"), max_length=254)
    topics = forms.MultipleChoiceField(
        label=_("Konular"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    frequency = forms.ChoiceField(
        label=_("Sıklık"),
        widget=forms.RadioSelect,
        choices=DigestFrequency.choices,
        initial=DigestFrequency.MONTHLY,
    )
    consent = forms.BooleanField(label=DIGEST_CONSENT_TEXT, required=True)

    def __init__(self, *args: Any, topics: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["topics"]
        field.choices = topics  # type: ignore[attr-defined]
        field.initial = [key for key, _label in topics]
