"""After a refused answer on the search results ("an organisation and 'Search again'", or `all` in
--plain), the patron can still choose the organisation: the refused answer is not kept, so the
organisation stays on the list (a kept refusal hid it, as "already chosen", and every later answer
was refused with "Please choose at least one"). In --plain, `all` there means every organisation
offered, not "Search again" and "None of these" too."""

from __future__ import annotations

import pytest

from ydm.cli.plain_session import PlainSession
from ydm.errors import InputError
from ydm.session.flow import Session

from .conftest import TODAY
from .test_search_for_another_organisation import _to_more


def _at_results(words: str = "green party") -> Session:
    s = Session(today=TODAY, lookup=lambda pc: None)
    _to_more(s, "know", targets=())
    s.answer("more", words)
    assert s.current().id == "more_pick"
    return s


def test_an_organisation_and_search_again_is_refused_and_then_the_organisation_can_be_chosen():
    s = _at_results()
    with pytest.raises(InputError, match="not both"):
        s.answer("more_pick", ("green-ew", "retry"))
    q = s.current()
    assert q.id == "more_pick" and "green-ew" in [o.value for o in q.options]
    s.answer("more_pick", ("green-ew",))
    assert s.current().id != "more_pick"


def test_plain_all_on_the_results_means_the_organisations_offered():
    s = _at_results()
    q = s.current()
    plain = PlainSession(s, input=None, write=lambda text: None)
    value, problem = plain._parse_choice(q, "all")
    assert problem == "" and value == tuple(o.value for o in q.options if o.value not in ("retry", "none"))
    assert "or all" not in plain._choice_prompt(q) or "all of them" in plain._choice_prompt(q)
    s.answer("more_pick", value)
    assert s.current().id != "more_pick"
