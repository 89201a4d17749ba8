"""Rasd extraction: Arabic article text -> event records coded by GUIDELINES.md.

Pure Python: no Dagster, no DuckDB. `orchestration/` wires it to storage.
"""

from extract.records import Article, ArticleError, Count, EventRecord, parse_article

__all__ = ["Article", "ArticleError", "Count", "EventRecord", "parse_article"]
