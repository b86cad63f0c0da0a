"""One pattern for a reference wherever one comes in (issue 18 item 8): what ydm makes always passes;
anything with a line break, a control or non-ASCII character, a `/`, a `..`, or too long is refused,
by `ydm letter --reference`, by a REF typed for `ydm requests`, and by an import alike (the CLI cases
are in tests/cli/test_bad_input.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ydm.errors import InputError
from ydm.model import REFERENCE_MAX, check_reference, new_reference
from ydm.store.codec import normalize_ref

ALLOWED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ._-")


def test_every_reference_ydm_makes_passes():
    for _ in range(200):
        ref = new_reference()
        assert check_reference(ref) == ref and normalize_ref(ref.lower()) == ref


@given(st.text(min_size=1, max_size=20).filter(lambda t: any(c not in ALLOWED for c in t)),
       st.sampled_from(["", "YDM-"]), st.sampled_from(["", "-1"]))
def test_a_character_outside_the_pattern_is_refused(bad, before, after):
    with pytest.raises(InputError, match="is not a reference") as caught:
        check_reference(before + bad + after)
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value)  # one line, whatever was typed


@pytest.mark.parametrize("ref", ["..", "A..B", "../x", "A/B", "A\\B", " A", "A ", "-A", "A-", "",
                                 "R" * (REFERENCE_MAX + 1), "YDM-\u00c91", "YDM-\u200b1", "A\tB"])
def test_paths_edges_and_lengths_are_refused(ref):
    with pytest.raises(InputError):
        check_reference(ref)


@pytest.mark.parametrize("ref", ["YDM-7K3P9", "My ref 12", "case_2026.11", "R" * REFERENCE_MAX, "7"])
def test_ordinary_references_pass(ref):
    assert check_reference(ref) == ref


def test_a_typed_ref_with_a_line_break_is_refused_not_looked_up():
    with pytest.raises(InputError, match="is not a reference"):
        normalize_ref("YDM-AAAAA\r\nX")
