"""Extraction throughput, peak memory and linearity, beside a camel-tools baseline (`make bench`).

    python bench/bench_extract.py --corpora ../shared/corpora [--sizes 5000 20000] [--seed N]
                                  [--gazetteer DIR] [--cpu N] [--json build/bench/extract.json]

For each size N, N articles are drawn with replacement from every *.jsonl file of the corpora folder
(pooled, uniformly, `random.Random(seed).choices`, so the smaller sample is a prefix of the larger).
Two measurements run over the same texts, each in a fresh child process pinned to one core
(os.sched_setaffinity) and single-threaded:

  baseline    camel-tools normalisation (alef, alef maqsura, ta marbuta), dediac_ar, simple_word_tokenize
  extract     Extractor.extract on each Article

Time is the child's CPU time (time.process_time) over the loop alone: reading the corpus, parsing the
records and loading the gazetteer and lexicons are outside it (they are reported as load_s). Wall time is
reported beside it. MB are UTF-8 bytes of the text the extractor indexes (`Article.text`: title, "\n",
body; the body alone when there is no title). Records are counted, not kept, as a streaming caller would.

Peak RSS is ru_maxrss of the extraction child: the interpreter, the corpus pool and the sample, the
gazetteer index, the lexicons, the caches and the extraction itself. The baseline child, and this parent,
do not add to it.

Targets (exit status 1 when one is missed): at every size, extraction throughput >= 1/3 of the baseline's;
peak RSS < 1.5 GB; per-article time at the largest size within +-25% of the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (5000, 20000)
DEFAULT_SEED = 20130127
MIN_THROUGHPUT_RATIO = 1 / 3
MAX_PEAK_RSS_MB = 1536.0  # 1.5 GB
LINEARITY_TOLERANCE = 0.25


# ------------------------------------------------------------------------------------------ the sample
def corpus_files(corpora: Path) -> list[Path]:
    files = sorted(corpora.glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl corpus in {corpora}")
    return files


def load_pool(corpora: Path) -> list[dict[str, Any]]:
    """Every record of every corpus file, in file then line order."""
    pool = []
    for path in corpus_files(corpora):
        with path.open(encoding="utf-8") as handle:
            pool.extend(json.loads(line) for line in handle if line.strip())
    return pool


def draw(pool: Sequence[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """n records drawn with replacement; for one seed, a smaller draw is a prefix of a larger one."""
    return random.Random(seed).choices(pool, k=n)


def sample_articles(corpora: Path, n: int, seed: int) -> list:
    from extract.records import parse_article

    return [parse_article(record) for record in draw(load_pool(corpora), n, seed)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ------------------------------------------------------------------------------------------ children
def _pin(cpu: int | None) -> int | None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    return cpu


def _timed(loop) -> tuple[float, float, int]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    count = loop()
    return time.process_time() - cpu0, time.perf_counter() - wall0, count


def worker(mode: str, corpora: Path, n: int, seed: int, gazetteer: str | None, cpu: int | None) -> dict[str, Any]:
    """One measurement; meant to run in its own process (see run_child)."""
    _pin(cpu)
    t0 = time.process_time()
    articles = sample_articles(corpora, n, seed)
    texts = [a.text for a in articles]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    if mode == "baseline":
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
        )

        def loop() -> int:
            words = 0
            for text in texts:
                text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
                words += len(simple_word_tokenize(dediac_ar(text)))
            return words

        unit = "tokens"
    elif mode == "extract":
        from extract.extractor import Extractor
        from extract.gazetteer import Gazetteer

        extractor = Extractor(Gazetteer.from_dir(gazetteer))

        def loop() -> int:
            records = 0
            for article in articles:
                records += len(extractor.extract(article))
            return records

        unit = "records"
    else:
        raise ValueError(f"unknown mode {mode!r}")
    load_s = time.process_time() - t0
    rss_loaded = _peak_rss_mb()
    cpu_s, wall_s, count = _timed(loop)
    return {
        "mode": mode, "articles": n, "mb": mb, "load_s": load_s, "cpu_s": cpu_s, "wall_s": wall_s,
        "articles_per_s": n / cpu_s, "mb_per_s": mb / cpu_s, "ms_per_article": 1000 * cpu_s / n,
        unit: count, "peak_rss_mb_before_loop": rss_loaded, "peak_rss_mb": _peak_rss_mb(),
        "cpu": cpu, "pid": os.getpid(),
    }


def run_child(mode: str, corpora: Path, n: int, seed: int, gazetteer: str | None, cpu: int | None) -> dict[str, Any]:
    """`worker` in a fresh interpreter, so each measurement starts cold and owns its peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--corpora", str(corpora),
           "--sizes", str(n), "--seed", str(seed)]
    if gazetteer:
        cmd += ["--gazetteer", str(gazetteer)]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"bench worker {mode} n={n} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ the bench
def default_cpu() -> int | None:
    return min(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None


def run_bench(corpora: Path, sizes: Sequence[int] = DEFAULT_SIZES, seed: int = DEFAULT_SEED,
              gazetteer: str | None = None, cpu: int | None = None) -> dict[str, Any]:
    """Measure baseline and extraction at every size; the figures and the target checks as one dict."""
    from extract.extractor import EXTRACTOR_VERSION

    corpora = Path(corpora)
    sizes = sorted(set(sizes))
    cpu = default_cpu() if cpu is None else cpu
    runs: dict[str, Any] = {}
    for n in sizes:
        base = run_child("baseline", corpora, n, seed, gazetteer, cpu)
        ext = run_child("extract", corpora, n, seed, gazetteer, cpu)
        runs[str(n)] = {"articles": n, "mb": ext["mb"], "baseline": base, "extract": ext,
                        "throughput_ratio": ext["articles_per_s"] / base["articles_per_s"]}
    small, large = runs[str(sizes[0])], runs[str(sizes[-1])]
    linearity = {
        "small": sizes[0], "large": sizes[-1],
        "per_article_ratio": large["extract"]["ms_per_article"] / small["extract"]["ms_per_article"],
        "per_mb_ratio": small["extract"]["mb_per_s"] / large["extract"]["mb_per_s"],
        "baseline_per_article_ratio": large["baseline"]["ms_per_article"] / small["baseline"]["ms_per_article"],
    }
    peak = max(r["extract"]["peak_rss_mb"] for r in runs.values())
    worst_ratio = min(r["throughput_ratio"] for r in runs.values())
    checks = {
        "throughput": {"value": worst_ratio, "target": f">= {MIN_THROUGHPUT_RATIO:.3f} of baseline articles/s",
                       "ok": worst_ratio >= MIN_THROUGHPUT_RATIO},
        "peak_rss": {"value": peak, "target": f"< {MAX_PEAK_RSS_MB:.0f} MB", "ok": peak < MAX_PEAK_RSS_MB},
        "linearity": {"value": linearity["per_article_ratio"],
                      "target": f"{1 - LINEARITY_TOLERANCE:.2f} .. {1 + LINEARITY_TOLERANCE:.2f}",
                      "ok": abs(linearity["per_article_ratio"] - 1) <= LINEARITY_TOLERANCE},
    }
    return {
        "benchmark": "extract", "extractor_version": EXTRACTOR_VERSION, "python": platform.python_version(),
        "machine": platform.machine(), "cpu": cpu, "seed": seed, "clock": "process_time (CPU s of one pinned core)",
        "corpora": [p.name for p in corpus_files(corpora)], "sizes": sizes,
        "method": {
            "sample": "random.Random(seed).choices over every corpus record (with replacement)",
            "baseline": "camel-tools normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar, "
                        "dediac_ar, simple_word_tokenize",
            "mb": "UTF-8 bytes of Article.text (title, newline, body)",
            "time": "CPU seconds of the measuring loop in a fresh child pinned to one core",
            "peak_rss": "ru_maxrss of the extraction child: interpreter, corpus, gazetteer, lexicons, extraction",
        },
        "runs": runs,
        "linearity": linearity, "checks": checks, "ok": all(c["ok"] for c in checks.values()),
    }


def report(result: dict[str, Any]) -> str:
    lines = [
        (f"extractor {result['extractor_version']}  python {result['python']}  cpu {result['cpu']}  "
         f"seed {result['seed']}  corpora {', '.join(result['corpora'])}"),
        (f"{'articles':>9} {'MB':>7} | {'what':<8} {'articles/s':>10} {'MB/s':>7} {'ms/article':>10} "
         f"{'CPU s':>7} {'wall s':>7} {'peak RSS MB':>11}"),
    ]
    for run in result["runs"].values():
        for mode in ("baseline", "extract"):
            r = run[mode]
            lines.append(f"{run['articles']:>9} {run['mb']:>7.2f} | {mode:<8} {r['articles_per_s']:>10.0f} "
                         f"{r['mb_per_s']:>7.3f} {r['ms_per_article']:>10.3f} {r['cpu_s']:>7.2f} {r['wall_s']:>7.2f} "
                         f"{r['peak_rss_mb']:>11.0f}")
        lines.append(f"{'':>17} | extract / baseline throughput = {run['throughput_ratio']:.3f}")
    lin = result["linearity"]
    lines.append(f"per-article time {lin['large']} / {lin['small']} = {lin['per_article_ratio']:.3f} "
                 f"(per MB {lin['per_mb_ratio']:.3f}; baseline {lin['baseline_per_article_ratio']:.3f})")
    for name, check in result["checks"].items():
        lines.append(f"{'ok  ' if check['ok'] else 'MISS'} {name:<10} {check['value']:.3f}  (target {check['target']})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, required=True, help="folder of *.jsonl article files")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--gazetteer", help="gazetteer folder (default: extract.gazetteer.default_gazetteer_dir())")
    ap.add_argument("--cpu", type=int, help="the core to pin the measurements to (default: the lowest allowed)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--worker", choices=("baseline", "extract"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.corpora, args.sizes[0], args.seed, args.gazetteer, args.cpu)))
        return 0
    result = run_bench(args.corpora, args.sizes, args.seed, args.gazetteer, args.cpu)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    if not result["ok"]:
        missed = ", ".join(name for name, c in result["checks"].items() if not c["ok"])
        print(f"bench: target(s) missed: {missed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
