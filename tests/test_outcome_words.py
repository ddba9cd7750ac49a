"""Outcome words of the gold conventions (corpus FORMAT: "Outcome words")."""

from __future__ import annotations

import pytest

from referat_parser.extract.outcome import classify_outcome


@pytest.mark.parametrize(("text", "outcome"), [
    # a formal verdict wins over the talk that came before it
    ("Der var debat om beretningen, som blev drøftet længe. Beretningen blev godkendt.", "approved"),
    ("Punktet blev drøftet. Orienteringen blev taget til efterretning.", "noted"),
    # any form of drøfte/debattere as the only verdict
    ("Bestyrelsen har ikke-afsluttede drøftelser om sted for årsmødet.", "discussed"),
    ("Forslagene blev drøftet, og vi ser på det igen.", "discussed"),
    ("Medlemmerne debatterede længe.", "discussed"),
    # a mandate is an approval; moving to the next meeting is a postponement
    ("Formanden ønsker udvalgets bemyndigelse til at købe ind. Dette blev givet.", "approved"),
    ("Kassereren bemyndiges til at betale.", "approved"),
    ("Punktet overføres til næste møde.", "postponed"),
    # the future is no verdict
    ("På næste møde drøftes budgettet.", "other"),
])
def test_outcome_words(text: str, outcome: str) -> None:
    assert classify_outcome(text) == outcome
