"""The stories' forms: drafting from projects, the story itself, a quote."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, FormSection, VersionedFormMixin
from kopru.core.scoping import empty_queryset
from kopru.projects.models import Project

from . import selectors
from .models import Label, Story


class DraftForm(BootstrapFormMixin, forms.Form):
    projects = forms.ModelMultipleChoiceField(
        label=_("Projeler"),
        queryset=empty_queryset(Project),
        help_text=_("Hikâyenin anlattığı proje ya da projeler (onaylanmış ve sonrası)."),
    )
    label = forms.ChoiceField(
        label=_("Etiket"),
        choices=Label.choices,
        help_text=_("“Başarı hikâyesi” yalnız tamamlanmış projeler içindir."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = selectors.draftable_projects()  # type: ignore[attr-defined]


class StoryForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    sections = (
        FormSection(
            "about", _("Hikâye"), ("label", "title_tr", "title_en", "summary_tr", "summary_en")
        ),
        FormSection("narrative", _("Anlatı"), ("narrative_tr", "narrative_en")),
        FormSection("replication", _("Yaygınlaştırma"), ("replication_partners",)),
    )

    class Meta:
        model = Story
        fields = [
            "label",
            "title_tr",
            "title_en",
            "summary_tr",
            "summary_en",
            "narrative_tr",
            "narrative_en",
            "replication_partners",
        ]
        widgets = {
            "summary_tr": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
            "summary_en": forms.Textarea(attrs={"rows": 3, "maxlength": 600}),
            "narrative_tr": forms.Textarea(attrs={"rows": 12}),
            "narrative_en": forms.Textarea(attrs={"rows": 12}),
            "replication_partners": forms.Textarea(attrs={"rows": 4}),
        }


class QuoteForm(BootstrapFormMixin, forms.Form):
    text_tr = forms.CharField(
        label=_("Alıntı (Türkçe)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    text_en = forms.CharField(
        label=_("Alıntı (İngilizce)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    speaker_name = forms.CharField(label=_("Konuşan"), max_length=200)
    speaker_role = forms.CharField(label=_("Görevi / kim olduğu"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("Konuşan, sözlerinin adıyla yayımlanmasına açıkça rıza verdi."), required=True
    )
    consent_note = forms.CharField(
        label=_("Rızanın nasıl alındığı"),
        max_length=300,
        help_text=_("Örneğin: 12 Mart 2025 tarihli imzalı muvafakatname, proje dosyasında."),
    )
