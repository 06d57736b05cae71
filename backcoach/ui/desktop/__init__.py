"""The desktop's services: media controls (MPRIS), keeping the screen awake, one window
per data folder (single instance), and the like.

Each module talks to one desktop interface and degrades to doing nothing, with a log
line, where the desktop does not offer it.
"""
