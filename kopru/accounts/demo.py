"""Demo accounts: the seven named in the foundation issue, plus Balıkesir's other
three experts, so the office has its one coordinator and four project experts, and a
second institution member per office (another organisation, to answer partner searches)."""

from __future__ import annotations

from kopru.core.demodata import DemoContext

from .models import Role, User

ORDER = 30

# username, first, last, role, office slug, organisation key
ACCOUNTS = [
    ("ulusal.yonetici", "Ulusal", "Yönetici", Role.NATIONAL_ADMIN, None, None),
    ("balikesir.koordinator", "Ayşe", "Demir (demo)", Role.COORDINATOR, "balikesir", None),
    ("balikesir.uzman", "Mehmet", "Kaya (demo)", Role.EXPERT, "balikesir", None),
    ("balikesir.uzman2", "Zeynep", "Şahin (demo)", Role.EXPERT, "balikesir", None),
    ("balikesir.uzman3", "Emre", "Çelik (demo)", Role.EXPERT, "balikesir", None),
    ("balikesir.uzman4", "Elif", "Öztürk (demo)", Role.EXPERT, "balikesir", None),
    ("balikesir.kurum", "Hakan", "Yıldız (demo)", Role.INSTITUTION_MEMBER, "balikesir", "bbb"),
    ("balikesir.kurum2", "Can", "Öztürk (demo)", Role.INSTITUTION_MEMBER, "balikesir", "bau"),
    ("izmir.koordinator", "Selin", "Aydın (demo)", Role.COORDINATOR, "izmir", None),
    ("izmir.uzman", "Burak", "Arslan (demo)", Role.EXPERT, "izmir", None),
    ("izmir.kurum", "Deniz", "Koç (demo)", Role.INSTITUTION_MEMBER, "izmir", "ege"),
    ("izmir.kurum2", "Ece", "Yılmaz (demo)", Role.INSTITUTION_MEMBER, "izmir", "deu"),
]


def load(ctx: DemoContext) -> str:
    for username, first, last, role, office_slug, org_key in ACCOUNTS:
        office = ctx.offices[office_slug] if office_slug else None
        organisation = ctx.organisations[office_slug][org_key] if office_slug and org_key else None
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.invalid",
                "role": role,
                "office": office,
                "organisation": organisation,
                "is_active": True,
                "is_staff": role == Role.NATIONAL_ADMIN,
                "is_superuser": role == Role.NATIONAL_ADMIN,
                "is_demo": True,
            },
        )
        user.set_password(ctx.password)
        user.save(update_fields=["password"])
        ctx.users[username] = user
    return f"{len(ACCOUNTS)} accounts"
