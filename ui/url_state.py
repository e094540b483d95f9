"""Share-URL state: parse query-string values defensively, falling back to defaults with a notice.

Every parser returns ``(value, notice)``; ``notice`` is None when the input was fine or absent, and
a sentence for the user otherwise. Nothing here raises on user input.
"""
from __future__ import annotations

import datetime as dt
import re

from geo.i18n import _

MAX_PARAM_CHARS = 500
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _too_long(name: str, raw: str) -> str | None:
    if len(raw) > MAX_PARAM_CHARS:
        return _("Ignored the '{name}' link parameter: longer than {limit} characters.").format(name=name, limit=MAX_PARAM_CHARS)
    return None


def parse_month(name: str, raw: str | None, default: dt.date, first: dt.date, last: dt.date):
    """``YYYY-MM`` within [first, last] → first day of that month."""
    if raw is None or raw == "":
        return default, None
    notice = _too_long(name, raw)
    if notice:
        return default, notice
    match = _MONTH.match(raw.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            value = dt.date(year, month, 1)
            if first <= value <= last:
                return value, None
            return default, _("The link asked for {name}={raw}, outside the data ({first} to {last}); showing "
                              "{default}.").format(name=name, raw=repr(raw), first=f"{first:%Y-%m}",
                                                   last=f"{last:%Y-%m}", default=f"{default:%Y-%m}")
    return default, _("Ignored {name}={raw} in the link: expected a month as YYYY-MM; showing {default}.").format(
        name=name, raw=repr(raw[:40]), default=f"{default:%Y-%m}")


def parse_choices(name: str, raw: str | None, allowed: list[str], default: list[str]):
    """Comma-separated subset of ``allowed``; unknown items are dropped with a notice."""
    if raw is None or raw == "":
        return list(default), None
    notice = _too_long(name, raw)
    if notice:
        return list(default), notice
    items = [item.strip() for item in raw.split(",") if item.strip()]
    known = [item for item in items if item in allowed]
    unknown = [item for item in items if item not in allowed]
    if not known:
        return list(default), _("Ignored {name}={raw} in the link: no known value; showing the defaults.").format(
            name=name, raw=repr(raw[:60]))
    if unknown:
        shown = ", ".join(repr(u[:30]) for u in unknown[:3])
        return known, _("Ignored unknown {name} in the link: {shown}.").format(name=name, shown=shown)
    return known, None


def parse_choice(name: str, raw: str | None, allowed: list[str], default: str | None):
    """One value of ``allowed``."""
    if raw is None or raw == "":
        return default, None
    notice = _too_long(name, raw)
    if notice:
        return default, notice
    if raw.strip() in allowed:
        return raw.strip(), None
    return default, _("Ignored {name}={raw} in the link: not a known value.").format(name=name, raw=repr(raw[:40]))


def month_text(value: dt.date) -> str:
    return f"{value:%Y-%m}"
