"""SESNSP "incidencia delictiva del fuero común", municipal, monthly (Jan 2024 – Jun 2025).

``violencia_homicida_municipal_nacional_2024_2025.csv`` (SOURCES.md 3b) counts *crimes* recorded in
investigation files (delitos), not victims. Quirks handled here:

- no INEGI code: rows carry ``Entidad`` and ``Municipio`` names only, and names repeat across states
  (Juárez is in Chihuahua, Chiapas and Nuevo León), so a name is only ever matched within its state;
- spelling differs from CONAPO in accents, case and spacing, so names are compared normalised;
- counts are written as floats ("141.0");
- ``Mes`` is a Spanish month name.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
CRIME = "Homicidio doloso"


def normalise_name(text: str) -> str:
    """Accent-, case- and whitespace-insensitive key for a place name.

    >>> normalise_name("  Juárez ") == normalise_name("JUAREZ")
    True
    >>> normalise_name("General  Plutarco Elías Calles")
    'general plutarco elias calles'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def parse_count(values: pd.Series) -> pd.Series:
    """Float-formatted counts ("141.0") as integers; a fractional or unreadable value is an error."""
    numbers = pd.to_numeric(values.astype("string").str.strip(), errors="raise")
    if numbers.isna().any():
        raise ValueError("SESNSP: blank count cells")
    if (numbers % 1 != 0).any() or (numbers < 0).any():
        raise ValueError(f"SESNSP: non-integer counts {numbers[(numbers % 1 != 0) | (numbers < 0)].unique()[:5]}")
    return numbers.astype("int64")


def read_municipal_monthly(path: Path | str) -> pd.DataFrame:
    """``state, municipio, year, month, homicidio_doloso, feminicidio`` one row per municipality-month."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    month = raw["Mes"].map(lambda m: MONTHS.get(normalise_name(m)))
    if month.isna().any():
        raise ValueError(f"SESNSP: unknown month names {sorted(set(raw.loc[month.isna(), 'Mes']))}")
    out = pd.DataFrame(
        {
            "state": raw["Entidad"].str.strip(),
            "municipio": raw["Municipio"].str.strip(),
            "year": pd.to_numeric(raw["Año"], errors="raise").astype("int64"),
            "month": month.astype("int64"),
            "homicidio_doloso": parse_count(raw[CRIME]),
            "feminicidio": parse_count(raw["Feminicidio"]),
        }
    )
    duplicated = out.duplicated(["state", "municipio", "year", "month"])
    if duplicated.any():
        raise ValueError(f"SESNSP: {int(duplicated.sum())} duplicate municipality-months")
    return out


def annual_totals(monthly: pd.DataFrame) -> pd.DataFrame:
    """Sum per municipality and year, with the months covered (``first_month``, ``last_month``, ``months``).

    A year is not annualised: a January–June year stays a six-month sum.
    """
    grouped = monthly.groupby(["state", "municipio", "year"], sort=True)
    return grouped.agg(
        homicidio_doloso=("homicidio_doloso", "sum"),
        feminicidio=("feminicidio", "sum"),
        months=("month", "nunique"),
        first_month=("month", "min"),
        last_month=("month", "max"),
    ).reset_index()


def match_codes(
    names: pd.DataFrame, reference: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give each (``state``, ``municipio``) of ``names`` the CVEGEO of the same-named municipio in that state.

    ``reference`` holds CONAPO's ``CVE, Entidad, Municipio``. Returns ``(matched, unmatched)``: ``matched``
    is ``names`` plus ``code`` and ``conapo_name``; ``unmatched`` lists the names that found no municipio,
    or more than one (``reason``), so the caller can report them. Nothing is guessed.
    """
    ref = pd.DataFrame(
        {
            "state_key": reference["Entidad"].map(normalise_name),
            "name_key": reference["Municipio"].map(normalise_name),
            "code": reference["CVE"],
            "conapo_name": reference["Municipio"],
        }
    )
    counts = ref.groupby(["state_key", "name_key"])["code"].transform("size")
    unique_ref = ref[counts == 1]
    ambiguous = set(zip(ref.loc[counts > 1, "state_key"], ref.loc[counts > 1, "name_key"]))

    keyed = names.assign(
        state_key=names["state"].map(normalise_name), name_key=names["municipio"].map(normalise_name)
    )
    merged = keyed.merge(unique_ref, on=["state_key", "name_key"], how="left", validate="many_to_one")
    is_ambiguous = pd.Series(
        [k in ambiguous for k in zip(merged["state_key"], merged["name_key"])], index=merged.index, dtype=bool
    )
    missing = merged["code"].isna()
    unmatched = merged[missing].assign(
        reason=is_ambiguous[missing].map({True: "name shared by several CONAPO municipios in the state",
                                          False: "no CONAPO municipio of that name in the state"})
    )
    drop = ["state_key", "name_key"]
    return merged[~missing].drop(columns=drop).reset_index(drop=True), unmatched.drop(columns=drop).reset_index(drop=True)
