"""Errors shared by the command line's sub-commands.

They live below the sub-commands, not in ``cli.py`` above them, so a sub-command never
imports the front door that dispatches to it.
"""

from __future__ import annotations


class UsageError(Exception):
    """A problem the runner can fix; printed as one sentence, exit code 2."""


class FileMistakes(Exception):
    """A file the runner handed us has mistakes: one sentence each, exit code 1.

    The sentences are the loader's own (``CatalogError``), the same the window shows.
    """

    def __init__(self, lines: list[str], verdict: str) -> None:
        super().__init__(verdict)
        self.lines = lines
        self.verdict = verdict
