"""Dagster asset definitions: ingest (articles), reference (gazetteer), extraction (event_mentions), warehouse (dbt)."""
