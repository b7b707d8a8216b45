"""The countries EU programmes work with: ISO 3166-1 codes with Turkish and English names.

The list covers the members, associated and candidate countries, the neighbourhood and
the Turkic states (partner searches, youth opportunities); ``ZZ`` ("another country")
is for a responder from elsewhere and is never a country a post seeks.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kopru.core.text import sort_key

OTHER = "ZZ"

COUNTRIES: dict[str, object] = {
    "AL": _("Arnavutluk"),
    "AM": _("Ermenistan"),
    "AT": _("Avusturya"),
    "AZ": _("Azerbaycan"),
    "BA": _("Bosna-Hersek"),
    "BE": _("Belçika"),
    "BG": _("Bulgaristan"),
    "CA": _("Kanada"),
    "CH": _("İsviçre"),
    "CY": _("Güney Kıbrıs Rum Yönetimi"),
    "CZ": _("Çekya"),
    "DE": _("Almanya"),
    "DK": _("Danimarka"),
    "DZ": _("Cezayir"),
    "EE": _("Estonya"),
    "EG": _("Mısır"),
    "ES": _("İspanya"),
    "FI": _("Finlandiya"),
    "FR": _("Fransa"),
    "GB": _("Birleşik Krallık"),
    "GE": _("Gürcistan"),
    "GR": _("Yunanistan"),
    "HR": _("Hırvatistan"),
    "HU": _("Macaristan"),
    "IE": _("İrlanda"),
    "IL": _("İsrail"),
    "IS": _("İzlanda"),
    "IT": _("İtalya"),
    "JO": _("Ürdün"),
    "JP": _("Japonya"),
    "KG": _("Kırgızistan"),
    "KR": _("Güney Kore"),
    "KZ": _("Kazakistan"),
    "LB": _("Lübnan"),
    "LI": _("Lihtenştayn"),
    "LT": _("Litvanya"),
    "LU": _("Lüksemburg"),
    "LV": _("Letonya"),
    "MA": _("Fas"),
    "MD": _("Moldova"),
    "ME": _("Karadağ"),
    "MK": _("Kuzey Makedonya"),
    "MT": _("Malta"),
    "NL": _("Hollanda"),
    "NO": _("Norveç"),
    "PL": _("Polonya"),
    "PS": _("Filistin"),
    "PT": _("Portekiz"),
    "RO": _("Romanya"),
    "RS": _("Sırbistan"),
    "SE": _("İsveç"),
    "SI": _("Slovenya"),
    "SK": _("Slovakya"),
    "TM": _("Türkmenistan"),
    "TN": _("Tunus"),
    "TR": _("Türkiye"),
    "UA": _("Ukrayna"),
    "US": _("Amerika Birleşik Devletleri"),
    "UZ": _("Özbekistan"),
    "XK": _("Kosova"),
}


def country_label(code: str) -> str:
    if code == OTHER:
        return str(_("Diğer ülke"))
    return str(COUNTRIES.get(code, code))


def country_choices(*, other: bool = False) -> list[tuple[str, str]]:
    """``[(code, name)]`` in the active language, in alphabetical order of the names."""
    choices = sorted(((c, str(n)) for c, n in COUNTRIES.items()), key=lambda c: sort_key(c[1]))
    if other:
        choices.append((OTHER, country_label(OTHER)))
    return choices
