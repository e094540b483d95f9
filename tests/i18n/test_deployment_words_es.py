"""A deployment's period ('27 Mar 2008 – ongoing or unknown', built into the layer) and why a row is not added
('inside D22', 'superseded by D22', written by deployments_active_year) are shown in the reader's language, composed
from the row's dates, their precision and its end status; the data keep the stored English, and the English screen
shows exactly it."""
from __future__ import annotations

from geo import deployments
from geo.maps import corridors_deck
from geo.store import queries
from geo.views import before_after as ba
from geo.views import corridors as cv

# ------------------------------------------------------------------ why a row is not added


def test_why_a_deployment_is_not_added_in_spanish(spanish):
    rows = queries.run("deployments_active_year", cv.deployment_params(2009, "MX-08"))
    assert rows.set_index("deployment_id").loc["D21", "not_counted_because"] == "superseded by D22"  # data kept
    table = cv.deployment_table(rows).set_index("id")
    assert table.loc["D21", "not_counted_because"] == "sustituido por D22"
    assert table.loc["D23", "not_counted_because"] == "dentro de D22"
    notes = " ".join(n for card in cv.totals_by_country(rows, "aquí", 2009) for n in card["notes"])
    assert "D21 (sustituido por D22)" in notes and "superseded" not in notes and "(inside " not in notes
    text = corridors_deck.deployment_text(next(r for r in rows.to_dict("records") if r["deployment_id"] == "D23"))
    assert text.endswith("\nNo se cuenta (dentro de D22)")
    assert deployments.reason(None) is None and deployments.reason("other text") == "other text"


def test_why_a_deployment_is_not_added_in_english_unchanged():
    rows = queries.run("deployments_active_year", cv.deployment_params(2009, "MX-08"))
    table = cv.deployment_table(rows).set_index("id")
    assert table.loc["D21", "not_counted_because"] == "superseded by D22"
    assert table.loc["D23", "not_counted_because"] == "inside D22"


# ------------------------------------------------------------------ a deployment's period


def _every_deployment() -> list[dict]:
    return queries.run("deployments_timeline", {"countries": ["US", "MX"]}).to_dict("records") + queries.run(
        "deployments_active_year", cv.deployment_params(2019)).to_dict("records")


def test_deployment_period_in_english_is_the_stored_label():
    rows = _every_deployment()
    assert len(rows) > 20
    assert [deployments.period(r) for r in rows] == [r["period_label"] for r in rows]
    assert deployments.period({"period_label": "2008–2010"}) == "2008–2010"  # a row without its dates: as stored


def test_deployment_period_in_spanish(spanish):
    by_id = {r["deployment_id"]: r for r in _every_deployment()}
    stored = {key: r["period_label"] for key, r in by_id.items()}
    shown = {key: deployments.period(r) for key, r in by_id.items()}
    assert any(label.endswith("– ongoing or unknown") for label in stored.values())  # the data, as built
    for key, label in stored.items():
        if label.endswith(" – ongoing or unknown"):
            assert shown[key].endswith(" – en curso o sin fin conocido"), key
        if label.endswith(" – end not established"):
            assert shown[key].endswith(" – fin no establecido"), key
        if label.endswith("(figure reported once; no period)"):
            assert shown[key].endswith("(cifra reportada una sola vez; sin periodo)"), key
    assert "1 jul 2010 – 29 feb 2012" in shown.values() and "abr 2018 – fin no establecido" in shown.values()
    assert not any(word in text for text in shown.values() for word in ("ongoing", "Jan ", "Feb ", "Apr ", "figure"))


def test_deployment_period_on_screen_in_spanish(spanish):
    timeline = queries.run("deployments_timeline", {"countries": ["US", "MX"]})
    frame = cv.timeline_frame(timeline, 2025)
    assert frame["period_label"].str.contains("en curso o sin fin conocido").any()
    choices = ba.deployment_choices(timeline)
    assert all(", desde " in label and ", from " not in label for label in choices.values())
    row = queries.run("before_after_deployment", {"deployment_id": "D01"}).iloc[0]
    assert deployments.period(row) in ba.deployment_summary(row)
    assert "ongoing" not in ba.deployment_summary(row)
    rows = queries.run("deployments_active_year", cv.deployment_params(2009, "MX-08"))
    assert not cv.deployment_table(rows)["period"].str.contains("ongoing|Mar |Jul ").any()


def test_deployment_choices_in_english_unchanged():
    timeline = queries.run("deployments_timeline", {"countries": ["US", "MX"]})
    events = timeline[timeline["end_status"] != "single report"]
    assert ba.deployment_choices(timeline) == {
        r.deployment_id: f"{r.operation} ({r.country}, from {r.period_label.split(' – ')[0]})"
        for r in events.itertuples(index=False)}
