from django.urls import path

from .views import panel, public

public_patterns = [
    path("istatistikler/", public.index, name="index"),
    path("istatistikler/veri.json", public.open_data_json, name="json"),
    path("istatistikler/veri.csv", public.open_data_csv, name="csv"),
]

panel_patterns = [
    path("gosterge-paneli/", panel.dashboard, name="dashboard"),
    path("gosterge-paneli/kayitlar/", panel.records, name="records"),
]
