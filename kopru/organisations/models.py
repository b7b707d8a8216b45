"""The organisation record every capability points at: the province's stakeholders,
with the project team the office guides every public body to form."""

from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import search_key, sort_key

from .languages import language_names


class OrganisationType(models.TextChoices):
    PUBLIC_BODY = "public_body", _("Kamu kurumu")
    MUNICIPALITY = "municipality", _("Belediye")
    LOCAL_ADMINISTRATION = "local_administration", _("Köy / mahalle muhtarlığı")
    UNIVERSITY = "university", _("Üniversite")
    SCHOOL = "school", _("Okul")
    NGO = "ngo", _("Dernek / vakıf / STK")
    COOPERATIVE = "cooperative", _("Kooperatif")
    CHAMBER = "chamber", _("Oda / birlik")
    SME = "sme", _("KOBİ")
    LARGE_COMPANY = "large_company", _("Büyük işletme")
    YOUNG_ENTREPRENEUR = "young_entrepreneur", _("Genç girişimci")
    FOREIGN = "foreign", _("Yabancı kuruluş")


# The "public bodies" the office guides to form a project team (the Balıkesir seed:
# "Tüm kamu kurum ve kuruluşları bünyesinde proje ekipleri oluşturulması"): the
# governorship's own directorates and other state bodies, municipalities, village and
# neighbourhood administrations, universities and schools. Chambers and unions are
# professional organisations (public-law, but self-governing) and are left out, as are
# NGOs, cooperatives and companies: the office advises them but does not ask them to
# form a team. Foundation (private) universities and private schools are recorded with
# the same types and therefore counted too.
PUBLIC_TYPES: tuple[str, ...] = (
    OrganisationType.PUBLIC_BODY,
    OrganisationType.MUNICIPALITY,
    OrganisationType.LOCAL_ADMINISTRATION,
    OrganisationType.UNIVERSITY,
    OrganisationType.SCHOOL,
)


# Fields a merged record's value fills where the record kept has none (and that make
# a record "complete" when choosing which one of a group of duplicates to keep).
MERGE_FIELDS = [
    "short_name",
    "district",
    "official_id",
    "website",
    "email",
    "phone",
    "address",
    "description",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "team_formed_on",
]


class TeamStatus(models.TextChoices):
    NONE = "none", _("Ekip yok")
    FORMING = "forming", _("Ekip kuruluyor")
    FORMED = "formed", _("Ekip kuruldu")


class TeamRole(models.TextChoices):
    LEADER = "leader", _("Ekip lideri")
    MEMBER = "member", _("Ekip üyesi")
    FINANCE = "finance", _("Mali işler")
    PROCUREMENT = "procurement", _("Satın alma ve sözleşmeler")
    COMMUNICATION = "communication", _("İletişim ve görünürlük")
    MONITORING = "monitoring", _("İzleme ve değerlendirme")
    TECHNICAL = "technical", _("Teknik uzman")


def normalise_official_id(value: str | None) -> str:
    """Official ids compare without spaces, dots and dashes, in ASCII capitals."""
    text = "".join(ch for ch in (value or "") if ch not in " .-\t\r\n")
    return text.translate(str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def duplicate_key(name: str | None) -> str:
    """Names that differ only in case, Turkish letters or punctuation share this key:
    ``ISPARTA BELEDİYESİ`` and ``Isparta Belediyesi`` → ``isparta belediyesi``. A leading
    ``T.C.`` (Türkiye Cumhuriyeti, written before many state bodies' names) is ignored."""
    key = search_key(name)
    if key.startswith("t c "):
        key = key[4:]
    return key[:400]


class Organisation(OfficeOwned, TimeStamped, Versioned):
    name = models.CharField(_("ad"), max_length=300)
    short_name = models.CharField(_("kısa ad"), max_length=60, blank=True)
    type = models.CharField(_("tür"), max_length=30, choices=OrganisationType.choices)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("İlçe"),
    )
    country = models.CharField(
        _("ülke"), max_length=2, default="TR", help_text=_("ISO 3166-1 iki harfli ülke kodu.")
    )
    official_id = models.CharField(
        _("vergi / resmî kimlik no"),
        max_length=40,
        blank=True,
        help_text=_("Vergi numarası, MERSİS, kurum kodu veya yabancı kuruluşlarda PIC/OID."),
    )
    website = models.URLField(_("web sitesi"), blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adres"), blank=True)
    description = models.TextField(_("tanıtım"), blank=True)
    contact_name = models.CharField(_("İrtibat kişisi"), max_length=120, blank=True)
    contact_title = models.CharField(_("İrtibat kişisinin unvanı"), max_length=120, blank=True)
    contact_email = models.EmailField(_("İrtibat e-postası"), blank=True)
    contact_phone = models.CharField(_("İrtibat telefonu"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("rehberde yayımla"),
        default=True,
        help_text=_("Kamuya açık paydaş rehberinde görünür (yalnız kamuya açık alanlar)."),
    )
    team_status = models.CharField(
        _("proje ekibi"), max_length=10, choices=TeamStatus.choices, default=TeamStatus.NONE
    )
    team_formed_on = models.DateField(_("ekibin kuruluş tarihi"), null=True, blank=True)
    distinct_reviewed = models.BooleanField(
        _("mükerrer değil (incelendi)"),
        default=False,
        editable=False,
        help_text=_("Aynı adlı kayıtlarla karşılaştırıldı ve farklı bir kurum olduğu görüldü."),
    )
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    name_sort = models.CharField(max_length=600, db_index=True, editable=False)
    name_search = models.CharField(max_length=400, db_index=True, editable=False)
    # Folded name shared by likely duplicates (see duplicate_key()).
    duplicate_key = models.CharField(max_length=400, editable=False, default="")
    # Folded public text for the directory's full-text index (kopru.core.search).
    search_document = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("kurum")
        verbose_name_plural = _("kurumlar")
        ordering = ["name_sort"]
        indexes = [
            models.Index(fields=["office", "name_sort"]),
            models.Index(fields=["office", "duplicate_key"]),
            models.Index(fields=["office", "official_id"]),
            models.Index(fields=["office", "type", "team_status"]),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(is_public=True)

    @property
    def is_public_type(self) -> bool:
        return self.type in PUBLIC_TYPES

    @property
    def has_team(self) -> bool:
        return self.team_status == TeamStatus.FORMED

    def type_labels(self) -> str:
        """The type's name in both languages (so either finds it)."""
        if self.type not in OrganisationType.values:
            return ""
        labels = []
        for lang in ("tr", "en"):
            with translation.override(lang):
                labels.append(str(OrganisationType(self.type).label))
        return " ".join(labels)

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.name)
        self.name_search = search_key(f"{self.name} {self.short_name}")[:400]
        self.duplicate_key = duplicate_key(self.name)
        district = self.district if self.district_id else None
        self.search_document = search_key(
            " ".join(
                [
                    self.name,
                    self.short_name,
                    district.name if district else "",
                    self.type_labels(),
                    self.description[:4000],
                ]
            )
        )
        return ["name_sort", "name_search", "duplicate_key", "search_document"]


class TeamMember(OfficeOwned, TimeStamped, Versioned):
    """A person in an organisation's project team (personal data: staff and the
    organisation's own members see it; the public sees only that a team exists)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="team_members",
        verbose_name=_("kurum"),
    )
    full_name = models.CharField(_("ad soyad"), max_length=200)
    role = models.CharField(
        _("ekipteki görevi"), max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    job_title = models.CharField(_("kurumdaki unvanı"), max_length=150, blank=True)
    skills = models.CharField(
        _("uzmanlık ve beceriler"),
        max_length=500,
        blank=True,
        help_text=_("Virgülle ayırın, ör. proje yazma, bütçe, satın alma, İngilizce yazışma."),
    )
    languages = models.JSONField(_("çalışma dilleri"), default=list, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    is_contact_point = models.BooleanField(
        _("ekibin irtibat kişisi"),
        default=False,
        help_text=_("Ofisin bu kurumun proje ekibine ulaşacağı kişi (kurum başına bir kişi)."),
    )
    name_sort = models.CharField(max_length=400, editable=False, default="")
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)

    class Meta:
        verbose_name = _("proje ekibi üyesi")
        verbose_name_plural = _("proje ekibi üyeleri")
        ordering = ["organisation", "-is_contact_point", "role", "name_sort"]
        indexes = [
            models.Index(fields=["office", "email"]),
            models.Index(fields=["organisation", "name_sort"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_contact_point=True),
                name="organisations_one_contact_point",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def language_names(self) -> list[str]:
        return language_names(self.languages or [])

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.full_name)[:400]
        return ["name_sort"]
