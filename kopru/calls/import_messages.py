"""Turkish source texts of the import error messages (English in the catalogue).

The parsers (:mod:`kopru.calls.importers`) describe each problem with a stable code
and parameters; this is what the panel and the command show for each code.
Placeholders use ``str.format`` names, as the parsers' own English texts do.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MESSAGES_TR = {
    "file_too_large": _("Dosya {limit} baytlık sınırdan büyük."),
    "unknown_format": _(
        "“{filename}” dosyası Köprü'nün içe aktarabildiği bir biçimde değil ({detail}). "
        "Kabul edilenler: AB Fonlama ve İhale Portalı dışa aktarımı (.json / .jsonl.gz), "
        "Horizon Europe konu listesi, ofisin çağrı raporu çalışma kitabı, kalkınma "
        "ajanslarının duyuru listesi (.json), AB Başkanlığı duyuru listesi (.csv) ve Köprü "
        "çağrı şablonu (.xlsx / .csv)."
    ),
    "not_utf8": _(
        "Dosya UTF-8 metin değil (ilk hatalı bayt {offset}. konumda). “CSV UTF-8” ya da "
        "UTF-8 JSON olarak kaydedip yeniden deneyin."
    ),
    "gzip_truncated": _(
        "Sıkıştırılmış dosya yarım kalmış: verisi bitmeden sona eriyor. Bu noktadan önceki "
        "{count} kayıt okunabildi."
    ),
    "gzip_corrupt": _("Sıkıştırılmış dosya bozuk ({detail})."),
    "json_truncated": _(
        "Dosya bu kaydın ortasında bitiyor (dosya yarım kalmış görünüyor); önceki kayıtlar okundu."
    ),
    "json_invalid": _("Bu kayıt geçerli JSON değil ({detail}); bu noktadan sonrası okunamıyor."),
    "json_not_object": _("Bu kayıt için bir JSON nesnesi bekleniyordu, {found} bulundu."),
    "json_shape": _("Dosya JSON ama beklenen yapıda değil: {detail}."),
    "source_reported_error": _("Dosyaya göre kaynak bir hata döndürmüş (state = {state})."),
    "partial_download": _(
        "Bu dosya {pages} sayfanın {page}. sayfası ({total} duyurunun {count} tanesi); "
        "diğer sayfalar dosyada yok."
    ),
    "not_xlsx": _("Dosya okunabilir bir Excel (.xlsx) çalışma kitabı değil ({detail})."),
    "no_matching_sheet": _("Çalışma kitabının hiçbir sayfasında {columns} sütunları yok."),
    "sheet_missing_headers": _("“{sheet}” sayfasında zorunlu sütunlar yok: {missing}."),
    "csv_missing_headers": _("İlk satırda zorunlu sütunlar yok: {missing}."),
    "csv_invalid": _("CSV metni burada okunamıyor ({detail})."),
    "internal_error": _("Dosya beklenmeyen bir sorun yüzünden okunamadı ({detail})."),
    "row_not_utf8": _("Bu kayıtta geçerli UTF-8 olmayan baytlar var."),
    "missing_identifier": _("Kaydın kimliği yok ({fields})."),
    "missing_title": _("Kaydın başlığı yok ({fields})."),
    "missing_value": _("Zorunlu “{field}” sütunu boş."),
    "bad_date": _("“{field}” alanındaki “{value}” geçerli bir tarih değil (beklenen: {expected})."),
    "bad_datetime": _(
        "“{field}” alanındaki “{value}” geçerli bir tarih ve saat değil (beklenen: {expected})."
    ),
    "bad_number": _("“{field}” alanındaki “{value}” bir sayı değil."),
    "bad_integer": _("“{field}” alanındaki “{value}” bir tam sayı değil."),
    "negative_amount": _("“{field}” eksi bir değer ({value})."),
    "min_above_max": _("En az destek ({minimum}) en çok destekten ({maximum}) büyük."),
    "bad_rate": _("Destek oranı {value}, 0 ile 100 (yüzde) arasında değil."),
    "bad_choice": _(
        "“{value}”, “{field}” için geçerli değil; şunlardan birini kullanın: {choices}."
    ),
    "bad_timezone": _(
        "“{value}” bilinen bir saat dilimi değil; örneğin Europe/Istanbul ya da "
        "Europe/Brussels kullanın."
    ),
    "bad_url": _(
        "“{field}” alanındaki “{value}” bir web adresi değil (http:// ya da https:// ile "
        "başlamalı)."
    ),
    "stage_order": _(
        "İkinci aşama son tarihi ({second}) birinci aşamanınkinden ({first}) sonra değil."
    ),
    "deadline_count": _("{model} bir çağrının {count} son tarihi olamaz."),
    "deadline_naive": _("Bir son tarihin saat dilimi yok (okuyucuda iç hata)."),
    "unknown_agency": _("“{code}” bir Türkiye kalkınma ajansının kodu değil."),
    "duplicate_id": _("“{source_id}” kimliği {first} konumunda zaten kullanıldı."),
    "duplicate_conflict": _(
        "“{code}” çağrısı {first} konumunda farklı bir {field} ile geçmişti: orada “{old}”, "
        "burada “{new}”."
    ),
    "example_row": _("Şablonun örnek satırı (içe aktarılmaz)."),
}
