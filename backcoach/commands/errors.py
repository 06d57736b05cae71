"""Errors shared by the command line's sub-commands.

They live below the sub-commands, not in ``cli.py`` above them, so a sub-command never
imports the front door that dispatches to it.
"""

from __future__ import annotations


class UsageError(Exception):
    """A problem the runner can fix; printed as one sentence, exit code 2."""
