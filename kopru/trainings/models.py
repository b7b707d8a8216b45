"""Trainings and events: sessions, registrations, attendance, certificates, feedback."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import normalise_email, search_key, sort_key
from kopru.organisations.models import OrganisationType


class EventType(models.TextChoices):
    PCM = "pcm", _("Proje Döngüsü Yönetimi eğitimi")
    INFO_DAY = "info_day", _("Bilgilendirme günü")
    EURODESK = "eurodesk", _("Eurodesk gençlik oturumu")
    STAKEHOLDER = "stakeholder", _("Paydaş toplantısı")
    OTHER = "other", _("Diğer")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("taslak")
    PUBLISHED = "published", _("yayımlandı")
    CANCELLED = "cancelled", _("iptal edildi")


class EventLanguage(models.TextChoices):
    TR = "tr", _("Türkçe")
    EN = "en", _("İngilizce")
    BOTH = "tr_en", _("Türkçe ve İngilizce")


class Event(OfficeOwned, TimeStamped, Versioned):
    type = models.CharField(_("tür"), max_length=20, choices=EventType.choices)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=250)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=250, blank=True)
    description_tr = models.TextField(_("açıklama (Türkçe)"), blank=True)
    description_en = models.TextField(_("açıklama (İngilizce)"), blank=True)
    language = models.CharField(
        _("dil"), max_length=6, choices=EventLanguage.choices, default=EventLanguage.TR
    )
    audience = models.CharField(_("hedef kitle"), max_length=250, blank=True)
    trainers = models.CharField(
        _("eğitmenler"), max_length=300, blank=True, help_text=_("Virgülle ayırın.")
    )
    capacity = models.PositiveIntegerField(_("kontenjan"), default=30)
    registration_opens = models.DateTimeField(_("kayıt başlangıcı"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("kayıt bitişi"), null=True, blank=True)
    registration_closed = models.BooleanField(
        _("kayıt elle kapatıldı"), default=False, editable=False
    )
    min_sessions = models.PositiveIntegerField(
        _("sertifika için katılınması gereken oturum sayısı"),
        default=0,
        help_text=_("0: bütün oturumlara katılım gerekir."),
    )
    status = models.CharField(
        _("durum"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    starts_on = models.DateField(_("ilk gün"), null=True, blank=True, editable=False)
    is_historical = models.BooleanField(_("geçmiş kayıt (içe aktarılmış)"), default=False)
    source_id = models.CharField(_("kaynak kimliği"), max_length=80, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    title_sort = models.CharField(max_length=600, editable=False, default="")
    title_search = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("etkinlik")
        verbose_name_plural = _("etkinlikler")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["office", "status", "starts_on"])]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]) & models.Q(
            is_historical=False
        )

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def refresh_derived(self) -> list[str]:
        self.title_sort = sort_key(self.title_tr)
        self.title_search = search_key(f"{self.title_tr} {self.title_en}")
        return ["title_sort", "title_search"]

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def registration_is_open(self, now: dt.datetime | None = None) -> bool:
        moment = now or timezone.now()
        if self.status != EventStatus.PUBLISHED or self.registration_closed:
            return False
        if self.registration_opens and moment < self.registration_opens:
            return False
        return not (self.registration_closes and moment > self.registration_closes)

    def trainer_list(self) -> list[str]:
        return [t.strip() for t in self.trainers.split(",") if t.strip()]


class Session(OfficeOwned):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("etkinlik")
    )
    starts_at = models.DateTimeField(_("başlangıç"))
    ends_at = models.DateTimeField(_("bitiş"))
    place = models.CharField(_("yer"), max_length=250, blank=True)
    online_url = models.URLField(_("çevrim içi bağlantı"), blank=True)

    class Meta:
        verbose_name = _("oturum")
        verbose_name_plural = _("oturumlar")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y %H:%M}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(event__status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]) & (
            models.Q(event__is_historical=False)
        )


def material_path(instance: Material, filename: str) -> str:
    return f"trainings/materials/{instance.event_id}/{filename}"


class Material(OfficeOwned, TimeStamped):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("etkinlik")
    )
    title = models.CharField(_("başlık"), max_length=200)
    file = models.FileField(_("dosya"), upload_to=material_path)
    size = models.PositiveIntegerField(_("boyut"), default=0, editable=False)

    class Meta:
        verbose_name = _("materyal")
        verbose_name_plural = _("materyaller")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(event__status=EventStatus.PUBLISHED, event__is_historical=False)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("kesin kayıt")
    WAITING = "waiting", _("yedek listede")
    CANCELLED = "cancelled", _("iptal")


class RegistrationSource(models.TextChoices):
    PUBLIC = "public", _("web formu")
    STAFF = "staff", _("ofis personeli")
    WALK_IN = "walk_in", _("kapıda kayıt")
    IMPORT = "import", _("geçmiş içe aktarma")


class AgeGroup(models.TextChoices):
    UNDER_18 = "u18", _("18 yaş altı")
    YOUNG = "18_30", _("18–30")
    ADULT = "31_50", _("31–50")
    SENIOR = "51p", _("51 ve üstü")


class Registration(OfficeOwned, TimeStamped):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("etkinlik")
    )
    full_name = models.CharField(_("ad soyad"), max_length=200, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    organisation_name = models.CharField(_("kurum"), max_length=250, blank=True)
    organisation_type = models.CharField(
        _("kurum türü"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ilçe"),
    )
    age_group = models.CharField(_("yaş grubu"), max_length=6, choices=AgeGroup.choices, blank=True)
    priority_group = models.BooleanField(
        _("öncelikli gruptan"),
        default=False,
        help_text=_("Dezavantajlı grup, genç, genç girişimci veya gençlik çalışanı."),
    )
    status = models.CharField(
        _("durum"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    source = models.CharField(
        _("kaynak"),
        max_length=10,
        choices=RegistrationSource.choices,
        default=RegistrationSource.PUBLIC,
    )
    language = models.CharField(_("yazışma dili"), max_length=2, default="tr")
    consent_text = models.TextField(_("onay metni"), blank=True)
    consent_at = models.DateTimeField(_("onay zamanı"), null=True, blank=True)
    attended = models.BooleanField(_("katıldı"), default=False)
    cancelled_at = models.DateTimeField(_("iptal zamanı"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("yedekten asile geçiş"), null=True, blank=True)
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    name_search = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    person_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    source_id = models.CharField(_("kaynak kimliği"), max_length=80, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("kayıt")
        verbose_name_plural = _("kayıtlar")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_key"],
                condition=~models.Q(status="cancelled") & ~models.Q(email_key=""),
                name="trainings_registration_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return self.full_name or str(_("(silinmiş kişi)"))

    @staticmethod
    def erased_source_id(source_id: str) -> str:
        """What an imported registration's ``source_id`` (``event code:e-mail`` or ``event
        code:folded name``) becomes when the person is erased: the code and a keyed hash of
        the rest. A re-import of the same row finds the erased registration by it and leaves
        it alone; the address or name is no longer in the database. (A new ``SECRET_KEY``
        makes old files' rows of erased people new registrations again.)"""
        if not source_id or re.search(r":#[0-9a-f]*$", source_id):  # none, or hashed already
            return source_id
        code, _sep, person = source_id.rpartition(":")
        return f"{code}:#{salted_hmac('trainings.erased-person', person).hexdigest()}"[:80]

    def refresh_derived(self) -> list[str]:
        self.email_key = normalise_email(self.email)
        self.name_search = search_key(self.full_name)
        if not self.erased_at:
            if self.email_key:
                self.person_key = f"e:{self.email_key}"
            elif self.name_search:
                self.person_key = f"n:{self.name_search}"
        return ["email_key", "name_search", "person_key"]


class Attendance(OfficeOwned):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    checked_in_at = models.DateTimeField(_("giriş zamanı"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("yoklama")
        verbose_name_plural = _("yoklamalar")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="trainings_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.session}"


class CertificateLanguage(models.TextChoices):
    TR = "tr", _("Türkçe")
    EN = "en", _("İngilizce")


def certificate_path(instance: Certificate, filename: str) -> str:
    return f"trainings/certificates/{instance.office_id}/{filename}"


class Certificate(OfficeOwned, TimeStamped):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("doğrulama kodu"), max_length=20, unique=True)
    language = models.CharField(
        _("dil"), max_length=2, choices=CertificateLanguage.choices, default="tr"
    )
    holder_name = models.CharField(_("ad soyad"), max_length=200)
    issued_at = models.DateTimeField(_("düzenlenme"), default=timezone.now)
    revoked_at = models.DateTimeField(_("iptal"), null=True, blank=True)
    revoke_reason = models.CharField(_("iptal nedeni"), max_length=250, blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(_("PDF"), upload_to=certificate_path, blank=True)

    class Meta:
        verbose_name = _("sertifika")
        verbose_name_plural = _("sertifikalar")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.code

    @classmethod
    def public_q(cls) -> models.Q:
        # Anyone holding a code may verify it; the code itself is the secret.
        return models.Q(pk__isnull=False)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class Feedback(OfficeOwned):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    overall = models.PositiveSmallIntegerField(_("genel memnuniyet"))
    usefulness = models.PositiveSmallIntegerField(_("işime yarayacak"))
    trainer = models.PositiveSmallIntegerField(_("eğitmen"))
    comment = models.TextField(_("görüş ve öneriler"), blank=True)
    submitted_at = models.DateTimeField(_("gönderilme"), default=timezone.now)

    class Meta:
        verbose_name = _("geri bildirim")
        verbose_name_plural = _("geri bildirimler")

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.overall}"
