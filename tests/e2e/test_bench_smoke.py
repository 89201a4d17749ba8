"""The benchmark's core function runs end to end on a few articles (no timing assertions: speed
targets live in `make bench`, not in pytest)."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import REPO


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_extract", REPO / "bench" / "bench_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_core_reports_positive_figures(shared, gazetteer_dir, tmp_path):
    corpora = shared / "corpora"
    if not any(corpora.glob("*.jsonl")):
        pytest.skip(f"no corpora in {corpora}")
    bench = load_bench()
    result = bench.run_bench(corpora, sizes=(20, 50), seed=7, gazetteer=str(gazetteer_dir))
    json.loads(json.dumps(result))  # what --json writes
    assert set(result["runs"]) == {"20", "50"}
    for run in result["runs"].values():
        assert run["throughput_ratio"] > 0
        for mode in ("baseline", "extract"):
            figures = run[mode]
            for field in ("mb", "cpu_s", "wall_s", "articles_per_s", "mb_per_s", "ms_per_article", "peak_rss_mb"):
                assert figures[field] > 0, (mode, field)
            assert figures["articles"] == run["articles"]
        assert run["baseline"]["tokens"] > 0
        assert run["extract"]["records"] >= 0
    assert result["linearity"]["per_article_ratio"] > 0
    assert set(result["checks"]) == {"throughput", "peak_rss", "linearity"}
    assert all(check["value"] > 0 and isinstance(check["ok"], bool) for check in result["checks"].values())
    assert "throughput" in bench.report(result)
