"""The API against its own OpenAPI document, with cases schemathesis generates from it.

Every operation in ``/api/openapi.json`` is called in process (over ASGI, no socket) with
valid and invalid inputs, and every answer is checked: no 5xx, a status code the document
declares, the content type it declares, a body and headers that match its schema.  Writes go
with the API token; a few cases each keep the module bounded (about a minute on two cores).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from launchwatch.web import create_app

from .conftest import TOKEN, settings_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Cases per operation and generation mode; raise it for a longer campaign, e.g.
# LAUNCHWATCH_SCHEMA_EXAMPLES=200 pytest tests/web/test_schema_fuzz.py
MAX_EXAMPLES = int(os.environ.get("LAUNCHWATCH_SCHEMA_EXAMPLES", "15"))


def _document() -> dict[str, Any]:
    """The OpenAPI document, which the routes alone decide: an app on an empty database."""
    app = create_app(settings_for("sqlite:///:memory:", api_token=TOKEN), warm_up=False)
    try:
        return app.openapi()
    finally:
        app.state.catalogue.close()


# Some refusals of schema-valid requests are answers, not failures, because they depend on
# data no schema can state:
# * a report (JSON, form or text) whose content is no report: a file of a kind no reader
#   takes (415), a header with no story after it, a URL that is not a web address, a date
#   from before the missile era (422);
# * a filter naming a country, missile or site the store does not know (422, with the names
#   there are), as the command line refuses it; so too a context kind no calendar holds,
#   and a day its month lacks (2048-02-31: a pattern cannot hold the calendar);
# * an alert rule whose place the gazetteer lacks, whose channel is not configured, or that
#   states no condition at all (422, naming the field).
# Everywhere else a valid request must succeed (404 for an id that names nothing).
_REFUSALS_OF_VALID_DATA = ["2xx", "401", "403", "404", "409", "415", "422", "429"]
CONFIG = SchemathesisConfig.from_dict({"operations": [{
    "include-path-regex": "^/api/(extract|reports|events|map|export/[^/]+|context|context/stats|"
                          "alerts/rules)$",
    "checks": {"positive_data_acceptance": {"expected-statuses": _REFUSALS_OF_VALID_DATA}},
}]})

# Loaded when the module is collected (schemathesis parametrizes from it); each test then
# calls an app of its own over the sample database (``app=`` below).
schema = schemathesis.openapi.from_dict(_document(), config=CONFIG)


@pytest.fixture
def app(sample_db: str) -> Iterator[Any]:
    instance = create_app(settings_for(sample_db, api_token=TOKEN), warm_up=False)
    yield instance
    instance.state.catalogue.close()


@schema.parametrize()
# Derandomized, so that `make test` checks the same cases every run (a failure is then a
# change, not a draw); LAUNCHWATCH_SCHEMA_EXAMPLES widens the search for a campaign.
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_its_document_says(case: Any, app: Any) -> None:
    case.call_and_validate(headers=AUTH, app=app)


def test_sequences_of_calls_answer_as_the_document_says(app: Any) -> None:
    """Stateful: schemathesis links the list's event ids to the operations that take one, so
    an event's page, map, reach and exports are called with ids that exist (the cases above
    mostly meet 404) and their answers are checked against the document too."""
    live = schemathesis.openapi.from_asgi("/api/openapi.json", app, config=CONFIG)

    answered: set[tuple[str, int]] = set()

    class Calls(live.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": AUTH}

        def after_call(self, response: Any, case: Any) -> None:
            super().after_call(response, case)
            answered.add((case.operation.path, response.status_code))

    # Derandomized: with more operations beside the list, a random draw of a few sequences
    # may never follow a list's link to an event; a fixed draw is checked the same each run.
    Calls.run(settings=settings(max_examples=max(MAX_EXAMPLES // 3, 5), stateful_step_count=6,
                                deadline=None, derandomize=True,
                                suppress_health_check=list(HealthCheck)))
    # The point of the sequences: an event that exists was read through the links.
    assert ("/api/events/{event_id}", 200) in answered or \
        any(path.startswith("/api/events/{event_id}/") and status == 200
            for path, status in answered), sorted(answered)


# -- what the cases above found, each kept as a test ------------------------------------------

@pytest.mark.parametrize("path", ["/api/extract", "/api/reports"])
def test_a_blank_text_body_is_outside_the_document_and_refused(app: Any, path: str) -> None:
    """Found: the document took any string as a text/plain report, and the server refused a
    blank one with 422 (schemathesis: "schema-valid request rejected")."""
    case = schema[path]["POST"].Case(body=" \n\t", media_type="text/plain")
    response = case.call(headers=AUTH, app=app)
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "text"
    content = schema.raw_schema["paths"][path]["post"]["requestBody"]["content"]
    pattern = re.compile(content["text/plain"]["schema"]["pattern"])
    assert not pattern.search(" \n\t") and pattern.search("North Korea fired a missile.")


@pytest.mark.parametrize("path", ["/api/countries.geojson", "/api/waters.geojson"])
def test_a_map_layer_not_modified_is_a_documented_answer(app: Any, path: str) -> None:
    """Found: a client that sends back the layer's ETag gets 304, which the document did not
    list (schemathesis: "undocumented HTTP status code")."""
    first = schema[path]["GET"].Case().call_and_validate(headers=AUTH, app=app)
    again = schema[path]["GET"].Case().call_and_validate(
        headers={**AUTH, "If-None-Match": first.headers["etag"][0]}, app=app)
    assert again.status_code == 304
