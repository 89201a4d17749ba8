"""Propose gazetteer names that are common words: frequent in the corpora, almost never after a place marker.

    python tools/place_stopwords.py CORPUS.jsonl [...] > candidates.txt

Prints `count marked key surface` for every single-word name seen at least --min times whose share after a
place marker (حي، بلدة، مدينة، ريف ...) is below --ratio. A curator reviews the list, drops real places
that are written without markers (هنانو، جاسم ...), and adds the rest to extract/lexicon/place_stopwords.txt.
"""

from __future__ import annotations

import argparse
import collections
import json

from extract.vocabulary import lexicons
from extract.gazetteer import Gazetteer
from extract.lexicon import stems
from extract.text import NormText, normalize_key


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--gazetteer")
    ap.add_argument("--min", type=int, default=8)
    ap.add_argument("--ratio", type=float, default=0.1)
    args = ap.parse_args()
    gaz, lex = Gazetteer.from_dir(args.gazetteer), lexicons()
    total, marked = collections.Counter(), collections.Counter()
    surface: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path in args.corpora:
        for line in open(path, encoding="utf-8"):
            article = json.loads(line)
            tokens = NormText((article.get("title") or "") + "\n" + article["body"]).tokens
            for i, tok in enumerate(tokens):
                for form in stems(tok.text):
                    key = normalize_key(form)
                    if len(key) >= 3 and gaz.lookup(key):
                        total[key] += 1
                        surface[key][form] += 1
                        if i and any(s in lex.markers for s in stems(tokens[i - 1].text)):
                            marked[key] += 1
                        break
    for key, count in total.most_common():
        if count < args.min:
            break
        if any(p.kind in ("governorate", "district") or p.capital_level <= 2 for p in gaz.lookup(key)):
            continue
        if marked[key] / count < args.ratio:
            print(count, marked[key], key, surface[key].most_common(1)[0][0])


if __name__ == "__main__":
    main()
