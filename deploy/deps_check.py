"""``make deps-check``: is the dependency lock current, what would an upgrade change,
and do the locked versions have known vulnerabilities?

1. ``requirements/*.txt`` still match ``requirements/*.in`` (someone edited a ``.in``
   file without ``make lock``): a stale lock fails the check.
2. Drift: the pins that have a newer release on PyPI (``make upgrade`` or
   ``make upgrade P=name`` takes them), printed as ``name  locked → newest``.
3. Audit: ``pip-audit`` checks every locked version against PyPI's advisory data; a
   known vulnerability fails the check. Where PyPI's JSON API cannot be reached (a
   mirror that serves only the package index), pip-audit can audit nothing: the check
   says so plainly instead of passing silently.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LOCKS = ["base", "dev"]
COMPILE = [
    str(BIN / "uv"),
    "pip",
    "compile",
    "--quiet",
    "--generate-hashes",
    "--python-version",
    "3.11",
    "--python-platform",
    "x86_64-manylinux_2_36",
]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s\\;]+)", re.M)


def pins(text: str) -> dict[str, str]:
    return {name.lower(): version for name, version in PIN.findall(text)}


def compile_to(name: str, extra: list[str], out: Path) -> dict[str, str]:
    # dev.in is constrained by base.txt: compile it against the candidate base lock.
    source = ROOT / "requirements" / f"{name}.in"
    text = source.read_text()
    tmp_in = out.parent / f"{name}.in"
    tmp_in.write_text(text.replace("-r base.in", f"-r {ROOT / 'requirements' / 'base.in'}"))
    subprocess.run([*COMPILE, *extra, str(tmp_in), "-o", str(out)], check=True, cwd=out.parent)
    return pins(out.read_text())


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        print("== 1. locks against requirements/*.in")
        for name in LOCKS:
            locked = pins((ROOT / "requirements" / f"{name}.txt").read_text())
            # compiling with the current lock as the output keeps its pins (no upgrade)
            out = tmpdir / f"{name}.txt"
            out.write_text((ROOT / "requirements" / f"{name}.txt").read_text())
            fresh = compile_to(name, [], out)
            if fresh != locked:
                added = sorted(set(fresh) - set(locked))
                removed = sorted(set(locked) - set(fresh))
                print(f"   {name}.txt is STALE (added {added}, removed {removed}): run `make lock`")
                failed = True
            else:
                print(f"   {name}.txt matches {name}.in ({len(locked)} pins)")
        print("== 2. drift: newer releases of locked packages")
        drift = 0
        for name in LOCKS:
            locked = pins((ROOT / "requirements" / f"{name}.txt").read_text())
            newest = compile_to(name, ["--upgrade"], tmpdir / f"{name}-upgrade.txt")
            for package in sorted(locked):
                if package in newest and newest[package] != locked[package]:
                    print(f"   {name}: {package:<30} {locked[package]} → {newest[package]}")
                    drift += 1
        print(f"   {drift} pin(s) behind; `make upgrade` (or `make upgrade P=name`) moves them")
    print("== 3. pip-audit (PyPI advisory data)")
    audit = subprocess.run(
        [
            str(BIN / "pip-audit"),
            "--progress-spinner",
            "off",
            "--disable-pip",
            "--no-deps",
            "-r",
            str(ROOT / "requirements" / "dev.txt"),
        ],
        capture_output=True,
        text=True,
    )
    report = audit.stdout + audit.stderr
    locked_count = len(pins((ROOT / "requirements" / "dev.txt").read_text()))
    skipped = report.count("could not be audited")
    if audit.returncode != 0 and "Found" in report and "vulnerabilit" in report:
        print(report)
        failed = True
    elif skipped >= locked_count:
        print(
            "   NOT AUDITED: pip-audit could not read PyPI's advisory data from this machine "
            f"({skipped} of {locked_count} packages 'not found on PyPI'): the audit must run "
            "where pypi.org's JSON API (or osv.dev: `pip-audit -s osv`) is reachable."
        )
    else:
        print("   " + ("\n   ".join(line for line in report.splitlines() if "WARNING" not in line)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
