"""Store stage: the read-only DuckDB over the committed layers, named queries, the SQL guard, the manifest."""
