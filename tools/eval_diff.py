"""Show, article by article, gold events beside predicted ones (a tuning aid for the extractor).

    python tools/eval_diff.py --gold GOLD.jsonl [...] --pred PRED.jsonl --articles ARTICLES.jsonl [--only-errors]
    python tools/eval_diff.py ... --cells killed     the (district, day) cells whose count is wrong, as the
                                                     scorer's district_killed_exact sees them, with their events
    python tools/eval_diff.py ... --classes          the errors counted by what went wrong, per 100 gold events
                                                     (the scorer's matching; see `error_class`)
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
    ap.add_argument("--classes", action="store_true", help="count the errors by class instead")
    ap.add_argument("--scorer", default="../shared/eval/score.py", help="score.py, whose matching --classes uses")
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
    if args.classes:
        error_classes(gold, pred, articles, args.scorer)
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


def _scorer(path: str):
    """The eval's score.py as a module: its matching (same type, day and place) is the one classes are cut by."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def error_class(score, g_or_p: dict, others: list[dict], gold_side: bool, article_gold: list[dict]) -> str:
    """What went wrong with an unmatched gold event (gold_side) or an unmatched record, judged from the records
    (or gold events) left unmatched beside it in its article. A proxy for a reader's judgement: it sorts by what
    differs (day, type, place), not by why (a discourse link or a place's role)."""
    same_place = [o for o in others if score.same_place(g_or_p, o) if gold_side] if gold_side else [
        o for o in others if score.same_place(o, g_or_p)]
    if not gold_side and not article_gold:
        return "non-event: the article has no codable event"
    if any(o["event_type"] == g_or_p["event_type"] for o in same_place):
        return "date"
    if same_place:
        return "type"
    if gold_side:
        near = [o for o in others if o["event_type"] == g_or_p["event_type"]
                and o.get("admin2_pcode") == g_or_p.get("admin2_pcode") and o.get("admin2_pcode")]
        return "place: the district's event at another place" if near else "missed: no record of it"
    if any(g["event_type"] == g_or_p["event_type"] and g.get("admin2_pcode") == g_or_p.get("admin2_pcode")
           and g.get("admin2_pcode") for g in article_gold):
        return "duplicate or place: a gold event of that type in the district"
    return "extra: a place or event the gold does not code"


def error_classes(gold: dict[str, list[dict]], pred: dict[str, list[dict]], articles: dict, scorer: str) -> None:
    score = _scorer(scorer)
    counts: dict[str, int] = defaultdict(int)
    n_gold = sum(len(v) for v in gold.values())
    for aid, gevs in gold.items():
        pevs = pred.get(aid, [])
        pairs = score.match(gevs, pevs)
        mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
        free_p = [p for i, p in enumerate(pevs) if i not in mp]
        free_g = [g for i, g in enumerate(gevs) if i not in mg]
        for g in free_g:
            counts["missed / " + error_class(score, g, free_p, True, gevs)] += 1
        for p in free_p:
            counts["extra / " + error_class(score, p, free_g, False, gevs)] += 1
    print(f"{n_gold} gold events; per 100 gold events:")
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {100 * n / n_gold:5.1f}  {n:4d}  {name}")


if __name__ == "__main__":
    main()
