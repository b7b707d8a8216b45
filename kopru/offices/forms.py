from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kopru.core.forms import BootstrapFormMixin, VersionedFormMixin

from .models import ActivityArea, Office


class OfficeForm(BootstrapFormMixin, VersionedFormMixin, forms.ModelForm):
    activity_areas = forms.MultipleChoiceField(
        label=_("Faaliyet alanları"),
        choices=ActivityArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Office
        fields = [
            "name_tr",
            "name_en",
            "founding_name",
            "founded_on",
            "description_tr",
            "description_en",
            "activity_areas",
            "is_eurodesk_point",
            "address",
            "phone",
            "email",
            "website",
            "opening_hours_tr",
            "opening_hours_en",
            "map_url",
            "kvkk_contact",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opening_hours_tr": forms.Textarea(attrs={"rows": 2}),
            "opening_hours_en": forms.Textarea(attrs={"rows": 2}),
        }
