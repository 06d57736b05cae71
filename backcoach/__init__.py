"""backcoach: a follow-along exercise coach for runners with lower back pain."""

__version__ = "0.1.0"
