"""Show, article by article, gold events beside predicted ones (a tuning aid for the extractor).

    python tools/eval_diff.py --gold GOLD.jsonl [...] --pred PRED.jsonl --articles ARTICLES.jsonl [--only-errors]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict


def brief(e: dict) -> str:
    return (f"{e['event_type']:<11} {e['event_date']} {e.get('date_precision', 'day'):<4} {e.get('place')!s:<18} "
            f"{e.get('admin2_pcode')!s:<6} {e.get('actor')!s:<10} k={e['killed']['low']}/{e['killed']['best']} "
            f"i={e['injured']['low']}/{e['injured']['best']} s={e['strikes']['low']}/{e['strikes']['best']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", nargs="+", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--articles", required=True)
    ap.add_argument("--only-errors", action="store_true")
    args = ap.parse_args()
    gold = {}
    for path in args.gold:
        for line in open(path, encoding="utf-8"):
            row = json.loads(line)
            gold[row["article_id"]] = row["events"]
    pred = defaultdict(list)
    for line in open(args.pred, encoding="utf-8"):
        e = json.loads(line)
        pred[e["article_id"]].append(e)
    articles = {json.loads(line)["id"]: json.loads(line) for line in open(args.articles, encoding="utf-8")}
    for aid, gevs in gold.items():
        g = sorted(brief(e) for e in gevs)
        p = sorted(brief(e) for e in pred.get(aid, []))
        if args.only_errors and g == p:
            continue
        a = articles.get(aid, {})
        print(f"=== {aid} {a.get('published_at')} {(a.get('title') or '')[:80]}")
        print("  body:", (a.get("body") or "")[:300].replace("\n", " / "))
        for line in g:
            print("  G", line, "" if line in p else "  <-- missed")
        for line in p:
            if line not in g:
                print("  P", line)


if __name__ == "__main__":
    main()
