"""Label placement: no two labels overlap, circles are avoided where possible, widths are not underestimated."""
import itertools
from pathlib import Path

import pytest

from geo.maps import label_placement as lp
from geo.maps.label_placement import Candidate, Symbol

ZOOM = 5.0
BOLD_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def box_of(record: dict, zoom: float = ZOOM) -> tuple[float, ...]:
    """The drawn text box of a placed record (no halo or padding), rebuilt from what deck.gl receives."""
    x, y = lp.project(record["lon"], record["lat"], zoom)
    x, y = x + record["offset"][0], y + record["offset"][1]
    width, height = lp.text_width(record["text"], record["size"]), record["size"]
    left = {"start": x, "middle": x - width / 2, "end": x - width}[record["anchor"]]
    top = {"top": y, "center": y - height / 2, "bottom": y - height}[record["baseline"]]
    return left, top, left + width, top + height


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_project_round_trips_and_matches_web_mercator():
    x, y = lp.project(-106.45, 31.76, 4.7)
    assert lp.unproject(x, y, 4.7) == pytest.approx((-106.45, 31.76))
    assert lp.project(0, 0, 0) == pytest.approx((256, 256))  # the middle of deck.gl's 512 px world


def test_crowded_labels_never_overlap():
    # Twelve places 0.1° apart on a line: far too close for all their names at this zoom.
    crowd = [Candidate(f"Place number {i}", -110 + 0.1 * i, 31.0, rank=(i,)) for i in range(12)]
    placed = lp.place(crowd, ZOOM)
    assert 1 < len(placed) < len(crowd)
    for a, b in itertools.combinations(placed, 2):
        assert not overlap(box_of(a), box_of(b)), (a["text"], b["text"])


def test_the_more_important_label_wins():
    big = Candidate("Big city", -110.0, 31.0, rank=(0,), positions=("above",))
    small = Candidate("Small town", -110.01, 31.0, rank=(1,), positions=("above",))
    assert [r["text"] for r in lp.place([small, big], ZOOM)] == ["Big city"]


def test_a_label_moves_off_a_circle_when_it_can():
    circle = Symbol(-110.0, 31.0, radius_px=20)
    label = Candidate("Twin city", -110.0, 31.0, rank=(0,), positions=("above", "right"))
    (record,) = lp.place([label], ZOOM, [circle])
    cx, cy = lp.project(-110.0, 31.0, ZOOM)
    left, top, right, bottom = box_of(record)
    nearest = (min(max(cx, left), right) - cx) ** 2 + (min(max(cy, top), bottom) - cy) ** 2
    assert nearest >= (20 - 5) ** 2  # clear of the circle (less the halo and padding it may touch)


def test_a_port_name_that_can_only_cover_a_circle_is_left_out():
    circles = [Symbol(-110.0 + dx, 31.0 + dy, 40) for dx in (-0.5, 0, 0.5) for dy in (-0.5, 0, 0.5)]
    port = Candidate("Port", -110.0, 31.0, rank=(0,), may_cover_symbols=False, max_push_px=8, gap_px=43)
    city = Candidate("City", -110.0, 31.0, rank=(0,), max_push_px=8)
    assert lp.place([port], ZOOM, circles) == []
    assert [r["text"] for r in lp.place([city], ZOOM, circles)] == ["City"]  # a halo keeps a city name legible


def test_labels_near_the_edge_turn_inwards():
    bounds = lp.view_bounds(-110.0, 31.0, ZOOM, 400, 300)
    x_edge = lp.unproject(bounds[2] - 10, lp.project(-110.0, 31.0, ZOOM)[1], ZOOM)[0]
    edge = Candidate("Edge of the map", x_edge, 31.0, rank=(0,), positions=("right", "left"))
    (record,) = lp.place([edge], ZOOM, bounds=bounds)
    assert record["anchor"] == "end"
    assert box_of(record)[2] <= bounds[2]


def test_off_screen_places_do_not_push_visible_ones_aside():
    bounds = lp.view_bounds(-110.0, 31.0, ZOOM, 400, 300)
    inside = Candidate("Visible town", -110.0, 31.0, rank=(5,), positions=("above",))
    outside = Candidate("Huge city far away", -110.0, 31.0 + 30, rank=(0,), positions=("above",))
    assert {r["text"] for r in lp.place([outside, inside], ZOOM, bounds=bounds)} >= {"Visible town"}


@pytest.mark.skipif(not BOLD_FONT.exists(), reason="DejaVu Sans Bold not installed")
def test_width_estimate_is_never_short_of_the_real_font():
    from PIL import ImageFont

    font = ImageFont.truetype(str(BOLD_FONT), 100)
    for name in ["Ciudad Juárez", "Los Angeles", "Tornillo-Fabens", "Piedras Negras", "WMW mmm", "Ill", "Otay Mesa"]:
        real = font.getlength(name) / 100 * 12
        estimate = lp.text_width(name, 12)
        assert real <= estimate <= real * 1.25, (name, real, estimate)
