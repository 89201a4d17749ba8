"""Show, article by article, gold events beside predicted ones (a tuning aid for the extractor).

    python tools/eval_diff.py --gold GOLD.jsonl [...] --pred PRED.jsonl --articles ARTICLES.jsonl [--only-errors]
    python tools/eval_diff.py ... --cells killed     the (district, day) cells whose count is wrong, as the
                                                     scorer's district_killed_exact sees them, with their events
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
    ap.add_argument("--cells", choices=("killed", "injured"), help="list the wrong district-day cells instead")
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
    if args.cells:
        wrong_cells(gold, pred, args.cells)
        return
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


def _cells(events: dict[str, list[dict]]) -> dict[tuple[str, str], list[dict]]:
    """Day-precision events with a district, by (district, day): the scorer's cells."""
    out: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for evs in events.values():
        for e in evs:
            if e.get("admin2_pcode") and e.get("date_precision", "day") == "day":
                out[(e["admin2_pcode"], e["event_date"])].append(e)
    return out


def wrong_cells(gold: dict[str, list[dict]], pred: dict[str, list[dict]], field: str) -> None:
    pred = {aid: evs for aid, evs in pred.items() if aid in gold}
    gc, pc = _cells(gold), _cells(pred)

    def total(evs: list[dict]) -> int:
        return sum(int(e[field]["low"] or 0) for e in evs)

    live = [k for k in set(gc) | set(pc) if total(gc.get(k, [])) or total(pc.get(k, []))]
    wrong = sorted(k for k in live if total(gc.get(k, [])) != total(pc.get(k, [])))
    print(f"{len(live) - len(wrong)} of {len(live)} cells exact")
    for key in wrong:
        print(f"=== {key[0]} {key[1]}  gold {total(gc.get(key, []))}  pred {total(pc.get(key, []))}")
        for tag, evs in (("G", gc.get(key, [])), ("P", pc.get(key, []))):
            for e in evs:
                if e[field]["low"]:
                    print(f"  {tag} {e['article_id']:<16} {brief(e)}")


if __name__ == "__main__":
    main()
