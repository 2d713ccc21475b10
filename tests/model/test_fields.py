"""The launch fields are declared once (launchwatch.model.fields); the records, the tables, the
CNS format and the web's shapes agree with the declaration."""

from __future__ import annotations

import typing
from datetime import time

import pytest

from launchwatch.exchange.cns import COLUMNS, FIELD_COLUMNS
from launchwatch.model import (CONFIRMATIONS, DATE_PRECISIONS, OUTCOMES, FIELDS, LABELS, LAUNCH_FIELD, LAUNCH_FIELDS, QUANTITY_FIELDS,
                               UNITS, Kind, Launch, Quantity)
from launchwatch.store.event_tables import EventRow
from launchwatch.store.queries import ListedEvent
from launchwatch.store.tables import LaunchRow

NAMES = [field.name for field in LAUNCH_FIELDS]


def _types(annotation: object) -> set[type]:
    """The types an annotation allows, None left out; a Literal of strings is ``str``."""
    if typing.get_origin(annotation) is typing.Literal:
        return {type(value) for value in typing.get_args(annotation)}
    arguments = typing.get_args(annotation)
    if not arguments:
        return {annotation}  # type: ignore[arg-type]
    return set().union(*(_types(a) for a in arguments)) - {type(None)}


def test_the_derived_names_are_those_every_output_was_written_with() -> None:
    assert FIELDS == ("time_local", "launch_site", "missile_class", "missile_name", "count",
                      "distance_km", "apogee_km", "flight_time_s", "max_speed_mach",
                      "landing_area", "inside_japan_eez", "direction", "outcome",
                      "confirmation")
    assert QUANTITY_FIELDS == ("distance_km", "apogee_km", "flight_time_s", "max_speed_mach")
    assert UNITS == {"distance_km": "km", "apogee_km": "km", "flight_time_s": "s",
                     "max_speed_mach": "Mach"}


def test_a_launch_has_each_declared_field_in_order_with_its_type() -> None:
    own = [name for name in Launch.model_fields
           if name not in {"role", "reported_by", "evidence", "alternatives",
                            "day_hint", "time_zone"}]
    assert own == NAMES
    for field in LAUNCH_FIELDS:
        allowed = _types(Launch.model_fields[field.name].annotation)
        assert allowed == ({Quantity} if field.kind is Kind.NUMBER else {field.type}), field


def test_figures_have_units_in_their_names() -> None:
    for field in LAUNCH_FIELDS:
        if field.kind is Kind.NUMBER:
            assert field.unit and field.name.endswith(f"_{field.unit.lower()}"), field
            assert field.type is float


def test_fields_claimed_as_part_of_another_are_unclaimed_themselves() -> None:
    for field in LAUNCH_FIELDS:
        if field.part_of is not None:
            assert field.kind is None and LAUNCH_FIELD[field.part_of].kind is Kind.PLACE
        assert field.claimed_as in (None, *FIELDS)


@pytest.mark.parametrize("row", [LaunchRow, EventRow], ids=["launches", "events"])
def test_each_table_has_a_column_per_field_of_its_type(row: type) -> None:
    columns = row.__table__.columns
    for field in LAUNCH_FIELDS:
        column = columns[field.name]
        assert column.nullable and column.type.python_type is field.type, field
        assert getattr(column.type, "length", None) == field.max_chars, field


def test_every_field_has_a_label() -> None:
    assert list(LABELS) == NAMES and all(LABELS.values())
    assert len(set(LABELS.values())) == len(LABELS)


def test_cns_columns_are_columns_of_the_format() -> None:
    assert set(FIELD_COLUMNS.values()) <= set(COLUMNS)
    assert FIELD_COLUMNS["date_local"] == "Date" and "count" not in FIELD_COLUMNS


def test_the_lists_of_events_show_declared_fields() -> None:
    schemas = pytest.importorskip("launchwatch.web.schemas")
    listed = {"id", "report_count", "conflicts"}
    assert set(ListedEvent._fields) - listed <= set(NAMES)
    hints = typing.get_type_hints(ListedEvent)
    for name in set(ListedEvent._fields) - listed:
        assert _types(hints[name]) == {LAUNCH_FIELD[name].type}, name
    summary = set(schemas.EventSummary.model_fields) - listed - {"url"}
    assert summary == set(ListedEvent._fields) - listed
    for name in summary:
        wanted = str if LAUNCH_FIELD[name].type is time else LAUNCH_FIELD[name].type  # 'HH:MM'
        assert _types(schemas.EventSummary.model_fields[name].annotation) == {wanted}, name



def test_the_values_of_a_short_list_field_are_declared_once() -> None:
    # The launch's types and the lists pages and filters offer are the same values.
    for name, values in (("date_precision", DATE_PRECISIONS), ("outcome", OUTCOMES),
                         ("confirmation", CONFIRMATIONS)):
        assert _types(Launch.model_fields[name].annotation) == {str}
        literal = [a for a in typing.get_args(Launch.model_fields[name].annotation)
                   if a is not type(None)]
        allowed = typing.get_args(literal[0]) if typing.get_args(literal[0]) else literal
        assert tuple(allowed) == values, name
    assert Launch().date_precision == "day" and Launch().outcome is None
