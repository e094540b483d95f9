"""Border Patrol layers: encounters by sector and month (two measures, never spliced), OHSS annual totals,
sector profiles FY2011–FY2017 and southwest land border encounters FY2022–FY2025 (SOURCES.md 4a, 4c, 4d, 4e)."""
from __future__ import annotations

import pandas as pd

from geo.build.context import BuildContext
from geo.build.sources import cbp_sw, ohss, sector_profiles, usbp
from geo.build.sources.usbp_sectors import SOUTHWEST_REGION, SOUTHWEST_SECTORS
from geo.build.spec import LayerSpec

EXACT = "usbp_apprehensions"
ROUNDED = "ohss_encounters_rounded"
EXACT_SOURCE = "CBP, U.S. Border Patrol Monthly Encounters FY2000–FY2020 (PDF, tabulated by UWCHR)"
OHSS_SECTOR_SOURCE = "DHS OHSS, KHSM 'CBP Encounters – USBP' (Nov 2024), sheet {sheet} Rgn and Sector"
OHSS_REGION_SOURCE = "DHS OHSS, KHSM 'CBP Encounters – USBP' (Nov 2024), sheet {sheet} Region"
PROFILES_TOTAL_YEAR = 2017  # the year southwest_border_sector_totals.csv prints (checked against its sector rows)

EXACT_PROVENANCE = {
    "publisher": "US Customs and Border Protection; tabulated by the University of Washington Center for Human Rights",
    "source_url": "https://github.com/UWCHR/cbp (CBP PDF 'U.S. Border Patrol Monthly Encounters FY2000–FY2020')",
    "vintage": "FY2000–FY2020 (UWCHR/cbp commit abd1f57)",
}
OHSS_PROVENANCE = {
    "publisher": "DHS Office of Homeland Security Statistics (OHSS)",
    "source_url": (
        "https://ohss.dhs.gov/khsm/cbp-encounters (workbook copy: github.com/arilamstein/immigration_enforcement)"
    ),
    "vintage": "KHSM 'CBP Encounters – USBP' workbook, November 2024 release (FY2000 – November 2024)",
}
DISAGREEMENT = (
    "The two series come from different source systems and disagree for FY2000–FY2004 (southwest border FY2000: "
    "1,643,679 exact vs 1,566,420 OHSS; Tucson FY2000: 616,346 vs 567,820). For the southwest sectors they agree "
    "from FY2005 to within 91 per sector and year (Tucson FY2007: 378,239 vs 378,330) and from FY2010 within OHSS's "
    "rounding (±5); Livermore FY2005 differs more (114 vs 70). Never join them into one line without a visible break."
)
ENCOUNTER_MEASURES = {
    EXACT: {
        "label": "Border Patrol apprehensions, exact (CBP, FY2000–FY2020)",
        "unit": "apprehensions (events, not people)",
        "definition": (
            "U.S. Border Patrol Title 8 apprehensions between ports of entry, by sector and month, exact counts from "
            "CBP's 'U.S. Border Patrol Monthly Encounters FY2000–FY2020'. From March 2020 the counts also include "
            "Title 42 expulsions (CBP's 'encounters'). The southwest total is the file's own southwest_border "
            "column, which equals the sum of the nine sectors. " + DISAGREEMENT
        ),
        "coverage": "October 1999 – September 2020 (FY2000–FY2020), all 21 sectors, every month.",
        **EXACT_PROVENANCE,
    },
    ROUNDED: {
        "label": "Border Patrol encounters, rounded to 10 (DHS OHSS, FY2000–Nov 2024)",
        "unit": "encounters (events, not people), each figure rounded to the nearest 10",
        "definition": (
            "U.S. Border Patrol encounters = Title 8 apprehensions + Title 42 expulsions (expulsions March 2020 – "
            "May 2023), by sector and month, from the DHS OHSS workbook 'CBP Encounters – USBP'. OHSS rounds every "
            "cell to the nearest 10 on its own, so months do not add up to a fiscal year (take annual figures from "
            "the encounters_annual layer) and sectors do not add up to the printed southwest total (read from the "
            "workbook's Region sheets). Fiscal year 2025 has October–November 2024 only. " + DISAGREEMENT
        ),
        "coverage": "October 1999 – November 2024 (FY2000 – FY2025 month 2); all 21 sectors (small ones not every month).",
        **OHSS_PROVENANCE,
    },
}
ENCOUNTER_DEFINITIONS = {
    "Apprehensions": (
        "The physical control or temporary detainment, by the Border Patrol between ports of entry, of a person who "
        "is not lawfully in the US, which may or may not result in an arrest (Title 8)."
    ),
    "Inadmissibles": (
        "People encountered by the Office of Field Operations at ports of entry who seek lawful admission but are "
        "found inadmissible, people presenting themselves to seek humanitarian protection, and people who "
        "withdraw an application for admission and return to their countries of origin within a short time "
        "(Title 8)."
    ),
    "Expulsions": (
        "People encountered by the Border Patrol or the Office of Field Operations and expelled to the country of "
        "last transit or their home country in the interest of public health under Title 42 (42 U.S.C. 265), "
        "from 21 March 2020 to 11 May 2023."
    ),
}


def _ohss_monthly(ctx: BuildContext) -> pd.DataFrame:
    return ctx.once("ohss_monthly", lambda: ohss.read_monthly(ctx.path("ohss_usbp_monthly")))


def _annual_sw(frame: pd.DataFrame) -> pd.Series:
    """Fiscal-year sums of a measure's printed southwest monthly totals (exact only for the exact measure)."""
    rows = frame[frame["is_total"]]
    return rows.groupby("fiscal_year")["encounters"].sum()


def _check_southwest_months(ohss_rows: pd.DataFrame, ctx: BuildContext) -> None:
    """Every southwest sector must have every month OHSS covers; other sectors' unlisted months are reported."""
    months = ohss_rows["date"].drop_duplicates()
    southwest = ohss_rows[ohss_rows["region"] == SOUTHWEST_REGION]
    counts = southwest.groupby("sector")["date"].nunique()
    short = {s: int(len(months) - counts.get(s, 0)) for s in SOUTHWEST_SECTORS if counts.get(s, 0) != len(months)}
    if short:
        raise ValueError(f"OHSS southwest sectors with unlisted months: {short}")
    others = ohss_rows[ohss_rows["region"] != SOUTHWEST_REGION].groupby("sector")["date"].nunique()
    unlisted = {s: int(len(months) - n) for s, n in others.items() if n < len(months)}
    if unlisted:
        listing = ", ".join(f"{s} {n}" for s, n in sorted(unlisted.items()))
        ctx.report.note(f"encounters: OHSS lists no row (no data) for some months of: {listing} (of {len(months)})")


def build_encounters(ctx: BuildContext) -> pd.DataFrame:
    exact = usbp.read_monthly(ctx.path("usbp_monthly_fy2000_2020")).assign(measure=EXACT, source=EXACT_SOURCE)
    sectors = _ohss_monthly(ctx).assign(source=OHSS_SECTOR_SOURCE.format(sheet="Monthly"))
    _check_southwest_months(sectors, ctx)
    totals = ohss.read_southwest_monthly(ctx.path("ohss_usbp_workbook")).assign(
        source=OHSS_REGION_SOURCE.format(sheet="Monthly")
    )
    rounded = pd.concat([sectors, totals], ignore_index=True).assign(measure=ROUNDED)

    summed = sectors[sectors["region"] == SOUTHWEST_REGION].groupby("date")["encounters"].sum()
    gap = (totals.set_index("date")["encounters"] - summed).abs()
    ctx.report.note(
        f"encounters: OHSS printed southwest monthly totals differ from the sum of their rounded sector cells by up "
        f"to {int(gap.max())} (kept as printed)"
    )
    ohss_annual = ohss.read_southwest_annual(ctx.path("ohss_usbp_workbook")).set_index("fiscal_year")["encounters"]
    both = pd.concat({"exact": _annual_sw(exact), "ohss": ohss_annual}, axis=1).dropna()
    differ = both[(both["exact"] - both["ohss"]).abs() > 5]
    ctx.report.note(
        "encounters: southwest fiscal years where CBP exact and the OHSS annual total differ by more than 5: "
        + ", ".join(f"FY{fy} {int(r.exact):,} vs {int(r.ohss):,}" for fy, r in differ.iterrows())
    )

    frame = pd.concat([exact, rounded], ignore_index=True)
    frame["date"] = frame["date"].dt.date
    frame = frame.sort_values(["date", "measure", "is_total", "region", "sector"], kind="mergesort")
    if frame.duplicated(["date", "measure", "sector"]).any():
        raise ValueError("encounters: duplicate sector/month/measure rows")
    columns = ["sector", "region", "is_total", "date", "fiscal_year", "measure", "encounters", "source"]
    return frame[columns].reset_index(drop=True)


def build_encounters_annual(ctx: BuildContext) -> pd.DataFrame:
    sectors = ohss.read_annual(ctx.path("ohss_usbp_annual")).assign(source=OHSS_SECTOR_SOURCE.format(sheet="Annual"))
    totals = ohss.read_southwest_annual(ctx.path("ohss_usbp_workbook")).assign(
        source=OHSS_REGION_SOURCE.format(sheet="Annual")
    )
    frame = pd.concat([sectors, totals], ignore_index=True).assign(measure=ROUNDED)
    monthly = _ohss_monthly(ctx)
    months_covered = monthly.groupby("fiscal_year")["date"].nunique().astype("int32")
    frame["months_covered"] = frame["fiscal_year"].map(months_covered).astype("int32")
    frame["partial"] = frame["months_covered"] < 12
    for fy in sorted(frame.loc[frame["partial"], "fiscal_year"].unique()):
        ctx.report.note(f"encounters_annual: FY{fy} is partial ({months_covered[fy]} months in the OHSS release)")
    frame = frame.sort_values(["fiscal_year", "is_total", "region", "sector"], kind="mergesort")
    if frame.duplicated(["fiscal_year", "sector"]).any():
        raise ValueError("encounters_annual: duplicate sector/year rows")
    columns = ["sector", "region", "is_total", "fiscal_year", "measure", "encounters", "months_covered", "partial",
               "source"]
    return frame[columns].reset_index(drop=True)


def build_sector_profiles(ctx: BuildContext) -> pd.DataFrame:
    profiles = sector_profiles.read_profiles(ctx.path("sector_profiles"))
    expected = {(s, fy) for s in SOUTHWEST_SECTORS for fy in range(2011, 2018)}
    found = set(zip(profiles["sector"], profiles["fiscal_year"]))
    if found != expected or profiles["is_printed_total"].any() or len(profiles) != len(expected):
        raise ValueError(f"sector profiles: expected the nine southwest sectors × FY2011–FY2017, got {sorted(found)}")

    printed = sector_profiles.read_totals(ctx.path("sector_profile_totals"), PROFILES_TOTAL_YEAR)
    # The totals file carries no year: its sector rows must be the FY2017 rows of the merged table.
    year_rows = profiles[profiles["fiscal_year"] == PROFILES_TOTAL_YEAR].set_index("sector").sort_index()
    its_rows = printed[~printed["is_printed_total"]].set_index("sector").sort_index()
    if not year_rows.equals(its_rows):
        raise ValueError(f"southwest_border_sector_totals.csv sector rows are not the FY{PROFILES_TOTAL_YEAR} rows")
    southwest = printed[printed["sector"] == sector_profiles.SOUTHWEST_PRINTED_TOTAL]
    ctx.report.note(
        "sector_profiles: kept the printed FY2017 southwest total (staffing includes the Special Operations Group); "
        "the nationwide total row is left out"
    )
    frame = pd.concat([profiles, southwest], ignore_index=True)
    frame = frame.sort_values(["fiscal_year", "is_printed_total", "sector"], kind="mergesort")
    return frame.reset_index(drop=True)


def build_sw_encounters(ctx: BuildContext) -> pd.DataFrame:
    frame = cbp_sw.read_encounters(ctx.path("sw_border_encounters"))
    frame["date"] = frame["date"].dt.date
    return frame.sort_values(cbp_sw.KEY, kind="mergesort").reset_index(drop=True)


LAYERS = (
    LayerSpec(
        name="encounters",
        title="Border Patrol encounters by sector and month",
        description=(
            "Monthly Border Patrol counts by sector under two measures that are never spliced: usbp_apprehensions "
            "(CBP, exact, FY2000–FY2020) and ohss_encounters_rounded (DHS OHSS, each figure rounded to 10, FY2000 – "
            "Nov 2024); see each measure's definition. All 21 sectors; region as each source groups them (CBP puts "
            "Livermore with the coastal sectors, OHSS with the northern); the nine southwest sectors are region "
            "'Southwest Land Border'. Rows with sector 'Southwest border' (is_total) are the southwest totals each "
            "source prints, not sums made here: leave them out when adding sectors. A month with no row is no data "
            "(OHSS does not list some months of small northern and coastal sectors). fiscal_year runs October–"
            "September; counts are events, not people."
        ),
        publisher="US Customs and Border Protection (FY2000–FY2020); DHS Office of Homeland Security Statistics",
        source_url=f"{EXACT_PROVENANCE['source_url']}; {OHSS_PROVENANCE['source_url']}",
        licence="US federal data (public domain); carrying repositories: UWCHR/cbp licence not stated, MIT",
        vintage=f"{EXACT_PROVENANCE['vintage']}; {OHSS_PROVENANCE['vintage']}",
        inputs=("usbp_monthly_fy2000_2020", "ohss_usbp_monthly", "ohss_usbp_workbook"),
        build=build_encounters,
        time_column="date",
        partition_by_year=True,
        measures=ENCOUNTER_MEASURES,
        extra={"southwest_sectors": list(SOUTHWEST_SECTORS)},
    ),
    LayerSpec(
        name="encounters_annual",
        title="Border Patrol encounters by sector and fiscal year (DHS OHSS)",
        description=(
            "OHSS's own annual figures by sector (sheet 'Annual Rgn and Sector') and the printed southwest total "
            "(sheet 'Annual Region', sector 'Southwest border', is_total), each rounded to 10 on its own. Use these "
            "for fiscal-year figures: they are not the sum of the rounded months. months_covered is how many months "
            "of the fiscal year the release holds; partial marks FY2025 (October–November 2024 only)."
        ),
        **OHSS_PROVENANCE,
        licence="US federal data (public domain); workbook copy from an MIT-licensed repository",
        inputs=("ohss_usbp_annual", "ohss_usbp_monthly", "ohss_usbp_workbook"),
        build=build_encounters_annual,
        time_column="fiscal_year",
        time_resolution="fiscal year",
        measures={ROUNDED: {**ENCOUNTER_MEASURES[ROUNDED], "unit": "encounters per fiscal year, rounded to 10"}},
    ),
    LayerSpec(
        name="sector_profiles",
        title="Border Patrol sector profiles, FY2011–FY2017 (southwest sectors)",
        description=(
            "Table 1 of the Border Patrol's yearly Sector Profile for the nine southwest sectors, FY2011–FY2017, "
            "plus the southwest total the FY2017 profile prints (sector 'Southwest border (printed total)', "
            "is_printed_total): it is kept as printed, never recomputed, and is not the sum of the sector rows "
            "(its staffing includes the Special Operations Group). NULL = not in the source."
        ),
        publisher=(
            "US Border Patrol (Sector Profile PDFs); table extracted and hand-cleaned by malelew/USBP_Sector_Profiles "
            "(inewsource)"
        ),
        source_url="https://github.com/malelew/USBP_Sector_Profiles (from CBP's 'USBP Sector Profile' PDFs)",
        licence="US federal data (public domain); repository licence not stated",
        vintage="Sector Profiles FY2011–FY2017 (repository commit 838f4f2)",
        inputs=("sector_profiles", "sector_profile_totals"),
        build=build_sector_profiles,
        time_column="fiscal_year",
        time_resolution="fiscal year",
        measures={
            "staffing": {"unit": "agents", "definition": "Border Patrol agents on board in the sector at the end of "
                         "the fiscal year (30 September)."},
            "apprehensions": {"unit": "apprehensions (events)", "definition": "Apprehensions in the sector in the "
                              "fiscal year, as the profile prints them."},
            "other_than_mexican": {"unit": "apprehensions (events)", "definition": "Apprehensions of people of a "
                                   "nationality other than Mexican."},
            "marijuana_lb": {"unit": "pounds", "definition": "Marijuana seized by the Border Patrol in the sector."},
            "cocaine_lb": {"unit": "pounds", "definition": "Cocaine seized by the Border Patrol in the sector."},
            "prosecutions": {"unit": "cases", "definition": "Prosecutions accepted (by US attorneys) from the "
                             "sector's arrests."},
            "assaults": {"unit": "assaults", "definition": "Assaults on Border Patrol agents in the sector."},
            "rescues": {"unit": "people", "definition": "Rescues recorded by the Border Patrol in the sector."},
            "deaths": {"unit": "deaths", "definition": "Deaths of migrants recorded by the Border Patrol in the "
                       "sector (its own count; other counts, e.g. medical examiners', are higher)."},
        },
    ),
    LayerSpec(
        name="sw_encounters",
        title="Southwest land border encounters by month (CBP, Border Patrol and ports of entry)",
        description=(
            "CBP's monthly southwest land border encounters, October 2021 – August 2025, by component (Border "
            "Patrol between ports of entry; Field Operations at ports of entry: CBP's 'U.S. Border Patrol' and "
            "'Office of Field Operations'), encounter type, demographic, citizenship (five groups) and title of "
            "authority. No sector or port split. fiscal_year 2025 is the partial year CBP labels '2025 (FYTD)' "
            "(fytd). Counts are events, not people; a combination with no row had no encounters reported."
        ),
        publisher="US Customs and Border Protection",
        source_url=(
            "https://www.cbp.gov/document/stats/southwest-land-border-encounters "
            "(copy: github.com/arilamstein/immigration_enforcement)"
        ),
        licence="US federal data (public domain); copy from an MIT-licensed repository",
        vintage="'FY22 – FY25 (FYTD) Southwest Land Border Encounters – August' (October 2021 – August 2025)",
        inputs=("sw_border_encounters",),
        build=build_sw_encounters,
        time_column="date",
        partition_by_year=True,
        measures={
            kind: {"unit": "encounters (events, not people)", "definition": text}
            for kind, text in ENCOUNTER_DEFINITIONS.items()
        },
        extra={
            "encounter_definition": (
                "Encounters = Border Patrol Title 8 apprehensions + Field Operations Title 8 inadmissibles + Title 42 "
                "expulsions (CBP)."
            ),
            "demographic_definitions": {
                "Single Adults": "CBP's category 'Single Adults'.",
                "FMUA": "Individuals in a family unit (CBP's 'FMUA').",
                "UAC": (
                    "Unaccompanied alien children: under 18, without lawful status and without a parent or legal "
                    "guardian in the US available to care for them (statutory definition); 'UC / Single Minors' in "
                    "earlier CBP releases."
                ),
                "Accompanied Minors": "CBP's category 'Accompanied Minors (AM)'; the file gives no further definition.",
            },
        },
    ),
)
