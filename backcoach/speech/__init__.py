"""Spoken cues: the Speaker interface, the cue policy and the backends.

See docs/speech.md for how the pyttsx3 backend works and what "started" means.
"""
