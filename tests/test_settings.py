"""The settings registry: one list, one merge order, validated, documented."""

from pathlib import Path

import pytest

from launchwatch.errors import SettingsError
from launchwatch.settings import SETTINGS, load_settings


def test_every_setting_is_documented():
    for setting in SETTINGS:
        assert len(setting.help) > 20, f"{setting.name} needs a help text"
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert setting.env_var in readme, f"README should document {setting.env_var}"


def test_merge_order_defaults_config_environment_cli(tmp_path):
    config = tmp_path / "launchwatch.toml"
    config.write_text('port = 8001\nhost = "0.0.0.0"\napi_read_open = false\n')
    settings = load_settings(environ={}, config_path=config)
    assert (settings.port, settings.host, settings.api_read_open) == (8001, "0.0.0.0", False)
    settings = load_settings(environ={"LAUNCHWATCH_PORT": "8002"}, config_path=config)
    assert settings.port == 8002 and settings.host == "0.0.0.0"
    settings = load_settings({"port": 8003}, environ={"LAUNCHWATCH_PORT": "8002"},
                             config_path=config)
    assert settings.port == 8003


def test_bad_values_name_the_setting_and_origin(tmp_path):
    with pytest.raises(SettingsError) as error:
        load_settings(environ={"LAUNCHWATCH_PORT": "eighty"}, config_path=tmp_path / "none")
    assert "port" in str(error.value) and "LAUNCHWATCH_PORT" in str(error.value)
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 'red'\n")
    with pytest.raises(SettingsError) as error:
        load_settings(environ={}, config_path=bad)
    assert "colour" in str(error.value) and str(bad) in str(error.value)


def test_default_database_is_a_sqlite_file(tmp_path):
    settings = load_settings(environ={}, config_path=tmp_path / "none")
    assert settings.resolved_database_url.startswith("sqlite:///")


def test_values_are_checked_with_the_source_that_gave_them(tmp_path):
    config = tmp_path / "launchwatch.toml"
    config.write_text('port = "eighty"\n')
    with pytest.raises(SettingsError) as error:
        load_settings(environ={}, config_path=config)
    assert "port" in str(error.value) and str(config) in str(error.value)
    with pytest.raises(SettingsError, match="from the command line"):
        load_settings({"ingest_workers": -1}, environ={}, config_path=config)
    config.write_text("port = [\n")
    with pytest.raises(SettingsError, match="cannot read the config file"):
        load_settings(environ={}, config_path=config)


def test_environment_words_for_booleans_and_the_process_environment(tmp_path, monkeypatch):
    none = tmp_path / "none"
    assert load_settings(environ={"LAUNCHWATCH_API_READ_OPEN": "no"},
                         config_path=none).api_read_open is False
    assert load_settings(environ={"LAUNCHWATCH_API_READ_OPEN": "on"},
                         config_path=none).api_read_open is True
    config = tmp_path / "from-env.toml"
    config.write_text("batch_progress_min = 7\n")
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", str(config))
    monkeypatch.setenv("LAUNCHWATCH_HOST", "0.0.0.0")
    settings = load_settings()
    assert (settings.batch_progress_min, settings.host) == (7, "0.0.0.0")


def test_the_api_token_stays_out_of_reprs(tmp_path):
    settings = load_settings({"api_token": "s3cret"}, environ={}, config_path=tmp_path / "n")
    assert settings.api_token == "s3cret" and "s3cret" not in repr(settings)
