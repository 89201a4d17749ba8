"""The thresholds of the data-quality checks come from the environment (orchestration/assets/quality_checks.py):
RASD_MAX_REJECTED_RATE, RASD_MIN_SHARE_WITH_EVENTS, RASD_MAX_UNRESOLVED_PLACE_RATE."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quality_checks import GOOD_ARTICLES, GOOD_MENTIONS, make_warehouse, meta

from orchestration.assets import quality_checks as qc

ENV = ("RASD_MAX_REJECTED_RATE", "RASD_MIN_SHARE_WITH_EVENTS", "RASD_MAX_UNRESOLVED_PLACE_RATE")


@pytest.fixture(autouse=True)
def _no_thresholds_set(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    assert qc.MAX_REJECTED_RATE.value() == (0.1, "default")
    assert qc.MIN_SHARE_WITH_EVENTS.value() == (0.3, "default")
    assert qc.MAX_UNRESOLVED_PLACE_RATE.value() == (0.5, "default")
    assert {
        t.env for t in (qc.MAX_REJECTED_RATE, qc.MIN_SHARE_WITH_EVENTS, qc.MAX_UNRESOLVED_PLACE_RATE)
    } == set(ENV)


def test_environment_moves_the_thresholds(tmp_path: Path, monkeypatch) -> None:
    # 2 of 3 articles yield events (0.667); 0 of 3 mentions lack a district; 1 rejected of 4 records (0.25)
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS, rejected=1)
    assert not qc.rejected_rows_rate(duckdb=res).passed  # 0.25 > 0.1 by default
    monkeypatch.setenv("RASD_MAX_REJECTED_RATE", "30%")
    result = qc.rejected_rows_rate(duckdb=res)
    assert result.passed
    assert meta(result)["threshold"] == pytest.approx(0.3)
    assert meta(result)["threshold_source"] == "environment RASD_MAX_REJECTED_RATE"

    assert qc.share_of_articles_with_events(duckdb=res).passed
    monkeypatch.setenv("RASD_MIN_SHARE_WITH_EVENTS", "0.7")
    share = qc.share_of_articles_with_events(duckdb=res)
    assert not share.passed and meta(share)["threshold"] == pytest.approx(0.7)

    monkeypatch.setenv("RASD_MAX_UNRESOLVED_PLACE_RATE", "0")
    assert qc.unresolved_place_rate(duckdb=res).passed  # 0 <= 0
    res2 = make_warehouse(
        tmp_path / "wh2.duckdb", GOOD_ARTICLES, [("a1", "2024-03-10", None), *GOOD_MENTIONS]
    )
    assert not qc.unresolved_place_rate(duckdb=res2).passed  # 1 of 4 without a district > 0
    monkeypatch.setenv("RASD_MAX_UNRESOLVED_PLACE_RATE", " 0.25 ")
    assert qc.unresolved_place_rate(duckdb=res2).passed


@pytest.mark.parametrize("value", ["many", "1.5", "-0.1", "150%", "nan"])
def test_invalid_values_fail_loudly(tmp_path: Path, monkeypatch, value: str) -> None:
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS)
    monkeypatch.setenv("RASD_MIN_SHARE_WITH_EVENTS", value)
    with pytest.raises(ValueError, match="RASD_MIN_SHARE_WITH_EVENTS"):
        qc.share_of_articles_with_events(duckdb=res)
