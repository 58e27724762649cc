"""Undo and Redo say what they would take back: "Undo set logit of dog"."""

from __future__ import annotations

import types

import numpy as np
import pytest
from gui_reference import drag_slider, type_into
from PySide6.QtWidgets import QDoubleSpinBox, QSlider

import app.model
from app.i18n import N_
from app.model import UNDO_LIMIT, UNDO_MERGE_SECONDS, ExplorerModel, ExplorerState
from app.widgets.class_table import ClassTable

NAMES = ("cat", "dog", "bird", "fish")


class Clock:
    """Stands in for time.monotonic in app.model, so the merge window is exact and fast."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(app.model, "time", types.SimpleNamespace(monotonic=c))
    return c


@pytest.fixture
def named(qtbot):
    return ExplorerModel(ExplorerState(class_names=NAMES))


@pytest.fixture
def table(qtbot, named):
    t = ClassTable(named)
    qtbot.addWidget(t)
    t.resize(700, 400)
    t.show()
    return t


def logit_spin(table, i):
    spin = table.findChild(QDoubleSpinBox, f"logit_spin_{i}")
    assert spin is not None and spin.isVisible()
    return spin


def test_nothing_to_undo_or_redo_has_no_name(named):
    assert named.undo_text() == "" and named.redo_text() == ""


def test_typing_a_logit_names_the_class_for_undo_and_then_redo(qtbot, table, named, clock):
    start = named.state
    type_into(qtbot, logit_spin(table, 1), "3.25")
    assert named.state.logits[1] == 3.25
    assert named.undo_text() == "set logit of dog"
    assert named.redo_text() == ""

    assert named.undo()
    assert named.state.same_as(start)
    assert named.undo_text() == ""
    assert named.redo_text() == "set logit of dog"

    assert named.redo()
    assert named.state.logits[1] == 3.25
    assert named.undo_text() == "set logit of dog"
    assert named.redo_text() == ""


def test_changes_further_apart_than_the_merge_window_keep_their_own_names(
    qtbot, table, named, clock
):
    type_into(qtbot, logit_spin(table, 1), "0.5")
    clock.advance(UNDO_MERGE_SECONDS + 0.2)
    type_into(qtbot, logit_spin(table, 1), "0.75")
    clock.advance(UNDO_MERGE_SECONDS + 0.2)
    type_into(qtbot, logit_spin(table, 2), "-2")
    assert len(named._undo) == 3

    assert named.undo_text() == "set logit of bird"
    named.undo()
    assert named.undo_text() == "set logit of dog"
    assert named.redo_text() == "set logit of bird"
    named.undo()
    assert named.state.logits[1] == 0.5
    assert named.undo_text() == "set logit of dog"
    named.undo()
    assert named.state.logits[1] == 1.0 and named.undo_text() == ""
    assert named.redo_text() == "set logit of dog"
    named.redo()
    named.redo()
    assert named.redo_text() == "set logit of bird"


def test_quick_repeated_changes_merge_into_one_named_step(qtbot, table, named, clock):
    for text in ("0.5", "0.6", "0.7"):
        type_into(qtbot, logit_spin(table, 1), text)
        clock.advance(0.1)
    assert named.state.logits[1] == 0.7
    assert len(named._undo) == 1
    assert named.undo_text() == "set logit of dog"
    assert named.undo()
    assert named.state.logits[1] == 1.0  # one step took all three back
    assert named.redo_text() == "set logit of dog"


def test_quick_changes_to_two_classes_merge_under_a_general_name(qtbot, table, named, clock):
    type_into(qtbot, logit_spin(table, 1), "0.5")
    clock.advance(0.1)
    type_into(qtbot, logit_spin(table, 2), "0.6")
    assert len(named._undo) == 1  # the merge rule is unchanged...
    assert named.undo_text() == "set the logits"  # ...and the name says what it took


def test_a_slider_drag_is_named_as_a_drag(qtbot, table, named):
    slider = table.findChild(QSlider, "logit_slider_0")
    drag_slider(qtbot, slider, range(4, 60, 4), wait_ms=1)
    assert named.state.logits[0] != 2.0
    assert len(named._undo) == 1
    assert named.undo_text() == "drag of cat's logit"


def test_during_a_gesture_undo_names_the_gesture(named):
    named.update(temperature=2.0)
    named.set_q(2, 0.5, transient=True)
    assert named.undo_text() == "drag of bird's q"  # not yet applied (posted)
    named.flush()
    assert named.in_gesture
    assert named.undo_text() == "drag of bird's q"
    assert named.undo()  # ends the gesture and takes it back
    assert named.state.temperature == 2.0
    assert named.redo_text() == "drag of bird's q"
    assert named.undo_text() == "change the temperature"


@pytest.mark.parametrize(
    ("edit", "name"),
    [
        (lambda m: m.set_logit(3, 0.0), "set logit of fish"),
        (lambda m: m.set_q(0, 0.2), "set q of cat"),
        (lambda m: m.update(temperature=0.5), "change the temperature"),
        (lambda m: m.set_loss("tf.compat.v1.losses.mean_squared_error"), "change the loss"),
        (lambda m: m.set_problem_type("multilabel"), "switch the problem type"),
        (lambda m: m.uniform_p(), "make p uniform"),
        (lambda m: m.make_q_equal_p(), "make q = p"),
        (lambda m: m.set_target_mode("soft"), "switch between class index and distribution"),
        (lambda m: m.select_class(2), "make bird the true class"),
        (lambda m: m.update(units="bits"), "switch the units"),
        (lambda m: m.update(num_classes=6), "change the number of classes"),
        (lambda m: m.set_logits({0: 1.0, 1: 2.5}), "click on the loss surface"),
        (lambda m: m.replace_state(ExplorerState(temperature=3.0)), "open scene"),
    ],
)
def test_each_edit_has_its_name(named, edit, name):
    assert edit(named)
    assert named.undo_text() == name
    named.undo()
    assert named.redo_text() == name


def test_p_edits_name_the_class_not_the_classes_that_share_the_rest(named):
    named.set_target_mode("soft")
    named.set_probability(1, 0.5)  # the other three change too (keep Σp = 1)
    assert named.undo_text() == "set p of dog"
    named.unpin(1)
    assert named.undo_text() == "unpin p of dog"
    named.make_p_equal_q()
    assert named.undo_text() == "make p = q"


def test_a_race_applied_is_named_by_its_commit(named):
    for z in (1.5, 1.0, 0.5):
        named.preview(logits=[2.0 + z, 1.0 - z, 0.1, -1.0])
    assert named.undo_text() == "set the logits"  # unnamed: what changed
    assert named.commit(N_("training race"))
    assert named.undo_text() == "training race"
    named.undo()
    assert named.redo_text() == "training race"


def test_described_as_names_a_step_and_the_outermost_name_wins(named):
    with named.described_as(N_("training race")):
        named.try_update(logits=[0.0, 0.0, 0.0, 0.0])
    assert named.undo_text() == "training race"
    named.set_logit(0, 1.0, transient=True)
    named.flush()
    with named.described_as(N_("open scene")):  # the drag ends here but keeps its name
        named.update(temperature=4.0)
    assert named.undo_text() == "open scene"
    named.undo()
    assert named.undo_text() == "drag of cat's logit"


def test_a_cancelled_gesture_leaves_no_name_behind(named):
    named.update(temperature=2.0)
    named.set_logit(1, 5.0, transient=True)
    named.flush()
    assert named.cancel()
    assert named.undo_text() == "change the temperature"
    named.preview(logits=[0.0, 0.0, 0.0, 0.0])  # a new, unnamed gesture
    assert named.commit()
    assert named.undo_text() == "set the logits"


def test_names_stay_beside_their_steps_past_the_undo_limit(named, clock):
    for i in range(UNDO_LIMIT + 5):
        clock.advance(1.0)
        named.set_logit(i % 4, i + 0.5)
    assert len(named._undo) == len(named._undo_names) == UNDO_LIMIT
    for _ in range(UNDO_LIMIT):
        assert named.undo_text().startswith("set logit of ")
        named.undo()
    assert named.undo_text() == "" and not named.can_undo
    # Back to the state after the first five steps: the oldest ones fell off the end.
    np.testing.assert_array_equal(named.state.logits, [4.5, 1.5, 2.5, 3.5])


def test_a_rejected_drag_leaves_no_name_for_the_next_gesture(named):
    rejected = []
    named.rejected.connect(rejected.append)
    assert named.set_logit(0, 5000.0, transient=True)  # beyond ±1000: refused when applied
    assert not named.flush() and not named.in_gesture and rejected
    named.preview(logits=[0.5, 1.0, 0.1, -1.0])  # an animation's gesture, unnamed
    assert named.commit()
    assert named.undo_text() == "set logit of cat"  # what changed, not "drag of …"
