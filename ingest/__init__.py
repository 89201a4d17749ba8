"""Reading the inbox: files of any format Rasd reads -> articles and rejections (no DuckDB, no Dagster)."""
