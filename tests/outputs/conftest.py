"""The example inbox through the whole pipeline once per session, for the tests of the outputs package."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def example_pipeline(tmp_path_factory, gazetteer_dir: Path) -> tuple[Path, object]:
    """(warehouse, result) of rasd_pipeline over data/inbox into a temporary warehouse; fails if the run fails."""
    import dagster as dg

    from orchestration.definitions import build_definitions

    manifest = REPO / "dbt_project" / "target" / "manifest.json"
    if not manifest.exists():
        pytest.fail(f"{manifest} is missing: run `make dbt-parse` first")
    warehouse = tmp_path_factory.mktemp("example") / "warehouse.duckdb"
    inbox = REPO / "data" / "inbox"
    defs = build_definitions(warehouse=warehouse, inbox=inbox, gazetteer_dir=gazetteer_dir)
    result = defs.resolve_job_def("rasd_pipeline").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )
    failures = [f"{e.step_key}: {e.step_failure_data.error.to_string()}" for e in result.all_events if e.is_step_failure]
    assert result.success, "\n".join(failures)
    return warehouse, result
