"""Charts: one axis per unit, month names on short spans, a marked rule where a series changes definition."""
import datetime as dt

import pandas as pd

from geo.maps import charts


def long_frame() -> pd.DataFrame:
    months = pd.to_datetime(["2024-01-01", "2024-02-01"])
    return pd.DataFrame({
        "month": list(months) * 3,
        "measure": ["Trucks"] * 2 + ["Pedestrians"] * 2 + ["Buses"] * 2,
        "value": [1.0, 2.0, 300.0, 400.0, 3.0, None],
        "unit": ["vehicles"] * 2 + ["people"] * 2 + ["vehicles"] * 2,
    })


def test_one_panel_per_unit_each_with_only_its_unit():
    panels = charts.unit_panels(long_frame(), "measure", "El Paso")
    assert [unit for unit, _ in panels] == ["vehicles", "people"]
    for unit, chart in panels:
        spec = chart.to_dict()
        assert spec["encoding"]["y"]["title"] == f"{unit} per month"
        values = next(iter(spec["datasets"].values()))
        assert {row["unit"] for row in values} == {unit}


def test_month_axis_names_months_on_short_spans_and_years_on_long_ones():
    short = charts.month_axis(dt.date(2024, 3, 1), dt.date(2025, 2, 1)).to_dict()
    assert short["format"] == "%b %Y" and short["tickCount"] == {"interval": "month", "step": 2}
    assert charts.month_axis(dt.date(2010, 1, 1), dt.date(2025, 2, 1)).to_dict()["format"] == "%Y"


def test_a_break_draws_a_labelled_rule_at_its_month():
    chart = charts.monthly_lines(long_frame(), "measure", "people per month", "t",
                                 breaks=[(dt.date(2024, 2, 1), "Ysleta split out")])
    spec = chart.to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "rule", "text"]
    rule_data = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert rule_data[0]["note"] == "Ysleta split out" and rule_data[0]["month"].startswith("2024-02-01")
