"""``backcoach run ROUTINE [--speed N] [--mute]``: follow a routine in the terminal.

The real SessionMachine on a real monotonic clock (optionally sped up), captions
printed as cues fall due, cues handed to the speaker, history written as it happens.
Ctrl-C (or SIGTERM) stops the session cleanly and records it as stopped. The questions
the window asks are asked here too (``run_checks``); at the end the voice is given a
few seconds to finish the closing line before the program exits.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from backcoach.commands.errors import UsageError
from backcoach.commands.options import add_plan_options, plan_from_args

if TYPE_CHECKING:
    from backcoach.commands import run_checks

log = logging.getLogger(__name__)

MAX_SPEED = 100.0
READY_S = 5.0  # wait this long for the voice before the first cue
DRAIN_S = 8.0  # and this long at the end for the closing line to be heard whole


def register(sub: Any) -> None:
    p = sub.add_parser("run", help="follow a routine in the terminal: captions, voice, history")
    add_plan_options(p)
    p.add_argument(
        "--speed", type=float, default=1.0, help="compress time N times (for demos and tests)"
    )
    p.add_argument("--mute", action="store_true", help="captions only, no voice")
    for when in ("before", "after"):
        p.add_argument(
            f"--pain-{when}",
            type=_pain_value,
            metavar="N",
            help=f"back pain {when} the session, 0–10 (instead of being asked)",
        )
    p.set_defaults(handler=cmd_run)


def _pain_value(text: str) -> int:
    from backcoach.commands.run_checks import pain_value

    return pain_value(text)


def cmd_run(args: argparse.Namespace) -> int:
    from backcoach.commands import run_checks

    if not 0 < args.speed <= MAX_SPEED:
        raise UsageError(f"--speed must be more than 0 and at most {MAX_SPEED:g}")
    from datetime import date

    from backcoach.core.folder_lock import FolderInUse
    from backcoach.session_setup import claim_data_folder, open_history, open_speaker

    catalog, plan = plan_from_args(args)
    try:
        claim_data_folder("run")
    except FolderInUse as exc:
        raise UsageError(str(exc)) from None
    prompt = run_checks.Prompt.for_terminal()
    before = run_checks.check_before(prompt, args.pain_before, date.today())
    if before is None:
        return 1
    history = open_history(_tell)
    # Saving failing, and working again, is told while the runner is still on the mat.
    history.watch(lambda state: _tell(state.message))
    speaker = open_speaker(muted=args.mute, notice=_tell)
    if speaker is not None:
        speaker.prepare(plan.cue_texts())
        if speaker.wait_ready(READY_S):
            speaker.wait_prepared(READY_S)  # the first cue as punctual as the rest
    questions = run_checks.SessionQuestions(catalog, prompt, before)
    try:
        runner = TerminalRunner(plan, args.speed, speaker, history, sys.stdout, questions)
        rc = runner.run()
        run_checks.after_session(runner.coach, history, prompt, before, args.pain_after)
        # The last line says "Saved" only when everything of the session is in the file.
        print(history.finish(runner.coach.session_id, _tell), flush=True)
        if speaker is not None and not speaker.drain(DRAIN_S):
            log.warning("the voice was still speaking %.0f s after the session", DRAIN_S)
        return rc
    finally:
        if speaker is not None:
            speaker.close()
        history.close()


def _tell(text: str) -> None:
    print(f"backcoach: {text}", file=sys.stderr, flush=True)


class TerminalRunner:
    def __init__(
        self,
        plan: Any,
        speed: float,
        speaker: Any,
        history: Any,
        out: TextIO,
        questions: run_checks.SessionQuestions,
    ) -> None:
        from backcoach import __version__
        from backcoach.core.coach import Coach, SessionInfo
        from backcoach.core.session import SUSPEND_GAP_S

        self.speed = speed
        self.out = out
        self.questions = questions
        self._t0 = time.monotonic()
        self.coach = Coach(
            plan,
            self.clock,
            speaker=_RealTimeSpeaker(speaker, self) if speaker is not None else None,
            history=history,
            info=SessionInfo(questions.before.pain_before, __version__, time_scale=speed),
            on_effects=self._print,
            # A real-time stall, not a session-time one, means the computer slept.
            suspend_gap_s=SUSPEND_GAP_S * speed,
        )

    def clock(self) -> float:
        """Session time: real monotonic time, sped up ``speed`` times."""
        return self._t0 + (time.monotonic() - self._t0) * self.speed

    def run(self) -> int:
        from backcoach.core.effects import State

        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        # Never sleep so long that the machine mistakes us for a suspended laptop.
        max_wait = min(0.25, 0.5 / self.speed)
        try:
            self.coach.start()
            started = self._t0 + (self.coach.machine.started_at - self._t0) / self.speed
            log.info("session started at monotonic %.6f (speed %g)", started, self.speed)
            self.questions.started(self.coach)
            while self.coach.state in (State.RUNNING, State.PAUSED):
                if self.coach.state == State.PAUSED:
                    # Only a sleeping computer pauses a terminal session: carry on where
                    # it stopped, nothing skipped (the window waits for Space instead).
                    print(
                        "  (the computer was asleep; carrying on from where it stopped)",
                        file=self.out,
                    )
                    self.coach.resume()
                due = self.coach.machine.next_due()
                wait = ((due - self.clock()) / self.speed) if due is not None else max_wait
                time.sleep(min(max(wait, 0.0), max_wait))
                self.coach.tick()
                self.questions.ask_due(self.coach)
        except KeyboardInterrupt:
            if self.coach.state in (State.RUNNING, State.PAUSED):
                self.coach.stop()
            return 130
        finally:
            signal.signal(signal.SIGTERM, previous)
        return 0

    def _print(self, effects: list[Any]) -> None:
        from backcoach.core.effects import CueDue, SegmentStarted, SessionEnded
        from backcoach.core.history_queries import work_completion
        from backcoach.core.plan_export import segment_label

        self.questions.watch(self.coach, effects)
        for e in effects:
            if isinstance(e, SegmentStarted):
                seg = e.segment
                if seg.duration_s > 0:
                    print(
                        f"\n[{_mmss(seg.start_s)}] {segment_label(seg)}  ({seg.duration_s:g} s)",
                        file=self.out,
                    )
            elif isinstance(e, CueDue):
                at = e.due - self._t0
                print(f"  {_mmss(at, tenths=True)}  {e.cue.text}", file=self.out)
            elif isinstance(e, SessionEnded):
                recs = self.coach.records
                done = sum(1 for r in recs if r.complete)
                planned = len(self.coach.machine.plan.work_segments)
                share = work_completion(self.coach.done_work_s(), self.coach.planned_work_s())
                print(
                    f"\nSession {e.status.value} after {_mmss(e.elapsed_s)}: "
                    f"{done} of {planned} sets done, {share:.0%} of the exercise time.",
                    file=self.out,
                )
        self.out.flush()


class _RealTimeSpeaker:
    """Hands cues on with the real monotonic time they fell due, whatever the --speed.

    The speaker judges lateness on time.monotonic(); the session clock runs ``speed``
    times faster, so its readings would make every cue look early.
    """

    def __init__(self, speaker: Any, runner: TerminalRunner) -> None:
        self._speaker = speaker
        self._runner = runner

    def say(self, cue: Any, due: float) -> None:
        r = self._runner
        self._speaker.say(cue, r._t0 + (due - r._t0) / r.speed)

    def stop(self) -> None:
        self._speaker.stop()

    def prepare(self, texts: Any) -> None:
        self._speaker.prepare(texts)


def _mmss(seconds: float, tenths: bool = False) -> str:
    m, s = divmod(max(seconds, 0.0), 60)
    return f"{int(m):02d}:{s:04.1f}" if tenths else f"{int(m):02d}:{int(s):02d}"


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
