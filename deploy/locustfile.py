"""Visitors of an office's public site, for ``deploy/loadtest.py``.

``LOAD_MODE=visitors``: 1–3 s between clicks over the office home, the call catalogue
(some with a search), the data bank and call pages. ``LOAD_MODE=saturate``: the same
pages with no pause (throughput). ``LOAD_MODE=hello``: the bare Django view.
"""

from __future__ import annotations

import os
import random

from locust import FastHttpUser, between, constant, task

MODE = os.environ.get("LOAD_MODE", "visitors")
OFFICE = os.environ.get("LOAD_OFFICE", "balikesir")
CALL_IDS = [int(x) for x in os.environ.get("LOAD_CALL_IDS", "").split(",") if x]
QUERIES = ["", "", "?q=youth", "?q=energy", "?durum=open", "?q=digital&siralama=deadline"]


class Visitor(FastHttpUser):
    wait_time = between(1, 3) if MODE == "visitors" else constant(0)

    @task(1)
    def home(self) -> None:
        if MODE == "hello":
            self.client.get("/hello", name="hello")
            return
        self.client.get(f"/{OFFICE}/", name="office home")

    @task(1)
    def catalogue(self) -> None:
        if MODE == "hello":
            self.client.get("/hello", name="hello")
            return
        self.client.get(f"/{OFFICE}/cagrilar/{random.choice(QUERIES)}", name="call catalogue")

    @task(1)
    def databank(self) -> None:
        if MODE == "hello":
            self.client.get("/hello", name="hello")
            return
        self.client.get(f"/{OFFICE}/veri-bankasi/", name="data bank")

    @task(1)
    def call_page(self) -> None:
        if MODE == "hello":
            self.client.get("/hello", name="hello")
            return
        self.client.get(f"/{OFFICE}/cagrilar/{random.choice(CALL_IDS)}/", name="call page")
