import datetime as dt

from ui import url_state

FIRST, LAST, DEFAULT = dt.date(1996, 1, 1), dt.date(2019, 3, 1), dt.date(2018, 4, 1)


def test_good_month():
    assert url_state.parse_month("start", "2010-05", DEFAULT, FIRST, LAST) == (dt.date(2010, 5, 1), None)


def test_absent_month_is_silent_default():
    assert url_state.parse_month("start", None, DEFAULT, FIRST, LAST) == (DEFAULT, None)


def test_malformed_and_out_of_range_months_fall_back_with_notice():
    for raw in ["2010-13", "May 2010", "'; DROP TABLE x; --", "9" * 1000]:
        value, notice = url_state.parse_month("start", raw, DEFAULT, FIRST, LAST)
        assert value == DEFAULT and notice
    value, notice = url_state.parse_month("end", "2024-01", DEFAULT, FIRST, LAST)
    assert value == DEFAULT and "outside the data" in notice


def test_choices_keep_known_and_report_unknown():
    value, notice = url_state.parse_choices("states", "TX,ZZ", ["CA", "TX"], ["CA"])
    assert value == ["TX"] and "ZZ" in notice
    value, notice = url_state.parse_choices("states", "ZZ", ["CA", "TX"], ["CA"])
    assert value == ["CA"] and notice


def test_single_choice():
    assert url_state.parse_choice("port", "2402", ["2402"], "2504") == ("2402", None)
    value, notice = url_state.parse_choice("port", "<script>", ["2402"], "2504")
    assert value == "2504" and notice
