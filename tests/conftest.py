"""Shared fixtures. Several people add to this file: append, do not rewrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GAZETTEER_FILES = (
    "syr_admin1_governorates.csv",
    "syr_admin2_districts.csv",
    "syr_admin3_subdistricts_from_admin4.csv",
    "syr_admin4_communities.csv",
)


def shared_dir() -> Path:
    """The read-only shared data folder: RASD_SHARED, else <repo>/../shared."""
    return Path(os.environ.get("RASD_SHARED") or REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data folder {path} not found (set RASD_SHARED)")
    return path


@pytest.fixture(scope="session")
def gazetteer_dir() -> Path:
    """The COD-AB CSVs: RASD_GAZETTEER_DIR, else <shared>/gazetteer; the test is skipped without them."""
    path = Path(os.environ.get("RASD_GAZETTEER_DIR") or shared_dir() / "gazetteer").resolve()
    if not all((path / name).is_file() for name in GAZETTEER_FILES):
        pytest.skip(f"gazetteer CSVs not found in {path} (set RASD_GAZETTEER_DIR)")
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A fresh DuckDB warehouse file path (not created yet)."""
    return tmp_path / "warehouse.duckdb"
