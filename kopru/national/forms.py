"""The national view's picker: indicator, year and measure (a GET form; every value is
validated and a bad one answers the page with its message and status 400)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.statistics.indicators import AREAS

from .selectors import Measure
from .sources import NationalIndicator, indicators

FIRST_YEAR = 2004  # the first offices were founded in the mid-2000s
DEFAULT_INDICATOR = "funds_grant_eur"
MEASURES = [
    ("raw", _("Sayı")),
    ("per100k", _("100.000 kişi başına")),
]


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year, FIRST_YEAR - 1, -1)]


class MapForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Gösterge"))
    year = forms.TypedChoiceField(label=_("Yıl"), coerce=int)
    measure = forms.ChoiceField(
        label=_("Gösterim"), choices=MEASURES, widget=forms.RadioSelect, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.catalogue = indicators()
        indicator_field = self.fields["indicator"]
        year_field = self.fields["year"]
        assert isinstance(indicator_field, forms.ChoiceField)
        assert isinstance(year_field, forms.ChoiceField)
        indicator_field.choices = [
            (AREAS[area], [(n, i.label) for n, i in self.catalogue.items() if i.area == area])
            for area in AREAS
            if any(i.area == area for i in self.catalogue.values())
        ]
        year_field.choices = year_choices()
        self.fields["indicator"].error_messages["invalid_choice"] = _(
            "Böyle bir gösterge yok: %(value)s."
        )
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Yıl %(first)s ile %(last)s arasında olmalı."
        ) % {"first": FIRST_YEAR, "last": timezone.localdate().year}

    @classmethod
    def from_query(cls, params: Any) -> MapForm:
        """The form bound to the query, with the defaults for what it does not name."""
        data = {
            "indicator": params.get("indicator") or DEFAULT_INDICATOR,
            "year": params.get("year") or str(timezone.localdate().year),
            "measure": params.get("measure") or "raw",
        }
        return cls(data)

    def chosen(self) -> tuple[NationalIndicator, int, Measure]:
        """(indicator, year, measure) of a valid form; a rate or a median is shown raw."""
        indicator = self.catalogue[self.cleaned_data["indicator"]]
        measure: Measure = "per100k" if self.cleaned_data["measure"] == "per100k" else "raw"
        if not indicator.per_capita:
            measure = "raw"
        return indicator, self.cleaned_data["year"], measure
