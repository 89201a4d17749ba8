"""Running any asset twice on the same inputs changes nothing: for each asset of the pipeline in turn (upstream
already materialised), a second materialisation leaves every table and view of the warehouse, and every file
published beside it, as the first left them."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from .bad_inbox import write_bad_inbox
from .warehouse_state import differences, files_beside, snapshot

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"


@pytest.fixture(scope="module")
def setup(tmp_path_factory, gazetteer_dir: Path):
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    root = tmp_path_factory.mktemp("idempotence")
    inbox = root / "inbox"
    write_bad_inbox(inbox)  # bad records, revisions, every format
    shutil.copy(REPO / "data" / "inbox" / "example_articles.jsonl", inbox)
    for path in (REPO / "tests" / "fixtures" / "formats").iterdir():
        shutil.copy(path, inbox / f"fmt_{path.name}")
    from orchestration.definitions import build_definitions

    (root / "warehouse").mkdir()
    warehouse = root / "warehouse" / "wh.duckdb"
    defs = build_definitions(warehouse=warehouse, inbox=inbox, gazetteer_dir=gazetteer_dir)
    return warehouse, defs


def materialize(defs: dg.Definitions, asset) -> dg.ExecuteInProcessResult:
    result = dg.materialize([asset], resources=defs.resources, instance=dg.DagsterInstance.ephemeral(),
                            raise_on_error=False)  # fmt: skip
    failures = [e.step_failure_data.error.to_string() for e in result.all_events if e.is_step_failure]
    assert result.success, "\n".join(failures)
    return result


def test_every_asset_twice_changes_nothing(setup) -> None:
    from orchestration.definitions import ASSETS

    warehouse, defs = setup
    done: set = set()
    for asset in ASSETS:  # in the order of the pipeline: each asset's upstream is materialised before it
        produced = {k for a in ASSETS for k in a.keys}
        upstream = {dep for key in asset.keys for dep in asset.asset_deps.get(key, ())} & produced - set(
            asset.keys
        )
        assert upstream <= done, f"{asset.keys}: its upstream {upstream - done} comes later in ASSETS"
        # the Python assets rewrite nothing that did not change, not even the time a row was written; dbt and
        # what follows it may record when they ran (meta.dbt_build_state.built_at) but nothing else may change
        strict = asset.keys <= {
            dg.AssetKey("articles"),
            dg.AssetKey("gazetteer"),
            dg.AssetKey("event_mentions"),
        }
        materialize(defs, asset)
        first = snapshot(warehouse, drop_run_times=not strict), files_beside(warehouse)
        materialize(defs, asset)
        second = snapshot(warehouse, drop_run_times=not strict), files_beside(warehouse)
        name = next(iter(asset.keys)).to_user_string() if len(asset.keys) == 1 else "the dbt models"
        assert not differences(first[0], second[0]), f"{name}: {differences(first[0], second[0])}"
        assert first[1] == second[1], (
            f"{name} rewrote files: {set(first[1].items()) ^ set(second[1].items())}"
        )
        done |= set(asset.keys)
    tables = first[0]
    assert tables['"raw"."article_revisions"'] and tables['"raw"."rejected_articles"']
    assert tables['"main"."daily_district_casualties"'] and tables['"raw"."event_mentions"']
