"""Where Rasd's inputs and outputs live, from the environment, with repository-relative defaults.

    RASD_INBOX          folder of *.jsonl article files            (default <repo>/data/inbox)
    RASD_WAREHOUSE      the DuckDB warehouse file                  (default <repo>/data/warehouse.duckdb)
    RASD_GAZETTEER_DIR  folder with the OCHA COD-AB CSVs           (see extract.gazetteer.default_gazetteer_dir)
    RASD_DBT_PROJECT    the dbt project folder                     (default <repo>/dbt_project)
    RASD_SERVING_DIR    where the marts are published for readers  (default: the warehouse's folder;
                        see warehouse/publish.py)

Values are read each time a function is called, so tests can change the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# The OCHA COD-AB tables the `ref` schema holds, as file name -> table name.
GAZETTEER_FILES = {
    "syr_admin1_governorates.csv": "admin1",
    "syr_admin2_districts.csv": "admin2",
    "syr_admin3_subdistricts_from_admin4.csv": "admin3",
    "syr_admin4_communities.csv": "admin4",
}


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser().resolve() if value else default


def inbox_dir() -> Path:
    return _env_path("RASD_INBOX", REPO_ROOT / "data" / "inbox")


def warehouse_path() -> Path:
    return _env_path("RASD_WAREHOUSE", REPO_ROOT / "data" / "warehouse.duckdb")


def serving_dir(warehouse: Path | str | None = None) -> Path:
    """RASD_SERVING_DIR, else the folder of `warehouse` (default: of warehouse_path()): serving.duckdb and
    marts/ go beside the warehouse they are published from."""
    default = Path(warehouse).resolve().parent if warehouse else warehouse_path().parent
    return _env_path("RASD_SERVING_DIR", default)


def dbt_project_dir() -> Path:
    return _env_path("RASD_DBT_PROJECT", REPO_ROOT / "dbt_project")


def dagster_home() -> Path:
    return _env_path("DAGSTER_HOME", REPO_ROOT / ".dagster_home")


def check_gazetteer_dir(path: Path | str | None) -> Path:
    """`path` if it holds the four COD-AB CSVs, else raise extract.gazetteer.GazetteerMissing, worded as
    Gazetteer.from_dir words it (with how to get a gazetteer), without loading the whole index."""
    from extract.gazetteer import HOW_TO_GET, GazetteerMissing

    folder = Path(path) if path else None
    if folder is None or not folder.is_dir():
        raise GazetteerMissing(f"No gazetteer folder found ({folder}). {HOW_TO_GET}")
    missing = [name for name in GAZETTEER_FILES if not (folder / name).is_file()]
    if missing:
        raise GazetteerMissing(f"The gazetteer folder {folder} lacks {', '.join(missing)}. {HOW_TO_GET}")
    return folder


def gazetteer_dir() -> Path:
    """The gazetteer folder (extract.gazetteer.default_gazetteer_dir), checked; raises GazetteerMissing."""
    from extract.gazetteer import default_gazetteer_dir

    return check_gazetteer_dir(default_gazetteer_dir())
