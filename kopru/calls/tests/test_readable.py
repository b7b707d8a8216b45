"""Readable calls: structure kept, glued words repaired, read more, language of parts,
and the experts' queue of Turkish summaries."""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import pytest

from kopru.calls.models import Call, CallFollow
from kopru.calls.richtext import repair_glued, to_safe_html
from kopru.core.scoping import unscoped

from .factories import PublishedCallFactory

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "eu-ft-calls-2026"


def test_glued_words_are_repaired_only_where_certain() -> None:
    assert repair_glued("processors,Demonstrators") == "processors, Demonstrators"
    assert repair_glued("the call.The scope") == "the call. The scope"
    for left_alone in (
        "todesign",
        "1,5 million",
        "the U.S. market",
        "e.g. AI",
        "https://a.eu/x.Html",
    ):
        assert repair_glued(left_alone) == left_alone
    html = to_safe_html('<p>see <a href="https://x.eu/A.Bc">here.Now</a></p>')
    assert 'href="https://x.eu/A.Bc"' in html and "here. Now" in html


def test_real_portal_texts_keep_paragraphs_and_lose_glue() -> None:
    path = DATA / "open.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is not bundled here (see shared/data/eu-ft-calls-2026/SOURCE.md)")
    from kopru.calls.importers import parse

    records = parse(path.read_bytes(), path.name).records
    summaries = [r.summary_en for r in records if r.summary_en]
    assert sum(s.count("<p>") >= 2 for s in summaries) > len(summaries) // 2
    glued = re.compile(r"[a-z][.,;][A-Z][a-z]")
    raw = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    assert glued.search(raw)  # the source has the pattern ...
    text_only = re.compile(r"<[^>]+>|https?://\S+|www\.\S+|\S+@\S+")
    left = [s for s in summaries if glued.search(html.unescape(text_only.sub(" ", s)))]
    assert left == []  # ... the imported summaries do not


@pytest.mark.django_db
def test_turkish_page_marks_its_english_block_and_reads_more(client, izmir) -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of the English description.</p>" for i in range(6))
    call = PublishedCallFactory(
        office=izmir,
        title_tr="",
        title_en="Cities for climate",
        summary_tr="",
        summary_en=paragraphs,
    )
    body = client.get(f"/izmir/cagrilar/{call.pk}/").content.decode()
    assert "İngilizce metin" in body
    assert 'class="call-summary" lang="en"' in body
    assert '<h1 class="h3" lang="en">' in body
    assert "Devamını oku" in body and body.index("Paragraph 1") < body.index(
        "Devamını oku"
    ) < body.index("Paragraph 5")
    english = client.get(f"/en/izmir/cagrilar/{call.pk}/").content.decode()
    assert "English text" not in english and 'class="call-summary" lang="en"' in english


@pytest.mark.django_db
def test_experts_queue_orders_by_reach_and_takes_a_summary(client_for, izmir_expert) -> None:
    office = izmir_expert.office
    quiet = PublishedCallFactory(
        office=office, title_en="Quiet", summary_tr="", applicant_types=["foreign"]
    )
    followed = PublishedCallFactory(
        office=office, title_en="Followed", summary_tr="", applicant_types=["foreign"]
    )
    PublishedCallFactory(office=office, title_en="Has Turkish", summary_tr="<p>Var.</p>")
    with unscoped("test"):
        for n in range(3):
            CallFollow._base_manager.create(
                office=office,
                call=followed,
                email=f"a{n}@example.org",
                confirmed_at=followed.created_at,
            )
    client = client_for(izmir_expert)
    page = client.get("/izmir/panel/cagrilar/ozet-kuyrugu/")
    rows = page.context["rows"]
    titles = [r.call.title_en for r in rows]
    assert titles[:2] == ["Followed", "Quiet"] and "Has Turkish" not in titles
    response = client.post(
        f"/izmir/panel/cagrilar/{quiet.pk}/turkce-ozet/",
        {"summary_tr": "Belediyeler için iklim hibesi."},
    )
    assert response.status_code == 302
    with unscoped("test"):
        assert "iklim hibesi" in Call._base_manager.get(pk=quiet.pk).summary_tr
    assert "Quiet" not in [
        r.call.title_en for r in client.get("/izmir/panel/cagrilar/ozet-kuyrugu/").context["rows"]
    ]
