"""The İzmir M-LAB ``projects.txt`` list (only in ../shared/data: no licence)."""

from __future__ import annotations

import datetime as dt

import pytest

from kopru.core.datafiles import data_file, has_data_file
from kopru.projects.importers import ParseResult, detect_format, parse
from kopru.projects.importers.mlab import (
    acronym_of,
    parse_duration,
    parse_turkish_date,
    partner_from_name,
    slug,
    split_partners,
)
from kopru.projects.importers.values import BadValue

MLAB = "izmir-mlab/projects.txt"


@pytest.fixture(scope="module")
def text() -> str:
    if not has_data_file(MLAB):
        pytest.skip("needs ../shared/data/izmir-mlab/projects.txt, absent in this checkout")
    return data_file(MLAB).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(text: str) -> ParseResult:
    return parse(text.encode("utf-8"), "projects.txt")


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "months"),
    [
        ("24 Ay", 24),
        ("36 ay", 36),
        ("3 yıl", 36),
        ("7 yıl", 84),
        ("54 Ay (4,5 Yıl)", 54),
        ("4,5 Yıl", 54),
        ("18 AY", 18),
        ("Belirtilmemiş", None),
        ("BELİRTİLMEMİŞ", None),
    ],
)
def test_durations(value: str, months: int | None) -> None:
    assert parse_duration(value) == months


@pytest.mark.parametrize(
    "value", ["uzun sürecek", "", "yirmi dört ay", "24", "2,5 ay", "54 Ay (4 Yıl)", "Ay 24"]
)
def test_unreadable_durations(value: str) -> None:
    with pytest.raises(BadValue):
        parse_duration(value)


def test_turkish_dates() -> None:
    assert parse_turkish_date("1 Haziran 2017") == dt.date(2017, 6, 1)
    assert parse_turkish_date("01.06.2017") == parse_turkish_date("2017-06-01")
    with pytest.raises(BadValue):
        parse_turkish_date("31 Şubat 2017")
    with pytest.raises(BadValue):
        parse_turkish_date("Haziran'da")


@pytest.mark.parametrize(
    ("title", "acronym"),
    [
        ("Mobilitede Sürdürülebilirlik Yönünde Davranış Değişikliği Sağlamak (SHIFT2SUSTAIN)",
         "SHIFT2SUSTAIN"),
        ("İzmir Küresel İklim Topluluğu (KİT) Yoluyla … Projesi (GCC-Synergy)", "GCC-Synergy"),
        ("İklime Dirençli Akdeniz Kentleri için Doğa Temelli Çözümler Projesi - NBS4MED",
         "NBS4MED"),
        ("SUN4Ukraine – The Sustainable Urban Net Zero Network for Ukraine", "SUN4Ukraine"),
        ("URBAN GreenUP: Doğa Esaslı Çözümlerle …", "URBAN GreenUP"),
        ("INHERIT-Sürdürülebilir, Kapsayıcı …", "INHERIT"),
        ("CARDIMED (Akdeniz Bölgesinde …)", "CARDIMED"),
        ("Re-Value (Avrupa Kıyı Şehirlerinde …) Projesi", "Re-Value"),
        ("İklime Hazır İzmir: Dirençlilik Stratejilerinin Geliştirilmesi Projesi (CRIZ-ERS)",
         "CRIZ-ERS"),
        ("İzmir İklim İçin Yurttaş Meclisi Projesi", ""),
        ("Territoires cultivés (Cultivated Territories)", ""),
        ("Cool Noons", ""),
    ],
)  # fmt: skip
def test_acronyms(title: str, acronym: str) -> None:
    assert acronym_of(title) == acronym


def test_slug_is_stable_and_short() -> None:
    title = "İzmir’de Su Tutma Peyzajlarının Geliştirilmesi Projesi"
    assert slug(title) == "izmir-mlab:izmir-de-su-tutma-peyzajlarinin-gelistirilmesi-projesi"
    assert slug(title) == slug("İZMİR'DE SU TUTMA PEYZAJLARININ GELİŞTİRİLMESİ PROJESİ")
    assert len(slug("uzun " * 100)) <= 120


def test_split_partners_keeps_brackets_together() -> None:
    assert split_partners("A (B, C), D ,, E") == ["A (B, C)", "D", "E"]


@pytest.mark.parametrize(
    ("name", "country", "plate"),
    [
        ("İzmir Büyükşehir Belediyesi", "TR", "35"),
        ("Karşıyaka Belediyesi", "TR", "35"),
        ("Ege Üniversitesi", "TR", ""),
        ("İzdoğa A.Ş.", "TR", ""),
        ("GDZ Elektrik Dağıtım A.Ş", "TR", ""),
        ("Yuva Derneği", "TR", ""),
        # Turkish translations of foreign bodies
        ("Palermo Üniversitesi", "", ""),
        ("Milano Büyükşehir Belediyesi", "", ""),
        ("UTRECHT ÜNİVERSİTESİ TIP MERKEZİ", "", ""),
        ("Norveç Bilim ve Teknoloji Üniversitesi", "", ""),
        ("Mısır Su Kaynakları ve Sulama Bakanlığı", "", ""),
        ("Vitrolles Şehri Belediyesi", "", ""),
        ("Malta Enerji ve Su Ajansı", "", ""),
        ("IUCN Akdeniz İşbirliği Merkezi", "", ""),
        ("METREX", "", ""),
        ("Zurich Sigorta", "", ""),
    ],
)
def test_partner_countries(name: str, country: str, plate: str) -> None:
    partner = partner_from_name(name)
    assert (partner.country, partner.province_plate) == (country, plate)
    assert partner.role == "partner"


def test_coordinator_mark() -> None:
    partner = partner_from_name("CARTIF (Proje Koordinatörü)")
    assert (partner.name, partner.role, partner.country) == ("CARTIF", "coordinator", "")


# --- the real file -------------------------------------------------------------------------------


def test_real_file(text: str, result: ParseResult) -> None:
    assert detect_format(text.encode(), "liste.csv") == "izmir-mlab"
    assert len(text.split("\n")) == 114 and not text.endswith("\n")
    assert result.format == "izmir-mlab" and result.errors == []
    assert len(result.projects) == 19
    stages = [p.stage for p in result.projects]
    assert stages.count("in_implementation") == 18 and stages.count("completed") == 1
    assert [p.position for p in result.projects] == [f"record {n}" for n in range(1, 20)]
    assert len({p.source_id for p in result.projects}) == 19


def test_real_records(result: ParseResult) -> None:
    for project in result.projects:
        assert project.source == "izmir-mlab" and project.source_id.startswith("izmir-mlab:")
        assert len(project.source_id) <= 120
        assert project.title_tr and project.summary_tr and not project.title_en
        assert project.province_plates == ["35"]  # İzmir Büyükşehir Belediyesi in every one
        assert any(p.province_plate == "35" for p in project.partners)
    first = result.projects[0]
    assert first.title_tr == "İzmir’de Su Tutma Peyzajlarının Geliştirilmesi Projesi"  # curly ’
    assert first.source_id == "izmir-mlab:izmir-de-su-tutma-peyzajlarinin-gelistirilmesi-projesi"
    assert first.duration_months == 24
    assert [p.name for p in first.partners] == [
        "İzmir Büyükşehir Belediyesi",
        "Karşıyaka Belediyesi",
    ]
    durations = [p.duration_months for p in result.projects]
    assert durations.count(None) == 3  # two "Belirtilmemiş" and the one with a start date
    cardimed = next(p for p in result.projects if p.acronym == "CARDIMED")
    assert cardimed.duration_months == 54  # "54 Ay (4,5 Yıl)"
    completed = next(p for p in result.projects if p.stage == "completed")
    assert completed.acronym == "URBAN GreenUP"
    assert completed.start_date == dt.date(2017, 6, 1)  # "3 Başlangıç Tarihi: 1 Haziran 2017"
    assert completed.partners[-1].name == "CARTIF" and completed.partners[-1].role == "coordinator"


def test_real_partners(result: ParseResult) -> None:
    partners = {p.name: p for r in result.projects for p in r.partners}
    assert sum(len(r.partners) for r in result.projects) == 81 and len(partners) == 58
    assert partners["Ege Üniversitesi"].country == "TR"
    assert partners["Palermo Üniversitesi"].country == partners["METREX"].country == ""
    assert all(partner.country in ("TR", "") for partner in partners.values())


# --- broken copies ---------------------------------------------------------------------------------


def test_unknown_status(text: str) -> None:
    broken = text.replace("Devam Ediyor", "Belki Biter", 1)
    result = parse(broken.encode(), "projects.txt")
    assert [e.position for e in result.errors] == ["record 1"]
    assert "Belki Biter" in result.errors[0].reason and "satır 4" in result.errors[0].reason
    assert len(result.projects) == 18


def test_unreadable_duration(text: str) -> None:
    lines = text.split("\n")
    assert lines[62] == "3 Proje Süresi: 15 ay"  # record 11
    lines[62] = "3 Proje Süresi: on beş ay"
    result = parse("\n".join(lines).encode(), "projects.txt")
    assert [e.position for e in result.errors] == ["record 11"]
    assert "on beş ay" in result.errors[0].reason


def test_every_broken_record_is_reported(text: str) -> None:
    lines = text.split("\n")
    lines[3] = "4 Durum: Bitti"  # record 1
    lines[8] = "3 Proje Süresi: birkaç yıl"  # record 2
    lines[9] = "4 Durum: ?"  # record 2 again
    result = parse("\n".join(lines).encode(), "projects.txt")
    assert [e.position for e in result.errors] == ["record 1", "record 2", "record 2"]
    assert len(result.projects) == 17


def test_truncated_file(text: str) -> None:
    cut = "\n".join(text.split("\n")[:100])  # record 17 stops after its 4th line
    result = parse(cut.encode(), "projects.txt")
    assert [e.position for e in result.errors] == ["record 17"]
    assert "5 Paydaşlar" in result.errors[0].reason and "6 Büyük Zorluk" in result.errors[0].reason
    assert len(result.projects) == 16


def test_misordered_and_unknown_fields(text: str) -> None:
    lines = text.split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    lines[10] = "5 Ortaklar: Ege Üniversitesi"  # record 2
    result = parse("\n".join(lines).encode(), "projects.txt")
    assert [e.position for e in result.errors][:2] == ["record 1", "record 1"]
    assert "record 2" in [e.position for e in result.errors]
    assert len(result.projects) == 17


def test_windows_newlines_and_bom(text: str) -> None:
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    result = parse(data, "projects.txt")
    assert result.errors == [] and len(result.projects) == 19


def test_garbage_before_the_first_record(text: str) -> None:
    result = parse(("Projelerimiz\n" + text).encode(), "x.txt", "izmir-mlab")
    assert [e.position for e in result.errors] == ["line 1"]
    assert len(result.projects) == 19
    assert result.projects[0].position == "record 1"


def test_each_field_line_problem(text: str) -> None:
    lines = text.split("\n")
    lines[1:2] = ["9 Foo: x", "2 Durum: x", lines[1], "2 Proje Hakkında Metni: yine", "4 Durum: ?"]
    result = parse("\n".join(lines).encode(), "projects.txt")
    assert [e.reason for e in result.errors if e.position == "record 1"] == [
        "satır 2: bilinmeyen alan numarası 9",
        "satır 3: 2. alan “Proje Hakkında Metni” olmalı, bulunan: “Durum”",
        "satır 5: 2. alan ikinci kez geçiyor",
        "satır 6: 3. alan bekleniyordu, bulunan 4.",
    ]
    assert len(result.projects) == 18
