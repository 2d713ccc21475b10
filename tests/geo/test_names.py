"""Name folding and lookup: case, punctuation, the words reports wrap names in, typos."""

from launchwatch.geo.names import NameIndex, name_key, name_variants


def test_key_folds_case_punctuation_and_accents():
    assert name_key("  P'yŏngyang,  SUNAN-airport ") == "pyongyang sunan airport"


def test_variants_drop_region_and_generic_words():
    assert name_variants("Kusong County, North Pyongan") == [
        "kusong county north pyongan", "kusong county", "kusong"]
    assert "pyongyang" in name_variants("the Pyongyang area")
    assert "erimo" in name_variants("Cape Erimo")


def test_sea_of_is_kept_so_seas_are_not_found_as_countries():
    assert "japan" not in name_variants("Sea of Japan")


def test_index_exact_then_fuzzy():
    index: NameIndex[str] = NameIndex()
    index.add("okushiri", ["Okushiri Island", "Okushiri-to"])
    index.add("sinuiju", ["Sinuiju"])
    assert index.get("OKUSHIRI") == "okushiri"
    assert index.get("Okushri Island") == "okushiri"  # one letter missing
    assert index.get("Okushri Island", fuzzy=False) is None
    assert index.get("Sinpo") is None
