"""Static maps and the ``where``, ``reach`` and ``map`` commands."""

from __future__ import annotations

import json

from launchwatch.geo.gazetteer import gazetteer
from launchwatch.geo.maps import MapView, draw_map
from launchwatch.geo.rings import RangeRing

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_where_json(run_cli):
    code, out, _ = run_cli("where", "about 150 km west of Okushiri Island",
                        "--json")
    assert code == 0
    data = json.loads(out)
    assert data["inside_japan_eez"] is True and data["zone"]["sea"] == "Sea of Japan"
    assert data["uncertainty_km"] > 0 and data["distance_interval_km"] == [145.0, 155.0]
    assert 41.5 < data["lat_deg"] < 42.5 and 137.0 < data["lon_deg"] < 138.0


def test_where_text_and_errors(run_cli):
    code, out, _ = run_cli("where", "approximately 2,200 km east of Cape Erimo",
                        "--from", "Sunan")
    assert code == 0 and "Pacific Ocean" in out and "outside" in out
    code, _, err = run_cli("where", "200 km west of Qwxyz Island")
    assert code == 2 and "gazetteer" in err and "Traceback" not in err


def test_reach_json(run_cli):
    code, out, _ = run_cli("reach", "--site", "Sunan", "--range-km", "13000",
                        "--min-population", "1000000", "--limit", "20", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["site"]["name"] == "Sunan" and data["launching_state"] == "North Korea"
    cities = data["largest_cities"]
    assert len(cities) == 20 and all(c["country"] != "North Korea" for c in cities)
    assert [c["population"] for c in cities] == sorted((c["population"] for c in cities),
                                                       reverse=True)
    assert all(c["time_of_flight_s"] > 0 for c in cities)
    people = data["population"]
    # --json gives every country; the launching state is counted but flagged.
    assert len(people["by_country"]) == people["countries"]
    assert people["in_range"] == sum(c["people"] for c in people["by_country"])
    assert people["in_range"] - people["outside_launching_state"] == next(
        c["people"] for c in people["by_country"] if c["launching_state"])
    assert data["ring"]["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")
    assert data["reaches_anywhere"] is False


def test_reach_answers_how_many_people_where_at_80_columns(run_cli):
    # Captured output is no terminal: rich lays it out at 80 columns.
    code, out, _ = run_cli("reach", "--site", "Sunan", "--range-km", "13000")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "billion people live within range" in out and "outside North Korea" in out
    assert "Shanghai" in out and "Tokyo" in out
    assert "Pyongyang" not in out  # the launching state's own cities are not the answer


def test_reach_past_the_antipode_says_any_point_on_earth(run_cli):
    code, out, _ = run_cli("reach", "--site", "Sunan", "--range-km", "20015", "--json")
    data = json.loads(out)
    assert code == 0 and data["reaches_anywhere"] is True and data["ring"] is None
    assert data["range_text"] == "≥ 20,000 km: any point on Earth"
    assert data["population"]["outside_launching_state"] > 7_000_000_000


def test_reach_table_accepts_coordinates(run_cli):
    code, out, _ = run_cli("reach", "--site", "39.66,124.71", "--range-km",
                        "1000", "--min-population", "2000000")
    assert code == 0 and "Seoul" in out


def test_map_command_writes_png_and_reports_overflight(run_cli, tmp_path):
    out_file = tmp_path / "hwasong12.png"
    code, out, _ = run_cli("map", "--site", "Sunan", "--impact",
                        "approximately 2,200 km east of Cape Erimo", "--range-km", "3700",
                        "--place", "Tokyo", "--place", "Cape Erimo", "--out", str(out_file),
                        "--json")
    assert code == 0
    data = json.loads(out)
    assert data["overflown"] == ["Japan"] and abs(data["track_length_km"] - 3700) < 74
    assert out_file.read_bytes()[:8] == PNG_SIGNATURE and out_file.stat().st_size > 20_000


def test_map_into_a_missing_folder_names_the_folder(run_cli, tmp_path):
    missing = tmp_path / "no such folder"
    code, out, err = run_cli("map", "--site", "Sunan", "--out", str(missing / "map.png"))
    assert code != 0 and "Traceback" not in out + err
    assert "does not exist" in err and "no such folder" in err
    assert not missing.exists()  # a mistyped folder is not created


def test_map_with_an_unknown_format_says_which_are_known(run_cli, tmp_path):
    code, _, err = run_cli("map", "--site", "Sunan", "--out", str(tmp_path / "map.jpeg"))
    assert code != 0 and ".png, .pdf, .svg" in err and "Traceback" not in err


def test_a_ring_that_covers_the_earth_is_not_drawn(tmp_path):
    site = gazetteer().site("Sunan")
    ring = RangeRing.around(site.lat_deg, site.lon_deg, 20015.0)
    assert ring.covers_earth and ring.line().is_empty
    path = draw_map(tmp_path / "anywhere.svg", site=site, impact=(41.0, 137.0), rings=[ring],
                    japan_eez=False)
    svg = path.read_text()
    assert "any point on Earth (no ring)" in svg


def test_where_a_position_east_of_japan(run_cli):
    code, out, _ = run_cli("where", "about 3,200 km east of Japan", "--from", "Sunan")
    assert code == 0 and "Japan (country)" in out and "Pacific Ocean" in out
    assert "facing" in out and max(len(line) for line in out.splitlines()) <= 80


def test_draw_map_across_the_antimeridian_to_pdf(tmp_path):
    g = gazetteer()
    site = g.site("Sunan")
    ring = RangeRing.around(site.lat_deg, site.lon_deg, 8000.0)
    path = draw_map(tmp_path / "pacific.pdf", site=site, rings=[ring],
                    places=[g.city("Honolulu"), g.city("Anchorage")],
                    view=MapView(110.0, 220.0, 0.0, 70.0), japan_eez=False)
    assert path.read_bytes()[:4] == b"%PDF"


def test_map_view_takes_the_short_way_round():
    view = MapView.around([50.0, 60.0], [170.0, -170.0], margin_deg=0.0)
    assert (view.lon_min, view.lon_max) == (170.0, 190.0)
    assert float(view.shift(-175.0)) == 185.0
