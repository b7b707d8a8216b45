"""The project inventory: projects, their cycle, logical framework and monitoring."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import search_key, sort_key
from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup


class Stage(models.TextChoices):
    IDEA = "idea", _("Fikir")
    IN_PREPARATION = "in_preparation", _("Hazırlanıyor")
    SUBMITTED = "submitted", _("Başvuruldu")
    APPROVED = "approved", _("Kabul edildi")
    REJECTED = "rejected", _("Reddedildi")
    RESERVE = "reserve", _("Yedek listede")
    IN_IMPLEMENTATION = "in_implementation", _("Uygulanıyor")
    COMPLETED = "completed", _("Tamamlandı")
    CLOSED = "closed", _("Kapandı")
    WITHDRAWN = "withdrawn", _("Geri çekildi")


# The project cycle: from each stage, the stages a project may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.IDEA: (Stage.IN_PREPARATION, Stage.WITHDRAWN),
    Stage.IN_PREPARATION: (Stage.SUBMITTED, Stage.IDEA, Stage.WITHDRAWN),
    Stage.SUBMITTED: (Stage.APPROVED, Stage.REJECTED, Stage.RESERVE, Stage.WITHDRAWN),
    Stage.RESERVE: (Stage.APPROVED, Stage.REJECTED, Stage.WITHDRAWN),
    Stage.REJECTED: (Stage.IN_PREPARATION, Stage.CLOSED),
    Stage.APPROVED: (Stage.IN_IMPLEMENTATION, Stage.WITHDRAWN),
    Stage.IN_IMPLEMENTATION: (Stage.COMPLETED, Stage.WITHDRAWN),
    Stage.COMPLETED: (Stage.CLOSED,),
    Stage.CLOSED: (),
    Stage.WITHDRAWN: (Stage.IDEA,),
}
# What an institution member may do on their own projects; the rest is the office's.
MEMBER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.IDEA: (Stage.IN_PREPARATION, Stage.WITHDRAWN),
    Stage.IN_PREPARATION: (Stage.SUBMITTED, Stage.IDEA, Stage.WITHDRAWN),
    Stage.SUBMITTED: (Stage.WITHDRAWN,),
    Stage.WITHDRAWN: (Stage.IDEA,),
}
# Stages in which the project runs and is monitored.
MONITORED_STAGES = (Stage.APPROVED, Stage.IN_IMPLEMENTATION)
DECIDED_STAGES = (Stage.APPROVED, Stage.REJECTED)


class Currency(models.TextChoices):
    EUR = "EUR", _("Avro (EUR)")
    TRY = "TRY", _("Türk lirası (TRY)")


class Source(models.TextChoices):
    MANUAL = "manual", _("Elle girildi")
    CORDIS = "cordis", _("CORDIS")
    MLAB = "izmir-mlab", _("İzmir M-LAB listesi")
    TEMPLATE = "template", _("Excel şablonu")


class PartnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinatör")
    PARTNER = "partner", _("Ortak")
    ASSOCIATED = "associated", _("İştirakçi ortak")
    THIRD_PARTY = "third_party", _("Üçüncü taraf")


class Project(OfficeOwned, TimeStamped, Versioned):
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("yürütücü kurum"),
    )
    owner_name = models.CharField(
        _("yürütücü kurum (kayıtta yoksa)"),
        max_length=300,
        blank=True,
        help_text=_("Kurum rehberde yoksa kaynak verideki adı."),
    )
    acronym = models.CharField(_("kısaltma"), max_length=60, blank=True)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=500, blank=True)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=500, blank=True)
    summary_tr = models.TextField(_("özet (Türkçe)"), blank=True)
    summary_en = models.TextField(_("özet (İngilizce)"), blank=True)
    programme = models.CharField(_("fon programı"), max_length=200, blank=True)
    funding_scheme = models.CharField(
        pgettext_lazy("project funding scheme", "destek türü"), max_length=120, blank=True
    )
    call_identifier = models.CharField(_("çağrı kimliği"), max_length=200, blank=True)
    topic = models.CharField(_("konu başlığı"), max_length=200, blank=True)
    reference = models.CharField(
        _("program referansı"),
        max_length=120,
        blank=True,
        help_text=_("Hibe sözleşmesi veya başvuru numarası."),
    )
    stage = models.CharField(_("aşama"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    stage_changed_at = models.DateTimeField(_("aşama değişikliği"), null=True, blank=True)
    start_date = models.DateField(_("başlangıç tarihi"), null=True, blank=True)
    end_date = models.DateField(_("bitiş tarihi"), null=True, blank=True)
    duration_months = models.PositiveIntegerField(_("süre (ay)"), null=True, blank=True)
    currency = models.CharField(
        _("para birimi"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    total_cost = models.DecimalField(
        _("toplam bütçe"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_amount = models.DecimalField(
        _("hibe tutarı"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    cofinancing_amount = models.DecimalField(
        _("eş finansman"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    exchange_rate = models.DecimalField(
        _("kur (1 EUR kaç TRY)"),
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Tutarları öteki para biriminde göstermek için kullanılan kur."),
    )
    exchange_rate_date = models.DateField(_("kur tarihi"), null=True, blank=True)
    districts = models.ManyToManyField(
        "geo.District", blank=True, related_name="+", verbose_name=_("İlçeler")
    )
    sectors = models.JSONField(_("sektörler"), default=list, blank=True)
    target_groups = models.JSONField(_("hedef gruplar"), default=list, blank=True)
    results_tr = models.TextField(_("sonuçlar (Türkçe)"), blank=True)
    results_en = models.TextField(_("sonuçlar (İngilizce)"), blank=True)
    source = models.CharField(
        _("kaynak"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    source_id = models.CharField(_("kaynak kimliği"), max_length=120, blank=True)
    source_url = models.URLField(_("kaynak adresi"), max_length=500, blank=True)
    is_published = models.BooleanField(
        _("veri bankasında yayımla"),
        default=False,
        help_text=_("Kamuya açık veri bankasında görünür (yalnız kamuya açık alanlar)."),
    )
    staff_notes = models.TextField(_("ofis notları"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oluşturan"),
    )
    last_update_at = models.DateTimeField(_("son güncelleme"), null=True, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    # Derived columns (refresh_derived): sort key, full-text document, facet tags.
    title_sort = models.CharField(max_length=1200, db_index=True, editable=False, default="")
    search_document = models.TextField(editable=False, default="")
    tags = models.TextField(editable=False, default="")
    has_priority_group = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("proje")
        verbose_name_plural = _("projeler")
        ordering = ["title_sort", "id"]
        indexes = [
            models.Index(fields=["office", "title_sort"], name="projects_office_sort"),
            # The public data bank: published rows only, sorted, and a covering index
            # for the facet counts.
            models.Index(
                fields=["office", "title_sort"],
                condition=models.Q(is_published=True),
                name="projects_published_sort",
            ),
            models.Index(
                fields=["office", "stage", "programme", "start_date", "tags"],
                condition=models.Q(is_published=True),
                name="projects_published_facets",
            ),
            models.Index(fields=["office", "stage"], name="projects_office_stage"),
            models.Index(fields=["office", "owner"], name="projects_office_owner"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "source", "source_id"],
                condition=~models.Q(source_id=""),
                name="projects_project_unique_source_id",
            )
        ]

    def __str__(self) -> str:
        title = self.title_tr or self.title_en
        return f"{self.acronym} — {title}" if self.acronym and title else title or self.acronym

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(is_published=True)

    @property
    def owner_display(self) -> str:
        return self.owner.name if self.owner_id and self.owner else self.owner_name

    @property
    def priority_groups(self) -> list[str]:
        return [g for g in self.target_groups if g in PRIORITY_TARGET_GROUPS]

    def sector_labels(self) -> list[str]:
        names = dict(Sector.choices)
        return [str(names.get(s, s)) for s in self.sectors]

    def target_group_labels(self) -> list[tuple[str, bool]]:
        names = dict(TargetGroup.choices)
        return [(str(names.get(g, g)), g in PRIORITY_TARGET_GROUPS) for g in self.target_groups]

    def amount_in(self, field: str, currency: str) -> Decimal | None:
        """An amount converted to ``currency`` with the project's rate (None if impossible)."""
        value: Decimal | None = getattr(self, field)
        if value is None or currency == self.currency:
            return value
        if not self.exchange_rate:
            return None
        if currency == Currency.TRY:
            return (value * self.exchange_rate).quantize(Decimal("0.01"))
        return (value / self.exchange_rate).quantize(Decimal("0.01"))

    def refresh_derived(self) -> list[str]:
        self.title_sort = sort_key(self.title_tr or self.title_en or self.acronym)[:1200]
        self.search_document = search_key(
            " ".join(
                [
                    self.acronym,
                    self.title_tr,
                    self.title_en,
                    self.summary_tr,
                    self.summary_en,
                    self.programme,
                    self.call_identifier,
                    self.owner_name,
                    self.owner.name if self.owner_id and self.owner else "",
                    self.source_id,
                ]
            )
        )
        self.tags = project_tags(self.sectors, self.target_groups)
        self.has_priority_group = any(g in PRIORITY_TARGET_GROUPS for g in self.target_groups)
        return ["title_sort", "search_document", "tags", "has_priority_group"]


def project_tags(sectors: list[str], target_groups: list[str]) -> str:
    """The facet column: `` s:education t:youth `` (filtered with ``contains``)."""
    parts = [f"s:{s}" for s in sectors] + [f"t:{g}" for g in target_groups]
    return f" {' '.join(parts)} " if parts else ""


class ProjectChild(OfficeOwned):
    """A record that belongs to one project (and so to its office)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(project__is_published=True)


class StageChange(ProjectChild):
    """One step of the project cycle: who moved the project from where to where, when."""

    from_stage = models.CharField(_("önceki aşama"), max_length=20, blank=True)
    to_stage = models.CharField(_("yeni aşama"), max_length=20, choices=Stage.choices)
    changed_at = models.DateTimeField(_("tarih"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("değiştiren"),
    )
    note = models.TextField(_("not"), blank=True)

    class Meta:
        verbose_name = _("aşama değişikliği")
        verbose_name_plural = _("aşama değişiklikleri")
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["project", "changed_at"])]

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(pk__in=[])

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"

    @property
    def from_stage_label(self) -> str:
        return str(dict(Stage.choices).get(self.from_stage, self.from_stage))


class Partner(ProjectChild):
    name = models.CharField(_("ad"), max_length=300)
    country = models.CharField(_("ülke"), max_length=2, help_text=_("ISO 3166-1 iki harfli kod."))
    role = models.CharField(
        _("rol"), max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    city = models.CharField(_("şehir"), max_length=120, blank=True)
    organisation_type = models.CharField(_("kuruluş türü"), max_length=60, blank=True)
    eu_contribution = models.DecimalField(
        _("AB katkısı"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ortak")
        verbose_name_plural = _("ortaklar")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ObjectiveLevel(models.TextChoices):
    OVERALL = "overall", _("Genel amaç")
    SPECIFIC = "specific", _("Özel amaç")
    RESULT = "result", _("Beklenen sonuç")


class Objective(ProjectChild):
    """A line of the logical framework: overall objective, specific objective or result."""

    level = models.CharField(_("düzey"), max_length=10, choices=ObjectiveLevel.choices)
    text_tr = models.TextField(_("metin (Türkçe)"))
    text_en = models.TextField(_("metin (İngilizce)"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("mantıksal çerçeve satırı")
        verbose_name_plural = _("mantıksal çerçeve")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text_tr[:80]


class Indicator(ProjectChild):
    objective = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bağlı olduğu satır"),
    )
    name = models.CharField(_("gösterge"), max_length=300)
    unit = models.CharField(_("birim"), max_length=60)
    baseline = models.DecimalField(_("başlangıç değeri"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("hedef değer"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("hedef tarihi"), null=True, blank=True)
    means_of_verification = models.CharField(_("doğrulama kaynağı"), max_length=300, blank=True)
    latest_value = models.DecimalField(
        _("son değer"), max_digits=14, decimal_places=2, null=True, blank=True, editable=False
    )
    off_track = models.BooleanField(_("hedeften sapıyor"), default=False, editable=False)

    class Meta:
        verbose_name = _("gösterge")
        verbose_name_plural = _("göstergeler")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(ProjectChild):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("gösterge")
    )
    measured_on = models.DateField(_("ölçüm tarihi"))
    value = models.DecimalField(_("gerçekleşen değer"), max_digits=14, decimal_places=2)
    note = models.CharField(_("not"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("gösterge değeri")
        verbose_name_plural = _("gösterge değerleri")
        ordering = ["measured_on", "id"]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class Activity(ProjectChild):
    result = models.ForeignKey(
        Objective,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bağlı olduğu sonuç"),
    )
    title = models.CharField(_("faaliyet"), max_length=300)
    planned_start = models.DateField(_("planlanan başlangıç"))
    planned_end = models.DateField(_("planlanan bitiş"))
    actual_start = models.DateField(_("gerçekleşen başlangıç"), null=True, blank=True)
    actual_end = models.DateField(_("gerçekleşen bitiş"), null=True, blank=True)

    class Meta:
        verbose_name = _("faaliyet")
        verbose_name_plural = _("faaliyetler")
        ordering = ["planned_start", "id"]
        indexes = [models.Index(fields=["project", "planned_end"])]

    def __str__(self) -> str:
        return self.title


class Milestone(ProjectChild):
    title = models.CharField(_("kilometre taşı"), max_length=300)
    due_date = models.DateField(_("tarih"))
    done_on = models.DateField(_("gerçekleşme"), null=True, blank=True)

    class Meta:
        verbose_name = _("kilometre taşı")
        verbose_name_plural = _("kilometre taşları")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class ReportDeadline(ProjectChild):
    title = models.CharField(_("rapor"), max_length=300)
    due_date = models.DateField(_("teslim tarihi"))
    received_on = models.DateField(_("alındığı tarih"), null=True, blank=True)
    received_note = models.TextField(_("rapor notu"), blank=True)
    reminder_sent_on = models.DateField(_("hatırlatma tarihi"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapor teslim tarihi")
        verbose_name_plural = _("rapor teslim tarihleri")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["project", "due_date"])]

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(pk__in=[])

    def __str__(self) -> str:
        return self.title


class MonitoringVisit(ProjectChild):
    visited_on = models.DateField(_("ziyaret tarihi"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ziyaret eden"),
    )
    findings = models.TextField(_("bulgular"))
    follow_up_actions = models.TextField(_("İzleme eylemleri"), blank=True)
    follow_up_due = models.DateField(_("eylem son tarihi"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("eylemler tamamlandı"), default=False)

    class Meta:
        verbose_name = _("İzleme ziyareti")
        verbose_name_plural = _("İzleme ziyaretleri")
        ordering = ["-visited_on", "-id"]

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(pk__in=[])

    def __str__(self) -> str:
        return f"{self.visited_on}"
