"""What analysts take away from the warehouse: CSV exports with HXL tags, an ACLED-format events file, GeoJSON,
and a self-contained HTML report. Pure Python over a read-only DuckDB connection: no Dagster, no dbt."""
