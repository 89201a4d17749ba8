"""The DuckDB warehouse: its tables declared once, the writers, the gazetteer, the incremental planner and publishing (no Dagster)."""
