"""The Ports map payload: fixed scales, the frame on the map, views that zoom to the chosen states."""
import pandas as pd
import pytest

from geo.maps import basemap, ports_deck
from geo.store import queries


def totals(values: dict[str, float | None]) -> pd.DataFrame:
    ports = queries.run("ports_list").set_index("port_code")
    rows = []
    for code, value in values.items():
        port = ports.loc[code]
        rows.append({"port_key": port["port_key"], "port_code": code, "port_name": port["port_name"],
                     "us_state": port["us_state"], "mx_city": port["mx_city"], "lon": port["lon"], "lat": port["lat"],
                     "total": value, "months_reported": 1 if value is not None else 0, "months_in_period": 1,
                     "last_month_in_source": port["last_month"]})
    return pd.DataFrame(rows)


def test_a_given_scale_overrides_the_frames_own_maximum():
    frame = totals({"2402": 100.0, "2604": 50.0})
    own = {r["port_key"]: r["radius"] for r in ports_deck.port_records(frame, "m", "Jan 2024", "BTS")}
    fixed = {r["port_key"]: r["radius"] for r in ports_deck.port_records(frame, "m", "Jan 2024", "BTS", vmax=400.0)}
    assert own["2402"] == ports_deck.MAX_RADIUS_PX
    assert fixed["2402"] == pytest.approx(ports_deck.radius_px(100.0, 400.0))
    assert fixed["2402"] < own["2402"]


def test_legend_says_the_scale_is_fixed_over_the_animation():
    frame = totals({"2402": 100.0})
    html = ports_deck.legend(frame, "Pedestrians", "people", "Jan 2024", vmax=400.0,
                             fixed_over="Jan 2024 – Dec 2024").html()
    assert "fixed over Jan 2024 – Dec 2024" in html and "400" in html and "in the month shown" in html


def test_frame_stamp_sits_in_the_lower_left_of_the_view():
    records = ports_deck.port_records(totals({"2402": 100.0}), "m", "Jan 2024", "BTS")
    view = basemap.initial_view()
    spec = ports_deck.deck(records, view=view, frame_text="Jan 2024").to_json()
    assert '"id":"frame-stamp"' in spec and '"text":"Jan 2024"' in spec
    stamp = ports_deck.frame_stamp("Jan 2024", view).data[0]
    assert stamp["lon"] < view.longitude and stamp["lat"] < view.latitude


def test_view_zooms_to_the_chosen_states_only_when_some_are_left_out():
    ports = queries.run("ports_list")
    everything = sorted(ports["us_state"].unique())
    assert ports_deck.view_for(ports, everything, everything).zoom == basemap.initial_view().zoom
    arizona = ports_deck.view_for(ports, ["AZ"], everything)
    az = ports[ports["us_state"] == "AZ"]
    assert arizona.zoom > basemap.initial_view().zoom
    assert az["lon"].min() < arizona.longitude < az["lon"].max()


def test_labels_stay_put_while_circles_change():
    small = ports_deck.port_records(totals({"2402": 10.0, "2604": 400.0}), "m", "Jan", "BTS", vmax=400.0)
    large = ports_deck.port_records(totals({"2402": 400.0, "2604": 10.0}), "m", "Feb", "BTS", vmax=400.0)
    radii = ports_deck.peak_radii(small, {"2402": 400.0, "2604": 400.0}, 400.0)
    view = basemap.initial_view()
    assert ports_deck.labels(small, view, radii) == ports_deck.labels(large, view, radii)
