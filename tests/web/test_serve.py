"""``launchwatch serve``: settings from the command line, the address printed, the app served."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from launchwatch.cli import app


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What ``uvicorn.run`` was called with, instead of serving."""
    monkeypatch.setenv("LAUNCHWATCH_CONFIG", "/nonexistent/launchwatch.toml")
    for name in ("DATABASE_URL", "HOST", "PORT", "API_TOKEN"):
        monkeypatch.delenv(f"LAUNCHWATCH_{name}", raising=False)
    calls: dict = {}

    def run(web_app, **options):
        calls.update(options, app=web_app)

    monkeypatch.setattr("uvicorn.run", run)
    return calls


def test_serve_runs_the_app_on_the_address_it_prints(served, sample_db, tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", sample_db, "--port", "8123",
                                      "--host", "127.0.0.1", "--allow-local-writes"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert sample_db in result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    web_app = served["app"]
    assert web_app.state.policy.allow_local_writes is True
    assert web_app.state.policy.api_token is None
    assert web_app.state.catalogue.store.count_events() >= 10
    web_app.state.catalogue.close()


def test_serve_takes_its_settings_from_the_environment(served, sample_db, monkeypatch):
    monkeypatch.setenv("LAUNCHWATCH_PORT", "9000")
    monkeypatch.setenv("LAUNCHWATCH_API_TOKEN", "from-the-environment")
    result = CliRunner().invoke(app, ["serve", "--db", sample_db])
    assert result.exit_code == 0, result.output
    assert served["port"] == 9000 and "http://127.0.0.1:9000/" in result.output
    assert served["app"].state.policy.api_token == "from-the-environment"
    assert served["app"].state.policy.allow_local_writes is False
    served["app"].state.catalogue.close()


def test_serve_refuses_a_bad_port(served, sample_db):
    result = CliRunner().invoke(app, ["serve", "--db", sample_db, "--port", "70000"])
    assert result.exit_code == 2
    assert "port" in result.output.lower()
    assert served == {}


def test_serve_refuses_a_database_that_does_not_exist(served, tmp_path):
    typo = tmp_path / "lanchwatch.sqlite3"
    result = CliRunner().invoke(app, ["serve", "--db", str(typo)])
    assert result.exit_code != 0 and "app" not in served
    assert str(typo) in str(result.exception) and "--create" in str(result.exception)
    assert not typo.exists()
    started = CliRunner().invoke(app, ["serve", "--db", str(typo), "--create"])
    assert started.exit_code == 0 and "app" in served and typo.exists()
