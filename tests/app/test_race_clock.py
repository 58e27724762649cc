"""The race keeps to its clock: a slow frame takes the steps that are due, a punctual
one takes one; the trajectory is the same either way."""

from __future__ import annotations

import time

import numpy as np

from app.training import MAX_CATCH_UP, TrainingRace


def test_a_late_tick_takes_the_steps_that_are_due_and_an_early_one_takes_one(model):
    race = TrainingRace(model)
    race.set_speed(60)
    race.play()
    race.pause()  # drive the ticks by hand
    steps = race.steps
    race._clock = (time.monotonic() - 0.05, steps)  # 50 ms late: three steps due at 60/s
    race._tick()
    assert race.steps == steps + 3
    race._clock = (time.monotonic() + 1.0, race.steps)  # nothing due yet: still one step
    before = race.steps
    race._tick()
    assert race.steps == before + 1
    race._clock = (time.monotonic() - 60.0, race.steps)  # far behind: at most MAX_CATCH_UP
    before = race.steps
    race._tick()
    assert race.steps == before + MAX_CATCH_UP


def test_catching_up_gives_the_same_trajectory_as_single_steps(model):
    fast = TrainingRace(model)
    fast.play()
    fast.pause()
    fast._clock = (time.monotonic() - 1.0, fast.steps)
    fast._tick()  # MAX_CATCH_UP steps at once
    path = np.array(fast.ce.logits)
    fast.reset()
    slow = TrainingRace(model)
    slow.step(MAX_CATCH_UP)
    np.testing.assert_array_equal(slow.ce.logits, path)


def test_apply_is_one_undo_step_named_after_the_race(model):
    race = TrainingRace(model)
    race.step(3)
    assert race.apply()
    assert model.undo_text() == "training race"
