"""The production topology on this machine, under load (``make loadtest``).

1. A PostgreSQL database (``LOAD_DATABASE_URL``, default ``kopru_load`` on
   127.0.0.1) is prepared once: migrated, the demo offices, the EU portal's 629 calls
   and the CORDIS participations imported.
2. The same processes as ``deploy/systemd``: gunicorn with 4 workers and the
   production settings, a task worker (``worker``) and the scheduler.
3. Visitors: ``--users`` (50) simulated visitors, 1–3 s between clicks, for
   ``--duration`` seconds, over the office home, the call catalogue, the data bank and
   call pages, WHILE imports run (the calls file and the CORDIS file, one after the
   other, again and again, at the worker's priority: ``Nice=10`` as in
   ``deploy/systemd/kopru-worker.service``). Goal: p95 ≤ 300 ms and no error.
4. Saturation: the same pages with no pause (``--saturate-users`` clients) for
   ``--saturate`` seconds, then a bare Django "hello" view served by the same gunicorn
   command: requests per second of each and their ratio.

Everything runs on this machine (load generator included) and stops by itself.
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "load"
CALLS_FILE = ROOT / "data" / "eu-ft-calls-2026" / "open.jsonl.gz"
CORDIS_FILE = ROOT / "data" / "cordis-h2020-participations" / "cordis-plus-2014.csv"


def env_for(url: str, settings: str = "config.settings.production") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": "load-test-only-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "False",
            "DJANGO_LOG_LEVEL": "WARNING",
            "KOPRU_SITE_URL": "http://127.0.0.1",
        }
    )
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    local = env_for(url, "config.settings.local")
    with psycopg.connect(admin, autocommit=True) as pg:
        exists = pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            manage(local, "migrate", "--no-input")  # a database of an older schema
            return
        pg.execute(f'CREATE DATABASE "{name}"')
    print(f"preparing {name} (once): migrate, demo offices, 629 calls, CORDIS participations")
    manage(local, "migrate", "--no-input")
    manage(local, "load_demo")
    manage(local, "import_calls", str(CALLS_FILE), "--office", "balikesir")
    manage(local, "import_projects", str(CORDIS_FILE))


def call_ids(env: dict[str, str]) -> str:
    code = (
        "import django\ndjango.setup()\n"
        "from kopru.core.scoping import public_scope\n"
        "from kopru.offices.models import Office\n"
        "from kopru.calls.models import Call\n"
        "office = Office.objects.get(slug='balikesir')\n"
        "with public_scope(office):\n"
        "    print(','.join(str(pk) for pk in Call.objects.values_list('pk', flat=True)[:200]))\n"
    )
    done = subprocess.run(
        [str(BIN / "python"), "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"no published call found: {done.stderr}")
    return done.stdout.strip()


def start(cmd: list[str], env: dict[str, str], log: str) -> subprocess.Popen[bytes]:
    fh = (OUT / log).open("wb")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)


def gunicorn(app: str, port: int, env: dict[str, str], log: str) -> subprocess.Popen[bytes]:
    process = start(
        [
            str(BIN / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--timeout",
            "60",
            "--max-requests",
            "2000",
            "--max-requests-jitter",
            "200",
        ],
        env,
        log,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except urllib.error.HTTPError:
            return process  # it answers (hello has no /healthz)
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"gunicorn {app} did not start; see {OUT / log}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def locust(
    mode: str, users: int, seconds: int, port: int, calls: str, name: str
) -> dict[str, dict[str, float]]:
    env = {**os.environ, "LOAD_MODE": mode, "LOAD_CALL_IDS": calls}
    prefix = OUT / name
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "deploy" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 5, 1)),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    rows = {}
    with open(f"{prefix}_stats.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            rows[row["Name"]] = {
                "requests": float(row["Request Count"]),
                "failures": float(row["Failure Count"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "rps": float(row["Requests/s"] or 0),
            }
    return rows


def service_times(port: int, calls: str) -> dict[str, float]:
    """Median time of one request at a time per page (no concurrency): the pages' own cost."""
    import statistics

    first = calls.split(",")[0]
    pages = {
        "office home": "/balikesir/",
        "call catalogue": "/balikesir/cagrilar/",
        "data bank": "/balikesir/veri-bankasi/",
        "call page": f"/balikesir/cagrilar/{first}/",
    }
    times = {}
    for name, path in pages.items():
        samples = []
        for _ in range(25):
            start = time.perf_counter()
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
                r.read()
            samples.append((time.perf_counter() - start) * 1000)
        times[name] = statistics.median(samples[5:])
    return times


def importer(env: dict[str, str], stop_event: threading.Event, counter: list[int]) -> None:
    while not stop_event.is_set():
        for args in (
            ["import_calls", str(CALLS_FILE), "--office", "izmir"],
            ["import_projects", str(CORDIS_FILE)],
        ):
            if stop_event.is_set():
                return
            # as the worker runs it (deploy/systemd/kopru-worker.service: Nice=10)
            subprocess.run(
                ["nice", "-n", "10", str(BIN / "python"), "manage.py", *args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                check=False,
            )
            counter[0] += 1


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=90)
    parser.add_argument("--saturate", type=int, default=30)
    parser.add_argument("--saturate-users", type=int, default=24)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8104")))
    args = parser.parse_args()
    url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kopru_load")
    OUT.mkdir(parents=True, exist_ok=True)
    prepare(url)
    env = env_for(url)
    manage(env, "collectstatic", "--no-input", "-v0")
    calls = call_ids(env)
    print(f"machine: {os.cpu_count()} cores, load average before: {loadavg()}")

    web = gunicorn("config.wsgi:application", args.port, env, "web.log")
    worker = start([str(BIN / "python"), "manage.py", "worker", "--no-reload"], env, "worker.log")
    scheduler = start([str(BIN / "python"), "manage.py", "run_scheduler"], env, "scheduler.log")
    stop_event = threading.Event()
    imports = [0]
    thread = threading.Thread(target=importer, args=(env, stop_event, imports), daemon=True)
    try:
        locust("visitors", 5, 10, args.port, calls, "warmup")
        alone = service_times(args.port, calls)
        print(
            "one request at a time (median ms): "
            + ", ".join(f"{k} {v:.0f}" for k, v in alone.items())
        )
        thread.start()
        visitors = locust("visitors", args.users, args.duration, args.port, calls, "visitors")
        stop_event.set()
        thread.join(timeout=300)
        print(
            f"\n== {args.users} visitors, 1-3 s between clicks, {args.duration} s, "
            f"while imports ran ({imports[0]} imports finished); load average {loadavg()}"
        )
        print(
            f"{'page':<16} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        )
        for name, row in visitors.items():
            print(
                f"{name:<16} {row['requests']:>8.0f} {row['failures']:>6.0f} {row['p50']:>7.0f} "
                f"{row['p95']:>7.0f} {row['p99']:>7.0f}"
            )
        total = visitors["Aggregated"]
        met = total["p95"] <= 300 and total["failures"] == 0
        print(f"goal p95 <= 300 ms and 0 errors: {'met' if met else 'NOT met'}")

        saturated = locust(
            "saturate", args.saturate_users, args.saturate, args.port, calls, "saturate"
        )
    finally:
        stop_event.set()
        for process in (scheduler, worker, web):
            stop(process)
    hello = gunicorn("deploy.hello:application", args.port, env, "hello.log")
    try:
        bare = locust("hello", args.saturate_users, args.saturate, args.port, calls, "hello")
    finally:
        stop(hello)
    ours = saturated["Aggregated"]["rps"]
    ceiling = bare["Aggregated"]["rps"]
    print(f"\n== saturation: {args.saturate_users} clients with no pause, {args.saturate} s each")
    for name, row in saturated.items():
        print(
            f"{name:<16} {row['rps']:>8.1f} req/s  p95 {row['p95']:>5.0f} ms  errors {row['failures']:.0f}"
        )
    print(f"{'bare Django':<16} {ceiling:>8.1f} req/s  p95 {bare['Aggregated']['p95']:>5.0f} ms")
    print(
        f"ratio Köprü pages / bare Django: {ours / ceiling:.3f}" if ceiling else "no hello figure"
    )
    print(f"load average after: {loadavg()}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
