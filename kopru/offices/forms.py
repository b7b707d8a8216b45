from __future__ import annotations

from typing import Any

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


class HomeLayoutForm(BootstrapFormMixin, VersionedFormMixin, forms.Form):
    """The public home's blocks: shown or not, their place (1 = first) and, where the
    block allows it, the items to feature. Fields per block: ``shown_<key>``,
    ``position_<key>``, ``featured_<key>``."""

    def __init__(self, *args: Any, office: Office, blocks: list[Any], **kwargs: Any) -> None:
        self.instance = office
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        self.candidates: dict[str, list[tuple[int, str]]] = {}
        for position, block in enumerate(blocks, start=1):
            self.fields[f"shown_{block.key}"] = forms.BooleanField(
                label=_("Ana sayfada göster"), required=False, initial=block.shown
            )
            self.fields[f"position_{block.key}"] = forms.IntegerField(
                label=_("Sırası (1 = en üstte)"),
                min_value=1,
                max_value=len(blocks),
                initial=position,
            )
            if block.section.featurable is not None:
                candidates = block.section.featurable(office)
                self.candidates[block.key] = candidates
                self.fields[f"featured_{block.key}"] = forms.TypedMultipleChoiceField(
                    label=_("Öne çıkanlar"),
                    coerce=int,
                    required=False,
                    choices=candidates,
                    initial=block.featured,
                    widget=forms.CheckboxSelectMultiple,
                )

    def rows(self) -> list[dict[str, Any]]:
        """Each block with its bound fields, for the template."""
        return [
            {
                "block": block,
                "shown": self[f"shown_{block.key}"],
                "position": self[f"position_{block.key}"],
                "featured": self[f"featured_{block.key}"]
                if f"featured_{block.key}" in self.fields
                else None,
            }
            for block in self.blocks
        ]

    def layout(self) -> list[dict[str, Any]]:
        """The layout to save: blocks by the chosen place (ties keep the current order)."""
        data = self.cleaned_data
        ordered = sorted(
            enumerate(self.blocks), key=lambda ib: (data[f"position_{ib[1].key}"], ib[0])
        )
        return [
            {
                "key": block.key,
                "shown": data[f"shown_{block.key}"],
                "featured": list(data.get(f"featured_{block.key}") or []),
            }
            for _index, block in ordered
        ]
