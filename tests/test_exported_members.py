"""The public facade: a curated, sorted __all__ whose names all exist."""

import launchwatch


def test_all_is_sorted_and_importable():
    names = [n for n in launchwatch.__all__ if not n.startswith("__")]
    assert names == sorted(names)
    for name in launchwatch.__all__:
        assert hasattr(launchwatch, name), name


def test_errors_carry_location_and_say_what_to_do():
    error = launchwatch.IngestError("is not UTF-8 text; save it as UTF-8", path="a.txt", line=3)
    assert str(error) == "a.txt:3: is not UTF-8 text; save it as UTF-8"
    assert isinstance(error, launchwatch.LaunchwatchError)
