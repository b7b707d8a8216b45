"""Public consultations: contributions in the open period only (honeypot, rate limit,
consent), the self-description, moderation, reasoned answers after closing, the final
text linking back, the report, personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kopru.consultations import personal_data, selectors, services
from kopru.consultations.models import AuthorKind, Contribution, Moderation, Outcome, Phase
from kopru.consultations.permissions import access_consultation, access_contribution
from kopru.consultations.tokens import make_token
from kopru.core.errors import ApplicationError
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.geo.models import District

from .factories import ConsultationFactory, ContributionFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def _post(section: Any, **extra: Any) -> dict[str, Any]:
    return {
        "body": "Gençlik meclisi kırsal mahallelerde de toplanmalı, ulaşım desteği verilmeli.",
        "author_name": "Elif",
        "email": "elif@example.org",
        "consent": "on",
        **extra,
    }


def _section_url(section: Any) -> str:
    return reverse(
        "public:consultations:section", kwargs={"office_slug": "balikesir", "pk": section.pk}
    )


def _close(consultation: Any) -> None:
    with unscoped("test"):
        type(consultation).objects.filter(pk=consultation.pk).update(
            closes_at=NOW() - dt.timedelta(minutes=1)
        )
    consultation.refresh_from_db()


def test_a_citizen_contributes_while_open_and_reads_the_private_link(
    client: Any, balikesir: Any
) -> None:
    section = SectionFactory(office=balikesir)
    district = District.objects.filter(province=balikesir.province).first()
    response = client.post(
        _section_url(section),
        _post(
            section,
            profile_consent="on",
            district=district.pk,
            age_group="18_29",
            priority_group="disadvantaged",
        ),
    )
    assert response.status_code == 302
    assert "/istisareler/katki/" in response["Location"]
    with unscoped("test"):
        contribution = Contribution.objects.get()
    assert contribution.author_kind == AuthorKind.PUBLIC
    assert contribution.consent_at is not None and "onay" in contribution.consent_text
    assert (contribution.district, contribution.priority_group) == (district, "disadvantaged")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Katkınız alındı" in page.content.decode()
    assert page["Cache-Control"].startswith("private, no-store")
    public = client.get(_section_url(section)).content.decode()
    assert "ulaşım desteği" in public and "elif@example.org" not in public


def test_self_description_is_kept_only_with_its_consent(client: Any, balikesir: Any) -> None:
    section = SectionFactory(office=balikesir)
    client.post(_section_url(section), _post(section, age_group="65_plus", priority_group="women"))
    with unscoped("test"):
        contribution = Contribution.objects.get()
    assert (contribution.age_group, contribution.priority_group, contribution.profile_consent) == (
        "",
        "",
        False,
    )


def test_a_contribution_after_closing_or_before_opening_is_refused(
    client: Any, balikesir: Any
) -> None:
    closed = ConsultationFactory(
        office=balikesir,
        opens_at=NOW() - dt.timedelta(days=30),
        closes_at=NOW() - dt.timedelta(hours=1),
    )
    section = SectionFactory(consultation=closed)
    response = client.post(_section_url(section), _post(section))
    assert response.status_code == 400
    assert "kapandı; artık katkı alınmıyor" in response.content.decode()
    upcoming = ConsultationFactory(
        office=balikesir,
        opens_at=NOW() + dt.timedelta(days=3),
        closes_at=NOW() + dt.timedelta(days=30),
    )
    with office_scope(balikesir), pytest.raises(ApplicationError) as exc:
        services.contribution_submit(
            consultation=upcoming,
            section=SectionFactory(consultation=upcoming),
            data=_post(None),
            actor=None,
            consent_text="x",
        )
    assert "açılacak" in exc.value.message
    with unscoped("test"):
        assert Contribution.objects.count() == 0


def test_honeypot_consent_and_rate_limit(client: Any, balikesir: Any) -> None:
    section = SectionFactory(office=balikesir)
    url = _section_url(section)
    assert client.post(url, _post(section, kp_website="http://spam")).status_code == 400
    no_consent = _post(section)
    del no_consent["consent"]
    assert client.post(url, no_consent).status_code == 400
    for _ in range(8):  # every attempt counts: 2 refused + 8 accepted = the limit of 10
        assert client.post(url, _post(section)).status_code == 302
    blocked = client.post(url, _post(section))
    assert blocked.status_code == 429 and blocked["Retry-After"]
    with unscoped("test"):
        assert Contribution.objects.count() == 8


def test_an_institution_member_contributes_for_their_organisation(
    client_for: Any, balikesir: Any, balikesir_member: Any
) -> None:
    section = SectionFactory(office=balikesir)
    client = client_for(balikesir_member)
    assert client.post(_section_url(section), _post(section)).status_code == 302
    with unscoped("test"):
        contribution = Contribution.objects.get()
    assert contribution.author_kind == AuthorKind.MEMBER
    assert contribution.organisation_id == balikesir_member.organisation_id
    assert contribution.user == balikesir_member


def test_answers_after_closing_final_text_links_back_and_report(
    client_for: Any, client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    section = SectionFactory(office=balikesir)
    consultation = section.consultation
    accepted = ContributionFactory(section=section, body="Ulaşım desteği eklenmeli.")
    refused = ContributionFactory(section=section, body="Meclis kaldırılsın.")
    spam = ContributionFactory(section=section, body="Reklam")
    staff = client_for(balikesir_expert)
    answer = reverse(
        "panel:consultations:answer", kwargs={"office_slug": "balikesir", "pk": accepted.pk}
    )
    staff.post(answer, {"outcome": "accepted", "answer_tr": "Ulaşım desteği eklendi."})
    accepted.refresh_from_db()
    assert accepted.outcome == ""  # still open: answers come after closing
    _close(consultation)
    with office_scope(balikesir), pytest.raises(ApplicationError):
        services.contribution_answer(
            contribution=refused,
            outcome=Outcome.NOT_ACCEPTED,
            answer_tr=" ",
            actor=balikesir_expert,
        )
    staff.post(answer, {"outcome": "accepted", "answer_tr": "Ulaşım desteği eklendi."})
    hide = reverse("panel:consultations:hide", kwargs={"office_slug": "balikesir", "pk": spam.pk})
    staff.post(hide, {"reason": "Reklam içeriği."})
    publish = reverse(
        "panel:consultations:publish_answers",
        kwargs={"office_slug": "balikesir", "pk": consultation.pk},
    )
    staff.post(publish)
    consultation.refresh_from_db()
    assert consultation.answers_published_at is None  # one visible contribution unanswered
    with office_scope(balikesir):
        services.contribution_answer(
            contribution=refused,
            outcome=Outcome.NOT_ACCEPTED,
            answer_tr="Meclisler il gençlik stratejisinin temelidir.",
            actor=balikesir_expert,
        )
        services.section_save(
            consultation=consultation,
            section=section,
            data={
                "final_tr": "Her ilçede meclis kurulur; kırsaldan gelenlere ulaşım desteği verilir."
            },
            actor=balikesir_expert,
        )
    staff.post(publish)
    consultation.refresh_from_db()
    assert consultation.phase() == Phase.ANSWERED
    detail = client.get(
        reverse(
            "public:consultations:detail",
            kwargs={"office_slug": "balikesir", "pk": consultation.pk},
        )
    ).content.decode()
    assert "ulaşım desteği verilir" in detail and f"#katki-{accepted.pk}" in detail
    section_page = client.get(_section_url(section)).content.decode()
    assert "Ulaşım desteği eklendi." in section_page and "Reklam" not in section_page
    link = reverse(
        "public:consultations:contribution",
        kwargs={"office_slug": "balikesir", "token": make_token(refused)},
    )
    assert "il gençlik stratejisinin temelidir" in client.get(link).content.decode()
    pdf = client.get(
        reverse(
            "public:consultations:report",
            kwargs={"office_slug": "balikesir", "pk": consultation.pk},
        )
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with office_scope(balikesir):
        figures = selectors.participation(consultation)
    assert figures["total"] == 3  # the hidden one is still counted


def test_report_is_public_only_once_answered(client: Any, balikesir: Any) -> None:
    consultation = SectionFactory(office=balikesir).consultation
    url = reverse(
        "public:consultations:report", kwargs={"office_slug": "balikesir", "pk": consultation.pk}
    )
    assert client.get(url).status_code == 404


def test_personal_data_found_and_erased_counts_kept(
    balikesir: Any, balikesir_coordinator: Any
) -> None:
    mine = ContributionFactory(
        office=balikesir, email="ali@example.org", email_key="ali@example.org"
    )
    ContributionFactory(
        section=mine.section, email="other@example.org", email_key="other@example.org"
    )
    old_link = make_token(mine)
    with office_scope(balikesir):
        found = personal_data.find("ALI@example.org")
        assert [f["contribution"] for f in found] == [mine.pk]
        assert personal_data.erase("ali@example.org", balikesir_coordinator) == 1
        assert personal_data.find("ali@example.org") == []
        assert selectors.participation(mine.consultation)["total"] == 2
    mine.refresh_from_db()
    assert mine.erased_at and mine.email == "" and "silindi" in mine.body
    assert make_token(mine) != old_link


def test_access_helpers(
    balikesir: Any, izmir: Any, balikesir_expert: Any, balikesir_member: Any
) -> None:
    mine = ContributionFactory(office=balikesir)
    other = ContributionFactory(office=izmir)
    with office_scope(balikesir):
        assert access_consultation(balikesir_expert, mine.consultation_id) == mine.consultation
        assert_one_404(
            lambda: access_consultation(balikesir_expert, MISSING),
            lambda: access_consultation(balikesir_expert, other.consultation_id),
            lambda: access_consultation(balikesir_member, mine.consultation_id),
            lambda: access_contribution(balikesir_expert, other.pk),
        )
    assert Moderation.VISIBLE == "visible"


def test_panel_pages_render(client_for: Any, balikesir: Any, balikesir_expert: Any) -> None:
    contribution = ContributionFactory(office=balikesir)
    client = client_for(balikesir_expert)
    kw = {"office_slug": "balikesir", "pk": contribution.consultation_id}
    for name in ("detail", "edit", "contributions"):
        assert client.get(reverse(f"panel:consultations:{name}", kwargs=kw)).status_code == 200
    assert (
        client.get(
            reverse("panel:consultations:list", kwargs={"office_slug": "balikesir"})
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("panel:consultations:contributions", kwargs=kw), {"bolum": "x"}
        ).status_code
        == 400
    )
    create = reverse("panel:consultations:create", kwargs={"office_slug": "balikesir"})
    bad = client.post(
        create,
        {"title_tr": "Taslak", "opens_at": "2026-05-02T10:00", "closes_at": "2026-05-01T10:00"},
    )
    assert bad.status_code == 400 and "Kapanış açılıştan sonra olmalı" in bad.content.decode()
    ok = client.post(
        create,
        {"title_tr": "Taslak", "opens_at": "2026-05-01T10:00", "closes_at": "2026-06-01T10:00"},
    )
    assert ok.status_code == 302


def test_api_lists_published_consultations_by_phase_and_contributions(
    client: Any, balikesir: Any
) -> None:
    open_one = SectionFactory(office=balikesir).consultation
    answered = ConsultationFactory(
        office=balikesir,
        opens_at=NOW() - dt.timedelta(days=40),
        closes_at=NOW() - dt.timedelta(days=10),
    )
    with unscoped("test"):
        type(answered).objects.filter(pk=answered.pk).update(answers_published_at=NOW())
    ConsultationFactory(office=balikesir, status="draft")
    with unscoped("test"):
        first = open_one.sections.first()
    ContributionFactory(section=first, email="gizli@example.org")
    listed = client.get("/api/v1/consultations/").json()
    assert {c["id"] for c in listed["results"]} == {open_one.pk, answered.pk}
    by_phase = client.get("/api/v1/consultations/", {"phase": "answered"}).json()
    assert [c["id"] for c in by_phase["results"]] == [answered.pk]
    assert client.get("/api/v1/consultations/", {"phase": "nope"}).status_code == 400
    contributions = client.get("/api/v1/consultation-contributions/", {"consultation": open_one.pk})
    assert contributions.status_code == 200
    assert "gizli@example.org" not in contributions.content.decode()
    assert contributions.json()["results"][0]["outcome"] == ""
