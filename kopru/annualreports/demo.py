"""Demo activity reports: last year's approved (frozen) and this year's draft, per demo
office, written as the offices write them (their staff and work from the seed texts)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kopru.core.demodata import DemoContext

from . import services
from .models import AnnualReport, ReportStatus

ORDER = 90

CAPACITY = {
    "balikesir": (
        "Büroda bir koordinatör ve dört proje uzmanı görev yapmaktadır. Uzmanlardan ikisi "
        "Proje Döngüsü Yönetimi eğiticisidir; biri Eurodesk temas noktası sorumlusudur.\n\n"
        "Güçlü yanlar: il genelindeki kamu kurumlarında kurulan proje ekipleri, üniversite ve "
        "kalkınma ajansıyla düzenli işbirliği.\n\n"
        "Gelişmeye açık alanlar: ilçelerdeki kurumlara ulaşım, İngilizce proje yazımında "
        "uzman sayısı.",
        "The office has one coordinator and four project experts. Two of the experts are "
        "Project Cycle Management trainers; one runs the Eurodesk contact point.\n\n"
        "Strengths: project teams set up in public bodies across the province, regular "
        "cooperation with the university and the development agency.\n\n"
        "To improve: reaching the institutions of the districts, the number of experts who "
        "write proposals in English.",
    ),
    "izmir": (
        "Büroda bir koordinatör ve bir proje uzmanı görev yapmaktadır. 2007'den bu yana "
        "düzenlenen eğitimlere 1.690 kişi katılmıştır; büro aynı zamanda Eurodesk temas "
        "noktasıdır.",
        "The office has one coordinator and one project expert. Since 2007, 1,690 people "
        "have taken part in its trainings; the office is also a Eurodesk contact point.",
    ),
}
PROPOSALS = (
    "İlçe kaymakamlıklarında proje ekiplerinin kurulması; hibe sonuçlarının kurumlardan "
    "düzenli toplanması; başarılı projelerin başarı hikâyesi olarak yayımlanması.",
    "Setting up project teams in the district governorships; collecting grant results from "
    "institutions regularly; publishing successful projects as success stories.",
)


def load(ctx: DemoContext) -> str:
    last_year = timezone.localdate().year - 1
    made = 0
    for slug, office in ctx.offices.items():
        coordinator = ctx.users.get(f"{slug}.koordinator")
        if coordinator is None:
            continue
        for year, approve in ((last_year, True), (last_year + 1, False)):
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            if AnnualReport.objects.filter(
                office=office, period_start=start, period_end=end
            ).exists():
                continue
            report = services.report_create(
                office=office, actor=coordinator, period_start=start, period_end=end
            )
            capacity_tr, capacity_en = CAPACITY.get(slug, CAPACITY["izmir"])
            report = services.report_update(
                report=report,
                data={
                    "capacity_tr": capacity_tr,
                    "capacity_en": capacity_en,
                    "proposals_tr": PROPOSALS[0],
                    "proposals_en": PROPOSALS[1],
                },
                actor=coordinator,
                expected_version=report.version,
            )
            if approve:
                services.report_approve(report=report, actor=coordinator)
            made += 1
    approved = AnnualReport.objects.filter(status=ReportStatus.APPROVED).count()
    return f"{made} activity reports ({approved} approved)"
