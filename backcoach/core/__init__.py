"""Pure-Python heart of backcoach: no Qt, no audio, no widgets.

Everything here takes its dependencies (clock, paths, store) as arguments so
that it can be tested without a display, a sound card or real time.
"""
