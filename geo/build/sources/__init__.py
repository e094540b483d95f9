"""Parsers for the raw public files: one module per publisher/format, each pure."""
