"""The desktop's services: media controls (MPRIS), keeping the screen awake, one window
per data folder (single instance), notifications and reminders, the presence that stays
for them, and starting at login.

Each module talks to one desktop interface and degrades to doing nothing, with a log
line, where the desktop does not offer it.
"""
