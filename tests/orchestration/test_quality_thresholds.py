"""The thresholds of the data-quality checks come from the environment, read once when the resources are built
(orchestration.resources.QualityThresholds): RASD_MAX_REJECTED_RATE, RASD_MIN_SHARE_WITH_EVENTS,
RASD_MAX_UNRESOLVED_PLACE_RATE, and RASD_MAX_SUSPECT_KILLED_SHARE (orchestration/assets/outputs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quality_checks import GOOD_ARTICLES, GOOD_MENTIONS, make_warehouse, meta

from orchestration.assets import quality_checks as qc
from orchestration.assets.outputs import MAX_SUSPECT_KILLED_SHARE
from orchestration.resources import QualityThresholds

ENV = (
    "RASD_MAX_REJECTED_RATE",
    "RASD_MIN_SHARE_WITH_EVENTS",
    "RASD_MAX_UNRESOLVED_PLACE_RATE",
    "RASD_MAX_SUSPECT_KILLED_SHARE",
)


def quality(**environ: str) -> QualityThresholds:
    """The resource as build_resources makes it from an environment holding `environ`."""
    return QualityThresholds.from_environment(environ)


def test_defaults() -> None:
    unset = quality()
    assert qc.MAX_REJECTED_RATE.value(unset.max_rejected_rate) == (0.1, "default")
    assert qc.MIN_SHARE_WITH_EVENTS.value(unset.min_share_with_events) == (0.3, "default")
    assert qc.MAX_UNRESOLVED_PLACE_RATE.value(unset.max_unresolved_place_rate) == (0.5, "default")
    assert MAX_SUSPECT_KILLED_SHARE.value(unset.max_suspect_killed_share) == (0.25, "default")
    assert quality(RASD_MAX_SUSPECT_KILLED_SHARE="40%").max_suspect_killed_share == "40%"
    thresholds = (qc.MAX_REJECTED_RATE, qc.MIN_SHARE_WITH_EVENTS, qc.MAX_UNRESOLVED_PLACE_RATE, MAX_SUSPECT_KILLED_SHARE)
    assert {t.env for t in thresholds} == set(ENV) == set(QualityThresholds.ENVIRONMENT.values())


def test_environment_moves_the_thresholds(tmp_path: Path) -> None:
    # 2 of 3 articles yield events (0.667); 0 of 3 mentions lack a district; 1 rejected of 4 records (0.25)
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS, rejected=1)
    assert not qc.rejected_rows_rate(duckdb=res, quality=quality()).passed  # 0.25 > 0.1 by default
    result = qc.rejected_rows_rate(duckdb=res, quality=quality(RASD_MAX_REJECTED_RATE="30%"))
    assert result.passed
    assert meta(result)["threshold"] == pytest.approx(0.3)
    assert meta(result)["threshold_source"] == "environment RASD_MAX_REJECTED_RATE"

    assert qc.share_of_articles_with_events(duckdb=res, quality=quality()).passed
    share = qc.share_of_articles_with_events(duckdb=res, quality=quality(RASD_MIN_SHARE_WITH_EVENTS="0.7"))
    assert not share.passed and meta(share)["threshold"] == pytest.approx(0.7)

    assert qc.unresolved_place_rate(duckdb=res, quality=quality(RASD_MAX_UNRESOLVED_PLACE_RATE="0")).passed
    res2 = make_warehouse(
        tmp_path / "wh2.duckdb", GOOD_ARTICLES, [("a1", "2024-03-10", None), *GOOD_MENTIONS]
    )
    strict = quality(RASD_MAX_UNRESOLVED_PLACE_RATE="0")
    assert not qc.unresolved_place_rate(duckdb=res2, quality=strict).passed  # 1 of 4 without a district > 0
    lenient = quality(RASD_MAX_UNRESOLVED_PLACE_RATE=" 0.25 ")
    assert qc.unresolved_place_rate(duckdb=res2, quality=lenient).passed


@pytest.mark.parametrize("value", ["many", "1.5", "-0.1", "150%", "nan"])
def test_invalid_values_fail_loudly(tmp_path: Path, value: str) -> None:
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS)
    with pytest.raises(ValueError, match="RASD_MIN_SHARE_WITH_EVENTS"):
        qc.share_of_articles_with_events(duckdb=res, quality=quality(RASD_MIN_SHARE_WITH_EVENTS=value))
