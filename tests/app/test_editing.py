"""Editing the true distribution as a person does: typing exact values, pins, the actions.

The class table and the options panel are built alone with a bare model (as napari
tests ``QtDims(Dims(...))``); every value is typed with ``qtbot.keyClicks`` and Enter,
and the expected numbers come from scipy, not from the app.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import child, choose, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QSpinBox,
    QToolButton,
    QWidget,
)
from scipy import special, stats

from app.model import ExplorerModel
from app.widgets.class_table import ClassTable
from app.widgets.options_panel import OptionsPanel


class Editors:
    """The class table and the options panel on one bare model."""

    def __init__(self, qtbot) -> None:
        self.model = ExplorerModel()
        self.table = ClassTable(self.model)
        self.options = OptionsPanel(self.model)
        self.box = QWidget()
        layout = QHBoxLayout(self.box)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.options, 1)
        qtbot.addWidget(self.box)
        self.box.resize(1000, 700)
        with qtbot.waitExposed(self.box):
            self.box.show()
        self.box.activateWindow()
        self.qtbot = qtbot
        self.rejected: list[str] = []
        self.model.rejected.connect(self.rejected.append)

    def spin(self, name: str) -> QDoubleSpinBox:
        return child(self.table, QDoubleSpinBox, name)

    def type_p(self, i: int, text: str) -> None:
        type_into(self.qtbot, self.spin(f"target_spin_{i}"), text)

    def type_logit(self, i: int, text: str) -> None:
        type_into(self.qtbot, self.spin(f"logit_spin_{i}"), text)

    def set_classes(self, k: int) -> None:
        type_into(self.qtbot, child(self.options, QSpinBox, "class_count"), str(k))
        assert self.model.state.num_classes == k

    def soft(self) -> None:
        choose(child(self.options, QComboBox, "target_mode"), "soft")
        assert self.model.state.soft

    def pin_visible(self, i: int) -> bool:
        return child(self.table, QToolButton, f"pin_{i}").isVisibleTo(self.table)


@pytest.fixture
def editors(qtbot):
    return Editors(qtbot)


def entropy_bits(p) -> float:
    return float(stats.entropy(p, base=2))


def kl_nats(p, logits) -> float:
    q = special.softmax(np.asarray(logits, dtype=np.float64))
    return float(np.sum(special.rel_entr(p, q)))


# -- Part 1: the three examples of the issue -------------------------------------------------


def test_typing_one_third_three_times_gives_exactly_uniform(editors):
    editors.set_classes(3)
    editors.soft()
    for i in range(3):
        editors.type_logit(i, "0")
    for i in range(3):
        editors.type_p(i, "1/3")
    p = editors.model.state.soft_target
    assert p.tolist() == [1 / 3, 1 / 3, 1 / 3]
    # KL against the uniform q: exactly what scipy gets for exact thirds.
    assert kl_nats(p, editors.model.state.logits) == pytest.approx(0.0, abs=1e-15)
    assert editors.model.result.kl == pytest.approx(0.0, abs=1e-15)


def test_typing_one_thirty_second_into_32_boxes_gives_five_bits(editors):
    editors.set_classes(32)
    editors.soft()
    for i in range(32):
        editors.type_p(i, "1/32")
    p = editors.model.state.soft_target
    assert (p == 1 / 32).all()
    assert entropy_bits(p) == 5.0
    assert editors.model.result.entropy_bits == pytest.approx(5.0, rel=1e-15)


def test_typing_a_value_rescales_only_the_unpinned(editors):
    editors.soft()  # the default soft p is [0.7, 0.1, 0.1, 0.1]
    np.testing.assert_array_equal(editors.model.state.soft_target, [0.7, 0.1, 0.1, 0.1])
    editors.type_p(0, "0.4")
    np.testing.assert_allclose(editors.model.state.soft_target, [0.4, 0.2, 0.2, 0.2], rtol=1e-15)
    # The boxes show the model's values, not what a rounding spin box would keep.
    shown = [editors.spin(f"target_spin_{i}").text() for i in range(1, 4)]
    assert shown == ["0.2", "0.2", "0.2"]


# -- the pin rule -----------------------------------------------------------------------------


def test_typed_values_stay_when_others_are_typed(editors):
    editors.soft()
    editors.type_p(0, "0.5")
    editors.type_p(1, "0.3")
    p = editors.model.state.soft_target
    assert p[0] == 0.5 and p[1] == 0.3  # the first entry did not move
    np.testing.assert_allclose(p[2:], [0.1, 0.1], rtol=1e-12)
    assert editors.model.state.pinned == (0, 1)
    assert editors.pin_visible(0) and editors.pin_visible(1)
    assert not editors.pin_visible(2) and not editors.pin_visible(3)


def test_the_least_recently_pinned_class_gives_way(editors):
    editors.set_classes(3)
    editors.soft()
    editors.type_p(0, "0.2")
    editors.type_p(1, "0.3")
    editors.type_p(2, "0.6")  # the only unpinned class was edited: class 0 gives way
    p = editors.model.state.soft_target
    assert (p[1], p[2]) == (0.3, 0.6)
    assert p[0] == pytest.approx(0.1, abs=1e-15)
    assert editors.model.state.pinned == (1, 2)
    assert not editors.pin_visible(0)


def test_a_value_that_leaves_no_room_is_refused_and_changes_nothing(editors):
    editors.set_classes(3)
    editors.soft()
    editors.type_p(0, "0.7")
    before = editors.model.state
    editors.type_p(1, "0.5")  # 0.7 + 0.5 > 1 with class 2 still free
    assert editors.model.state is before
    assert editors.rejected and "no room" in editors.rejected[-1]
    assert "0.3" in editors.rejected[-1]  # says how large the value may be
    # The box shows the model's value again, not the refused one.
    assert editors.spin("target_spin_1").value() == before.soft_target[1]


def test_clicking_the_pin_mark_unpins(editors, qtbot):
    editors.soft()
    editors.type_p(0, "0.4")
    editors.type_p(1, "0.4")
    assert editors.model.state.pinned == (0, 1)
    qtbot.mouseClick(child(editors.table, QToolButton, "pin_0"), Qt.MouseButton.LeftButton)
    assert editors.model.state.pinned == (1,)
    assert not editors.pin_visible(0) and editors.pin_visible(1)
    # Unpinned, class 0 now shares the rest: typing p1 again moves it, not p1.
    editors.type_p(2, "0.1")
    p = editors.model.state.soft_target
    assert p[1] == 0.4 and p[2] == 0.1


def test_pins_are_cleared_by_k_and_by_the_target_mode(editors):
    editors.soft()
    editors.type_p(0, "0.4")
    assert editors.model.state.pinned == (0,)
    editors.set_classes(5)
    assert editors.model.state.pinned == ()
    assert not editors.pin_visible(0)
    editors.type_p(1, "0.3")
    assert editors.model.state.pinned == (1,)
    choose(child(editors.options, QComboBox, "target_mode"), "index")
    assert editors.model.state.pinned == ()


def test_without_keep_sum_one_a_typed_value_changes_only_itself(editors, qtbot):
    editors.soft()
    box = child(editors.options, QCheckBox, "auto_normalise")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not editors.model.state.auto_normalise
    editors.type_p(0, "0.9")
    np.testing.assert_array_equal(editors.model.state.soft_target, [0.9, 0.1, 0.1, 0.1])
    assert editors.model.state.pinned == ()


# -- exact entry ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("-5/2", -2.5), ("1/3", 1 / 3), ("789", 789.0), ("-7/4", -1.75), ("2e-3", 0.002)],
)
def test_logit_boxes_take_fractions_and_keep_them_exactly(editors, text, expected):
    editors.type_logit(0, text)
    assert editors.model.state.logits[0] == expected


def test_boxes_show_six_significant_digits_and_the_full_value_when_focused(editors, qtbot):
    editors.soft()
    editors.type_p(0, "1/3")
    spin0 = editors.spin("target_spin_0")
    spin0.clearFocus()
    editors.spin("logit_spin_3").setFocus()
    qtbot.waitUntil(lambda: not spin0.hasFocus(), timeout=1000)
    assert spin0.text() == "0.333333"
    spin0.setFocus()
    qtbot.waitUntil(spin0.hasFocus, timeout=1000)
    assert spin0.text() == "0.3333333333333333"


def test_out_of_range_entry_is_refused_with_a_message(editors):
    editors.soft()
    before = editors.model.state
    editors.type_p(0, "3/2")
    assert editors.model.state is before
    assert "outside" in editors.rejected[-1]
    assert editors.spin("target_spin_0").value() == 0.7


def test_letters_cannot_be_typed_into_a_number_box(editors, qtbot):
    spin = editors.spin("logit_spin_0")
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "abc")
    assert "a" not in spin.lineEdit().text()
    qtbot.keyClick(spin, Qt.Key.Key_Enter)
    assert editors.model.state.logits[0] == 2.0


def test_index_mode_boxes_always_show_the_models_one_hot(editors):
    type_into(editors.qtbot, child(editors.options, QSpinBox, "target_class"), "2")
    shown = [editors.spin(f"target_spin_{i}").value() for i in range(4)]
    assert shown == [0.0, 0.0, 1.0, 0.0]
    assert all(editors.spin(f"target_spin_{i}").isReadOnly() for i in range(4))
    editors.model.update(target_class=3)
    assert [editors.spin(f"target_spin_{i}").value() for i in range(4)] == [0, 0, 0, 1]


# -- the actions (menu items with shortcuts, and buttons above the class table) ---------------


def action(window, name):
    from PySide6.QtGui import QAction

    found = window.findChild(QAction, f"action_{name}")
    assert found is not None, name
    return found


def test_uniform_p(window):
    action(window, "uniform_p").trigger()
    state = window.model.state
    assert state.soft and (state.soft_target == 0.25).all()


def test_make_p_equal_q_gives_kl_zero_on_the_readout(window):
    action(window, "make_p_equal_q").trigger()
    state = window.model.state
    np.testing.assert_allclose(state.soft_target, special.softmax(state.logits), rtol=1e-12)
    readout = child(window, QDoubleSpinBox.__base__.__base__, "readout_kl")  # any QWidget
    assert abs(readout.property("value")) < 5e-5  # zero at the 4 displayed decimals


def test_make_q_equal_p_gives_kl_zero_and_notes_zero_classes(window, qtbot):
    window.model.set_target_mode("soft")
    action(window, "make_q_equal_p").trigger()
    state = window.model.state
    p = state.soft_target
    q = special.softmax(state.logits / state.temperature)
    np.testing.assert_allclose(q, p, rtol=1e-12)
    assert kl_nats(p, state.logits) == pytest.approx(0.0, abs=1e-12)
    # With a zero in p: the lowest logit, and a note that q can only approach 0.
    window.model.update(soft_target=[0.5, 0.5, 0.0, 0.0])
    action(window, "make_q_equal_p").trigger()
    assert window.model.state.logits[2] == -1000.0
    assert "approach 0" in window.statusBar().currentMessage()
    assert window.model.result.kl == pytest.approx(0.0, abs=1e-12)


def test_make_q_equal_p_respects_the_temperature(window):
    window.model.update(temperature=2.5, target_mode="soft", soft_target=[0.1, 0.2, 0.3, 0.4])
    action(window, "make_q_equal_p").trigger()
    state = window.model.state
    q = special.softmax(state.logits / 2.5)
    np.testing.assert_allclose(q, [0.1, 0.2, 0.3, 0.4], rtol=1e-12)


def test_one_hot_on_the_true_class(window):
    assert not action(window, "one_hot").isEnabled()  # index mode: p is one-hot already
    window.model.update(target_mode="soft", soft_target=[0.1, 0.2, 0.6, 0.1])
    assert action(window, "one_hot").isEnabled()
    action(window, "one_hot").trigger()
    state = window.model.state
    assert state.soft_target.tolist() == [0.0, 0.0, 1.0, 0.0]
    assert state.target_class == 2


def test_normalise_p_only_when_keep_sum_one_is_off(window, qtbot):
    window.model.update(target_mode="soft")
    assert not action(window, "normalise_p").isEnabled()
    window.model.update(auto_normalise=False, soft_target=[0.5, 0.5, 0.5, 0.5])
    assert action(window, "normalise_p").isEnabled()
    action(window, "normalise_p").trigger()
    assert window.model.state.soft_target.tolist() == [0.25] * 4


def test_actions_clear_pins_and_are_one_undo_step_each(window, qtbot):
    model = window.model
    model.set_target_mode("soft")
    model.set_probability(0, 0.4)
    assert model.state.pinned == (0,)
    before = model.state
    action(window, "uniform_p").trigger()
    assert model.state.pinned == ()
    model.undo()
    assert model.state.same_as(before)


def test_action_shortcut_from_the_keyboard(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.model.state.soft
    assert window.model.state.soft_target.tolist() == [0.25] * 4


def test_distribution_buttons_sit_above_the_class_table(window, qtbot):
    from PySide6.QtWidgets import QToolBar

    bar = child(window, QToolBar, "distribution_buttons")
    texts = [a.iconText() for a in bar.actions()]
    assert texts == ["uniform p", "p = q", "q = p", "one-hot", "normalise"]
    button = bar.widgetForAction(action(window, "make_p_equal_q"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.model.state.soft
    assert math.isclose(window.model.result.kl, 0.0, abs_tol=1e-12)
