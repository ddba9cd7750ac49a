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


def test_p22_a_verdict_word_in_a_relative_clause_of_state_describes_a_noun() -> None:
    """Research phenomenon 22: "… for medlemmer, der er bevilget tjenestefrihed" grants nothing at
    this meeting. A relative clause in "blev" tells what the meeting did (dev3 grantoften), and "Der
    er bevilget …" at a sentence's head, with no comma, is a grant."""
    assert classify_outcome("Hjemmesiden opdateres for medlemmer, der er bevilget tjenestefrihed.") == "other"
    assert classify_outcome("Planen, som var godkendt af udvalget, blev gennemgået.") == "other"
    assert classify_outcome("Dirigenten gennemgik dagsordenen, som blev godkendt af forsamlingen.") == "approved"
    assert classify_outcome("Der er bevilget 10.000 kr. til koret.") == "approved"
