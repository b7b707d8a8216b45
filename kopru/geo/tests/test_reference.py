import pytest

from kopru.core.text import sort_key
from kopru.geo.models import District, Province

pytestmark = pytest.mark.django_db


def test_81_provinces_and_973_districts_in_turkish_order():
    assert Province.objects.count() == 81
    assert District.objects.count() == 973
    names = list(Province.objects.values_list("name", flat=True))
    assert names == sorted(names, key=sort_key)
    assert names.index("Ağrı") < names.index("Aksaray")
    assert (
        names.index("Iğdır")
        < names.index("Isparta")
        < names.index("İstanbul")
        < names.index("İzmir")
    )
    assert Province.objects.get(plate="10").name == "Balıkesir"
    assert Province.objects.get(plate="10").districts.count() == 20
    assert Province.objects.get(plate="35").districts.count() == 30
    assert Province.objects.filter(name_search="izmir").exists()
