"""Runs last in the corpus: data/ is byte-identical to what it was when the corpus was collected."""
from geo.paths import DATA_DIR

from .conftest import DATA_FINGERPRINT, fingerprint


def test_data_folder_is_byte_identical_after_the_corpus():
    after = fingerprint(DATA_DIR)
    assert sorted(after) == sorted(DATA_FINGERPRINT), "files were added to or removed from data/"
    changed = [name for name in after if after[name] != DATA_FINGERPRINT[name]]
    assert not changed, f"changed during the tests: {changed}"
