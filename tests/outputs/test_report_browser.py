"""The report of the example inbox in a real browser (Debian's chromium, driven by Playwright, headless): the page
loads with no console error and no network request, the map holds the 61 districts, the totals shown equal the
marts', the Arabic evidence is laid out right to left. A screenshot goes to build/report_example.png.

`make test` installs chromium with apt-get when it is missing (CI runs as root on a fresh machine)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from outputs.report import build_report

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = REPO / "build" / "report_example.png"


@pytest.fixture(scope="module")
def page_report(example_pipeline, gazetteer_dir: Path, tmp_path_factory):
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    warehouse, _ = example_pipeline
    out = tmp_path_factory.mktemp("report") / "report.html"
    report = build_report(warehouse, out, gazetteer_dir / "syr_admin2.geojson")
    console: list[tuple[str, str]] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.on("console", lambda m: console.append((m.type, m.text)))
            page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri(), wait_until="load")
            page.wait_for_function(
                "() => document.getElementById('map') && document.getElementById('map').data"
            )
            facts = page.evaluate(
                r"""() => ({
                traces: document.getElementById('map').data.filter(t => t.meta && t.meta.admin2)
                    .map(t => t.meta.admin2),
                filled: document.querySelectorAll('#map .scatterlayer .trace .fills path').length,
                totals: Object.fromEntries([...document.querySelectorAll('.total .value')]
                    .map(e => [e.id.replace('total-', ''), Number(e.dataset.value)])),
                shown: Object.fromEntries([...document.querySelectorAll('.total .value')]
                    .map(e => [e.id.replace('total-', ''), e.textContent])),
                evidence: [...document.querySelectorAll('#top-incidents td.evidence')].map(e => {
                    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                    let node = walker.nextNode();
                    while (node && !node.textContent.trim()) node = walker.nextNode();
                    const offset = node.textContent.search(/\S/);
                    const range = document.createRange();
                    range.setStart(node, offset);
                    range.setEnd(node, offset + 1);
                    const first = range.getBoundingClientRect(), cell = e.getBoundingClientRect();
                    return {direction: getComputedStyle(e).direction, text: e.textContent,
                            firstRight: first.right, cellLeft: cell.left, cellRight: cell.right};
                }),
                series: [...document.querySelectorAll('#series-daily .scatterlayer .trace')].length,
            })"""
            )
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
    return warehouse, report, facts, console, requests


def test_no_console_error_and_no_network(page_report) -> None:
    _, _, _, console, requests = page_report
    assert [m for m in console if m[0] in ("error", "pageerror")] == []
    assert [u for u in requests if not u.startswith("file://")] == []
    assert len(requests) == 1, requests  # the page itself, nothing else (no script, font or map tile)


def test_the_map_holds_the_61_districts(page_report) -> None:
    _, report, facts, _, _ = page_report
    assert len(facts["traces"]) == 61 == len(set(facts["traces"])) == report.districts_on_map
    assert facts["filled"] == 61


def test_totals_equal_the_marts(page_report) -> None:
    warehouse, report, facts, _, _ = page_report
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        killed_low, killed_best, injured_low, events = conn.execute(
            "select sum(killed_low), sum(killed_best), sum(injured_low), sum(events) from daily_district_casualties"
        ).fetchone()
        strikes_low = conn.execute("select sum(strikes_low) from daily_district_strikes").fetchone()[0]
    finally:
        conn.close()
    expected = {
        "killed_low": killed_low,
        "killed_best": killed_best,
        "injured_low": injured_low,
        "events": events,
        "strikes_low": strikes_low,
    }
    assert facts["totals"] == expected
    assert {k: int(v.replace(",", "")) for k, v in facts["shown"].items()} == expected
    assert report.totals["killed_low"] == killed_low


def test_arabic_evidence_is_right_to_left(page_report) -> None:
    _, _, facts, _, _ = page_report
    assert facts["evidence"], "the deadliest incidents are listed"
    for cell in facts["evidence"]:
        assert cell["direction"] == "rtl"
        assert any("\u0600" <= ch <= "\u06ff" for ch in cell["text"])
        # laid out right to left: the first character of the text sits at the cell's right edge
        assert cell["cellRight"] - cell["firstRight"] < 20, cell
        assert cell["firstRight"] - cell["cellLeft"] > (cell["cellRight"] - cell["cellLeft"]) / 2


def test_screenshot_saved(page_report) -> None:
    assert SCREENSHOT.is_file() and SCREENSHOT.stat().st_size > 50_000
