"""Every file the build reads, named once: raw public files, curated tables and the project's reference tables.

Paths are relative to ``shared/raw``, ``shared/curated`` or this package's ``reference/`` folder. A layer lists
the keys it is made from (``LayerSpec.inputs``); the manifest records each file's sha256.
"""
from __future__ import annotations

from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

# key: (root, path under that root); a folder stands for all the files in it
INPUTS: dict[str, tuple[str, str]] = {
    "bts": ("raw", "bts_border_crossing/Border_Crossing_Entry_Data_1996-01_2019-03.csv"),
    "ports": ("curated", "ports_of_entry.csv"),
    "unt_monthly": ("raw", "unt_txmx_crossings/monthly_crossings_2008_2025.csv"),
    "unt_master_workbook": ("raw", "unt_txmx_crossings/2008-2024_Master_CBP_Border_Crossings.xlsx"),
    "boundary": ("raw", "natural_earth/ne_10m_admin_0_boundary_lines_land_USA_MEX.geojson"),
    "countries": ("raw", "world_atlas/countries-50m.json"),
    "us_states": ("raw", "us_atlas/states-10m.json"),
    "us_counties": ("raw", "us_atlas/counties-10m.json"),
    "mx_states": ("raw", "mx_municipios_crimenmexico/estatal.shp"),
    "mx_municipios": ("raw", "mx_municipios_crimenmexico/municipios.shp"),
    "conapo_municipal": ("raw", "conapo_population/poblacion_municipal_total.csv"),
    "conapo_state": ("raw", "conapo_population/poblacion_entidad_total.csv"),
    "urban_areas": ("raw", "natural_earth/ne_50m_urban_areas_border_bbox.geojson"),
    "places": ("raw", "natural_earth/ne_10m_populated_places_USA_MEX.geojson"),
    "inegi_homicides": ("raw", "inegi_homicides_1990_2015"),  # one file per registration year
    "sesnsp_municipal": ("raw", "sesnsp_homicides_2019_2025/violencia_homicida_municipal_nacional_2024_2025.csv"),
    "fivethirtyeight_murders": ("raw", "fivethirtyeight_murders/murder_2015_final.csv"),
    "city_violence": ("curated", "city_violence.csv"),
    "reveal_fence": ("raw", "reveal_border_fence/border_fence_map.geojson"),
    "bts_2025": ("raw", "bts_border_crossing/Border_Crossing_Entry_Data_US-Mexico_1996-01_2025-02.csv"),
    "usbp_monthly_fy2000_2020": ("raw", "cbp_usbp_encounters/usbp_monthly_encounters_fy2000-fy2020.csv"),
    "ohss_usbp_monthly": ("raw", "ohss_usbp_encounters/usbp_monthly_region_sector_fy2000-fy2025.csv"),
    "ohss_usbp_annual": ("raw", "ohss_usbp_encounters/usbp_annual_region_sector_fy2000-fy2025.csv"),
    "ohss_usbp_workbook": ("raw", "ohss_usbp_encounters/KHSM_Encounters_USBP_fy25m11.xlsx"),  # region totals
    "sw_border_encounters": ("raw", "cbp_sw_land_border_encounters/sbo-encounters-fy22-fy25-aug.csv"),
    "sector_profiles": ("raw", "usbp_sector_profiles/handclean_merged_southern.csv"),
    "sector_profile_totals": ("raw", "usbp_sector_profiles/southwest_border_sector_totals.csv"),
    "inegi_occurrence_municipal": (
        "raw", "inegi_homicides_municipal_2000_2021/mexico-muni-month-homicide-rates-2000-2021.csv.gz"
    ),
    "inegi_occurrence_state": ("raw", "inegi_homicides_municipal_2000_2021/mexico-state-month-homicide-rates-2000-2022.csv"),
    "corridors": ("curated", "corridors.csv"),
    "corridor_waypoints": ("curated", "corridor_waypoints.csv"),
    "deployments": ("curated", "deployments.csv"),
    "curated_readme": ("curated", "README.md"),
    "twin_cities": ("reference", "twin_cities.csv"),
    "focus_presets": ("reference", "focus_presets.csv"),
    "us_city_counties": ("reference", "us_city_counties.csv"),
    "mx_municipio_changes": ("reference", "mx_municipio_changes.csv"),
    "usbp_sector_counties": ("reference", "usbp_sector_counties.csv"),
}


def resolve_inputs(shared: Path) -> dict[str, Path]:
    """Absolute paths of every input, raw/curated under ``shared``, reference tables in the project."""
    roots = {"raw": shared / "raw", "curated": shared / "curated", "reference": REFERENCE_DIR}
    return {key: roots[root] / rel for key, (root, rel) in INPUTS.items()}
