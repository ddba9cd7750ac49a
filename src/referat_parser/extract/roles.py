"""One line, one role: the header's weighed choices checked against the attendance lists.

Part of stage 4 (extract), run by ``build`` after the header and the participants are read. The
header weighs its place and body readings line by line; the attendance reader reads its lists by
label and by content. Both may claim the same words: a line of glued names under "Medlemmer:"
("Anne Marie Kjær Jens Dam") reads to the body's proposers as a capitalised name. A careful reader
gives the words one role, and a person's name is no body and no place. So a reading whose words are
a participant's name read from the same line gives way, and the field takes its best remaining
reading by the same weights (research phenomenon 20).
"""

from __future__ import annotations

from dataclasses import replace

from referat_parser import records as R
from referat_parser.extract import body, place, readings
from referat_parser.extract.header import Header
from referat_parser.extract.readings import Reading
from referat_parser.structure.model import Model


def assigned(h: Header, people: list[R.Data], place_model: Model | None = None,
             body_model: Model | None = None) -> Header:
    """``h`` with its place and body chosen among the readings no participant's name claims."""
    read_from = {h.lines[r.line].no for r in (*h.places, *h.bodies) if 0 <= r.line < len(h.lines)}
    names: dict[int, list[frozenset[str]]] = {}  # such a header line's number -> the names read from it
    for p in people:
        if p.get("line") in read_from:
            names.setdefault(p["line"], []).append(frozenset(p["name"].casefold().split()))
    if not names:
        return h  # no person was read from a line a reading came from: nothing to weigh again

    def taken(r: Reading) -> bool:
        if not 0 <= r.line < len(h.lines):
            return False  # a field's value or a reading of the whole text: no header line of its own
        words = frozenset(r.value.casefold().split())
        return any(n <= words or words <= n for n in names.get(h.lines[r.line].no, ()))

    places = [r for r in h.places if not taken(r)]
    bodies = [r for r in h.bodies if not taken(r)]
    if len(places) == len(h.places) and len(bodies) == len(h.bodies):
        return h
    place_model = place.shipped() if place_model is None else place_model
    body_model = body.shipped() if body_model is None else body_model
    location = place.choose(places, place_model) if len(places) < len(h.places) else h.location
    if location != h.location:  # the body's "is_place" mark is the place's: read it again
        folded = (location or "").casefold()
        bodies = [Reading(r.value, r.line, r.x | {"is_place": float(bool(location) and r.value.casefold() == folded)})
                  for r in bodies]
    chosen = body.choose(bodies, body_model)
    why = [w for w in h.why if not w.startswith(("place ", "body "))]
    why += [w for w in (readings.explain("place", places, place_model, location),
                        readings.explain("body", bodies, body_model, chosen)) if w]
    why += [f"{field} {old!r} is a participant's name on its line; gave way to {new!r}"
            for field, old, new in (("place", h.location, location), ("body", h.body, chosen)) if old != new]
    return replace(h, location=location, places=places, body=chosen, bodies=bodies, why=why)
