"""What ``backcoach run`` asks, the same questions as the window, in the same words.

On a terminal: the first-run welcome once, the warning signs with a yes/no before the
session (a yes stops it with the advice, unless a professional has cleared the runner
within 30 days, as in the window), pain now (0–10, Enter to skip) before and after, and
an exercise's own question (the glute check) once its last set is done. The answers are
stored as the window stores them: the dates in the settings, pain in the session, a
check answer as a ``check-answer`` event.

Not on a terminal (a script, a pipe): nothing is asked, one line says so, pain comes
from ``--pain-before``/``--pain-after``, and the session keeps a ``red-flags`` event
with the value ``not-asked``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from backcoach import paths
from backcoach.core import safety
from backcoach.core.catalog import Catalog, Check
from backcoach.core.check_due import CheckDue
from backcoach.core.effects import Effect, SegmentCompleted, State
from backcoach.core.settings import load_settings, save_settings

NOT_ASKED = (
    "backcoach: not a terminal, so nothing is asked: the warning signs are not checked "
    "(the session records that), pain only from --pain-before/--pain-after."
)


def pain_value(text: str) -> int:
    """argparse type for --pain-before/--pain-after."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 10, not {text!r}")
    return value


class Prompt:
    """Questions on a terminal. End of input (Ctrl-D) counts as "no" or "skip"."""

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp, self.out = inp, out

    @classmethod
    def for_terminal(cls) -> Prompt | None:
        return cls(sys.stdin, sys.stdout) if sys.stdin.isatty() else None

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _ask(self, question: str) -> str | None:
        self.out.write(f"{question} ")  # one write: the prompt and its space together
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say()
            return None
        return line.strip().lower()

    def yes_no(self, question: str) -> bool:
        while True:
            answer = self._ask(f"{question} [y/N]")
            if answer in (None, "", "n", "no"):
                return False
            if answer in ("y", "yes"):
                return True
            self.say("Please answer y (yes) or n (no).")

    def pain(self, question: str) -> int | None:
        while True:
            answer = self._ask(f"{question}, or Enter to skip:")
            if not answer:
                return None
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.say("Please type a whole number from 0 to 10, or press Enter to skip.")

    def choose(self, question: str, labels: list[str]) -> int | None:
        self.say(question)
        for n, label in enumerate(labels, 1):
            self.say(f"  {n}. {label}")
        while True:
            answer = self._ask(f"Your answer (1–{len(labels)}), or Enter to skip:")
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(labels):
                return int(answer) - 1
            self.say(f"Please type a number from 1 to {len(labels)}, or press Enter to skip.")


@dataclass
class Before:
    pain_before: int | None
    asked: bool  # the warning signs were asked (on a terminal)


def check_before(prompt: Prompt | None, pain_before: int | None, today: date) -> Before | None:
    """The welcome (once), the warning signs, pain now. None: don't start today."""
    if prompt is None:
        print(NOT_ASKED, file=sys.stderr)
        return Before(pain_before, asked=False)
    path = paths.settings_file()
    settings = load_settings(path).settings
    if not settings.welcomed:
        prompt.say(safety.welcome_text())
        prompt.say()
        settings = _save(path, settings.with_changes(welcomed=True))
    prompt.say(f"{safety.RED_FLAG_QUESTION}")
    for flag in safety.RED_FLAGS:
        prompt.say(f"  - {flag.question}")
    cleared_now = False
    if prompt.yes_no("Any of these today?"):
        if safety.clearance_valid(settings.red_flags_cleared_on, today):
            prompt.say(safety.covered_text(settings.red_flags_cleared_on))
        else:
            prompt.say()
            prompt.say(safety.RED_FLAG_ADVICE)
            cleared_now = prompt.yes_no(f"{safety.CLEARED_STATEMENT}?")
            if not cleared_now:
                prompt.say("No session today. Look after yourself.")
                return None
    changes = {"red_flags_checked_on": today.isoformat()}
    if cleared_now:
        changes["red_flags_cleared_on"] = today.isoformat()
    _save(path, settings.with_changes(**changes))
    if pain_before is None:
        pain_before = prompt.pain(safety.PAIN_NOW_QUESTION)
    return Before(pain_before, asked=True)


def _save(path: Any, settings: Any) -> Any:
    try:
        save_settings(path, settings)
    except OSError as exc:
        print(f"backcoach: could not save settings to {path}: {exc}", file=sys.stderr)
    return settings


@dataclass
class SessionQuestions:
    """Asks an exercise's question after its last set, pausing the session meanwhile."""

    catalog: Catalog
    prompt: Prompt | None
    before: Before
    _due: list[tuple[str, Check]] = field(default_factory=list)
    _check_due: CheckDue = field(default_factory=CheckDue)

    def started(self, coach: Any) -> None:
        if not self.before.asked:
            coach.note("red-flags", "not-asked")

    def watch(self, coach: Any, effects: list[Effect]) -> None:
        if self.prompt is None:
            return
        for e in effects:
            if isinstance(e, SegmentCompleted) and self._check_due.after(
                coach.machine.plan, e.record
            ):
                ex = self.catalog.exercises.get(e.record.exercise_id)
                if ex is not None and ex.check:
                    self._due.append((ex.id, ex.check))

    def ask_due(self, coach: Any) -> None:
        """Between ticks: the session waits while the runner answers."""
        if not self._due or self.prompt is None:
            return
        was_running = coach.state == State.RUNNING
        if was_running:
            coach.pause()
        while self._due:
            exercise_id, check = self._due.pop(0)
            self.prompt.say()
            n = self.prompt.choose(check.question, [a.label for a in check.answers])
            if n is not None:
                answer = check.answers[n]
                coach.note("check-answer", answer.id, exercise_id)
                self.prompt.say(answer.advice)
        if was_running and coach.state == State.PAUSED:
            coach.resume()


def after_session(
    coach: Any, history: Any, prompt: Prompt | None, before: Before, pain_after: int | None
) -> None:
    """Pain now, kept as the window keeps it, and a word if it went up."""
    if pain_after is None and prompt is not None and coach.session_id is not None:
        prompt.say()
        pain_after = prompt.pain(safety.PAIN_NOW_QUESTION)
    if pain_after is not None and history is not None and coach.session_id is not None:
        history.save_summary(coach.session_id, pain_after, "")
    advice = safety.pain_advice(before.pain_before, pain_after)
    if advice:
        print(f"\n{advice}", file=prompt.out if prompt else sys.stdout)
