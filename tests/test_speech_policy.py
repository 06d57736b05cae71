"""The cue policy, driven through the recording speaker with a stepped clock."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core.cues import Cue, CueKind
from backcoach.speech.fake import FakeClock, RecordingSpeaker
from backcoach.speech.null import NullSpeaker
from backcoach.speech.policy import CuePolicy, Cut, Drop, Speak

ENCOURAGE = Cue(0.0, "Lovely work, keep your breathing slow and easy", CueKind.ENCOURAGE)
ANNOUNCE = Cue(0.0, "Side plank, left side", CueKind.ANNOUNCE)
SWITCH = Cue(0.0, "Switch sides", CueKind.SWITCH)


def countdown(n: int) -> Cue:
    return Cue(0.0, str(n), CueKind.COUNTDOWN)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fake(clock: FakeClock) -> RecordingSpeaker:
    return RecordingSpeaker(clock)


def test_a_countdown_later_than_its_slack_is_dropped_not_queued(fake, clock) -> None:
    due = clock.now
    clock.advance(countdown(3).slack_s + 0.05)
    fake.say(countdown(3), due)
    assert fake.record.dropped == [("3", "stale")]
    assert fake.record.said == []
    assert fake.current is None and fake.queued == []


def test_a_countdown_just_inside_its_slack_is_said(fake, clock) -> None:
    due = clock.now
    clock.advance(countdown(3).slack_s - 0.05)
    fake.say(countdown(3), due)
    assert fake.record.said_texts == ["3"]
    assert fake.latencies() == [pytest.approx(countdown(3).slack_s - 0.05)]


def test_a_countdown_cuts_an_encouragement_short(fake, clock) -> None:
    fake.say(ENCOURAGE, clock.now)
    fake.advance(0.5)
    fake.say(countdown(3), clock.now)
    assert fake.record.interrupted == [ENCOURAGE.text]
    assert fake.record.said_texts == [ENCOURAGE.text, "3"]
    assert fake.record.said[1][1] == clock.now  # the countdown started at once
    fake.advance(2.0)
    assert fake.record.completed == ["3"]


def test_an_encouragement_never_cuts_a_countdown(fake, clock) -> None:
    fake.say(countdown(3), clock.now)
    fake.say(ENCOURAGE, clock.now)
    assert fake.record.interrupted == []
    assert fake.queued == [ENCOURAGE]
    fake.advance(5.0)
    # It waited its turn; "3" takes ~0.5 s, well inside the encouragement's 2 s slack.
    assert fake.record.completed == ["3", ENCOURAGE.text]


def test_a_waiting_cue_that_went_stale_is_dropped_when_the_voice_frees(fake, clock) -> None:
    long_line = Cue(0.0, "Side plank, left side, hips high", CueKind.ANNOUNCE)  # ~2.6 s
    fake.say(long_line, clock.now)
    fake.say(SWITCH, clock.now)  # equal priority: waits
    fake.say(ENCOURAGE, clock.now)  # lower: waits, 2 s slack
    fake.advance(10.0)
    assert fake.record.completed == [long_line.text, SWITCH.text]
    assert fake.record.dropped == [(ENCOURAGE.text, "stale")]


def test_equal_priority_cues_are_said_in_the_order_given(fake, clock) -> None:
    cues = [Cue(0.0, text, CueKind.SWITCH) for text in ("one", "two", "three")]
    for cue in cues:
        fake.say(cue, clock.now)
    fake.advance(3.0)  # inside the 3 s slack of a switch cue
    assert fake.record.completed == ["one", "two", "three"]


def test_a_higher_priority_waiting_cue_goes_before_an_earlier_lower_one(fake, clock) -> None:
    fake.say(ANNOUNCE, clock.now)
    fake.say(Cue(0.0, "Next up, bridges", CueKind.NEXT_UP), clock.now)
    fake.say(SWITCH, clock.now)  # same priority as the announce: no cut, but queued first
    fake.advance(6.0)
    assert fake.record.completed == [ANNOUNCE.text, SWITCH.text, "Next up, bridges"]


def test_stop_silences_at_once_and_forgets_the_queue(fake, clock) -> None:
    fake.say(ANNOUNCE, clock.now)
    fake.say(SWITCH, clock.now)
    fake.advance(0.3)
    fake.stop()  # what a pause, skip or stop does
    assert fake.record.interrupted == [ANNOUNCE.text]
    assert fake.record.dropped == [(SWITCH.text, "stopped")]
    fake.advance(10.0)
    assert fake.record.said_texts == [ANNOUNCE.text]
    fake.say(countdown(3), clock.now)  # resume: speaks again straight away
    assert fake.record.said_texts == [ANNOUNCE.text, "3"]


def test_mute_silences_and_drops_until_unmuted(fake, clock) -> None:
    fake.say(ANNOUNCE, clock.now)
    fake.set_muted(True)
    fake.say(countdown(3), clock.now)
    assert fake.record.interrupted == [ANNOUNCE.text]
    assert fake.record.dropped == [("3", "muted")]
    fake.set_muted(False)
    fake.say(countdown(2), clock.now)
    assert fake.record.said_texts == [ANNOUNCE.text, "2"]


def test_engine_missing_means_captions_only_and_exactly_one_notice(fake, clock) -> None:
    fake.say(ANNOUNCE, clock.now)
    fake.lose_engine("no-espeak", "Spoken cues are off: espeak-ng is not installed.")
    fake.lose_engine("no-espeak", "Spoken cues are off: espeak-ng is not installed.")
    for n in (3, 2, 1):
        fake.say(countdown(n), clock.now)
        fake.advance(1.0)
    assert not fake.available
    assert fake.record.notices == ["Spoken cues are off: espeak-ng is not installed."]
    assert fake.record.interrupted == [ANNOUNCE.text]
    assert fake.record.dropped == [(str(n), "unavailable") for n in (3, 2, 1)]
    late = []
    fake.listen(notice=late.append)  # a listener wired up later still hears it, once
    assert late == fake.record.notices


def test_latency_is_measured_from_due_to_started(clock) -> None:
    fake = RecordingSpeaker(clock, start_delay_s=0.03)
    due = clock.now - 0.01  # the session noticed the cue 10 ms after it fell due
    fake.say(countdown(3), due)
    assert fake.record.said == []
    fake.advance(0.1)
    assert fake.latencies() == [pytest.approx(0.04)]


def test_a_failing_listener_does_not_stop_the_others(fake, clock) -> None:
    def broken(_cue: Cue, _lat: float) -> None:
        raise ValueError("listener bug")

    fake.listen(started=broken)
    fake.say(countdown(3), clock.now)
    assert fake.record.said_texts == ["3"]


def test_null_speaker_drops_everything_and_tells_once() -> None:
    speaker = NullSpeaker("Spoken cues are off: test.")
    seen: list[tuple[str, str]] = []
    told: list[str] = []
    speaker.listen(dropped=lambda cue, why: seen.append((cue.text, why)), notice=told.append)
    speaker.say(countdown(3), 0.0)
    speaker.set_muted(True)
    speaker.say(countdown(2), 0.0)
    assert not speaker.available
    assert seen == [("3", "unavailable"), ("2", "muted")]
    assert told == ["Spoken cues are off: test."]


KINDS = [CueKind.COUNTDOWN, CueKind.SWITCH, CueKind.NEXT_UP, CueKind.ENCOURAGE]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS), st.floats(0.0, 1.5), st.floats(0.0, 3.0)),
        max_size=25,
    )
)
def test_every_cue_ends_exactly_once_and_never_cut_by_a_lesser_one(steps) -> None:
    clock = FakeClock()
    fake = RecordingSpeaker(clock)
    cut_by: list[tuple[int, int]] = []
    texts = []
    for i, (kind, lateness, gap) in enumerate(steps):
        cue = Cue(0.0, f"{kind.value} {i}", kind)
        texts.append(cue.text)
        playing = fake.current
        fake.say(cue, clock.now - lateness)
        if playing is not None and fake.current is cue:
            cut_by.append((playing.priority, cue.priority))
        fake.advance(gap)
    fake.advance(30.0)
    rec = fake.record
    ended = rec.completed + rec.interrupted + [text for text, _ in rec.dropped]
    assert sorted(ended) == sorted(texts)  # each cue: said, cut or dropped; exactly once
    assert all(new > old for old, new in cut_by)
    assert fake.current is None and fake.queued == []


def test_policy_actions_for_an_interruption() -> None:
    clock = FakeClock()
    policy = CuePolicy(clock)
    (speak,) = policy.offer(ENCOURAGE, clock.now)
    assert isinstance(speak, Speak)
    cut, speak2 = policy.offer(countdown(3), clock.now)
    assert isinstance(cut, Cut) and cut.utt is speak.utt and cut.reason == "interrupted"
    assert isinstance(speak2, Speak) and speak2.utt.cue == countdown(3)
    assert policy.offer(countdown(2), clock.now) == []  # equal: waits
    clock.advance(1.0)
    finished, after = policy.finished(speak2.utt.seq)
    assert finished is speak2.utt
    assert [type(a) for a in after] == [Drop]  # "2" went stale while "3" was said


def test_the_closing_line_clears_the_queue_and_is_said_whole_next(fake, clock) -> None:
    # A backlog at the end (a sped-up session): what still waits is over; the closing
    # line goes next, after the line already playing, and plays to its end.
    fake.say(Cue(0, "Switch sides: right side.", CueKind.SWITCH), clock.now)
    fake.say(Cue(0, "Next up: Calf stretch.", CueKind.NEXT_UP), clock.now)
    fake.say(Cue(0, "Rest.", CueKind.REST), clock.now)
    closing = Cue(0, "That's the session done. Well done.", CueKind.CLOSING)
    fake.say(closing, clock.now)
    assert sorted(fake.record.dropped) == [("Next up: Calf stretch.", "stale"), ("Rest.", "stale")]
    assert fake.queued == [closing]
    fake.advance(10.0)
    assert fake.record.said_texts == ["Switch sides: right side.", closing.text]
    assert fake.record.completed == ["Switch sides: right side.", closing.text]
