"""Stories: drafted from projects, labels and their rules, quotes with consent, the
public listing with facets, the project page's link, the story candidates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, public_scope
from kopru.geo.models import District
from kopru.projects.models import Stage
from kopru.projects.tests.factories import (
    IndicatorFactory,
    PartnerFactory,
    ProjectFactory,
)
from kopru.stories import selectors, services
from kopru.stories.models import Label, Quote, Story, StoryStatus
from kopru.stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def _completed(office: Any, **kw: Any) -> Any:
    project = ProjectFactory(
        office=office,
        stage=Stage.COMPLETED,
        stage_changed_at=timezone.now() - dt.timedelta(days=20),
        target_groups=["youth", "teachers"],
        sectors=["education"],
        **kw,
    )
    project.districts.set(District.objects.filter(province=office.province)[:2])
    PartnerFactory(project=project, name="Jugendwerk Köln", country="DE")
    IndicatorFactory(
        project=project,
        name="Eğitim alan genç",
        baseline=Decimal(0),
        target=Decimal(100),
        latest_value=Decimal(140),
    )
    return project


def test_a_draft_carries_the_projects_facts(balikesir: Any, balikesir_expert: Any) -> None:
    project = _completed(balikesir, programme="Erasmus+ KA2", grant_amount=Decimal("60000"))
    with office_scope(balikesir):
        story = services.story_draft(
            office=balikesir, projects=[project], label=Label.SUCCESS_STORY, actor=balikesir_expert
        )
    facts = story.facts
    assert facts["programmes"] == ["Erasmus+ KA2"]
    assert facts["funders"] == ["eu"]
    assert facts["grants"] == {"EUR": "60000.00"}
    assert facts["partners"] == [{"name": "Jugendwerk Köln", "country": "DE", "role": "partner"}]
    assert facts["countries"] == ["DE"]
    assert len(facts["districts"]) == 2
    assert facts["target_groups"] == ["youth", "teachers"]
    assert facts["priority_groups"] == ["youth"]
    assert facts["indicators"][0] == {
        "project": project.pk,
        "name": "Eğitim alan genç",
        "unit": "kişi",
        "baseline": "0.00",
        "actual": "140.00",
        "target": "100.00",
        "met": True,
    }
    assert facts["start"] == "2025-01-01" and facts["year"] == 2026
    assert story.status == StoryStatus.DRAFT and story.title_tr == project.title_tr
    assert " g:youth " in story.tags and story.programme == "Erasmus+ KA2"
    assert AuditEntry.objects.filter(action="stories.story.created").exists()


def test_success_story_only_for_completed_projects(balikesir: Any, balikesir_expert: Any) -> None:
    running = ProjectFactory(office=balikesir, stage=Stage.IN_IMPLEMENTATION)
    with office_scope(balikesir):
        story = services.story_draft(
            office=balikesir, projects=[running], label=Label.SUCCESS_STORY, actor=balikesir_expert
        )
        with pytest.raises(ApplicationError, match="tamamlanmış"):
            services.story_publish(story=story, actor=balikesir_expert)
        story.refresh_from_db()
        assert story.status == StoryStatus.DRAFT
        # As a good practice it may be published.
        story = services.story_update(
            story=story,
            data={"label": Label.GOOD_PRACTICE, "narrative_tr": "İki ilçede devam ediyor."},
            actor=balikesir_expert,
            expected_version=story.version,
        )
        story = services.story_publish(story=story, actor=balikesir_expert)
    assert story.status == StoryStatus.PUBLISHED and story.published_at


def test_multi_actor_pilot_names_the_partners(balikesir: Any, balikesir_expert: Any) -> None:
    project = _completed(balikesir)
    with office_scope(balikesir):
        story = services.story_draft(
            office=balikesir,
            projects=[project],
            label=Label.MULTI_ACTOR_PILOT,
            actor=balikesir_expert,
        )
        assert story.replication_partners == "Jugendwerk Köln (DE)"
        story = services.story_update(
            story=story,
            data={"replication_partners": ""},
            actor=balikesir_expert,
            expected_version=story.version,
        )
        with pytest.raises(ApplicationError, match="ortakları yazın"):
            services.story_publish(story=story, actor=balikesir_expert)


def test_a_story_without_a_narrative_is_not_published(
    balikesir: Any, balikesir_expert: Any
) -> None:
    project = _completed(balikesir, results_tr="")
    with office_scope(balikesir):
        story = services.story_draft(
            office=balikesir, projects=[project], label=Label.GOOD_PRACTICE, actor=balikesir_expert
        )
        with pytest.raises(ApplicationError, match="Hikâyeyi yazın"):
            services.story_publish(story=story, actor=balikesir_expert)


def test_another_offices_project_is_refused(
    balikesir: Any, izmir: Any, balikesir_expert: Any
) -> None:
    theirs = ProjectFactory(office=izmir)
    with pytest.raises(ApplicationError):
        services.story_draft(
            office=balikesir, projects=[theirs], label=Label.GOOD_PRACTICE, actor=balikesir_expert
        )


def test_a_quote_needs_the_speakers_consent(balikesir: Any, balikesir_expert: Any) -> None:
    story = StoryFactory(office=balikesir)
    data = {
        "text_tr": "Çok şey öğrendim.",
        "speaker_name": "Ayşe K.",
        "consent_note": "imzalı form",
    }
    with office_scope(balikesir):
        with pytest.raises(ApplicationError, match="rızası"):
            services.quote_add(story=story, data=data, consent=False, actor=balikesir_expert)
        with pytest.raises(ApplicationError, match="rızası"):
            services.quote_add(
                story=story,
                data={**data, "consent_note": " "},
                consent=True,
                actor=balikesir_expert,
            )
        quote = services.quote_add(story=story, data=data, consent=True, actor=balikesir_expert)
    assert quote.consent_at and quote.consent_note == "imzalı form"


def test_story_candidates(balikesir: Any) -> None:
    met = _completed(balikesir)
    missed = _completed(balikesir)
    IndicatorFactory(project=missed, baseline=0, target=Decimal(50), latest_value=Decimal(10))
    long_ago = _completed(balikesir)
    long_ago.stage_changed_at = timezone.now() - dt.timedelta(days=500)
    long_ago.save()
    told = _completed(balikesir)
    ProjectFactory(office=balikesir, stage=Stage.COMPLETED)  # no indicator at all
    with office_scope(balikesir):
        StoryFactory(office=balikesir).projects.set([told])
        assert [p.pk for p in selectors.story_candidates()] == [met.pk]


def _published(office: Any, label: str, programme: str, year: int, tags: str) -> Story:
    return StoryFactory(
        office=office,
        label=label,
        facts={
            "programmes": [programme],
            "year": year,
            "sectors": [t[2:] for t in tags.split() if t.startswith("s:")],
            "districts": [],
            "priority_groups": [t[2:] for t in tags.split() if t.startswith("g:")],
        },
    )


def test_public_listing_filters_and_counts(client: Any, balikesir: Any, izmir: Any) -> None:
    a = _published(balikesir, Label.GOOD_PRACTICE, "Erasmus+ KA2", 2025, "s:education g:youth")
    b = _published(balikesir, Label.SUCCESS_STORY, "IPA III", 2024, "s:agriculture")
    _published(izmir, Label.GOOD_PRACTICE, "Erasmus+ KA2", 2025, "s:education")
    StoryFactory(office=balikesir, status=StoryStatus.DRAFT)
    url = reverse("public:stories:list", kwargs={"office_slug": balikesir.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert [s.pk for s in page.context["page"]] == [b.pk, a.pk]
    page = client.get(url, {"etiket": "good_practice", "sektor": "education"})
    assert [s.pk for s in page.context["page"]] == [a.pk]
    facets = {f.key: {v.value: v.count for v in f.values} for f in page.context["facets"]}
    # Each facet counts with the other filters applied and its own left out.
    assert facets["etiket"] == {"good_practice": 1}
    assert facets["sektor"] == {"education": 1}
    assert facets["yil"] == {"2025": 1}
    assert facets["grup"] == {"youth": 1}
    assert client.get(url, {"grup": "youth"}).context["page"].paginator.count == 1
    assert client.get(url, {"yil": "abc"}).status_code == 400
    assert client.get(url, {"etiket": "nonsense"}).status_code == 400


def test_story_page_links_to_the_project_and_back(
    client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    project = _completed(balikesir, results_tr="Yüz kırk genç kodlama öğrendi.")
    hidden = _completed(balikesir, is_published=False)
    with office_scope(balikesir):
        story = services.story_draft(
            office=balikesir,
            projects=[project, hidden],
            label=Label.SUCCESS_STORY,
            actor=balikesir_expert,
        )
        services.quote_add(
            story=story,
            data={"text_tr": "Hayatım değişti.", "speaker_name": "Can", "consent_note": "form"},
            consent=True,
            actor=balikesir_expert,
        )
        services.story_publish(story=story, actor=balikesir_expert)
    page = client.get(
        reverse("public:stories:detail", kwargs={"office_slug": balikesir.slug, "pk": story.pk})
    )
    body = page.content.decode()
    project_url = reverse(
        "public:projects:detail", kwargs={"office_slug": balikesir.slug, "pk": project.pk}
    )
    hidden_url = reverse(
        "public:projects:detail", kwargs={"office_slug": balikesir.slug, "pk": hidden.pk}
    )
    assert project_url in body and hidden_url not in body
    assert "Hayatım değişti." in body and "Jugendwerk Köln" in body
    back = client.get(project_url).content.decode()
    assert (
        reverse("public:stories:detail", kwargs={"office_slug": balikesir.slug, "pk": story.pk})
        in back
    )


def test_a_draft_is_not_public(client: Any, balikesir: Any) -> None:
    story = StoryFactory(office=balikesir, status=StoryStatus.DRAFT)
    url = reverse("public:stories:detail", kwargs={"office_slug": balikesir.slug, "pk": story.pk})
    assert client.get(url).status_code == 404
    with public_scope(balikesir):
        assert not Quote.objects.filter(story=story).exists()


def test_expert_drafts_edits_and_publishes_through_the_panel(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    project = _completed(balikesir)
    client = client_for(balikesir_expert)
    slug = balikesir.slug
    listing = client.get(reverse("panel:stories:list", kwargs={"office_slug": slug}))
    assert project in listing.context["candidates"]
    response = client.post(
        reverse("panel:stories:create", kwargs={"office_slug": slug}),
        {"projects": [project.pk], "label": Label.SUCCESS_STORY},
    )
    with office_scope(balikesir):
        story = Story.objects.get()
    assert response.status_code == 302
    edit = reverse("panel:stories:edit", kwargs={"office_slug": slug, "pk": story.pk})
    response = client.post(
        edit,
        {
            "version": story.version,
            "label": Label.SUCCESS_STORY,
            "title_tr": "Köy okullarından kodlama şampiyonlarına",
            "narrative_tr": "Üç ilçede yüz kırk genç ilk uygulamasını yazdı.",
            "replication_partners": "",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("panel:stories:publish", kwargs={"office_slug": slug, "pk": story.pk})
    )
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert (
        client.get(
            reverse("panel:stories:publish", kwargs={"office_slug": slug, "pk": story.pk})
        ).status_code
        == 405
    )


def test_the_funder_is_a_code_shown_in_the_pages_language(client: Any, balikesir: Any) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kopru.stories.migrations.0003_funder_codes")
    old = {"programmes": ["IPA II", "Erasmus+"], "year": 2025, "sectors": [], "districts": []}
    drafted_tr = StoryFactory(
        office=balikesir,
        facts={**old, "funders": ["Avrupa Birliği (katılım öncesi mali yardım)", "Avrupa Birliği"]},
    )
    drafted_en = StoryFactory(office=balikesir, facts={**old, "funders": ["Development agency"]})
    untouched = StoryFactory(office=balikesir, facts={**old, "funders": ["Başka fon"]})
    migration.to_codes(apps, None)
    for story in (drafted_tr, drafted_en, untouched):
        story.refresh_from_db()
    assert drafted_tr.facts["funders"] == ["eu_pre_accession", "eu"]
    assert drafted_en.facts["funders"] == ["development_agency"]
    assert untouched.facts["funders"] == ["Başka fon"]  # an unknown name is left as it is
    path = reverse(
        "public:stories:detail", kwargs={"office_slug": balikesir.slug, "pk": drafted_tr.pk}
    )
    turkish = client.get(path).content.decode()
    english = client.get(f"/en{path}").content.decode()
    assert "Avrupa Birliği (katılım öncesi mali yardım), Avrupa Birliği" in turkish
    assert "European Union (pre-accession assistance), European Union" in english
    assert "eu_pre_accession" not in turkish + english
    migration.to_names(apps, None)
    drafted_en.refresh_from_db()
    assert drafted_en.facts["funders"] == ["Kalkınma ajansı"]
