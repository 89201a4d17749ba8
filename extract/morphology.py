"""Part-of-speech hints for single words: camel-tools' morphological analyser when its data is installed,
else the heuristics of Arabic news prose.

camel-tools' analyser needs a database that is downloaded (`camel_data -i morphology-db-msa-r13`); merely
importing `camel_tools.data` tries to fetch the data catalogue from the internet. So the analyser is loaded
only when the database file is already on disk, and every caller gets an answer either way.
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.text import normalize

MORPHOLOGY_DB = Path("data") / "morphology_db" / "calima-msa-r13" / "morphology.db"


def camel_data_dir() -> Path:
    """Where camel-tools keeps its data: CAMELTOOLS_DATA, else ~/.camel_tools (its own default)."""
    return Path(os.environ.get("CAMELTOOLS_DATA") or Path.home() / ".camel_tools")


def analyser_available() -> bool:
    return (camel_data_dir() / MORPHOLOGY_DB).is_file()


@lru_cache(maxsize=1)
def _analyser() -> Any | None:
    if not analyser_available():
        return None
    try:  # imported here: these modules fetch a catalogue when the data is missing
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB

        analyser = Analyzer(MorphologyDB(str(camel_data_dir() / MORPHOLOGY_DB)))
    except Exception:  # a broken or partial install: the heuristics still answer
        return None
    gc.freeze()  # the database's tables are static: out of the collector's reach (see extract/text.py)
    return analyser


# Imperfect-verb prefixes (يفعل، تفعل، نفعل) and the future marker (سيفعل، ستفعل) of news prose.
_VERB_PREFIXES = ("يت", "تت", "ين", "ست", "سي", "سن")


@lru_cache(maxsize=65536)
def looks_like_verb(word: str) -> bool:
    """Whether a word after a place marker is more likely a verb than a name ("قرى يدور فيها القتال").

    With the analyser: every analysis is a verb. Without it: an imperfect or future prefix on a word
    without the article.
    """
    analyser = _analyser()
    if analyser is not None:
        analyses = analyser.analyze(word)
        return bool(analyses) and all(a.get("pos", "").startswith("verb") for a in analyses)
    w = normalize(word)
    return not w.startswith("ال") and (w[:1] == "ي" or w[:2] in _VERB_PREFIXES)


def looks_like_adjective(word: str) -> bool:
    """An indefinite nisba adjective ("عشوائي"، "حدودية"): a description after a marker, not a name."""
    analyser = _analyser()
    if analyser is not None:
        analyses = analyser.analyze(word)
        return bool(analyses) and all(a.get("pos", "") == "adj" for a in analyses)
    w = normalize(word)
    return not w.startswith("ال") and w.endswith(("ي", "يه"))
