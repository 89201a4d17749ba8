"""Rasd orchestration: Dagster assets that ingest articles, extract events and build the dbt warehouse."""
