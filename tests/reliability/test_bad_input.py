"""Bad input of every kind, in every format: each record ends up loaded (perhaps cleaned, perhaps as a new
revision) or in raw.rejected_articles with its file, position and a reason a person understands; the rest of
each file still loads; nothing is lost; a second ingest changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import pytest

from ingest.settings import IngestConfig
from warehouse.articles import ingest
from warehouse.connection import connect, ensure_schema

from .bad_inbox import BODY, BODY_2, NOW, Expect, write_bad_inbox


def tables(conn) -> dict[str, list[tuple]]:
    return {
        name: conn.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
        for name in ("raw.articles", "raw.article_revisions", "raw.rejected_articles")
    }


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "inbox"
    expectations = write_bad_inbox(folder)
    warehouse = folder.parent / "warehouse.duckdb"
    with connect(warehouse) as conn:
        ensure_schema(conn)
        report = ingest(conn, folder, now=NOW, config=IngestConfig())
        first = tables(conn)
        again = ingest(conn, folder, now=NOW + dt.timedelta(hours=1), config=IngestConfig())
        second = tables(conn)
    return expectations, report, first, again, second


def outcome_of(expect: Expect, first: dict[str, list[tuple]]) -> tuple[str, str]:
    """("loaded" | "rejected" | "lost", reason or "") for one input, from the warehouse alone."""
    rejected = {(r[1], r[2]): r[3] for r in first["raw.rejected_articles"]}
    if (expect.file, expect.line) in rejected:
        return "rejected", rejected[(expect.file, expect.line)]
    loaded = {(r[7], r[8]) for r in first["raw.articles"]} | {
        (r[8], r[9]) for r in first["raw.article_revisions"]
    }
    return ("loaded", "") if (expect.file, expect.line) in loaded else ("lost", "")


def test_every_bad_input_is_rejected_with_its_reason_or_loaded(bad_run) -> None:
    expectations, _, first, _, _ = bad_run
    wrong = []
    for e in expectations:
        got, reason = outcome_of(e, first)
        if e.outcome in ("loaded", "cleaned", "revision"):
            ok = got == "loaded" or (e.what == "exact duplicate" and got == "lost")
        else:
            ok = got == "rejected" and e.outcome in reason
        if not ok:
            wrong.append(f"{e.file}:{e.line} ({e.what}): expected {e.outcome!r}, got {got} {reason!r}")
    assert not wrong, "\n".join(wrong)


def test_nothing_is_lost(bad_run) -> None:
    """Every record read is an article, a revision, a duplicate of one, or a rejection; the report's counts add up."""
    expectations, report, first, _, _ = bad_run
    exact_duplicates = [e for e in expectations if e.what == "exact duplicate"]
    lost = [e for e in expectations if outcome_of(e, first)[0] == "lost" and e not in exact_duplicates]
    bad = [e for e in expectations if e.outcome != "loaded"]
    rejected = [e for e in bad if outcome_of(e, first)[0] == "rejected"]
    print(f"\nbad input: {len(bad)} tried in {len({e.file for e in expectations})} files, {len(rejected)} rejected "
          f"with a reason, {len(bad) - len(rejected)} loaded (cleaned, or as a new revision), {len(lost)} lost")  # fmt: skip
    assert lost == []
    assert report.rows_read == len(expectations)
    assert report.rows_read == report.rejected + len(first["raw.article_revisions"]) + len(exact_duplicates)
    assert len(first["raw.rejected_articles"]) == report.rejected
    assert all(len(r[3]) > 20 for r in first["raw.rejected_articles"])  # a reason, not a code
    assert report.skipped_files == ["notes.txt"]


def test_revisions_and_cleaning(bad_run) -> None:
    _, report, first, _, _ = bad_run
    articles = {r[0]: r for r in first["raw.articles"]}
    revised = [r for r in first["raw.article_revisions"] if r[0] == "j-revised"]
    assert [(r[1], r[9]) for r in revised] == [(1, 17), (2, 18)]
    assert articles["j-revised"][5].endswith("إلى ثلاثة.") and articles["j-revised"][10] == 2
    assert report.revised == [("j-revised", 2, "a_lines.jsonl", "line 18")]
    body = articles["j-zero-width"][5]
    assert body == "قتل مدني في غارة جوية على بلدة بنش اليوم."
    assert articles["j-light-html"][5] == "قتل مدنيان في قصف على بلدة النيرب اليوم.\nوأصيب ثلاثة آخرون."
    assert articles["j-stray-script"][5] == f"{BODY} {BODY_2}"  # the script and its code are gone
    assert report.cleaned == 3


def test_second_ingest_changes_nothing(bad_run) -> None:
    _, _, first, again, second = bad_run
    assert second == first
    assert (again.inserted, again.updated, again.revisions_new, again.rejected_new) == (0, 0, 0, 0)


def test_the_asset_reports_rejections_and_skipped_files(tmp_path: Path) -> None:
    from orchestration.assets.ingest import articles
    from orchestration.resources import RasdPaths, warehouse_resource

    folder = tmp_path / "inbox"
    write_bad_inbox(folder)
    resources = {"duckdb": warehouse_resource(tmp_path / "wh.duckdb"), "rasd": RasdPaths(inbox=str(folder))}
    result = dg.materialize([articles], resources=resources, instance=dg.DagsterInstance.ephemeral())
    assert result.success
    [materialization] = result.asset_materializations_for_node("articles")
    meta = {key: getattr(value, "value", value) for key, value in materialization.metadata.items()}
    assert meta["skipped_files"] == ["notes.txt"] and meta["new_revisions"] >= 1
    assert "| a_lines.jsonl | line 2 | line is not valid JSON" in meta["rejections"]
    assert "| j-revised | 2 | a_lines.jsonl | line 18 |" in meta["changed_articles"]
