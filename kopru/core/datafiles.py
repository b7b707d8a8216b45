"""Where the real public data files are found.

Files whose licence allows it are bundled under ``data/`` in the repository; the
others are only read from the team's ``shared/data/`` folder beside the clone.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DATA = REPO_ROOT / "data"
SHARED_DATA = Path(os.environ.get("KOPRU_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


class DataFileMissing(FileNotFoundError):
    """A data file is neither bundled nor in ``shared/data``."""


def data_file(relative: str) -> Path:
    """The path of ``relative`` (e.g. ``"izmir-mlab/projects.txt"``).

    Bundled copies win; otherwise the shared folder is used.
    """
    for root in (BUNDLED_DATA, SHARED_DATA):
        candidate = root / relative
        if candidate.exists():
            return candidate
    raise DataFileMissing(
        f"{relative} is not bundled in {BUNDLED_DATA} and {SHARED_DATA} does not have it"
    )


def has_data_file(relative: str) -> bool:
    try:
        data_file(relative)
    except DataFileMissing:
        return False
    return True
