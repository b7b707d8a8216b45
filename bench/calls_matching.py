"""Precision at 10 of call matching on a judgement set written from the real files.

    python bench/calls_matching.py

Needs the real files of ``../shared/data`` (it says so and stops without them). Uses the
catalogue ``bench/calls_crosslang.py`` builds (``var/bench-crosslang.sqlite3``: the real EU
portal, Horizon Europe, development agency and AB Başkanlığı files through the importer,
plus the demo's Turkish calls; built on first use, about a minute). Matching runs as on
the public page (``selectors.match_calls``, the national who-applies table) on 15 August
2026, the week the EU portal files were captured, so that their open calls are open.

Each judgement below says whether a call (by its portal topic id / source id) is a good
match for a profile, and why, from the call's programme, type of action and text in the
real file. *Relevant* means: an organisation of the profile's type would apply to it (or
join it in the role the result shows: a result marked "joins as a partner" counts only
if partnering is a real opportunity for it), and the call's subject is the profile's
work. Every result in a profile's first ten is judged; precision at 10 is the share of
relevant results among all of them (a result without a judgement would count as not
relevant and is listed with "?"). A list shorter than ten is judged over what it shows.
Goal: at least 0.8 over the results of every profile together.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
if not (HERE.parent.parent / "shared" / "data" / "eu-ft-calls-2026").is_dir():
    print(
        "calls_matching: skipped — the real files are not there "
        f"({HERE.parent.parent / 'shared' / 'data'}); the judgements are about them."
    )
    sys.exit(0)
sys.path.insert(0, str(HERE))

from calls_crosslang import DB, build  # noqa: E402
from django.core.management import call_command  # noqa: E402

from kopru.calls import selectors  # noqa: E402
from kopru.core.scoping import public_scope, unscoped  # noqa: E402
from kopru.offices.models import Office  # noqa: E402

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
    # -- Every other result of each profile's first ten (and the next few, whose order
    # ties with them), judged from the topic's text in open.jsonl.gz.
    (
        "municipality-environment",
        "LIFE-2026-PLP-NAT-ENV",
        True,
        "LIFE projects on legislative and policy priorities, nature and circular economy: "
        "public authorities implementing EU environmental law lead",
    ),
    (
        "municipality-environment",
        "LIFE-2026-PLP-ENER-GOV",
        True,
        "multilevel climate and energy dialogue: local and regional authorities take part "
        "in the governance dialogue",
    ),
    (
        "municipality-environment",
        "LIFE-2026-TA-PP-ENV-SIP",
        True,
        "technical assistance to prepare an environment SIP: for the authority that will lead it",
    ),
    (
        "municipality-environment",
        "LIFE-2026-TA-PP-NAT-SNAP",
        True,
        "technical assistance to prepare a strategic nature project: public authorities",
    ),
    (
        "municipality-environment",
        "LIFE-2026-NGO-OG-FPA",
        False,
        "operating grants for non-profit organisations active in environment and climate: "
        "NGOs only",
    ),
    (
        "ngo-women-social",
        "ESF-2026-SE-INCUBATION",
        True,
        "inclusive incubation and finance for entrepreneurs from under-represented groups "
        "(women among them): incubators and social-inclusion organisations run it",
    ),
    (
        "ngo-women-social",
        "CERV-2026-CHAR-LITI-CHARTER",
        True,
        "awareness of the Charter of Fundamental Rights: civil society organisations lead, "
        "authorities join; equality and non-discrimination are the NGO's field",
    ),
    (
        "ngo-women-social",
        "CERV-2026-CHAR-LITI-CIVIC",
        False,
        "monitoring civic space and protecting human rights defenders: watchdog work, not "
        "an NGO's work with women and disadvantaged groups",
    ),
    (
        "ngo-women-social",
        "CERV-2026-DAPHNE-CHILDREN",
        False,
        "integrated child protection systems: child-rights organisations and child "
        "protection authorities, not a women's NGO",
    ),
    (
        "ngo-women-social",
        "DIGITAL-2026-BESTUSE-10-NETWORKSICs",
        False,
        "Safer Internet Centres: children's online safety, run by national coordinators",
    ),
    (
        "ngo-women-social",
        "HORIZON-WIDERA-2026-GENDER-Prize-01",
        False,
        "Gender Equality Champions: a prize for organisations that implemented a Horizon "
        "gender equality plan (research organisations, universities), not for work with women",
    ),
    (
        "ngo-women-social",
        "HORIZON-JU-EUROHPC-2026-NGC-04-01",
        False,
        "quantum sensors for navigation: nothing of the NGO's work",
    ),
    (
        "school-education-youth",
        "HORIZON-MSCA-2027-CITIZENS-01-01",
        True,
        "European Researchers' Night: research organisations run it, schools take part "
        "as partners (pupils and students are its audience)",
    ),
    (
        "school-education-youth",
        "DIGITAL-2026-SKILLS-10-EDTECH",
        False,
        "EdTech accelerator: an intermediary funds start-ups; schools at most host pilots",
    ),
    (
        "school-education-youth",
        "DIGITAL-2026-SKILLS-10-DIGITAL-HEALTH-STEP",
        False,
        "advanced digital skills for AI in health: higher education and VET providers",
    ),
    (
        "school-education-youth",
        "HORIZON-MISS-2026-02-CANCER-06",
        False,
        "cancer research capacity building with Ukraine: research organisations",
    ),
    (
        "school-education-youth",
        "HORIZON-HLTH-2027-03-TOOL-08",
        False,
        "artificial general intelligence for healthcare: research",
    ),
    (
        "school-education-youth",
        "54262",
        False,
        "civil society social entrepreneurship grants (AB Başkanlığı): for NGOs",
    ),
    (
        "school-education-youth",
        "54138",
        False,
        "PACE project grant announcement: the title alone says nothing of schools",
    ),
    (
        "university-digital",
        "HORIZON-JU-CHIPS-2026-SDV-CSA",
        False,
        "coordinating the European software-defined vehicle platform: an industry agenda "
        "for car makers and suppliers",
    ),
    (
        "university-digital",
        "DIGITAL-2026-SKILLS-10-NATIONAL-COALITIONS",
        False,
        "connecting the national digital skills coalitions to the EU platform: the "
        "coalitions' national coordinators",
    ),
    (
        "university-digital",
        "DIGITAL-2026-SKILLS-10-DIGITAL-HEALTH-STEP",
        True,
        "training programmes in AI for health designed by higher education institutions "
        "with VET providers and businesses",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-02-DIGITAL-EMERGING-52-two-stage",
        True,
        "RIA on human/AI collaboration at work: AI research, universities lead RIAs",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-04-DIGITAL-EMERGING-10",
        True,
        "foresight forum on future enabling digital technologies: academia with industry",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-04-DATA-03",
        True,
        "RIA on decentralised, federated AI data processing: computing research",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-04-DIGITAL-EMERGING-04",
        True,
        "RIA challenge-driven AI innovation booster: AI research groups",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-04-HUMAN-07",
        False,
        "engaging European experts in international digital standardisation: standards "
        "bodies and industry",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2027-SPACE-03-33",
        True,
        "digital enablers for collaborative Earth observation and satellite communication",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2026-SPACE-03-82",
        False,
        "GaN MMIC foundations for space: microwave electronics manufacturing, not digital",
    ),
    (
        "university-digital",
        "HORIZON-CL4-2026-SPACE-03-81",
        False,
        "radiation-hard FPGA on 7 nm: semiconductor industry",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL3-2027-01-SSRI-01",
        True,
        "IA open to advanced SME innovation in security technologies: SMEs lead",
    ),
    (
        "sme-digital-industry",
        "demo-izka-yesil-2026",
        True,
        "İZKA green transition: SMEs listed as applicants, projects of İzmir's businesses "
        "(demo example from the agency's programme)",
    ),
    ("sme-digital-industry", "demo-izka-yesil-2026-tr", True, "the same, Turkish-only copy"),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-01-MAT-PROD-08",
        False,
        "textile materials and chemicals: the textile industry, not a digital SME",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-01-MAT-PROD-02",
        True,
        "IA advanced manufacturing technology and machinery: companies lead",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-04-DIGITAL-EMERGING-05",
        True,
        "IA integrating AI-driven robotics in industry: integrators and technology companies",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-04-DATA-09",
        False,
        "cooling and thermal engineering of AI data centres: hardware, not a digital SME",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-SPACE-03-12",
        True,
        "IA digital design and simulation tools for space transport: software companies",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL6-2026-01-CIRCBIO-01",
        False,
        "recyclable food packaging: the plastics and food value chain",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2026-SPACE-03-61",
        False,
        "scientific analysis of space data: scientific teams",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2026-SPACE-03-31",
        True,
        "digital building blocks for commercial Earth observation and satellite services",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-01-MAT-PROD-42",
        False,
        "a CSA unlocking academic assets for SMEs: technology transfer intermediaries apply",
    ),
    (
        "sme-digital-industry",
        "HORIZON-CL4-2027-01-MAT-PROD-47",
        False,
        "a CSA piloting access schemes to technology infrastructures: their operators apply",
    ),
]


def main() -> None:
    if not DB.exists():
        print("importing the real files…")
        build()
    call_command("migrate", verbosity=0)
    judged: dict[str, dict[str, bool]] = {}
    for profile, source_id, relevant, _why in JUDGEMENTS:
        assert profile in PROFILES, profile
        assert source_id not in judged.get(profile, {}), f"judged twice: {profile} {source_id}"
        judged.setdefault(profile, {})[source_id] = relevant
    print(
        f"{len(JUDGEMENTS)} judgements over {len(PROFILES)} profiles, matching on {NOW:%Y-%m-%d}\n"
    )
    with unscoped("bench: office"):
        office = Office.objects.get(slug="izmir")
    plate = office.province.plate
    precisions = []
    shown = relevant = unjudged = 0
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
            missing = sum(1 for m in marks if m is None)
            precision = hits / len(top) if top else 0.0
            precisions.append(precision)
            shown, relevant, unjudged = shown + len(top), relevant + hits, unjudged + missing
            print(
                f"{name}: precision@10 {precision:.2f} ({hits} relevant of {len(top)} shown"
                f"{f', {missing} not judged' if missing else ''}; {len(results)} matches)"
            )
            for m, mark in zip(top, marks, strict=True):
                flag = {True: "+", False: "-", None: "?"}[mark]
                note = f" [partner: {m.partner_note}]" if m.partner_note else ""
                print(
                    f"   {flag} {m.score:5.1f} {m.call.source_id[:40]:<42}{m.call.title[:60]}{note}"
                )
            print()
    overall = relevant / shown if shown else 0.0
    mean = sum(precisions) / len(precisions)
    print(
        f"precision@10 over all {shown} results of the first tens: {overall:.2f} "
        f"({relevant} relevant, {unjudged} not judged: counted as not relevant)"
    )
    print(f"mean of the profiles' precision@10: {mean:.2f}")
    print(f"goal ≥ 0.80 over all results: {'met' if overall >= 0.8 else 'NOT met'}")


if __name__ == "__main__":
    main()
