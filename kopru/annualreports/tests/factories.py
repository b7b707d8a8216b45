from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory

from ..models import AnnualReport, ReportFile


class AnnualReportFactory(KopruFactory):
    class Meta:
        model = AnnualReport

    office = factory.SubFactory(OfficeFactory)
    # one live report per office and period: each factory report gets its own year
    period_start = factory.Sequence(lambda n: dt.date(2025 - n, 1, 1))
    period_end = factory.LazyAttribute(lambda o: dt.date(o.period_start.year, 12, 31))
    general_tr = "Ofis 2010 yılında kuruldu."
    goals_tr = "Kamu kurumlarının AB projelerini tek elden koordine etmek."


class ReportFileFactory(KopruFactory):
    class Meta:
        model = ReportFile

    report = factory.SubFactory(AnnualReportFactory, office=factory.SelfAttribute("..office"))
    office = factory.SubFactory(OfficeFactory)
    language = "tr"
    format = "pdf"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7\n", name="rapor.pdf"))
    report_version = 1
    figures_as_of = factory.LazyFunction(timezone.now)
