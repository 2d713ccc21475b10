"""``launchwatch trajectory``."""

from __future__ import annotations

import json

import pytest


def test_json_has_the_documented_keys(run_cli):
    code, out, _ = run_cli("trajectory", "--range-km", "1000", "--apogee-km", "3724.9",
                        "--flight-time-s", "2832", "--class", "ICBM", "--site", "40.61,126.43",
                        "--azimuth-deg", "100", "--samples", "300", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("burnout_speed_m_s", "burnout_angle_deg", "predicted_flight_time_s",
                "predicted_apogee_km", "predicted_range_km", "consistent", "met_range_km",
                "met_range_interval_km", "assumptions"):
        assert key in data
    assert data["consistent"] is True
    assert len(data["met_range_interval_km"]) == 2
    assert data["assumptions"]["missile_class"] == "ICBM"


def test_table_output_names_the_verdict(run_cli):
    code, out, _ = run_cli("trajectory", "--range-km", "1090", "--apogee-km", "6248.5",
                        "--flight-time-s", "4052", "--samples", "300")
    assert code == 0
    assert "inconsistent" in out and "min-energy range" in out


@pytest.mark.parametrize("args, text", [
    (("--range-km", "1000", "--apogee-km", "0"), "apogee"),
    (("--range-km", "25000", "--apogee-km", "500"), "half the Earth"),
    (("--range-km", "1000", "--apogee-km", "500", "--site", "north"), "LAT,LON"),
])
def test_impossible_inputs_exit_2_with_one_line(run_cli, args, text):
    code, out, err = run_cli("trajectory", *args)
    assert code == 2
    assert text in err and err.startswith("error:")
    assert "Traceback" not in err


def test_numerical_refly_is_printed(run_cli):
    code, out, _ = run_cli("trajectory", "--range-km", "3700", "--apogee-km", "800",
                        "--flight-time-s", "1140", "--class", "IRBM", "--site", "39.22,125.67",
                        "--azimuth-deg", "80", "--samples", "50", "--numerical")
    assert code == 0
    assert "with drag and J2" in out and "Earth turning" in out
