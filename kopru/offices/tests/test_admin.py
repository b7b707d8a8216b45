import pytest

from kopru.core.models import AuditEntry
from kopru.geo.models import Province
from kopru.offices.models import Office

pytestmark = pytest.mark.django_db


def test_national_admin_creates_an_office_and_it_is_audited(client_for, national_admin):
    client = client_for(national_admin)
    response = client.post(
        "/admin/offices/office/add/",
        {
            "province": Province.objects.get(plate="06").pk,
            "slug": "ankara",
            "name_tr": "Ankara Valiliği Avrupa Birliği ve Dış İlişkiler Bürosu",
            "activity_areas": "[]",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    office = Office.objects.get(slug="ankara")
    entry = AuditEntry.objects.get(action="offices.office.created")
    assert entry.actor == national_admin and entry.object_id == str(office.pk)
    assert client.get("/ankara/").status_code == 200


def test_reserved_slugs_are_refused(client_for, national_admin):
    response = client_for(national_admin).post(
        "/admin/offices/office/add/",
        {
            "province": Province.objects.get(plate="06").pk,
            "slug": "hesap",
            "name_tr": "X",
            "activity_areas": "[]",
        },
    )
    assert response.status_code == 200
    assert not Office.objects.filter(slug="hesap").exists()


def test_office_staff_cannot_use_the_admin(client_for, balikesir_coordinator):
    response = client_for(balikesir_coordinator).get("/admin/offices/office/")
    assert response.status_code == 302
