"""A hand that reads as a hand: a flat palm, two finger groups and a thumb.

One round capsule from wrist to fingertips reads as a mitten. A real hand is flat: wide
seen from the palm, thin seen edge-on. It is drawn here as a few thin capsules laid out
in the palm's plane, so seen face-on (a hand on a wall, an arm reaching up) it shows a
palm, fingers and a thumb standing off it, and seen edge-on (a hand flat on the mat, from
the side) the pieces line up into a thin wedge, thick at the heel and thin at the tips.

In the wrist's frame the hand runs along -y to the fingertip, the palm faces +x (the way
the wrist bends), and the thumb lies on the outer side: +z for the right hand, -z for
the left, as in the anatomical position.
"""

from __future__ import annotations

from backcoach.figures.vec import Mat, Vec, add, apply

# (from (along, across), to (along, across), radius at from, radius at to), metres; along
# runs from the wrist toward the fingertips (0.16 m), across toward the thumb.
_PIECES: tuple[tuple[tuple[float, float], tuple[float, float], float, float], ...] = (
    ((0.012, 0.017), (0.085, 0.016), 0.019, 0.017),  # palm, index side
    ((0.012, -0.017), (0.082, -0.02), 0.019, 0.016),  # palm, little-finger side
    ((0.085, 0.015), (0.152, 0.013), 0.0125, 0.0105),  # index and middle fingers
    ((0.08, -0.02), (0.138, -0.026), 0.012, 0.0095),  # ring and little fingers
    ((0.022, 0.03), (0.078, 0.064), 0.0125, 0.0105),  # thumb, standing off the palm
)


def hand_pieces(wrist: Vec, frame: Mat, side: int) -> list[tuple[Vec, Vec, float, float]]:
    """The hand's capsules in world coordinates: (from, to, radius, radius)."""
    out = []
    for (a_along, a_across), (b_along, b_across), ra, rb in _PIECES:
        a = add(wrist, apply(frame, (0.0, -a_along, side * a_across)))
        b = add(wrist, apply(frame, (0.0, -b_along, side * b_across)))
        out.append((a, b, ra, rb))
    return out
