"""Change sets and transient updates: the model says what changed, gestures leave no trace.

A units toggle recomputes nothing; a drag records no undo step, no history point and
no autosave until it ends; quick repeats of one setting merge into one undo step
while changes further apart stay separate.
"""

from __future__ import annotations

import numpy as np
import pytest

import app.model as model_module
import core
from app.model import Change, ExplorerModel
from app.session import Session


@pytest.fixture
def calls(monkeypatch):
    """Counts calls of core.evaluate made by the model."""
    made: list[object] = []
    real = core.evaluate

    def counting(*args, **kwargs):
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(model_module.core, "evaluate", counting)
    return made


def last_change(counter_) -> Change:
    (change,) = counter_.calls[-1]
    assert isinstance(change, Change)
    return change


def test_a_units_toggle_does_not_call_core_evaluate(model, counter, calls):
    changed = counter(model.changed)
    result = model.result
    assert model.update(units="bits")
    assert calls == []
    assert model.result is result  # the same numbers, only shown in other units
    change = last_change(changed)
    assert change.fields == {"units"}
    assert not change.recomputed and not change.resized


def test_names_and_pins_do_not_recompute_either(model, calls):
    model.update(class_names=["a", "b", "c", "d"])
    model.update(target_mode="soft")
    calls.clear()
    model.update(pinned=(1,))
    assert calls == []


def test_a_logit_change_recomputes_once_and_says_so(model, counter, calls):
    changed = counter(model.changed)
    model.update(logits=[0.0, 0.0, 0.0, 1.0])
    assert len(calls) == 1
    change = last_change(changed)
    assert change.fields == {"logits", "history"}
    assert change.recomputed and not change.transient and not change.resized


def test_a_k_change_is_marked_resized(model, counter):
    changed = counter(model.changed)
    model.update(num_classes=7)
    change = last_change(changed)
    assert change.resized and change.recomputed
    assert {"logits", "class_names", "num_classes"} <= change.fields


def test_a_transient_update_leaves_undo_history_and_autosave_untouched(model, settings, counter):
    session = Session(model, settings)
    history = model.history.copy()
    changed = counter(model.changed)
    start = model.state
    for z in (2.5, 3.0, 3.5):
        assert model.preview(logits=[z, 1.0, 0.1, -1.0])
    assert changed.count == 3 and all(c[0].transient for c in changed.calls)
    assert model.state.logits[0] == 3.5
    np.testing.assert_array_equal(model.history, history)  # no history point
    assert not session.autosave_pending  # no autosave
    assert not model.can_redo
    # The gesture's end commits exactly one undo step and one history point.
    assert model.commit()
    assert len(model.history) == len(history) + 1
    assert session.autosave_pending
    assert not last_change(changed).transient
    assert model.undo()
    assert model.state.same_as(start)
    assert not model.undo()  # there was only the one step


def test_commit_without_a_gesture_does_nothing(model, counter):
    changed = counter(model.changed)
    assert not model.commit()
    model.preview(units="bits")
    model.preview(units="nats")  # back where it started
    assert not model.commit()
    assert changed.count == 2


def test_an_update_during_a_gesture_ends_it_first(model):
    start = model.state
    model.preview(logits=[5.0, 1.0, 0.1, -1.0])
    model.update(temperature=2.0)
    assert model.undo()  # the temperature
    assert model.state.logits[0] == 5.0 and model.state.temperature == 1.0
    assert model.undo()  # the gesture
    assert model.state.same_as(start)


def test_quick_repeats_of_one_setting_merge_into_one_undo_step(model, monkeypatch):
    clock = iter([10.0, 10.2, 10.4, 10.6])
    monkeypatch.setattr(model_module.time, "monotonic", lambda: next(clock))
    for t in (1.5, 2.0, 2.5, 3.0):
        model.update(temperature=t)
    assert model.undo()
    assert model.state.temperature == 1.0
    assert not model.undo()


def test_changes_further_apart_stay_separate_undo_steps(model, monkeypatch):
    clock = iter([10.0, 11.0, 12.0])
    monkeypatch.setattr(model_module.time, "monotonic", lambda: next(clock))
    for t in (1.5, 2.0, 2.5):
        model.update(temperature=t)
    for expected in (2.0, 1.5, 1.0):
        assert model.undo()
        assert model.state.temperature == expected


def test_quick_changes_to_different_settings_stay_separate(model, monkeypatch):
    clock = iter([10.0, 10.1])
    monkeypatch.setattr(model_module.time, "monotonic", lambda: next(clock))
    model.update(temperature=2.0)
    model.update(pos_weight=3.0)
    assert model.undo() and model.state.temperature == 2.0
    assert model.undo() and model.state.temperature == 1.0


def test_undo_of_a_units_change_recomputes_nothing(model, calls):
    model.update(units="bits")
    calls.clear()
    model.undo()
    assert calls == []
    assert model.state.units == "nats"


def test_the_changed_signal_carries_what_changed_to_undo_too(model, counter):
    model.update(temperature=3.0)
    changed = counter(model.changed)
    model.undo()
    assert last_change(changed).fields == {"temperature", "history"}


def test_a_bare_model_starts_with_everything_consistent():
    model = ExplorerModel()
    assert model.state.pinned == ()
    assert model.result.num_classes == 4
