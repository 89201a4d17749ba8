"""Place names the gazetteer lacks are kept, not dropped: the unresolved_places mart lists them for curators."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

# Written for this test (not a real report). خلصة is missing from the 2015 COD-AB tables; جنوب حلب places it in
# Aleppo governorate; الزربة is in the tables.
ARTICLES = [
    {"id": "u-1", "source": "example-agency-a", "url": None, "published_at": "2024-05-02T10:00:00Z", "title": None,
     "body": "سيطرت فصائل المعارضة اليوم على قرية خلصة جنوب حلب بعد اشتباكات مع قوات النظام، فيما قصف "
             "الطيران الحربي بلدة الزربة بغارتين."},
    {"id": "u-2", "source": "example-agency-b", "url": None, "published_at": "2024-05-03T09:00:00Z", "title": None,
     "body": "تجددت الاشتباكات أمس في محيط قرية خلصة بريف حلب الجنوبي."},
]


def test_unresolved_names_reach_the_curators_table(tmp_path: Path, gazetteer_dir: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n",
                                   encoding="utf-8")
    warehouse = tmp_path / "wh.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "dh"), "RASD_INBOX": str(inbox),
           "RASD_WAREHOUSE": str(warehouse), "RASD_GAZETTEER_DIR": str(gazetteer_dir)}
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "run"], env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        kinds = dict(conn.execute("select place, place_kind from raw.event_mentions").fetchall())
        rows = conn.execute("select place, mentions, articles, admin1_pcode, example_article_id "
                            "from main.unresolved_places").fetchall()
    finally:
        conn.close()
    assert kinds["الزربة"] == "gazetteer" and kinds["خلصة"] == "unresolved"
    # both reports are of 2 May (u-2 says أمس on the 3rd): the example is the first mention of that day
    assert rows == [("خلصة", 2, 2, "SY02", "u-1")]
