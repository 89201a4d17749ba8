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


# --- linkage and serving, end to end (tests/test_linkage_e2e.py, tests/test_serving.py) ------------------------

# Invented reports (real places, fictitious events), in the style of data/inbox/example_articles.jsonl: two outlets
# report one Russian air strike on كفرنبل (Kafr Nabl, C4068, district SY0702) on 2024-05-02, the first that day
# ("صباح اليوم"), the second the next morning ("أمس"); a third outlet reports an unrelated shelling of حاس (C4058,
# the same district) on 2024-05-03.
LINKAGE_FIRST_ARTICLES = [
    {"id": "lk-0001", "source": "وكالة رصد التجريبية", "url": None, "published_at": "2024-05-02T10:00:00Z",
     "title": "غارة روسية على كفرنبل",
     "body": "قتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح اليوم، جراء غارة جوية شنتها طائرات حربية روسية على بلدة "
             "كفرنبل بريف إدلب الجنوبي."},
]  # fmt: skip
LINKAGE_LATER_ARTICLES = [
    {"id": "lk-0002", "source": "شبكة الشمال الإخبارية", "url": None, "published_at": "2024-05-03T07:30:00Z",
     "title": "مقتل أربعة مدنيين بغارة على سوق كفرنبل",
     "body": "قتل أربعة مدنيين، أمس، بغارة جوية روسية استهدفت سوق بلدة كفرنبل في ريف إدلب الجنوبي، وأصيب ستة آخرون "
             "بجروح."},
    {"id": "lk-0003", "source": "example-agency-c", "url": None, "published_at": "2024-05-03T09:00:00Z",
     "title": None,
     "body": "أصيب طفلان، صباح اليوم، بقصف مدفعي لقوات النظام على بلدة حاس بريف إدلب الجنوبي."},
]  # fmt: skip

# Holds the published serving file open read-only (one connection, opened before the second run) until told to
# stop, then reads it again on that connection, closes it and reads on a new one; prints what it saw as JSON.
SERVING_HOLDER = r"""
import json, sys, time, duckdb
from pathlib import Path
serving, ready, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])

def look(conn):
    version = conn.execute("select any_value(version) from _publication").fetchall()[0][0]
    rows = dict(conn.execute("select mart, rows from _publication").fetchall())
    actual = {m: conn.execute(f"select count(*) from {m}").fetchall()[0][0] for m in rows}
    return {"version": version, "consistent": rows == actual, "events": actual["events"]}

held = duckdb.connect(str(serving), read_only=True)
before = look(held)
ready.write_text("holding")
deadline = time.time() + 600
while not stop.exists() and time.time() < deadline:
    time.sleep(0.2)
after = look(held)
held.close()  # DuckDB shares one open database per path in a process: reconnecting means closing first
fresh = duckdb.connect(str(serving), read_only=True)
print(json.dumps({"before": before, "after_on_held_connection": after, "new_connection": look(fresh)}))
"""


def _write_inbox(folder: Path, name: str, articles: list[dict]) -> None:
    import json

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / name, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(article, ensure_ascii=False) + "\n" for article in articles)


@pytest.fixture(scope="session")
def linkage_runs(tmp_path_factory, gazetteer_dir: Path) -> dict:
    """The whole pipeline twice on a small inbox: run 1 with the first outlet's report; then, while another process
    holds run 1's serving.duckdb open read-only, run 2 after the second outlet's report of "yesterday"'s strike (and
    an unrelated shelling) arrived. Returns the warehouse, both results and what the holding process saw."""
    import json
    import shutil
    import subprocess
    import sys
    import time

    import dagster as dg

    manifest = REPO / "dbt_project" / "target" / "manifest.json"
    if not manifest.exists():
        pytest.fail(f"{manifest} is missing: run `make dbt-parse` first")
    from orchestration.definitions import build_definitions

    root = tmp_path_factory.mktemp("linkage")
    inbox, warehouse = root / "inbox", root / "wh" / "warehouse.duckdb"

    def run() -> tuple[dg.ExecuteInProcessResult, list[str]]:
        """One pipeline run; its result and the messages its steps logged."""
        defs = build_definitions(warehouse=warehouse, inbox=inbox, gazetteer_dir=gazetteer_dir)
        with dg.DagsterInstance.ephemeral() as instance:
            result = defs.resolve_job_def("rasd_pipeline").execute_in_process(
                instance=instance, raise_on_error=False
            )
            messages = [record.user_message for record in instance.all_logs(result.run_id)]
        failures = [e.step_failure_data.error.to_string() for e in result.all_events if e.is_step_failure]
        assert result.success, "\n".join(failures)
        return result, messages

    _write_inbox(inbox, "day1.jsonl", LINKAGE_FIRST_ARTICLES)
    first, first_log = run()
    first_copy = root / "after_first_run.duckdb"  # the warehouse as run 1 left it
    shutil.copyfile(warehouse, first_copy)

    serving = warehouse.parent / "serving.duckdb"
    ready, stop = root / "holder.ready", root / "holder.stop"
    holder = subprocess.Popen(
        [sys.executable, "-c", SERVING_HOLDER, str(serving), str(ready), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(600):
            if ready.exists() or holder.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), f"the holding process did not start: {holder.communicate()[1][-2000:]}"
        _write_inbox(inbox, "day2.jsonl", LINKAGE_LATER_ARTICLES)
        second, second_log = run()  # completes while the serving file is held open
        stop.write_text("stop")
        out, err = holder.communicate(timeout=120)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert holder.returncode == 0, err[-3000:]
    return {
        "root": root,
        "warehouse": warehouse,
        "first_copy": first_copy,
        "first": first,
        "second": second,
        "first_log": first_log,
        "second_log": second_log,
        "holder": json.loads(out.strip().splitlines()[-1]),
    }


@pytest.fixture(scope="session", autouse=True)
def _publish_beside_the_warehouse():
    """Tests publish the marts beside their temporary warehouse: a RASD_SERVING_DIR set in the environment of the
    person running the tests must not send them elsewhere."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("RASD_SERVING_DIR", raising=False)
        yield


# --- the example inbox through the whole pipeline, once per session (tests/test_outputs.py, test_report_browser.py)
@pytest.fixture(scope="session")
def example_pipeline(tmp_path_factory, gazetteer_dir: Path) -> tuple[Path, object]:
    """(warehouse, result) of rasd_pipeline over data/inbox into a temporary warehouse; fails if the run fails."""
    import dagster as dg

    from orchestration.definitions import build_definitions

    manifest = Path(__file__).resolve().parents[1] / "dbt_project" / "target" / "manifest.json"
    if not manifest.exists():
        pytest.fail(f"{manifest} is missing: run `make dbt-parse` first")
    warehouse = tmp_path_factory.mktemp("example") / "warehouse.duckdb"
    inbox = Path(__file__).resolve().parents[1] / "data" / "inbox"
    defs = build_definitions(warehouse=warehouse, inbox=inbox, gazetteer_dir=gazetteer_dir)
    result = defs.resolve_job_def("rasd_pipeline").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )
    failures = [f"{e.step_key}: {e.step_failure_data.error.to_string()}" for e in result.all_events if e.is_step_failure]
    assert result.success, "\n".join(failures)
    return warehouse, result
