"""Routing rules are data (config/contact_points.yml): each case, and the rules' own checks."""

import pytest
import yaml

from bot.bookings import contact_points
from bot.bookings.contact_points import load


@pytest.mark.parametrize("facts,expected", [
    ({"role": "self", "custody": "in_custody", "municipality": "København",
      "age_group": "25_plus"}, "kriminalforsorgen"),
    ({"role": "self", "custody": "release_soon"}, "kriminalforsorgen"),
    ({"role": "self", "custody": "recently_released", "municipality": "Odense"}, "national_exit"),
    ({"role": "self", "municipality": "København", "age_group": "18_24"}, "kobenhavn"),
    ({"role": "self", "municipality": "København", "age_group": "15_17"}, "national_exit"),
    ({"role": "self", "municipality": "København"}, "national_exit"),  # age unknown
    ({"role": "relative", "municipality": "København", "age_group": "25_plus"}, "national_exit"),
    ({"role": "professional", "municipality": "Aarhus"}, "national_exit"),
    ({"role": "self"}, "national_exit"),
])
def test_route(facts, expected):
    point, reason = contact_points.route(**facts)
    assert point.id == expected
    assert point.name in reason and reason.endswith(".")


def test_minors_hear_that_the_municipality_is_responsible():
    _, reason = contact_points.route(role="self", age_group="15_17")
    assert "under 18" in reason and "kommunen" in reason


def test_only_organisations_from_the_source_and_no_contact_details():
    source = open(contact_points.config.ROOT.parent / "shared" / "source" /
                  "exit-fra-bander.txt", encoding="utf-8").read().lower()
    for point in contact_points.all_contact_points():
        first_word = point.name.split()[0].lower().rstrip("s")
        assert first_word in source or "exit-kontaktpunkt" in point.name.lower()
        assert point.hours and point.capacity >= 1 and point.slot_minutes >= 15
    data = yaml.safe_load(contact_points.config.CONTACT_POINTS_FILE.read_text())
    for raw in data["contact_points"]:
        assert set(raw) <= {"id", "name", "kind", "serves", "hours", "slot_minutes", "capacity"}


def test_a_config_without_a_catch_all_rule_is_refused(tmp_path):
    data = yaml.safe_load(contact_points.config.CONTACT_POINTS_FILE.read_text())
    data["routing"] = data["routing"][:-1]
    path = tmp_path / "points.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ValueError, match="last routing rule"):
        load(path)


def test_unquoted_age_groups_are_refused(tmp_path):
    text = contact_points.config.CONTACT_POINTS_FILE.read_text().replace('"18_24"', "18_24")
    path = tmp_path / "points.yml"
    path.write_text(text)
    with pytest.raises(ValueError, match="quote"):
        load(path)


def test_hours_text_groups_equal_days():
    assert contact_points.get("kriminalforsorgen").hours_text() == "mandag–torsdag 10.00–14.00"
