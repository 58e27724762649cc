"""The class rows: K, the logit sliders and spins, and the target distribution p."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import (
    assert_no_nan,
    assert_readouts_match,
    child,
    choose,
    click_check_box,
    drag_slider,
    readout_values,
    set_soft,
    shown_inputs,
    spin,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
)
from scipy import special


def logit_spins(window, k):
    return [spin(window, f"logit_spin_{i}") for i in range(k)]


def target_values(window, k):
    return np.array([spin(window, f"target_spin_{i}").value() for i in range(k)])


def assert_rows(window, k):
    """Rows 0..k-1 exist and are shown; any row beyond is hidden."""
    for i in range(k):
        for cls, name in (
            (QSlider, f"logit_slider_{i}"),
            (QDoubleSpinBox, f"logit_spin_{i}"),
            (QDoubleSpinBox, f"target_spin_{i}"),
        ):
            w = child(window, cls, name)
            assert w.isVisible(), f"{name} is not visible with K = {k}"
    for i in range(k, 101):
        for cls, name in (
            (QSlider, f"logit_slider_{i}"),
            (QDoubleSpinBox, f"logit_spin_{i}"),
            (QDoubleSpinBox, f"target_spin_{i}"),
        ):
            w = window.findChild(cls, name)
            assert w is None or w.isHidden(), f"{name} is shown with K = {k}"


# -- class_count ---------------------------------------------------------------------------


def test_default_rows(window):
    assert child(window, QSpinBox, "class_count").value() == 4
    assert_rows(window, 4)
    np.testing.assert_allclose([s.value() for s in logit_spins(window, 4)], [2.0, 1.0, 0.1, -1.0])


def test_class_count_spin_keeps_existing_logits_and_targets(window, qtbot):
    model = window.model
    for s, text in zip(logit_spins(window, 4), ["1.5", "-2.25", "3", "0.5"], strict=True):
        type_into(qtbot, s, text)
    set_soft(window, qtbot)
    type_into(qtbot, spin(window, "target_spin_0"), "0.4")  # p = [0.4, 0.2, 0.2, 0.2]
    count = child(window, QSpinBox, "class_count")

    count.setValue(6)
    assert model.state.num_classes == 6
    assert_rows(window, 6)
    np.testing.assert_array_equal(model.state.logits[:4], [1.5, -2.25, 3.0, 0.5])
    np.testing.assert_allclose([s.value() for s in logit_spins(window, 4)], [1.5, -2.25, 3.0, 0.5])
    np.testing.assert_allclose(model.state.soft_target[:4], [0.4, 0.2, 0.2, 0.2], rtol=1e-12)
    np.testing.assert_allclose(target_values(window, 6), [0.4, 0.2, 0.2, 0.2, 0.0, 0.0])
    assert_readouts_match(window)

    count.setValue(3)
    assert model.state.num_classes == 3
    assert_rows(window, 3)
    np.testing.assert_array_equal(model.state.logits, [1.5, -2.25, 3.0])
    # p keeps its proportions among the remaining classes: [0.4, 0.2, 0.2] / 0.8.
    np.testing.assert_allclose(target_values(window, 3), [0.5, 0.25, 0.25])
    assert_readouts_match(window)


def test_many_new_rows_at_once_are_all_shown(window, qtbot):
    # K typed from 4 to 100 shows the new rows in one batch (their holder hidden
    # meanwhile); a few more rows (to 6) are shown one by one. Both show every row.
    count = child(window, QSpinBox, "class_count")
    for k in (6, 100, 5, 64):
        type_into(qtbot, count, str(k))
        assert window.model.state.num_classes == k
        assert_rows(window, k)
    type_into(qtbot, spin(window, "logit_spin_40"), "2.5")
    assert window.model.state.logits[40] == 2.5
    assert_readouts_match(window)


def test_a_focused_row_keeps_the_focus_when_a_scene_adds_many_rows(window, qtbot):
    # A clicker key opens the 32-team scene while a slider in the table has the focus:
    # the 28 new rows come in one batch, and the slider keeps the focus and its keys.
    from PySide6.QtTest import QTest

    slider = child(window, QSlider, "logit_slider_1")
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus, timeout=1000)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_9)  # scene 9: thirty-two teams
    assert window.model.state.num_classes == 32
    assert_rows(window, 32)
    assert slider.hasFocus(), "the slider lost the focus to the new rows"
    before = window.model.state.logits[1]
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert window.model.state.logits[1] > before


def test_class_count_keeps_the_true_class(window, qtbot):
    child(window, QSpinBox, "target_class").setValue(2)
    child(window, QSpinBox, "class_count").setValue(9)
    assert window.model.state.target_class == 2
    np.testing.assert_array_equal(target_values(window, 9), np.eye(9)[2])
    assert child(window, QSpinBox, "target_class").maximum() == 8


def test_class_count_typed_applies_on_enter(window, qtbot):
    count = child(window, QSpinBox, "class_count")
    assert not count.keyboardTracking()
    count.setFocus()
    count.lineEdit().selectAll()
    qtbot.keyClicks(count, "12")
    # Keyboard tracking is off: nothing happens per digit (K = 1 would be invalid anyway).
    assert window.model.state.num_classes == 4
    qtbot.keyClick(count, Qt.Key.Key_Return)
    assert window.model.state.num_classes == 12
    assert_rows(window, 12)
    np.testing.assert_array_equal(window.model.state.logits[:4], [2.0, 1.0, 0.1, -1.0])
    np.testing.assert_array_equal(window.model.state.logits[4:], 0.0)
    assert_readouts_match(window)


def test_class_count_arrow_keys(window, qtbot):
    count = child(window, QSpinBox, "class_count")
    count.setFocus()
    qtbot.keyClick(count, Qt.Key.Key_Up)
    qtbot.keyClick(count, Qt.Key.Key_Up)
    assert window.model.state.num_classes == 6
    for _ in range(10):
        qtbot.keyClick(count, Qt.Key.Key_Down)
    assert window.model.state.num_classes == 2
    assert_rows(window, 2)


def test_class_count_range_is_2_to_100(window):
    count = child(window, QSpinBox, "class_count")
    assert (count.minimum(), count.maximum()) == (2, 100)
    count.setValue(1)
    assert count.value() == 2 and window.model.state.num_classes == 2
    count.setValue(250)
    assert count.value() == 100 and window.model.state.num_classes == 100
    assert_rows(window, 100)
    assert_no_nan(assert_readouts_match(window))


# -- rows made ahead -----------------------------------------------------------------------


def test_rows_are_made_ahead_while_idle_and_stay_hidden(window, qtbot):
    from app.model import MAX_CLASSES

    qtbot.waitUntil(lambda: len(window.class_table.rows) == MAX_CLASSES, timeout=10_000)
    assert_rows(window, 4)
    assert window.model.state.num_classes == 4


def test_a_table_never_painted_makes_no_rows_ahead(qtbot):
    from app.model import MAX_CLASSES, ExplorerModel
    from app.widgets.class_table import ClassTable

    table = ClassTable(ExplorerModel())
    qtbot.addWidget(table)
    qtbot.wait(200)  # the event loop idles: nothing is made for a table not yet shown
    assert len(table.rows) == 4
    with qtbot.waitExposed(table):
        table.show()
    qtbot.waitUntil(lambda: len(table.rows) == MAX_CLASSES, timeout=10_000)


def test_rows_made_ahead_show_the_model_when_k_grows(window, qtbot):
    from app.model import MAX_CLASSES

    qtbot.waitUntil(lambda: len(window.class_table.rows) == MAX_CLASSES, timeout=10_000)
    set_soft(window, qtbot)
    type_into(qtbot, child(window, QDoubleSpinBox, "slider_range"), "20")
    type_into(qtbot, child(window, QSpinBox, "class_count"), "100")
    state = window.model.state
    assert state.num_classes == 100
    assert_rows(window, 100)
    shown = shown_inputs(window)
    np.testing.assert_array_equal(shown.logits, state.logits)
    np.testing.assert_array_equal(shown.p, state.soft_target)
    for i in (4, 57, 99):
        slider = child(window, QSlider, f"logit_slider_{i}")
        assert (slider.minimum(), slider.maximum()) == (-2000, 2000)
        target = spin(window, f"target_spin_{i}")
        assert target.isEnabled() and not target.isReadOnly(), "soft labels are editable"
        assert child(window, QLineEdit, f"class_name_{i}").text() == state.class_names[i]
    # A row made ahead edits its own class.
    type_into(qtbot, spin(window, "logit_spin_99"), "-7/2")
    assert window.model.state.logits[99] == -3.5
    assert child(window, QSlider, "logit_slider_99").value() == -350
    assert_readouts_match(window)


# -- logit sliders -------------------------------------------------------------------------


def test_slider_steps_are_hundredths_and_a_step_applies_at_once(window, qtbot, counter):
    model = window.model
    slider = child(window, QSlider, "logit_slider_1")
    assert (slider.minimum(), slider.maximum()) == (-1000, 1000)  # ±10 in 1/100 steps
    assert slider.value() == 100
    changed = counter(model.changed)
    slider.setValue(250)
    # Not a drag (the handle is not held): one ordinary, undoable change, applied at once.
    assert model.state.logits[1] == 2.5
    assert changed.count == 1 and not changed.calls[0][0].transient
    assert spin(window, "logit_spin_1").value() == pytest.approx(2.5)
    np.testing.assert_array_equal(model.state.logits[[0, 2, 3]], [2.0, 0.1, -1.0])
    assert_readouts_match(window)


def test_a_slider_drag_in_one_turn_coalesces_into_one_recompute(window, qtbot, counter):
    model = window.model
    slider = child(window, QSlider, "logit_slider_0")
    changed = counter(model.changed)
    # Forty mouse moves with no event-loop turn between them, then the release.
    drag_slider(qtbot, slider, range(2, 82, 2))
    transient = [c for c in changed.calls if c[0].transient]
    assert len(transient) <= 1  # the moves became at most one recompute...
    assert changed.count <= 2  # ...plus the commit of the gesture
    z = model.state.logits[0]
    assert z > 2.0  # the handle moved right
    assert slider.value() == round(z * 100)
    assert spin(window, "logit_spin_0").value() == z


def test_two_sliders_in_one_turn_both_apply(window, qtbot):
    model = window.model
    child(window, QSlider, "logit_slider_0").setValue(-50)
    child(window, QSlider, "logit_slider_3").setValue(75)
    np.testing.assert_allclose(model.state.logits, [-0.5, 1.0, 0.1, 0.75])


def test_slider_keyboard(window, qtbot):
    model = window.model
    slider = child(window, QSlider, "logit_slider_2")
    slider.setFocus()
    start = slider.value()
    assert start == 10
    for _ in range(3):
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.keyClick(slider, Qt.Key.Key_PageUp)
    want = (start + 3 * slider.singleStep() + slider.pageStep()) / 100
    qtbot.waitUntil(lambda: model.state.logits[2] == pytest.approx(want), timeout=2000)
    assert spin(window, "logit_spin_2").value() == pytest.approx(want)
    qtbot.keyClick(slider, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: model.state.logits[2] == 10.0, timeout=2000)
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: model.state.logits[2] == -10.0, timeout=2000)
    qtbot.keyClick(slider, Qt.Key.Key_Left)  # already at the minimum: no change
    qtbot.wait(20)
    assert model.state.logits[2] == -10.0
    assert_readouts_match(window)


def test_slider_follows_the_spin_and_clamps(window, qtbot):
    type_into(qtbot, spin(window, "logit_spin_0"), "-3.21")
    assert child(window, QSlider, "logit_slider_0").value() == -321
    type_into(qtbot, spin(window, "logit_spin_0"), "123")
    slider = child(window, QSlider, "logit_slider_0")
    assert slider.value() == slider.maximum()
    # The exact value survives in the model and the spin.
    assert window.model.state.logits[0] == 123.0
    assert spin(window, "logit_spin_0").value() == 123.0


# -- logit spins ---------------------------------------------------------------------------


def test_logit_spin_range_and_decimals(window, qtbot):
    s = spin(window, "logit_spin_0")
    assert s.minimum() <= -1000 and s.maximum() >= 1000
    assert s.decimals() >= 2
    type_into(qtbot, s, "-12.34")
    assert window.model.state.logits[0] == pytest.approx(-12.34, abs=1e-12)
    type_into(qtbot, s, "-1000")
    assert window.model.state.logits[0] == -1000.0
    type_into(qtbot, s, "1000")
    assert window.model.state.logits[0] == 1000.0
    assert_no_nan(assert_readouts_match(window))


def test_logit_spin_applies_on_enter_only(window, qtbot):
    s = spin(window, "logit_spin_1")
    s.setFocus()
    s.lineEdit().selectAll()
    qtbot.keyClicks(s, "7")
    assert window.model.state.logits[1] == 1.0
    qtbot.keyClick(s, Qt.Key.Key_Return)
    assert window.model.state.logits[1] == 7.0


def test_seed_logits_123_456_789(window, qtbot):
    type_into(qtbot, child(window, QSpinBox, "class_count"), "3")
    assert window.model.state.num_classes == 3
    for s, text in zip(logit_spins(window, 3), ["123", "456", "789"], strict=True):
        type_into(qtbot, s, text)
    np.testing.assert_array_equal(window.model.state.logits, [123.0, 456.0, 789.0])
    values = readout_values(window)
    for name, v in values.items():
        assert math.isfinite(v), f"{name} = {v}"
    # Independent: H(p,q) = −log softmax(z)_0 = 789 − 123 + log(1 + e^−333 + e^−666) = 666.
    want_ce = -special.log_softmax(np.array([123.0, 456.0, 789.0]))[0]
    assert want_ce == pytest.approx(666.0)
    assert values["readout_cross_entropy"] == pytest.approx(want_ce, rel=1e-12)
    assert values["readout_kl"] == pytest.approx(want_ce, rel=1e-12)  # H(p) = 0
    assert values["readout_entropy"] == 0.0
    assert values["readout_loss"] == pytest.approx(want_ce, rel=1e-12)
    assert values["readout_mse"] == pytest.approx((1.0 + 0.0 + 1.0) / 3, rel=1e-12)
    assert_readouts_match(window)
    # The q labels in the table show numbers, never nan.
    for i in range(3):
        text = child(window, QLabel, f"q_label_{i}").text().lower()
        assert "nan" not in text and text.strip()
    # True class 2 (the largest logit): everything is (almost) zero, still finite.
    child(window, QSpinBox, "target_class").setValue(2)
    values = assert_readouts_match(window)
    assert all(math.isfinite(v) for v in values.values())
    assert values["readout_cross_entropy"] == pytest.approx(0.0, abs=1e-100)


# -- the true distribution p ---------------------------------------------------------------


def test_index_mode_shows_one_hot_read_only(window, qtbot):
    mode = child(window, QComboBox, "target_mode")
    assert mode.currentData() == "index"
    assert [mode.itemData(i) for i in range(mode.count())] == ["index", "soft"]
    np.testing.assert_array_equal(target_values(window, 4), [1.0, 0.0, 0.0, 0.0])
    for i in range(4):
        t = spin(window, f"target_spin_{i}")
        assert t.isReadOnly() or not t.isEnabled()
    tc = child(window, QSpinBox, "target_class")
    assert (tc.minimum(), tc.maximum()) == (0, 3)
    tc.setFocus()
    qtbot.keyClick(tc, Qt.Key.Key_Up)
    qtbot.keyClick(tc, Qt.Key.Key_Up)
    assert window.model.state.target_class == 2
    np.testing.assert_array_equal(target_values(window, 4), [0.0, 0.0, 1.0, 0.0])
    assert_readouts_match(window)
    # Typing into a read-only target spin changes nothing.
    t1 = spin(window, "target_spin_1")
    t1.lineEdit().selectAll()
    qtbot.keyClicks(t1, "0.5")
    qtbot.keyClick(t1, Qt.Key.Key_Return)
    assert window.model.state.target_class == 2
    assert window.model.state.target_mode == "index"
    np.testing.assert_array_equal(target_values(window, 4), [0.0, 0.0, 1.0, 0.0])


def test_switch_to_soft_mode_with_the_keyboard(window, qtbot):
    mode = child(window, QComboBox, "target_mode")
    mode.setFocus()
    qtbot.keyClick(mode, Qt.Key.Key_Down)
    assert window.model.state.target_mode == "soft"
    np.testing.assert_allclose(target_values(window, 4), [0.7, 0.1, 0.1, 0.1])
    for i in range(4):
        t = spin(window, f"target_spin_{i}")
        assert t.isEnabled() and not t.isReadOnly()
    assert not child(window, QSpinBox, "target_class").isEnabled()
    assert_readouts_match(window)


def test_soft_edit_keeps_typed_value_and_rescales_others(window, qtbot):
    set_soft(window, qtbot)
    type_into(qtbot, spin(window, "target_spin_0"), "0.4")
    np.testing.assert_allclose(window.model.state.soft_target, [0.4, 0.2, 0.2, 0.2], rtol=1e-12)
    np.testing.assert_allclose(target_values(window, 4), [0.4, 0.2, 0.2, 0.2])
    assert_readouts_match(window)
    # p0 was typed, so it stays: the unpinned p1 and p3 share what is left, 1 − 0.4 − 0.3.
    type_into(qtbot, spin(window, "target_spin_2"), "0.3")
    np.testing.assert_allclose(window.model.state.soft_target, [0.4, 0.15, 0.3, 0.15], rtol=1e-12)
    assert window.model.state.soft_target.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(target_values(window, 4), [0.4, 0.15, 0.3, 0.15], rtol=1e-12)
    assert not child(window, QLabel, "target_sum_note").isVisible()
    assert_readouts_match(window)


def test_soft_edit_spreads_evenly_when_the_others_are_zero(window, qtbot):
    set_soft(window, qtbot)
    type_into(qtbot, spin(window, "target_spin_1"), "1")
    np.testing.assert_allclose(window.model.state.soft_target, [0.0, 1.0, 0.0, 0.0], atol=1e-15)
    type_into(qtbot, spin(window, "target_spin_1"), "0.4")
    np.testing.assert_allclose(window.model.state.soft_target, [0.2, 0.4, 0.2, 0.2], rtol=1e-12)
    np.testing.assert_allclose(target_values(window, 4), [0.2, 0.4, 0.2, 0.2])
    assert_readouts_match(window)


def test_soft_spin_arrow_keys_rescale(window, qtbot):
    set_soft(window, qtbot)
    t0 = spin(window, "target_spin_0")
    t0.setFocus()
    qtbot.keyClick(t0, Qt.Key.Key_Down)  # 0.7 − singleStep
    want0 = 0.7 - t0.singleStep()
    p = window.model.state.soft_target
    assert p[0] == pytest.approx(want0)
    np.testing.assert_allclose(p[1:], (1 - want0) / 3)
    assert p.sum() == pytest.approx(1.0)


def test_auto_normalise_off_keeps_p_and_shows_a_note(window, qtbot):
    set_soft(window, qtbot)
    box = child(window, QCheckBox, "auto_normalise")
    note = child(window, QLabel, "target_sum_note")
    assert box.isChecked() and box.isEnabled()
    assert note.isHidden()
    click_check_box(qtbot, box)
    assert not box.isChecked()
    assert window.model.state.auto_normalise is False
    assert note.isHidden()  # Σp is still 1
    type_into(qtbot, spin(window, "target_spin_0"), "0.5")
    np.testing.assert_allclose(window.model.state.soft_target, [0.5, 0.1, 0.1, 0.1])
    np.testing.assert_allclose(target_values(window, 4), [0.5, 0.1, 0.1, 0.1])
    assert note.isVisible() and not note.isHidden()
    text = note.text()
    assert "0.8" in text and ("Σp" in text or "sum" in text.lower())
    # H, H(p,q) and KL use p as written (no normalisation).
    assert_readouts_match(window)
    # Turning it back on normalises p and hides the note.
    click_check_box(qtbot, box)
    assert window.model.state.auto_normalise is True
    np.testing.assert_allclose(window.model.state.soft_target, [0.625, 0.125, 0.125, 0.125])
    np.testing.assert_allclose(target_values(window, 4), [0.625, 0.125, 0.125, 0.125])
    assert note.isHidden()
    assert_readouts_match(window)


def test_note_hidden_in_index_mode(window, qtbot):
    set_soft(window, qtbot)
    child(window, QCheckBox, "auto_normalise").setChecked(False)
    type_into(qtbot, spin(window, "target_spin_0"), "0.9")
    note = child(window, QLabel, "target_sum_note")
    assert note.isVisible()
    choose(child(window, QComboBox, "target_mode"), "index")
    assert window.model.state.target_mode == "index"
    assert note.isHidden()
    assert not child(window, QCheckBox, "auto_normalise").isEnabled()
    assert_readouts_match(window)


def test_shown_inputs_agree_with_the_model(window, qtbot):
    type_into(qtbot, spin(window, "logit_spin_2"), "-4.125")
    set_soft(window, qtbot)
    inp = shown_inputs(window)
    np.testing.assert_allclose(inp.logits, window.model.state.logits, atol=5e-4)
    np.testing.assert_allclose(inp.p, window.model.state.soft_target, atol=5e-5)
    assert inp.temperature == window.model.state.temperature


def test_new_q_values_repaint_their_labels_without_laying_the_table_out_again(window, qtbot):
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest

    class LayoutRequests(QObject):
        def __init__(self, watched) -> None:
            super().__init__()
            self.count = 0
            watched.installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802
            self.count += event.type() == QEvent.Type.LayoutRequest
            return False

    from app.model import MAX_CLASSES

    # Once the rows made ahead are there (each new one lays the table out, once).
    qtbot.waitUntil(lambda: len(window.class_table.rows) == MAX_CLASSES, timeout=10_000)
    qtbot.wait(10)  # and the layout the last of them asked for
    holder = window.class_table.widget()
    requests = LayoutRequests(holder)
    for text in ("3", "-1/2", "0.25", "7"):
        type_into(qtbot, spin(window, "logit_spin_0"), text)
        qtbot.wait(1)
        q = special.softmax(window.model.state.logits)
        for i in range(4):
            shown = float(child(window, QLabel, f"q_label_{i}").text())
            assert shown == pytest.approx(q[i], abs=5e-4)
    assert requests.count == 0, "a new q laid the whole table out again"
    # Projector mode (F5): a larger font, and a box that still fits its widest number.
    label = child(window, QLabel, "q_label_0")
    width = label.width()
    QTest.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: label.width() > width, timeout=2000)
    assert label.fontMetrics().horizontalAdvance(label.WIDEST) <= label.width()
    assert label.fontMetrics().height() <= label.height()


@pytest.mark.parametrize("projector", [False, True])
def test_the_q_header_stands_over_its_right_aligned_numbers(window, qtbot, projector):
    """The q values are right-aligned in boxes sized for the widest probability; a header
    at the left of that column stood over blank space."""
    if projector:
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.appearance.projector)
    header = child(window, QLabel, "q_header")
    qtbot.waitUntil(lambda: header.isVisible() and header.width() > 0)

    def right_in_table(widget) -> int:
        return widget.mapTo(window, widget.rect().topRight()).x()

    def text_right(label) -> int:
        """Where the label's text ends: its right edge if right-aligned, else the end of
        its text from the left (its size hint, rich text included)."""
        if label.alignment() & Qt.AlignmentFlag.AlignRight:
            return right_in_table(label)
        return label.mapTo(window, label.rect().topLeft()).x() + label.sizeHint().width()

    q_label = child(window, QLabel, "q_label_0")
    qtbot.waitUntil(lambda: abs(right_in_table(header) - right_in_table(q_label)) <= 2)
    assert abs(text_right(header) - text_right(q_label)) <= 3


def test_a_typed_logit_at_k_100_rewrites_only_its_own_row_and_every_q(window, qtbot, monkeypatch):
    """A change of one logit writes that row's slider (its box has the value) and the q
    labels, no other row's boxes; a change from elsewhere writes the row's box too."""
    from app.widgets.exact_spin import ExactSpinBox
    from app.widgets.logit_slider import LogitSlider

    type_into(qtbot, child(window, QSpinBox, "class_count"), "100")
    assert window.model.state.num_classes == 100
    written: list[str] = []
    for cls in (ExactSpinBox, LogitSlider):
        original = cls.setValue

        def counting(self, value, _original=original):
            written.append(self.objectName())
            return _original(self, value)

        monkeypatch.setattr(cls, "setValue", counting)
    type_into(qtbot, spin(window, "logit_spin_57"), "2.5")
    assert window.model.state.logits[57] == 2.5
    assert sorted(written) == ["logit_slider_57"], "other rows' boxes were written"
    q = special.softmax(window.model.state.logits)
    for i in (0, 57, 99):
        shown = float(child(window, QLabel, f"q_label_{i}").text())
        assert shown == pytest.approx(q[i], rel=5e-3)  # three significant digits
    # The other side: what differs is written, whoever changed it (here Undo).
    written.clear()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.state.logits[57] == 0.0
    assert sorted(written) == ["logit_slider_57", "logit_spin_57"]
    assert spin(window, "logit_spin_57").text() == spin(window, "logit_spin_58").text()
    # Within one slider step (0.01) only the box differs, and only the box is written.
    type_into(qtbot, spin(window, "logit_spin_57"), "0.004")
    written.clear()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.model.state.logits[57] == 0.0
    assert written == ["logit_spin_57"]
