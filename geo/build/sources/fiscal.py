"""US federal fiscal years: FY N runs from October of N-1 to September of N."""
from __future__ import annotations

import pandas as pd


def fiscal_year(dates: pd.Series) -> pd.Series:
    """Fiscal year of each date.

    >>> fiscal_year(pd.Series(pd.to_datetime(["2019-09-01", "2019-10-01"]))).tolist()
    [2019, 2020]
    """
    return (dates.dt.year + (dates.dt.month >= 10)).astype("int32")


def month_start(fiscal_years: pd.Series, calendar_months: pd.Series) -> pd.Series:
    """First day of calendar month ``calendar_months`` (1–12) inside fiscal year ``fiscal_years``.

    >>> month_start(pd.Series([2000, 2000]), pd.Series([10, 9])).dt.strftime("%Y-%m").tolist()
    ['1999-10', '2000-09']
    """
    years = fiscal_years.astype("int64") - (calendar_months.astype("int64") >= 10)
    return pd.to_datetime(pd.DataFrame({"year": years, "month": calendar_months.astype("int64"), "day": 1}))
