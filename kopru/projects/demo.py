"""Demo projects: a living inventory for both offices, at every stage of the cycle.

The projects are invented (marked ``is_demo``) and owned by the demo organisations;
some run late (overdue reports, activities behind plan) so the monitoring list has
something to show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kopru.core.demodata import DemoContext
from kopru.geo.models import District

from .models import (
    Activity,
    Indicator,
    IndicatorValue,
    Milestone,
    MonitoringVisit,
    Objective,
    ObjectiveLevel,
    Partner,
    Project,
    ReportDeadline,
    Stage,
    StageChange,
)

ORDER = 45

# The path through the cycle that leads to each stage.
PATHS: dict[str, list[str]] = {
    Stage.IDEA: [Stage.IDEA],
    Stage.IN_PREPARATION: [Stage.IDEA, Stage.IN_PREPARATION],
    Stage.SUBMITTED: [Stage.IDEA, Stage.IN_PREPARATION, Stage.SUBMITTED],
    Stage.APPROVED: [Stage.IN_PREPARATION, Stage.SUBMITTED, Stage.APPROVED],
    Stage.REJECTED: [Stage.IN_PREPARATION, Stage.SUBMITTED, Stage.REJECTED],
    Stage.RESERVE: [Stage.IN_PREPARATION, Stage.SUBMITTED, Stage.RESERVE],
    Stage.IN_IMPLEMENTATION: [
        Stage.IN_PREPARATION,
        Stage.SUBMITTED,
        Stage.APPROVED,
        Stage.IN_IMPLEMENTATION,
    ],
    Stage.COMPLETED: [
        Stage.IN_PREPARATION,
        Stage.SUBMITTED,
        Stage.APPROVED,
        Stage.IN_IMPLEMENTATION,
        Stage.COMPLETED,
    ],
    Stage.CLOSED: [
        Stage.SUBMITTED,
        Stage.APPROVED,
        Stage.IN_IMPLEMENTATION,
        Stage.COMPLETED,
        Stage.CLOSED,
    ],
    Stage.WITHDRAWN: [Stage.IDEA, Stage.IN_PREPARATION, Stage.WITHDRAWN],
}

# key, org key, acronym, title_tr, title_en, programme, stage, start offset (months from
# today), months, grant EUR, districts, sectors, target groups, risky
Row = tuple[str, str, str, str, str, str, str, int, int, int, list[str], list[str], list[str], bool]
PROJECTS: dict[str, list[Row]] = {
    "balikesir": [
        (
            "b01",
            "gsim",
            "GENÇ-DİJİTAL",
            "Kırsalda Gençler için Dijital Beceriler",
            "Digital Skills for Rural Youth",
            "Erasmus+ KA2",
            Stage.IN_IMPLEMENTATION,
            -10,
            24,
            250000,
            ["Kepsut", "Bigadiç"],
            ["youth", "digital"],
            ["youth", "disadvantaged"],
            True,
        ),
        (
            "b02",
            "bbb",
            "ZEYTİN-SU",
            "Körfez Zeytinliklerinde Akıllı Sulama",
            "Smart Irrigation in Gulf Olive Groves",
            "IPA III Tarım",
            Stage.IN_IMPLEMENTATION,
            -6,
            30,
            480000,
            ["Edremit", "Ayvalık"],
            ["agriculture", "environment"],
            ["farmers"],
            False,
        ),
        (
            "b03",
            "bau",
            "MARMARA-İKLİM",
            "Güney Marmara İklim Uyum Eylem Planı",
            "South Marmara Climate Adaptation Plan",
            "Horizon Europe",
            Stage.APPROVED,
            2,
            36,
            900000,
            ["Altıeylül", "Karesi"],
            ["environment", "research"],
            ["public_staff"],
            False,
        ),
        (
            "b04",
            "bandirma-bel",
            "LİMAN-GENÇ",
            "Bandırma Limanında Genç Girişimciler",
            "Young Entrepreneurs at Bandırma Port",
            "GMKA Mali Destek",
            Stage.SUBMITTED,
            4,
            12,
            90000,
            ["Bandırma"],
            ["industry"],
            ["young_entrepreneurs", "youth"],
            False,
        ),
        (
            "b05",
            "mem",
            "OKUL-KAPSA",
            "Kapsayıcı Okullar Ağı",
            "Inclusive Schools Network",
            "Erasmus+ KA1",
            Stage.COMPLETED,
            -30,
            24,
            60000,
            ["Karesi", "Susurluk"],
            ["education", "social"],
            ["students", "teachers", "disadvantaged"],
            False,
        ),
        (
            "b06",
            "edremit-bel",
            "KAZDAĞI-TUR",
            "Kazdağları Doğa Turizmi Rotaları",
            "Kazdağları Nature Tourism Routes",
            "Interreg IPA CBC",
            Stage.REJECTED,
            -3,
            24,
            300000,
            ["Edremit"],
            ["culture", "tourism"],
            ["entrepreneurs"],
            False,
        ),
        (
            "b07",
            "bto",
            "İHRACAT-KOBİ",
            "KOBİ'ler için Dış Ticaret Akademisi",
            "Export Academy for SMEs",
            "COSME",
            Stage.RESERVE,
            3,
            18,
            150000,
            ["Karesi"],
            ["industry"],
            ["entrepreneurs"],
            False,
        ),
        (
            "b08",
            "genc-gir",
            "",
            "Genç Çiftçi Kooperatif Fikri",
            "Young Farmers Cooperative Idea",
            "",
            Stage.IDEA,
            9,
            12,
            0,
            ["Kepsut"],
            ["agriculture"],
            ["young_entrepreneurs"],
            False,
        ),
        (
            "b09",
            "susurluk-koop",
            "SÜT-KALİTE",
            "Süt Kalitesinde Ortak Laboratuvar",
            "Shared Dairy Quality Lab",
            "IPARD III",
            Stage.IN_PREPARATION,
            6,
            24,
            200000,
            ["Susurluk"],
            ["agriculture"],
            ["farmers"],
            False,
        ),
        (
            "b10",
            "valilik",
            "AFET-HAZIR",
            "İlçelerde Afete Hazır Gençlik",
            "Disaster-Ready Youth in Districts",
            "CERV",
            Stage.CLOSED,
            -48,
            18,
            120000,
            ["Karesi", "Gönen"],
            ["disaster", "youth"],
            ["youth", "youth_workers"],
            False,
        ),
        (
            "b11",
            "ayvalik-mtal",
            "DENİZ-MESLEK",
            "Denizcilik Mesleklerinde Staj Hareketliliği",
            "Maritime Vocational Mobility",
            "Erasmus+ KA1",
            Stage.WITHDRAWN,
            1,
            12,
            45000,
            ["Ayvalık"],
            ["education"],
            ["students"],
            False,
        ),
        (
            "b12",
            "bandirma-uni",
            "HİDROJEN-M",
            "Yeşil Hidrojen Pilot Tesisi",
            "Green Hydrogen Pilot",
            "Horizon Europe",
            Stage.IN_IMPLEMENTATION,
            -18,
            36,
            1200000,
            ["Bandırma"],
            ["energy", "research"],
            ["researchers"],
            True,
        ),
    ],
    "izmir": [
        (
            "i01",
            "ibb",
            "KÖRFEZ-TEMİZ",
            "İzmir Körfezi Temiz Deniz Eylemi",
            "Clean Izmir Bay Action",
            "LIFE",
            Stage.IN_IMPLEMENTATION,
            -14,
            36,
            1500000,
            ["Karşıyaka", "Konak"],
            ["environment"],
            ["public_staff"],
            True,
        ),
        (
            "i02",
            "ege",
            "TARIM-YZ",
            "Tarımda Yapay Zekâ ile Verim Tahmini",
            "AI Yield Forecasting in Agriculture",
            "Horizon Europe",
            Stage.IN_IMPLEMENTATION,
            -8,
            36,
            2100000,
            ["Bornova", "Ödemiş"],
            ["agriculture", "research", "digital"],
            ["farmers", "researchers"],
            False,
        ),
        (
            "i03",
            "deu",
            "DEPREM-OKUL",
            "Okullarda Deprem Dayanıklılığı",
            "Earthquake Resilience in Schools",
            "IPA III",
            Stage.APPROVED,
            1,
            24,
            700000,
            ["Buca", "Bayraklı"],
            ["disaster", "education"],
            ["students", "children"],
            False,
        ),
        (
            "i04",
            "karsiyaka-bel",
            "GENÇ-MERKEZ",
            "Karşıyaka Gençlik Çalışanları Akademisi",
            "Karşıyaka Youth Workers Academy",
            "Erasmus+ KA2",
            Stage.SUBMITTED,
            5,
            18,
            180000,
            ["Karşıyaka"],
            ["youth"],
            ["youth_workers", "youth"],
            False,
        ),
        (
            "i05",
            "ikcu",
            "SAĞLIK-DİJ",
            "Yaşlılar için Uzaktan Sağlık",
            "Telehealth for the Elderly",
            "EU4Health",
            Stage.COMPLETED,
            -40,
            30,
            400000,
            ["Çiğli"],
            ["health", "digital"],
            ["elderly", "disadvantaged"],
            False,
        ),
        (
            "i06",
            "ito",
            "İHRACAT-YEŞİL",
            "Yeşil Mutabakat İhracat Uyumu",
            "Green Deal Export Compliance",
            "Single Market Programme",
            Stage.REJECTED,
            -2,
            18,
            250000,
            ["Konak"],
            ["industry", "environment"],
            ["entrepreneurs"],
            False,
        ),
        (
            "i07",
            "yasar",
            "TASARIM-GİR",
            "Tasarım Odaklı Genç Girişimcilik",
            "Design-Led Youth Entrepreneurship",
            "İZKA Mali Destek",
            Stage.RESERVE,
            3,
            12,
            75000,
            ["Bornova"],
            ["industry"],
            ["young_entrepreneurs"],
            False,
        ),
        (
            "i08",
            "bergama-bel",
            "",
            "Bergama Kültür Rotası Fikri",
            "Bergama Heritage Route Idea",
            "",
            Stage.IDEA,
            10,
            24,
            0,
            ["Bergama"],
            ["culture", "tourism"],
            ["entrepreneurs"],
            False,
        ),
        (
            "i09",
            "mem",
            "OKUL-İKLİM",
            "İklim Okuryazarı Okullar",
            "Climate-Literate Schools",
            "Erasmus+ KA2",
            Stage.IN_PREPARATION,
            7,
            24,
            250000,
            ["Konak", "Buca"],
            ["education", "environment"],
            ["students", "teachers"],
            False,
        ),
        (
            "i10",
            "izka",
            "MÜLTECİ-İŞ",
            "Göçmenler için Mesleki Beceri",
            "Vocational Skills for Migrants",
            "FRIT",
            Stage.CLOSED,
            -50,
            24,
            900000,
            ["Konak"],
            ["social"],
            ["migrants", "disadvantaged"],
            False,
        ),
        (
            "i11",
            "odemis-koop",
            "SÜT-ÖDEMİŞ",
            "Ödemiş Süt Soğutma Ağı",
            "Ödemiş Milk Cooling Network",
            "IPARD III",
            Stage.WITHDRAWN,
            2,
            12,
            120000,
            ["Ödemiş"],
            ["agriculture"],
            ["farmers"],
            False,
        ),
    ],
}

PARTNERS = [
    ("Universidad de Sevilla", "ES", "partner"),
    ("Stichting Jeugdwerk Utrecht", "NL", "partner"),
    ("Aristotle University of Thessaloniki", "GR", "associated"),
]


def _months(today: dt.date, months: int) -> dt.date:
    month = today.month - 1 + months
    year = today.year + month // 12
    return dt.date(year, month % 12 + 1, 1)


def _children(project: Project, today: dt.date, risky: bool, expert: Any) -> None:
    office = project.office
    for i, (name, country, role) in enumerate(PARTNERS[: 1 + project.pk % 3]):
        Partner.objects.create(
            office=office, project=project, name=name, country=country, role=role, position=i
        )
    overall = Objective.objects.create(
        office=office,
        project=project,
        level=ObjectiveLevel.OVERALL,
        position=0,
        text_tr=f"{project.title_tr} ile ilin kalkınmasına katkı sağlamak.",
        text_en=f"Contribute to the province's development through {project.title_en}.",
    )
    result = Objective.objects.create(
        office=office,
        project=project,
        level=ObjectiveLevel.RESULT,
        position=1,
        text_tr="Hedef gruba yönelik eğitim ve uygulama programı tamamlanmıştır.",
        text_en="The training and pilot programme for the target group is completed.",
    )
    if project.stage not in (Stage.APPROVED, Stage.IN_IMPLEMENTATION, Stage.COMPLETED):
        return
    start = project.start_date or today
    end = project.end_date or today
    indicator = Indicator.objects.create(
        office=office,
        project=project,
        objective=overall,
        name="Programdan yararlanan kişi",
        unit="kişi",
        baseline=Decimal("0"),
        target=Decimal("400"),
        target_date=end,
        means_of_verification="Katılım listeleri",
    )
    measured = min(today, end) - dt.timedelta(days=30)
    if measured > start:
        value = Decimal("40") if risky else Decimal("300")
        IndicatorValue.objects.create(
            office=office, project=project, indicator=indicator, measured_on=measured, value=value
        )
        elapsed = (measured - start).days / max((end - start).days, 1)
        expected = Decimal("400") * Decimal(str(round(elapsed, 4)))
        Indicator.objects.filter(pk=indicator.pk).update(
            latest_value=value, off_track=bool(expected and value / expected < Decimal("0.75"))
        )
    Activity.objects.create(
        office=office,
        project=project,
        result=result,
        title="Açılış ve ihtiyaç analizi",
        planned_start=start,
        planned_end=start + dt.timedelta(days=60),
        actual_start=start if start <= today else None,
        actual_end=start + dt.timedelta(days=70)
        if start + dt.timedelta(days=70) <= today
        else None,
    )
    Activity.objects.create(
        office=office,
        project=project,
        result=result,
        title="Eğitim programı",
        planned_start=start + dt.timedelta(days=90),
        planned_end=start + dt.timedelta(days=240),
        actual_start=None if risky else start + dt.timedelta(days=95),
        actual_end=None if risky else start + dt.timedelta(days=250),
    )
    Milestone.objects.create(
        office=office,
        project=project,
        title="Açılış toplantısı",
        due_date=start,
        done_on=start if start <= today else None,
    )
    ReportDeadline.objects.create(
        office=office,
        project=project,
        title="Ara rapor",
        due_date=start + dt.timedelta(days=180),
        received_on=None if risky else start + dt.timedelta(days=178),
    )
    ReportDeadline.objects.create(
        office=office,
        project=project,
        title="Nihai rapor",
        due_date=end + dt.timedelta(days=60),
        received_on=end + dt.timedelta(days=50) if end + dt.timedelta(days=50) < today else None,
    )
    if start < today:
        MonitoringVisit.objects.create(
            office=office,
            project=project,
            visited_on=min(today, start + dt.timedelta(days=120)),
            visitor=expert,
            findings="Faaliyetler plandan geride; ara rapor gecikiyor."
            if risky
            else "Faaliyetler plana uygun yürüyor.",
            follow_up_actions="Güncel iş planı istenecek." if risky else "",
            follow_up_due=today + dt.timedelta(days=14) if risky else None,
        )


def load(ctx: DemoContext) -> str:
    today = timezone.localdate()
    count = 0
    for slug, rows in PROJECTS.items():
        office = ctx.offices[slug]
        expert = ctx.users.get(f"{slug}.uzman")
        member = ctx.users.get(f"{slug}.kurum")
        for (
            key,
            org_key,
            acronym,
            title_tr,
            title_en,
            programme,
            stage,
            offset,
            months,
            grant,
            districts,
            sectors,
            groups,
            risky,
        ) in rows:
            start = _months(today, offset)
            end = _months(start, months) - dt.timedelta(days=1)
            owner = ctx.organisations[slug][org_key]
            project = Project.objects.filter(
                office=office, source="manual", source_id=f"demo-{key}"
            ).first()
            created = project is None
            if project is None:
                project = Project(office=office, source="manual", source_id=f"demo-{key}")
            project.owner = owner
            project.acronym = acronym
            project.title_tr, project.title_en = title_tr, title_en
            project.summary_tr = (
                f"{title_tr}: ilin önceliklerine uygun, ortaklarla yürütülen bir proje."
            )
            project.summary_en = (
                f"{title_en}: a partnership project in line with provincial priorities."
            )
            project.programme = programme
            project.stage = stage
            project.start_date, project.end_date, project.duration_months = start, end, months
            project.currency = "EUR"
            project.grant_amount = Decimal(grant) if grant else None
            project.total_cost = Decimal(grant) * Decimal("1.25") if grant else None
            project.cofinancing_amount = Decimal(grant) * Decimal("0.25") if grant else None
            project.exchange_rate = Decimal("37.5000") if grant else None
            project.exchange_rate_date = today.replace(day=1) if grant else None
            project.sectors, project.target_groups = sectors, groups
            project.is_published = stage not in (Stage.IDEA, Stage.IN_PREPARATION, Stage.WITHDRAWN)
            project.is_demo = True
            if owner.pk == getattr(member, "organisation_id", None):
                project.created_by = member
            path = PATHS[stage]
            first = dt.datetime.combine(
                min(start, today) - dt.timedelta(days=60 * len(path)), dt.time(9), tzinfo=dt.UTC
            )
            project.stage_changed_at = first + dt.timedelta(days=60 * (len(path) - 1))
            project.last_update_at = (
                timezone.now() - dt.timedelta(days=120) if risky else timezone.now()
            )
            project.refresh_derived()
            project.save()
            project.districts.set(
                District.objects.filter(province=office.province, name__in=districts)
            )
            if created:
                previous = ""
                for i, step in enumerate(path):
                    StageChange.objects.create(
                        office=office,
                        project=project,
                        from_stage=previous,
                        to_stage=step,
                        changed_at=first + dt.timedelta(days=60 * i),
                        changed_by=expert,
                    )
                    previous = step
                _children(project, today, risky, expert)
            count += 1
    return f"{count} projects"
