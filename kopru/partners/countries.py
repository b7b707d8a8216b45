"""The countries a partner search names (the list is :mod:`kopru.core.countries`)."""

from kopru.core.countries import COUNTRIES, OTHER, country_choices, country_label

__all__ = ["COUNTRIES", "OTHER", "country_choices", "country_label"]
