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
    assert data["site"]["name"] == "Sunan" and len(data["places"]) == 20
    assert data["ring"]["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")
    assert all(p["time_of_flight_s"] > 0 for p in data["places"])


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
