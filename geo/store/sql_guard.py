"""Check analyst SQL before it runs: one read-only SELECT over the layer views, nothing else."""
from __future__ import annotations

import re

import duckdb

MAX_SQL_CHARS = 20_000

# Table functions that read files or change state are refused even though the
# locked connection would also block most of them: the message here is clearer.
_FORBIDDEN_FUNCTIONS = re.compile(
    r"\b(read_\w+|parquet_\w+|st_read\w*|glob|sniff_csv|query_table|query|load_extension|"
    r"install|attach|copy|export|import|pragma|set|checkpoint|duckdb_\w+|current_setting)\s*\(",
    re.IGNORECASE,
)


_READ_START = re.compile(r"^\(*\s*(select|with|from)\b", re.IGNORECASE)
# Comments and identifier quotes would hide a function name from the pattern above (read_text/**/(…), "query"(…)).
_COMMENTS = re.compile(r"/\*.*?\*/|--[^\n]*", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnsafeSQL(ValueError):
    """The statement would write, read outside the layers, or is not a single SELECT."""


def check_select(sql: str) -> str:
    """Return ``sql`` stripped if it is a single read-only SELECT; raise ``UnsafeSQL`` otherwise."""
    text = sql.strip().rstrip(";").strip()
    if not text:
        raise UnsafeSQL("empty SQL")
    if len(text) > MAX_SQL_CHARS:
        raise UnsafeSQL(f"SQL longer than {MAX_SQL_CHARS} characters")
    if _CONTROL.search(text):
        raise UnsafeSQL("SQL contains control characters (a NUL byte would hide what follows it)")
    parser = duckdb.connect(":memory:")
    try:
        statements = parser.extract_statements(text)
    except duckdb.Error as exc:
        raise UnsafeSQL(f"SQL does not parse: {exc}") from exc
    finally:
        parser.close()
    if len(statements) != 1:
        raise UnsafeSQL(f"one statement at a time, got {len(statements)}")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise UnsafeSQL(f"only SELECT is allowed, got {statements[0].type.name}")
    if not _READ_START.match(text):
        raise UnsafeSQL("only SELECT queries are allowed (start with SELECT, WITH or FROM)")
    if _FORBIDDEN_FUNCTIONS.search(_COMMENTS.sub(" ", text).replace('"', "")):
        raise UnsafeSQL("file-reading and system functions are not allowed: query the layer views by name")
    return text
