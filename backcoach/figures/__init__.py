"""The exercise pictures: a posed mannequin drawn from data, as SVG files and as frames.

Pure Python (no Qt). ``figure_for`` gives a solved figure for an exercise look and side;
``Motion`` turns seconds into poses; ``render`` turns poses into scenes (drawable shapes)
that ``svg`` writes out and ``backcoach.ui.figure_painter`` paints.
"""

from backcoach.figures.figure import Figure, figure_for
from backcoach.figures.motion import Motion

__all__ = ["Figure", "Motion", "figure_for"]
