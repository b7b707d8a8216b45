"""Forms of public consultations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, HoneypotFormMixin, VersionedFormMixin
from kopru.geo.models import District

from .models import AgeGroup, Consultation, Outcome, PriorityGroup

KVKK_TEXT = _(
    "Katkımın ve verdiğim bilgilerin bu istişarenin yürütülmesi, yanıtlanması ve raporlanması "
    "için işlenmesine onay veriyorum. Görünecek ad alanını boş bırakırsam katkım adsız "
    "yayımlanır; e-posta adresim yayımlanmaz."
)
PROFILE_TEXT = _(
    "İlçe, yaş grubu ve öncelikli grup bilgilerimin katılımın dağılımını göstermek için, "
    "adım olmadan, sayı olarak kullanılmasına onay veriyorum."
)

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ContributionForm(BootstrapFormMixin, HoneypotFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Katkınız"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bu bölümle ilgili önerinizi ya da görüşünüzü yazın (10–5000 karakter)."),
    )
    author_name = forms.CharField(
        label=_("Görünecek ad (isteğe bağlı)"),
        max_length=150,
        required=False,
        help_text=_("Boş bırakırsanız katkınız adsız görünür."),
    )
    email = forms.EmailField(
        label=_("E-posta (isteğe bağlı)"),
        required=False,
        help_text=_("Yanıt yayımlanınca haber vermek için; yayımlanmaz."),
    )
    profile_consent = forms.BooleanField(label=PROFILE_TEXT, required=False)
    district = forms.ModelChoiceField(
        label=_("İlçe"), queryset=District.objects.none(), required=False
    )
    age_group = forms.ChoiceField(
        label=_("Yaş grubu"), choices=[("", "—"), *AgeGroup.choices], required=False
    )
    priority_group = forms.ChoiceField(
        label=_("Kendinizi bu gruplardan birinde görüyor musunuz?"),
        choices=[("", "—"), *PriorityGroup.choices],
        required=False,
    )
    consent = forms.BooleanField(label=KVKK_TEXT)

    def __init__(self, *args: Any, province_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = District.objects.filter(province_id=province_id or 0).order_by("name_sort")
        field = self.fields["district"]
        field.queryset = districts  # type: ignore[attr-defined]
        # The options in one plain query, by the district's name alone: str() would read
        # the province once per option, and the model field's own iterator would open a
        # server-side cursor (three round trips on PostgreSQL) for twenty rows.
        field.choices = [("", "—"), *districts.values_list("pk", "name")]  # type: ignore[attr-defined]


class ConsultationForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Consultation
        fields = [
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "theme",
            "opens_at",
            "closes_at",
            "outcome_tr",
            "outcome_en",
        ]
        widgets = {
            "opens_at": LOCAL,
            "closes_at": LOCAL,
            "summary_tr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "outcome_tr": forms.Textarea(attrs={"rows": 3}),
            "outcome_en": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self) -> None:
        pass  # the service checks the consultation as a whole


class SectionForm(BootstrapFormMixin, forms.Form):
    number = forms.IntegerField(label=_("Bölüm sırası"), min_value=1, max_value=999)
    heading_tr = forms.CharField(label=_("Bölüm başlığı (Türkçe)"), max_length=300)
    heading_en = forms.CharField(
        label=_("Bölüm başlığı (İngilizce)"), max_length=300, required=False
    )
    body_tr = forms.CharField(
        label=_("Taslak metin (Türkçe)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    body_en = forms.CharField(
        label=_("Taslak metin (İngilizce)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    final_tr = forms.CharField(
        label=_("Son metin (Türkçe)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("İstişareden sonra; boşsa taslak metin değişmedi."),
    )
    final_en = forms.CharField(
        label=_("Son metin (İngilizce)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class AnswerForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Yanıt"), choices=Outcome.choices)
    answer_tr = forms.CharField(
        label=_("Gerekçe (Türkçe)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    answer_en = forms.CharField(
        label=_("Gerekçe (İngilizce)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )


class ModerationForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Gizleme gerekçesi"), max_length=300, required=False)
