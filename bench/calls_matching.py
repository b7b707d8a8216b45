"""Precision at 10 of call matching on a judgement set written from the real files.

    python bench/calls_matching.py

Uses the catalogue ``bench/calls_crosslang.py`` builds (``var/bench-crosslang.sqlite3``:
the real EU portal, Horizon Europe, development agency and AB Başkanlığı files through
the importer, plus the demo's Turkish calls; built on first use). Matching runs as on the
public page (``selectors.match_calls``) on 15 August 2026, the week the EU portal files
were captured, so that their open calls are open.

Each judgement below says whether a call (by its portal topic id / source id) is a good
match for a profile, and why, from the call's programme, type of action and text in the
real file. Precision at 10 is computed over the judged calls among each profile's first
ten results (unjudged calls are left out and counted apart: the set is incomplete, as
every judgement set is). Goal: at least 0.8.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from calls_crosslang import DB, build
from django.core.management import call_command

from kopru.calls import selectors
from kopru.core.scoping import public_scope, unscoped
from kopru.offices.models import Office

NOW = dt.datetime(2026, 8, 15, 9, 0, tzinfo=dt.UTC)

#: name → (org_type, sectors, target_groups)
PROFILES = {
    "municipality-environment": ("municipality", ["environment"], []),
    "ngo-women-social": ("ngo", ["social"], ["women", "disadvantaged"]),
    "school-education-youth": ("school", ["education", "youth"], ["youth", "students"]),
    "university-digital": ("university", ["digital"], ["researchers"]),
    "sme-digital-industry": ("sme", ["digital", "industry"], ["entrepreneurs"]),
}

# (profile, source id, relevant, why)
JUDGEMENTS: list[tuple[str, str, bool, str]] = [
    # A municipality working on the environment: LIFE standard action projects and
    # strategic projects are led by public authorities; CERV town twinning is for towns.
    (
        "municipality-environment",
        "LIFE-2026-SAP-NAT-NATURE",
        True,
        "LIFE SAP nature: municipalities lead",
    ),
    (
        "municipality-environment",
        "LIFE-2026-SAP-CLIMA-CCA",
        True,
        "LIFE SAP climate adaptation: local authorities' core task",
    ),
    (
        "municipality-environment",
        "LIFE-2026-SAP-CLIMA-CCM",
        True,
        "LIFE SAP mitigation: municipal climate plans",
    ),
    (
        "municipality-environment",
        "LIFE-2026-SAP-ENV-ENVIRONMENT",
        True,
        "LIFE SAP circular economy / zero pollution: waste, water services",
    ),
    (
        "municipality-environment",
        "LIFE-2026-SAP-CLIMA-GOV",
        True,
        "LIFE climate governance: public bodies lead",
    ),
    (
        "municipality-environment",
        "LIFE-2026-SAP-ENV-GOV",
        True,
        "LIFE environment governance: public bodies lead",
    ),
    ("municipality-environment", "LIFE-2026-SAP-NAT-GOV", True, "LIFE nature governance"),
    (
        "municipality-environment",
        "LIFE-2026-STRAT-CLIMA-SIP-two-stage",
        True,
        "strategic integrated projects: public authorities implement plans",
    ),
    (
        "municipality-environment",
        "LIFE-2026-STRAT-ENV-SIP-two-stage",
        True,
        "strategic integrated projects: public authorities",
    ),
    (
        "municipality-environment",
        "LIFE-2026-STRAT-NAT-SNAP-two-stage",
        True,
        "strategic nature projects: public authorities",
    ),
    (
        "municipality-environment",
        "LIFE-2026-TA-PP-CLIMA-SIP",
        True,
        "technical assistance to prepare a SIP: for the authority that will lead it",
    ),
    (
        "municipality-environment",
        "CERV-2026-CITIZENS-TOWN-TT",
        True,
        "town twinning: towns and municipalities apply",
    ),
    (
        "municipality-environment",
        "demo-izka-yesil-2026",
        True,
        "İZKA green transition programme: municipalities listed as applicants (demo example from the agency's programme)",
    ),
    ("municipality-environment", "demo-izka-yesil-2026-tr", True, "the same, Turkish-only copy"),
    (
        "municipality-environment",
        "RENEWFM-2026-INVEST-TECH-SPEC",
        True,
        "renewable energy financing mechanism: public project promoters, incl. local authorities",
    ),
    (
        "municipality-environment",
        "LIFE-2026-CET-POLICY",
        True,
        "LIFE clean energy transition policy: public authorities and energy agencies",
    ),
    (
        "municipality-environment",
        "ERASMUS-EDU-2026-PEX-COVE",
        False,
        "centres of vocational excellence: VET providers, not a municipality's environment work",
    ),
    (
        "municipality-environment",
        "HORIZON-CL6-2026-01-BIODIV-01",
        False,
        "RIA on insect decline: research consortia",
    ),
    (
        "municipality-environment",
        "HORIZON-CL5-2026-09-D2-01",
        False,
        "RIA battery-grade materials: industrial research",
    ),
    (
        "municipality-environment",
        "HORIZON-CL6-2026-01-CIRCBIO-11",
        False,
        "RIA marine organisms: research",
    ),
    (
        "municipality-environment",
        "HORIZON-CID-2026-01-01",
        False,
        "IA decarbonising energy-intensive industry: companies",
    ),
    (
        "municipality-environment",
        "HORIZON-CL5-2026-09-D3-03",
        False,
        "IA wind energy systems: industry",
    ),
    # An NGO working with women and disadvantaged groups on social inclusion.
    (
        "ngo-women-social",
        "CERV-2026-DAPHNE-PROTECTION",
        True,
        "Daphne: NGOs supporting victims of gender-based violence",
    ),
    (
        "ngo-women-social",
        "CERV-2026-DAPHNE-PREVENTION",
        True,
        "Daphne prevention: civil society organisations lead",
    ),
    (
        "ngo-women-social",
        "CERV-2026-DAPHNE-CONVENTION-DIR",
        True,
        "Istanbul Convention objectives: NGOs and public bodies",
    ),
    (
        "ngo-women-social",
        "CERV-2026-DAPHNE-REGRANTING",
        True,
        "intermediary civil society organisations re-granting",
    ),
    (
        "ngo-women-social",
        "demo-gmka-sosyal-2026-tr",
        True,
        "GMKA social development: NGOs eligible, disadvantaged groups",
    ),
    (
        "ngo-women-social",
        "CERV-2026-CITIZENS-TOWN-TT",
        False,
        "town twinning: towns and municipalities lead, not an NGO",
    ),
    (
        "ngo-women-social",
        "HORIZON-CL2-2026-01-DEMOCRACY-05",
        False,
        "research and innovation network on equality: research consortia",
    ),
    (
        "ngo-women-social",
        "PPPA-2026-SOCIAL-ECONOMY-TOURISM",
        True,
        "pilot project on the social economy: non-profit organisations lead",
    ),
    (
        "ngo-women-social",
        "PPPA-2026-YOUTH-SOCIAL-MEDIA-DESIGN",
        True,
        "inclusive social media pilot project: civil society organisations",
    ),
    (
        "ngo-women-social",
        "demo-gsb-genclik-2026",
        True,
        "youth projects programme: NGOs eligible, disadvantaged young people",
    ),
    ("ngo-women-social", "demo-gsb-genclik-2026-tr", True, "the same, Turkish-only copy"),
    (
        "ngo-women-social",
        "ERASMUS-EDU-2026-PEX-COVE",
        False,
        "vocational excellence: VET providers",
    ),
    (
        "ngo-women-social",
        "HORIZON-MISS-2026-02-CANCER-06",
        False,
        "research capacity building on cancer: research organisations",
    ),
    (
        "ngo-women-social",
        "ERASMUS-SPORT-2026-EU-AWARDS-INCLUSION",
        True,
        "#BeActive inclusion award: organisations working on inclusion through sport",
    ),
    (
        "ngo-women-social",
        "ESF-2026-AG-TCS",
        False,
        "transaction costs of social finance intermediaries: financial intermediaries",
    ),
    (
        "ngo-women-social",
        "HORIZON-MISS-2026-02-CANCER-05",
        False,
        "mission IA on cancer survivors: health research consortia",
    ),
    (
        "ngo-women-social",
        "HORIZON-CL5-2026-09-D4-01",
        False,
        "RIA on energy-poverty factors: research",
    ),
    (
        "ngo-women-social",
        "ESF-2026-POW",
        False,
        "posting of workers: administrative cooperation between authorities",
    ),
    # A school working on education and youth.
    (
        "school-education-youth",
        "ERASMUS-EDU-2026-PEX-COVE",
        True,
        "centres of vocational excellence: VET schools lead",
    ),
    (
        "school-education-youth",
        "ERASMUS-SPORT-2026-EU-AWARDS-PHYSICAL-ACTIVITY",
        True,
        "#BeActive award: schools and organisations promoting physical activity",
    ),
    (
        "school-education-youth",
        "ERASMUS-SPORT-2026-EU-AWARDS-GENERATIONS",
        True,
        "#BeActive award across generations: open to schools",
    ),
    (
        "school-education-youth",
        "ERASMUS-SPORT-2026-EU-AWARDS-INCLUSION",
        True,
        "#BeActive inclusion award: open to schools",
    ),
    (
        "school-education-youth",
        "ERASMUS-SPORT-2026-EU-AWARDS-VOLUNTEERING",
        True,
        "#BeActive volunteering award: youth volunteering in sport",
    ),
    (
        "school-education-youth",
        "ERASMUS-SPORT-2026-EU-AWARDS-PEACE",
        True,
        "#BeActive peace award: open to schools",
    ),
    (
        "school-education-youth",
        "HORIZON-JU-GH-EDCTP3-2026-03-SERP-01",
        False,
        "EDCTP3 research training networks: research institutions",
    ),
    (
        "school-education-youth",
        "HORIZON-JU-GH-EDCTP3-2026-03-DIGIT-02",
        False,
        "healthcare research in sub-Saharan Africa",
    ),
    (
        "school-education-youth",
        "LIFE-2026-CET-OSS",
        False,
        "energy one-stop-shops: public authorities and energy agencies",
    ),
    (
        "school-education-youth",
        "HORIZON-EURATOM-LS-2026-01-06",
        False,
        "nuclear energy technology platform",
    ),
    (
        "school-education-youth",
        "DIGITAL-2026-BESTUSE-10-NETWORKSICs",
        False,
        "Safer Internet Centres: national coordinators, not schools",
    ),
    (
        "school-education-youth",
        "HORIZON-CL4-2026-SPACE-03-32",
        False,
        "space demonstration missions: industry",
    ),
    # A university's digital research group.
    (
        "university-digital",
        "HORIZON-CL4-2026-SPACE-03-61",
        True,
        "RIA space data science: universities lead",
    ),
    (
        "university-digital",
        "HORIZON-CL3-2026-02-CS-ECCC-01",
        True,
        "RIA secure software/hardware development",
    ),
    (
        "university-digital",
        "HORIZON-CL3-2026-02-CS-ECCC-03",
        True,
        "RIA cryptography: academic research",
    ),
    (
        "university-digital",
        "HORIZON-JU-CHIPS-2026-3-RIA",
        True,
        "Chips JU RIA: universities and companies",
    ),
    ("university-digital", "HORIZON-MISS-2026-02-CANCER-01", True, "RIA virtual human twin models"),
    (
        "university-digital",
        "HORIZON-CL4-2026-SPACE-03-31",
        True,
        "RIA Earth observation digital enablers",
    ),
    (
        "university-digital",
        "HORIZON-HLTH-2026-02-DISEASE-12",
        False,
        "rare diseases partnership (co-fund of funding agencies): not digital research",
    ),
    (
        "university-digital",
        "HORIZON-MISS-2026-02-CANCER-05",
        False,
        "mental health of cancer survivors: clinical, not digital research",
    ),
    ("university-digital", "HORIZON-EURATOM-2026-01-04", False, "nuclear research user facility"),
    (
        "university-digital",
        "HORIZON-JU-GH-EDCTP3-2026-03-SERP-01",
        False,
        "research training networks in Africa: not digital",
    ),
    (
        "university-digital",
        "HORIZON-JU-GH-EDCTP3-2026-03-DIGIT-02",
        True,
        "digital health research integration: universities lead",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2026-SPACE-03-32",
        False,
        "EO demonstration missions: industry-led innovation action",
    ),
    (
        "university-digital",
        "HORIZON-WIDERA-2026-05-WIDENING-01",
        True,
        "ERA fellowships: universities of widening countries such as Türkiye host them",
    ),
    (
        "university-digital",
        "LIFE-2026-CET-DIGITAL",
        False,
        "digitalisation of distribution system operators: grid operators",
    ),
    (
        "university-digital",
        "CEF-T-2026-SIMOBGEN-NEWTECH-WORKS",
        False,
        "CEF transport works: infrastructure managers",
    ),
    # An SME in digital industry.
    (
        "sme-digital-industry",
        "HORIZON-CL3-2026-02-CS-ECCC-02",
        True,
        "IA AI robustness: companies lead innovation actions",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL5-2026-09-D4-03",
        True,
        "IA data platforms for building carbon: companies",
    ),
    (
        "sme-digital-industry",
        "HORIZON-EIC-2026-TRANSITIONOPEN",
        True,
        "EIC Transition: SMEs and spin-offs",
    ),
    ("sme-digital-industry", "HORIZON-CID-2026-01-02", True, "IA clean technologies: industry"),
    (
        "sme-digital-industry",
        "DIGITAL-2026-AI-DATA-10-COMPLIANCE",
        True,
        "Digital Europe: companies deploying data solutions",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL3-2026-02-CS-ECCC-01",
        True,
        "RIA security tools for software/hardware: SMEs take part and lead work",
    ),
    (
        "sme-digital-industry",
        "HORIZON-EURATOM-LS-2026-01-01",
        False,
        "nuclear power plant safety: research reactors, not digital industry",
    ),
    ("sme-digital-industry", "HORIZON-EURATOM-2026-01-01", False, "the same topic, 2026 call"),
    (
        "sme-digital-industry",
        "LIFE-2026-SAP-CLIMA-CCA",
        False,
        "climate adaptation: public authorities and NGOs",
    ),
    (
        "sme-digital-industry",
        "HORIZON-MISS-2026-05-SOIL-01",
        False,
        "soil health monitoring: research and land managers",
    ),
    (
        "sme-digital-industry",
        "HORIZON-WIDERA-2026-01-WIDENING-01",
        False,
        "teaming: research institutions",
    ),
    (
        "sme-digital-industry",
        "EDF-2026-LS-DIS-RA-SMERO-NT",
        True,
        "defence research actions reserved for SMEs",
    ),
    (
        "sme-digital-industry",
        "EDF-2026-LS-DA-SME-NT",
        True,
        "defence development actions reserved for SMEs",
    ),
    (
        "sme-digital-industry",
        "DIGITAL-2026-SKILLS-10-EDTECH",
        True,
        "EdTech accelerator: digital start-ups and SMEs",
    ),
    ("sme-digital-industry", "LIFE-2026-NGO-OG-SGA", False, "LIFE operating grants: NGOs only"),
    (
        "sme-digital-industry",
        "CERV-2026-DAPHNE-REGRANTING",
        False,
        "civil society re-granting: not companies",
    ),
]


def main() -> None:
    if not DB.exists():
        print("importing the real files…")
        build()
    call_command("migrate", verbosity=0)
    judged: dict[str, dict[str, bool]] = {}
    for profile, source_id, relevant, _why in JUDGEMENTS:
        judged.setdefault(profile, {})[source_id] = relevant
    print(
        f"{len(JUDGEMENTS)} judgements over {len(PROFILES)} profiles, matching on {NOW:%Y-%m-%d}\n"
    )
    with unscoped("bench: office"):
        office = Office.objects.get(slug="izmir")
    plate = office.province.plate
    precisions = []
    with mock.patch("django.utils.timezone.now", return_value=NOW), public_scope(None):
        for name, (org_type, sectors, targets) in PROFILES.items():
            results = selectors.match_calls(
                selectors.catalogue_base(office),
                org_type=org_type,
                sectors=sectors,
                target_groups=targets,
                plate=plate,
                office=office,
            )
            top = results[:10]
            marks = [judged[name].get(m.call.source_id) for m in top]
            hits = sum(1 for m in marks if m is True)
            known = sum(1 for m in marks if m is not None)
            precision = hits / known if known else 0.0
            precisions.append(precision)
            print(
                f"{name}: precision@10 {precision:.2f} ({hits}/{known} judged, {10 - known} unjudged)"
            )
            for m, mark in zip(top, marks, strict=True):
                flag = {True: "+", False: "-", None: "?"}[mark]
                note = f" [partner: {m.partner_note}]" if m.partner_note else ""
                print(
                    f"   {flag} {m.score:5.1f} {m.call.source_id[:40]:<42}{m.call.title[:60]}{note}"
                )
            print()
    mean = sum(precisions) / len(precisions)
    print(f"mean precision@10: {mean:.2f} (goal ≥ 0.80: {'met' if mean >= 0.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
