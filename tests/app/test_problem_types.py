"""Problem types (binary, multiclass, multi-label) and the whole TensorFlow loss family, as a
user meets them: chosen with the mouse and the keyboard, typed into, switched back and
forth, saved and opened.

Every ``readout_loss`` value is checked twice on the inputs the widgets *show*: against
the core's public function for that TensorFlow name called directly with TensorFlow's
arguments for a batch of one (``core.loss_spec(name).tf_function``), and against the
independent scipy formula of ``gui_reference``. A few values are derived by hand.
"""

from __future__ import annotations

import dataclasses
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from gui_reference import (
    LOSSES,
    MSE,
    READOUTS,
    REDUCTIONS,
    SIGMOID_LOSSES,
    SOFTMAX_LOSSES,
    SPARSE_LOSSES,
    Inputs,
    assert_close,
    assert_readouts_match,
    assert_readouts_match_state,
    child,
    choose,
    losses_for,
    readout_values,
    set_soft,
    shown_inputs,
    sigmoid_ce_terms,
    spin,
    type_into,
)
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QSpinBox,
    QWidget,
)
from scipy import special

import core

PROBLEMS = ("binary", "multiclass", "multilabel")
WEIGHTED = "tf.nn.weighted_cross_entropy_with_logits"
#: The losses with a label_smoothing option: tf.compat.v1.losses' softmax and sigmoid.
SMOOTHING_LOSSES = (
    "tf.compat.v1.losses.sigmoid_cross_entropy",
    "tf.compat.v1.losses.softmax_cross_entropy",
)
COMPAT_LOSSES = tuple(name for name in LOSSES if name.startswith("tf.compat.v1.losses."))
LOGITS = ["0.75", "-2.5", "4", "1.25"]


# -- helpers ---------------------------------------------------------------------------------


def combo_of(window: QWidget, name: str) -> QComboBox:
    return child(window, QComboBox, name)


def status(window) -> str:
    """The whole status message: one longer than the room left of the summary ends in
    "…" on screen, and stands whole in the bar's tooltip."""
    bar = window.statusBar()
    assert bar.currentMessage().rstrip("…") in bar.full_message
    return bar.full_message


def choose_with_keyboard(qtbot, combo: QComboBox, data: str) -> None:
    """Focus the combo and press Up or Down until the item with ``data`` is current."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, f"{combo.objectName()} has no item {data!r}"
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            return
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target, f"{data!r} cannot be reached with the arrow keys"


def click_item(qtbot, combo: QComboBox, data: str) -> None:
    """Click the combo to open its list, then click the item whose itemData is ``data``.

    A pop-up that is still open afterwards (a click on a disabled item) is closed with
    Escape, as a user would.
    """
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    # Qt ignores a release that comes within a double-click interval of the opening click.
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    rect = view.visualRect(combo.model().index(combo.findData(data), 0))
    pos = QPoint(min(rect.center().x(), view.viewport().width() // 2), rect.center().y())
    qtbot.mouseMove(view.viewport(), pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    if view.isVisible():
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def item_of(combo: QComboBox, data: str):
    """The QStandardItem (the combo's default model) whose itemData is ``data``."""
    row = combo.findData(data)
    assert row >= 0, f"{combo.objectName()} has no item {data!r}"
    return combo.model().item(row)


def core_loss(inp: Inputs) -> float:
    """The loss of ``inp`` from the core's public function for its TensorFlow name, called
    with TensorFlow's arguments for a batch of one. The temperature divides the logits
    first; a tf.nn sigmoid function gives one value per output (their mean is the
    readout), reduction "none" the weighted values (their mean too)."""
    f = core.loss_spec(inp.loss).tf_function
    logits = (inp.logits / inp.temperature)[np.newaxis, :]
    labels = inp.p[np.newaxis, :]
    compat = {"weights": inp.weight, "reduction": inp.reduction}
    name = inp.loss
    if name == "tf.nn.sigmoid_cross_entropy_with_logits":
        out = f(labels=labels, logits=logits)
    elif name == WEIGHTED:
        out = f(labels=labels, logits=logits, pos_weight=inp.pos_weight)
    elif name == "tf.compat.v1.losses.sigmoid_cross_entropy":
        out = f(
            multi_class_labels=labels,
            logits=logits,
            label_smoothing=inp.label_smoothing,
            **compat,
        )
    elif name == "tf.nn.softmax_cross_entropy_with_logits":
        out = f(labels=labels, logits=logits)
    elif name == "tf.compat.v1.losses.softmax_cross_entropy":
        out = f(onehot_labels=labels, logits=logits, label_smoothing=inp.label_smoothing, **compat)
    elif name == "tf.nn.sparse_softmax_cross_entropy_with_logits":
        out = f(labels=np.array([inp.target_class]), logits=logits)
    elif name == "tf.compat.v1.losses.sparse_softmax_cross_entropy":
        out = f(labels=np.array([inp.target_class]), logits=logits, **compat)
    elif name == MSE:
        activation = core.softmax if inp.problem_type == "multiclass" else core.sigmoid
        out = f(labels=labels, predictions=activation(logits), **compat)
    else:
        raise AssertionError(f"unknown loss {name!r}")
    return float(np.mean(out))


def assert_loss_matches(window) -> float:
    """readout_loss against the core's TensorFlow function and gui_reference's formula,
    both on the shown inputs; every other readout against gui_reference too."""
    inp = shown_inputs(window)
    got = readout_values(window)["readout_loss"]
    assert_close(got, core_loss(inp), rel=1e-12, abs_=1e-15)
    assert_readouts_match(window)
    return got


def assert_options_follow_the_registry(window) -> None:
    """Exactly the options the selected loss's registry entry lists can be edited."""
    options = core.loss_spec(window.model.state.loss).options
    assert spin(window, "label_smoothing_spin").isEnabled() == ("label_smoothing" in options)
    assert spin(window, "pos_weight_spin").isEnabled() == ("pos_weight" in options)
    assert spin(window, "weight_spin").isEnabled() == ("weights" in options)
    assert combo_of(window, "reduction").isEnabled() == ("reduction" in options)


def type_logits(window, qtbot, values) -> None:
    for i, v in enumerate(values):
        type_into(qtbot, spin(window, f"logit_spin_{i}"), v)
    np.testing.assert_array_equal(window.model.state.logits, [float(v) for v in values])


def set_up(window, qtbot, problem: str, mode: str) -> None:
    """A problem of each type with logits and targets typed in, as a student would."""
    if problem == "binary":
        choose(combo_of(window, "problem_type"), "binary")
        type_logits(window, qtbot, ["1.75"])
        type_into(qtbot, spin(window, "target_spin_0"), "0.3")
        np.testing.assert_array_equal(window.model.state.soft_target, [0.3])
    elif problem == "multilabel":
        choose(combo_of(window, "problem_type"), "multilabel")
        type_logits(window, qtbot, LOGITS)
        for i, v in enumerate(["1", "0", "0.25", "0.6"]):
            type_into(qtbot, spin(window, f"target_spin_{i}"), v)
        np.testing.assert_array_equal(window.model.state.soft_target, [1.0, 0.0, 0.25, 0.6])
    elif mode == "index":
        type_logits(window, qtbot, LOGITS)
        type_into(qtbot, child(window, QSpinBox, "target_class"), "2")
        assert window.model.state.target_class == 2
    else:
        type_logits(window, qtbot, LOGITS)
        set_soft(window, qtbot, [0.4, 0.4])  # p2 and p3 share the rest
        np.testing.assert_allclose(window.model.state.soft_target, [0.4, 0.4, 0.1, 0.1])
    assert window.model.state.problem_type == problem
    assert shown_inputs(window).problem_type == problem


# -- choosing a problem type ------------------------------------------------------------------


def test_problem_type_items(window):
    combo = combo_of(window, "problem_type")
    assert [combo.itemData(i) for i in range(combo.count())] == list(PROBLEMS)
    assert combo.currentData() == "multiclass"
    assert all(combo.model().item(i).isEnabled() for i in range(combo.count()))


def assert_shows_the_problem_type(window, problem: str) -> None:
    state = window.model.state
    assert state.problem_type == problem
    assert combo_of(window, "problem_type").currentData() == problem
    k = state.num_classes
    assert k == 1 if problem == "binary" else k >= 2
    assert child(window, QSpinBox, "class_count").isEnabled() == (problem != "binary")
    # The class table has one row per logit: one for binary.
    for i in range(max(k, 2)):
        assert spin(window, f"logit_spin_{i}").isVisibleTo(window) == (i < k), i
    # Sigmoid outputs take a target per output: no class index, no keep Σp = 1.
    sigmoids = problem != "multiclass"
    assert combo_of(window, "target_mode").isEnabled() == (not sigmoids)
    assert child(window, QCheckBox, "auto_normalise").isEnabled() == (
        not sigmoids and state.target_mode == "soft"
    )
    assert state.loss in losses_for(problem)
    assert combo_of(window, "loss_kind").currentData() == state.loss
    # The probability plot draws the two outcomes of the one sigmoid, else one bar per class.
    pw = child(window, QWidget, "probability_plot")
    bars = np.asarray(pw.q_bars.opts["height"], dtype=np.float64)
    assert bars.size == (2 if problem == "binary" else k)
    assert_loss_matches(window)


def test_choose_each_problem_type_with_the_keyboard(window, qtbot):
    combo = combo_of(window, "problem_type")
    for problem in ("binary", "multiclass", "multilabel", "multiclass", "binary", "multilabel"):
        choose_with_keyboard(qtbot, combo, problem)
        assert_shows_the_problem_type(window, problem)
    # The arrows stop at the ends of the list.
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert_shows_the_problem_type(window, "multilabel")
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert_shows_the_problem_type(window, "binary")
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert_shows_the_problem_type(window, "binary")


def test_choose_each_problem_type_with_the_mouse(window, qtbot):
    combo = combo_of(window, "problem_type")
    for problem in ("multilabel", "binary", "multiclass"):
        click_item(qtbot, combo, problem)
        assert_shows_the_problem_type(window, problem)


def test_binary_shows_one_logit_and_two_outcomes(window, qtbot):
    choose(combo_of(window, "problem_type"), "binary")
    type_logits(window, qtbot, ["0"])
    type_into(qtbot, spin(window, "target_spin_0"), "1")
    # By hand: σ(0) = 1/2, so the loss is log 2, H(y) = 0 and H(y, σ) = KL = log 2.
    got = readout_values(window)
    assert got["readout_loss"] == pytest.approx(math.log(2), rel=1e-15)
    assert got["readout_entropy"] == 0.0
    assert got["readout_cross_entropy"] == pytest.approx(math.log(2), rel=1e-15)
    assert got["readout_kl"] == pytest.approx(math.log(2), rel=1e-15)
    assert got["readout_mse"] == pytest.approx(0.25, rel=1e-15)  # (σ − y)²
    pw = child(window, QWidget, "probability_plot")
    np.testing.assert_allclose(pw.q_bars.opts["height"], [0.5, 0.5], rtol=1e-15)
    np.testing.assert_array_equal(pw.p_bars.opts["height"], [0.0, 1.0])  # [1 − y, y]
    name = window.model.state.class_names[0]
    assert pw.output_names() == (f"not {name}", name)
    assert "y" in child(window, QLabel, "target_header").text()
    assert_loss_matches(window)


def test_multilabel_targets_need_not_sum_to_one(window, qtbot):
    choose(combo_of(window, "problem_type"), "multilabel")
    for i in range(4):
        type_into(qtbot, spin(window, f"target_spin_{i}"), "1")
    np.testing.assert_array_equal(window.model.state.soft_target, [1.0] * 4)  # none rescaled
    assert not child(window, QLabel, "target_sum_note").isVisible()  # Σp = 4 is no mistake
    type_logits(window, qtbot, ["0", "0", "0", "0"])
    got = readout_values(window)
    # Four independent sigmoids at ½: Σq = 2, and each output costs log 2.
    assert window.model.result.q.sum() == pytest.approx(2.0, rel=1e-15)
    assert got["readout_loss"] == pytest.approx(math.log(2), rel=1e-15)  # the mean over K
    assert got["readout_cross_entropy"] == pytest.approx(4 * math.log(2), rel=1e-15)  # the sum
    assert_loss_matches(window)


# -- every loss × problem type × option -------------------------------------------------------

CASES = [
    (problem, mode, loss)
    for problem in PROBLEMS
    for mode in (("index", "soft") if problem == "multiclass" else ("soft",))
    for loss in losses_for(problem)
    if mode == "index" or loss not in SPARSE_LOSSES
]


@pytest.mark.parametrize("problem, mode, loss", CASES, ids=[f"{p}-{m}-{x}" for p, m, x in CASES])
def test_every_loss_and_option_the_ui_allows(window, qtbot, problem, mode, loss):
    set_up(window, qtbot, problem, mode)
    choose(combo_of(window, "loss_kind"), loss)
    state = window.model.state
    assert (state.problem_type, state.target_mode, state.loss) == (problem, mode, loss)
    assert_options_follow_the_registry(window)
    assert_loss_matches(window)  # T = 1
    type_into(qtbot, spin(window, "temperature_spin"), "1.5")
    assert window.model.state.temperature == 1.5
    checked = {assert_loss_matches(window)}
    smoothings = ("0", "0.3", "1") if loss in SMOOTHING_LOSSES else (None,)
    for s in smoothings:
        if s is not None:
            type_into(qtbot, spin(window, "label_smoothing_spin"), s)
            assert window.model.state.label_smoothing == float(s)
        if loss == WEIGHTED:
            for w in ("0", "0.25", "3", "1/3"):
                type_into(qtbot, spin(window, "pos_weight_spin"), w)
                assert window.model.state.pos_weight == float(Fraction(w))
                checked.add(assert_loss_matches(window))
        elif loss in COMPAT_LOSSES:
            for w in ("0", "2.5", "1/3"):
                type_into(qtbot, spin(window, "weight_spin"), w)
                assert window.model.state.weight == float(Fraction(w))
                for reduction in REDUCTIONS:
                    choose(combo_of(window, "reduction"), reduction)
                    assert window.model.state.reduction == reduction
                    value = assert_loss_matches(window)
                    checked.add(value)
                    if w == "0":
                        assert value == 0.0  # a zero weight drops the example
        assert_options_follow_the_registry(window)
    # The options really were applied: they changed the number.
    if loss == WEIGHTED or loss in COMPAT_LOSSES:
        assert len(checked) > 3
    for units in ("bits", "nats"):  # the loss stays in nats (TensorFlow's unit)
        before = readout_values(window)["readout_loss"]
        choose(combo_of(window, "units"), units)
        assert readout_values(window)["readout_loss"] == before
        assert_loss_matches(window)


def test_compat_softmax_weight_2_weighted_sum_is_twice_the_cross_entropy(window, qtbot):
    choose(combo_of(window, "loss_kind"), "tf.compat.v1.losses.softmax_cross_entropy")
    type_into(qtbot, spin(window, "weight_spin"), "2")
    choose(combo_of(window, "reduction"), "weighted_sum")
    got = readout_values(window)
    # The default state: z = [2, 1, 0.1, −1], true class 0; by hand with NumPy.
    z = np.array([2.0, 1.0, 0.1, -1.0])
    ce = -(z[0] - z.max() - math.log(np.exp(z - z.max()).sum()))
    assert got["readout_cross_entropy"] == pytest.approx(ce, rel=1e-12)
    assert got["readout_loss"] == pytest.approx(2 * ce, rel=1e-12)
    # One example (E = 1): every other reduction divides by 1 or by the weight.
    want = {
        "none": 2 * ce,
        "weighted_mean": ce,
        "weighted_sum_over_batch_size": 2 * ce,
        "weighted_sum_by_nonzero_weights": 2 * ce,
    }
    for reduction, value in want.items():
        choose(combo_of(window, "reduction"), reduction)
        assert readout_values(window)["readout_loss"] == pytest.approx(value, rel=1e-12)


def test_compat_sigmoid_reductions_by_hand(window, qtbot):
    """K = 4 elements: weighted_sum adds them, the others divide by E = 4 (or by Σw = 4w)."""
    choose(combo_of(window, "problem_type"), "multilabel")
    type_logits(window, qtbot, ["0", "0", "0", "0"])  # every element costs log 2
    choose(combo_of(window, "loss_kind"), "tf.compat.v1.losses.sigmoid_cross_entropy")
    type_into(qtbot, spin(window, "weight_spin"), "3")
    ln2 = math.log(2)
    want = {
        "weighted_sum": 3 * 4 * ln2,
        "weighted_mean": ln2,
        "weighted_sum_over_batch_size": 3 * ln2,
        "weighted_sum_by_nonzero_weights": 3 * ln2,
        "none": 3 * ln2,  # the mean of the four weighted values
    }
    for reduction, value in want.items():
        choose(combo_of(window, "reduction"), reduction)
        assert readout_values(window)["readout_loss"] == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize(
    "loss",
    [
        "tf.compat.v1.losses.softmax_cross_entropy",
        "tf.compat.v1.losses.sparse_softmax_cross_entropy",
    ],
)
def test_weighted_mean_with_weight_0_is_0(window, qtbot, loss):
    choose(combo_of(window, "loss_kind"), loss)
    choose(combo_of(window, "reduction"), "weighted_mean")
    type_into(qtbot, spin(window, "weight_spin"), "0")
    assert readout_values(window)["readout_loss"] == 0.0  # Σw = 0: TensorFlow's div_no_nan
    assert readout_values(window)["readout_cross_entropy"] > 0  # the example is still wrong
    type_into(qtbot, spin(window, "weight_spin"), "0.5")
    assert readout_values(window)["readout_loss"] == pytest.approx(
        readout_values(window)["readout_cross_entropy"], rel=1e-12
    )


def test_binary_weighted_loss_by_hand(window, qtbot):
    choose(combo_of(window, "problem_type"), "binary")
    choose(combo_of(window, "loss_kind"), WEIGHTED)
    type_into(qtbot, spin(window, "pos_weight_spin"), "3")
    # z = 0, y = 1 (the binary start): −3·log σ(0) = 3 log 2.
    np.testing.assert_array_equal(window.model.state.logits, [0.0])
    np.testing.assert_array_equal(window.model.state.soft_target, [1.0])
    assert readout_values(window)["readout_loss"] == pytest.approx(3 * math.log(2), rel=1e-15)
    type_into(qtbot, spin(window, "target_spin_0"), "0")
    # y = 0: the positive weight does not apply; −log(1 − σ(0)) = log 2.
    assert readout_values(window)["readout_loss"] == pytest.approx(math.log(2), rel=1e-15)
    assert_loss_matches(window)


def test_binary_mse_is_the_squared_error_of_the_sigmoid(window, qtbot):
    choose(combo_of(window, "problem_type"), "binary")
    choose(combo_of(window, "loss_kind"), MSE)
    type_logits(window, qtbot, ["2"])
    type_into(qtbot, spin(window, "target_spin_0"), "1")
    sigma = 1 / (1 + math.exp(-2.0))
    got = readout_values(window)
    assert got["readout_loss"] == pytest.approx((sigma - 1) ** 2, rel=1e-12)
    assert got["readout_mse"] == pytest.approx((sigma - 1) ** 2, rel=1e-12)


# -- what cannot be chosen --------------------------------------------------------------------


@pytest.mark.parametrize("problem", PROBLEMS)
def test_unsuitable_losses_are_disabled_with_a_reason(window, qtbot, problem):
    choose(combo_of(window, "problem_type"), problem)
    combo = combo_of(window, "loss_kind")
    assert [combo.itemData(i) for i in range(combo.count())] == list(LOSSES)
    suitable = losses_for(problem)
    for name in LOSSES:
        item = item_of(combo, name)
        tip = item.toolTip()
        if name in suitable:
            assert item.isEnabled(), name
            assert "Not available" not in tip, (name, tip)
        else:
            assert not item.isEnabled(), name
            assert "Not available" in tip, (name, tip)
            if name in SOFTMAX_LOSSES:
                assert "needs exactly one true class" in tip, tip
            else:
                assert "independent sigmoid" in tip, tip
    # The sigmoid losses suit exactly the binary and multi-label problems.
    if problem == "multiclass":
        assert not any(item_of(combo, name).isEnabled() for name in SIGMOID_LOSSES)
    else:
        assert not any(item_of(combo, name).isEnabled() for name in SOFTMAX_LOSSES)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_the_keyboard_never_lands_on_an_unsuitable_loss(window, qtbot, problem):
    choose(combo_of(window, "problem_type"), problem)
    combo = combo_of(window, "loss_kind")
    combo.setFocus()
    seen = set()
    keys = [Qt.Key.Key_Home] + [Qt.Key.Key_Down] * 9 + [Qt.Key.Key_End] + [Qt.Key.Key_Up] * 9
    for key in keys:
        qtbot.keyClick(combo, key)
        seen.add(combo.currentData())
        assert window.model.state.loss == combo.currentData()
        assert_loss_matches(window)
    assert seen == set(losses_for(problem))  # every suitable one, and nothing else


@pytest.mark.parametrize(
    "problem, loss",
    [
        ("binary", "tf.nn.softmax_cross_entropy_with_logits"),
        ("multilabel", "tf.compat.v1.losses.sparse_softmax_cross_entropy"),
        ("multiclass", "tf.compat.v1.losses.sigmoid_cross_entropy"),
    ],
)
def test_the_mouse_cannot_choose_an_unsuitable_loss(window, qtbot, problem, loss):
    choose(combo_of(window, "problem_type"), problem)
    before = window.model.state
    click_item(qtbot, combo_of(window, "loss_kind"), loss)
    assert window.model.state is before
    assert combo_of(window, "loss_kind").currentData() == before.loss


@pytest.mark.parametrize(
    "problem, loss, reason",
    [
        (
            "binary",
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            "needs exactly one true class",
        ),
        ("multilabel", "tf.compat.v1.losses.softmax_cross_entropy", "needs exactly one true class"),
        ("multiclass", "tf.nn.weighted_cross_entropy_with_logits", "independent sigmoid"),
    ],
)
def test_an_unsuitable_loss_set_anyway_is_refused(window, qtbot, problem, loss, reason):
    """Programmatically selecting a disabled item (as assistive tools may) changes nothing:
    the model refuses it, the status bar says why, and the combo shows the loss again."""
    choose(combo_of(window, "problem_type"), problem)
    before = window.model.state
    values = readout_values(window)
    combo = combo_of(window, "loss_kind")
    combo.setCurrentIndex(combo.findData(loss))
    assert window.model.state is before
    assert combo.currentData() == before.loss
    assert reason in status(window)
    assert readout_values(window) == values


@pytest.mark.parametrize("problem", PROBLEMS)
def test_options_the_loss_does_not_take_are_disabled(window, qtbot, problem):
    choose(combo_of(window, "problem_type"), problem)
    for loss in losses_for(problem):
        choose(combo_of(window, "loss_kind"), loss)
        assert window.model.state.loss == loss
        assert_options_follow_the_registry(window)
        options = core.loss_spec(loss).options
        compat = loss.startswith("tf.compat.v1.")
        assert ("weights" in options) == ("reduction" in options) == compat
        assert ("pos_weight" in options) == (loss == WEIGHTED)
        assert ("label_smoothing" in options) == (loss in SMOOTHING_LOSSES)


@pytest.mark.parametrize(
    "problem, loss, box, text",
    [
        ("multilabel", "tf.nn.sigmoid_cross_entropy_with_logits", "weight_spin", "5"),
        ("binary", "tf.compat.v1.losses.sigmoid_cross_entropy", "pos_weight_spin", "4"),
        (
            "multiclass",
            "tf.compat.v1.losses.sparse_softmax_cross_entropy",
            "label_smoothing_spin",
            "0.5",
        ),
        ("multiclass", "tf.nn.softmax_cross_entropy_with_logits", "weight_spin", "0"),
    ],
)
def test_typing_into_a_disabled_option_changes_nothing(window, qtbot, problem, loss, box, text):
    choose(combo_of(window, "problem_type"), problem)
    choose(combo_of(window, "loss_kind"), loss)
    before = window.model.state
    values = readout_values(window)
    assert not spin(window, box).isEnabled()
    type_into(qtbot, spin(window, box), text)
    assert window.model.state is before
    assert readout_values(window) == values


def test_the_reduction_of_a_tf_nn_loss_cannot_be_changed(window, qtbot):
    reduction = combo_of(window, "reduction")
    assert window.model.state.loss == "tf.nn.softmax_cross_entropy_with_logits"
    assert not reduction.isEnabled()
    before = window.model.state
    qtbot.keyClick(reduction, Qt.Key.Key_Up)
    qtbot.keyClick(reduction, Qt.Key.Key_Home)
    assert window.model.state is before
    assert reduction.currentData() == "weighted_sum_by_nonzero_weights"
    # A tf.compat.v1 loss: now it can, and it counts.
    choose(combo_of(window, "loss_kind"), "tf.compat.v1.losses.softmax_cross_entropy")
    assert reduction.isEnabled()
    type_into(qtbot, spin(window, "weight_spin"), "2")
    choose_with_keyboard(qtbot, reduction, "weighted_mean")
    assert window.model.state.reduction == "weighted_mean"
    assert_loss_matches(window)


def test_binary_has_one_logit_and_refuses_more(window, qtbot):
    choose(combo_of(window, "problem_type"), "binary")
    count = child(window, QSpinBox, "class_count")
    assert count.value() == 1 and not count.isEnabled()
    type_into(qtbot, count, "3")  # disabled: nothing happens
    assert window.model.state.num_classes == 1
    # Sigmoid problems take one target per output: no class index.
    target_mode = combo_of(window, "target_mode")
    assert not target_mode.isEnabled() and target_mode.currentData() == "soft"
    before = window.model.state
    assert window.model.set_target_mode("index") is False
    assert window.model.state is before
    assert "multiclass" in status(window)


# -- switching problem types ------------------------------------------------------------------


def two_class_readouts(window) -> dict[str, float]:
    got = readout_values(window)
    return {name: got[name] for name in READOUTS}


@pytest.mark.parametrize("mode", ["index", "soft"])
def test_two_classes_and_binary_are_the_same_problem(window, qtbot, mode):
    """The seed's equivalence: softmax([z₀, z₁])₁ = σ(z₁ − z₀), both ways."""
    type_into(qtbot, child(window, QSpinBox, "class_count"), "2")
    type_into(qtbot, spin(window, "temperature_spin"), "1.5")
    type_logits(window, qtbot, ["0.5", "2.25"])
    if mode == "index":
        type_into(qtbot, child(window, QSpinBox, "target_class"), "1")
        y = 1.0
    else:
        set_soft(window, qtbot, [0.3])  # p = [0.3, 0.7]
        y = 0.7
    assert_loss_matches(window)
    multiclass = two_class_readouts(window)

    choose(combo_of(window, "problem_type"), "binary")
    state = window.model.state
    assert state.problem_type == "binary"
    assert state.logits.tolist() == [2.25 - 0.5]  # z = z₁ − z₀
    assert state.soft_target.tolist() == pytest.approx([y], rel=1e-15)  # y = p₁
    assert spin(window, "logit_spin_0").value() == 1.75
    assert spin(window, "target_spin_0").value() == pytest.approx(y, rel=1e-15)
    assert state.loss == "tf.nn.sigmoid_cross_entropy_with_logits"  # the tf.nn counterpart
    assert "z₁ − z₀" in status(window)
    binary = two_class_readouts(window)
    for name in READOUTS:  # H, H(p,q), KL, MSE and even the loss: the same numbers
        assert binary[name] == pytest.approx(multiclass[name], rel=1e-12, abs=1e-15), name
    assert_loss_matches(window)

    choose(combo_of(window, "problem_type"), "multiclass")
    state = window.model.state
    assert state.logits.tolist() == [0.0, 1.75]  # logits [0, z]
    if mode == "index":
        assert (state.target_mode, state.target_class) == ("index", 1)
    else:
        assert state.target_mode == "soft"
        np.testing.assert_allclose(state.soft_target, [0.3, 0.7], rtol=1e-15)
    assert state.loss == "tf.nn.softmax_cross_entropy_with_logits"
    assert "[0, z]" in status(window)
    back = two_class_readouts(window)
    for name in READOUTS:
        assert back[name] == pytest.approx(multiclass[name], rel=1e-12, abs=1e-15), name
    assert_loss_matches(window)


def test_multiclass_to_multilabel_keeps_logits_and_targets(window, qtbot):
    type_logits(window, qtbot, LOGITS)
    set_soft(window, qtbot, [0.4, 0.4])
    before = window.model.state
    choose(combo_of(window, "problem_type"), "multilabel")
    state = window.model.state
    assert state.problem_type == "multilabel"
    np.testing.assert_array_equal(state.logits, before.logits)
    np.testing.assert_array_equal(state.soft_target, before.soft_target)
    assert state.class_names == before.class_names
    for i in range(4):
        assert spin(window, f"logit_spin_{i}").value() == before.logits[i]
        assert spin(window, f"target_spin_{i}").value() == before.soft_target[i]
    assert state.loss == "tf.nn.sigmoid_cross_entropy_with_logits"
    assert "need not sum to 1" in status(window)
    assert_loss_matches(window)


@pytest.mark.parametrize(
    "targets, mode, target_class, p",
    [
        (["0", "0", "1", "0"], "index", 2, [0.0, 0.0, 1.0, 0.0]),
        # Several true classes cannot be one softmax target: rescaled to sum to 1.
        (["1", "0", "1", "0"], "soft", None, [0.5, 0.0, 0.5, 0.0]),
    ],
)
def test_multilabel_to_multiclass(window, qtbot, targets, mode, target_class, p):
    choose(combo_of(window, "problem_type"), "multilabel")
    type_logits(window, qtbot, LOGITS)
    for i, v in enumerate(targets):
        type_into(qtbot, spin(window, f"target_spin_{i}"), v)
    choose(combo_of(window, "problem_type"), "multiclass")
    state = window.model.state
    assert state.problem_type == "multiclass"
    np.testing.assert_array_equal(state.logits, [float(v) for v in LOGITS])
    assert state.target_mode == mode
    assert combo_of(window, "target_mode").currentData() == mode
    if target_class is not None:
        assert state.target_class == target_class
        assert child(window, QSpinBox, "target_class").value() == target_class
    else:
        np.testing.assert_allclose(state.soft_target, p, rtol=1e-15)
        assert "rescaled" in status(window)
    np.testing.assert_allclose(window.model.result.p, p, rtol=1e-15)
    assert_loss_matches(window)


def test_many_classes_to_binary_resets_with_a_notice(window, qtbot):
    type_logits(window, qtbot, LOGITS)
    type_into(qtbot, child(window, QSpinBox, "target_class"), "3")
    choose(combo_of(window, "problem_type"), "binary")
    state = window.model.state
    assert state.logits.tolist() == [0.0] and state.soft_target.tolist() == [1.0]
    assert state.class_names == ("class 3",)  # the true class's name is kept
    assert "cannot become one sigmoid" in status(window)
    assert_loss_matches(window)
    assert readout_values(window)["readout_loss"] == pytest.approx(math.log(2), rel=1e-15)


def test_binary_and_multilabel_carry_the_first_output(window, qtbot):
    choose(combo_of(window, "problem_type"), "binary")
    type_logits(window, qtbot, ["-1.5"])
    type_into(qtbot, spin(window, "target_spin_0"), "0.2")
    choose(combo_of(window, "problem_type"), "multilabel")
    state = window.model.state
    assert state.logits.tolist() == [-1.5, 0.0] and state.soft_target.tolist() == [0.2, 0.0]
    assert "second class" in status(window)
    assert_loss_matches(window)
    type_logits(window, qtbot, ["2.5", "-4"])
    choose(combo_of(window, "problem_type"), "binary")
    state = window.model.state
    assert state.logits.tolist() == [2.5] and state.soft_target.tolist() == [0.2]
    assert_loss_matches(window)


@pytest.mark.parametrize(
    "start, problem, mapped",
    [
        (
            "tf.nn.softmax_cross_entropy_with_logits",
            "multilabel",
            "tf.nn.sigmoid_cross_entropy_with_logits",
        ),
        (
            "tf.compat.v1.losses.softmax_cross_entropy",
            "multilabel",
            "tf.compat.v1.losses.sigmoid_cross_entropy",
        ),
        (
            "tf.compat.v1.losses.softmax_cross_entropy",
            "binary",
            "tf.compat.v1.losses.sigmoid_cross_entropy",
        ),
        (
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            "binary",
            "tf.nn.sigmoid_cross_entropy_with_logits",
        ),
        (
            "tf.compat.v1.losses.sparse_softmax_cross_entropy",
            "multilabel",
            "tf.compat.v1.losses.sigmoid_cross_entropy",
        ),
        (MSE, "multilabel", MSE),
        (MSE, "binary", MSE),
    ],
)
def test_an_unsuitable_loss_becomes_its_counterpart(window, qtbot, start, problem, mapped):
    choose(combo_of(window, "loss_kind"), start)
    if start in COMPAT_LOSSES:
        type_into(qtbot, spin(window, "weight_spin"), "2.5")
        choose(combo_of(window, "reduction"), "weighted_sum")
    if start in SMOOTHING_LOSSES:
        type_into(qtbot, spin(window, "label_smoothing_spin"), "0.2")
    assert window.model.state.loss == start
    choose(combo_of(window, "problem_type"), problem)
    state = window.model.state
    assert (state.problem_type, state.loss) == (problem, mapped)
    assert combo_of(window, "loss_kind").currentData() == mapped
    if mapped != start:
        assert mapped in status(window)
    # The options stay and mean the same to the counterpart.
    if start in COMPAT_LOSSES:
        assert (state.weight, state.reduction) == (2.5, "weighted_sum")
    if start in SMOOTHING_LOSSES:
        assert state.label_smoothing == 0.2
    assert_options_follow_the_registry(window)
    assert_loss_matches(window)
    # And back: the sigmoid loss's counterpart is the softmax one of the same API.
    choose(combo_of(window, "problem_type"), "multiclass")
    back = window.model.state.loss
    assert core.loss_spec(back).problem_types == {"multiclass"} or back == MSE
    assert back.startswith("tf.compat.v1.") == mapped.startswith("tf.compat.v1.")
    assert_loss_matches(window)


def test_undo_after_a_switch_restores_everything_in_one_step(window, qtbot):
    type_logits(window, qtbot, LOGITS)
    set_soft(window, qtbot, [0.4, 0.4])
    choose(combo_of(window, "loss_kind"), "tf.compat.v1.losses.softmax_cross_entropy")
    type_into(qtbot, spin(window, "label_smoothing_spin"), "0.1")
    before = dataclasses.replace(window.model.state, pinned=())
    values = readout_values(window)
    undo = window.window_actions.actions["undo"]
    redo = window.window_actions.actions["redo"]
    for problem in ("binary", "multilabel"):
        choose(combo_of(window, "problem_type"), problem)
        after = window.model.state
        assert after.problem_type == problem
        undo.trigger()  # Edit › Undo, once
        state = window.model.state
        assert dataclasses.replace(state, pinned=()).same_as(before)
        assert combo_of(window, "problem_type").currentData() == "multiclass"
        assert child(window, QSpinBox, "class_count").value() == 4
        assert combo_of(window, "loss_kind").currentData() == before.loss
        for i in range(4):
            assert spin(window, f"logit_spin_{i}").value() == before.logits[i]
        assert readout_values(window) == pytest.approx(values, rel=1e-15)
        assert_loss_matches(window)
        redo.trigger()
        assert window.model.state.same_as(after)
        assert combo_of(window, "problem_type").currentData() == problem
        assert_loss_matches(window)
        undo.trigger()


# -- scene files: version 1 migrates, version 2 round-trips ----------------------------------


def write_scene(path, state: dict, version: int = 1) -> None:
    data = {"format": "logit-lab-scene", "version": version, "title": path.stem, "state": state}
    path.write_text(json.dumps(data), encoding="utf-8")


def v1_sigmoid_loss(p, logits, temperature=1.0, label_smoothing=0.0) -> float:
    """Version 1's sigmoid_cross_entropy: the K classes as K yes/no problems, the mean over
    them of −[p′ log σ(x) + (1 − p′) log(1 − σ(x))], p′ = p(1 − s) + s/2, x = z/T."""
    labels = np.asarray(p) * (1 - label_smoothing) + label_smoothing / 2
    return float(np.mean(sigmoid_ce_terms(labels, np.asarray(logits) / temperature)))


def test_a_version_1_sigmoid_scene_opens_as_multilabel(window, tmp_path):
    path = tmp_path / "old.json"
    logits, p = [2.0, -1.0, 0.5, -3.0], [0.4, 0.3, 0.2, 0.1]
    write_scene(
        path,
        {
            "logits": logits,
            "target_mode": "soft",
            "soft_target": p,
            "temperature": 1.25,
            "label_smoothing": 0.2,
            "loss": "sigmoid_cross_entropy",
        },
    )
    assert window.open_scene(path) is True
    state = window.model.state
    assert state.problem_type == "multilabel"
    assert state.loss == "tf.compat.v1.losses.sigmoid_cross_entropy"
    assert combo_of(window, "problem_type").currentData() == "multilabel"
    assert combo_of(window, "loss_kind").currentData() == state.loss
    np.testing.assert_array_equal(state.logits, logits)
    np.testing.assert_array_equal(state.soft_target, p)
    want = v1_sigmoid_loss(p, logits, 1.25, 0.2)
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert_loss_matches(window)


def test_a_version_1_sigmoid_scene_with_a_class_index(window, tmp_path):
    path = tmp_path / "old-index.json"
    logits = [0.5, 1.5, -2.0]
    write_scene(
        path,
        {
            "logits": logits,
            "target_mode": "index",
            "target_class": 1,
            "loss": "sigmoid_cross_entropy",
        },
    )
    assert window.open_scene(path) is True
    state = window.model.state
    assert (state.problem_type, state.target_mode) == ("multilabel", "soft")
    np.testing.assert_array_equal(state.soft_target, [0.0, 1.0, 0.0])  # the one-hot p
    want = v1_sigmoid_loss([0.0, 1.0, 0.0], logits)
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert_loss_matches(window)


def test_a_version_1_scene_normalised_its_soft_targets(window, tmp_path):
    """Version 1 rescaled soft targets to sum to 1 while keep Σp = 1 was on (its
    default); the migrated multi-label scene must show the same targets and loss."""
    path = tmp_path / "old-unnormalised.json"
    logits, p = [1.0, 0.0, -1.0, 2.0], [0.2, 0.2, 0.2, 0.2]
    write_scene(
        path,
        {
            "logits": logits,
            "target_mode": "soft",
            "soft_target": p,
            "loss": "sigmoid_cross_entropy",
        },
    )
    assert window.open_scene(path) is True
    state = window.model.state
    assert state.problem_type == "multilabel"
    np.testing.assert_allclose(state.soft_target, [0.25] * 4, rtol=1e-15)
    want = v1_sigmoid_loss([0.25] * 4, logits)
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)
    # With keep Σp = 1 off, version 1 used the targets as written.
    write_scene(
        path,
        {
            "logits": logits,
            "target_mode": "soft",
            "auto_normalise": False,
            "soft_target": p,
            "loss": "sigmoid_cross_entropy",
        },
    )
    assert window.open_scene(path) is True
    np.testing.assert_array_equal(window.model.state.soft_target, p)
    want = v1_sigmoid_loss(p, logits)
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)


def test_a_version_1_weighted_scene(window, tmp_path):
    path = tmp_path / "old-weighted.json"
    logits, p = [1.0, -2.0], [1.0, 0.0]
    write_scene(
        path,
        {
            "logits": logits,
            "target_mode": "soft",
            "auto_normalise": False,
            "soft_target": p,
            "loss": "weighted_cross_entropy",
            "pos_weight": 4.0,
        },
    )
    assert window.open_scene(path) is True
    state = window.model.state
    assert (state.problem_type, state.loss) == ("multilabel", WEIGHTED)
    want = float(np.mean(sigmoid_ce_terms(np.array(p), np.array(logits), 4.0)))
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert_loss_matches(window)


@pytest.mark.parametrize(
    "old, loss",
    [
        ({"loss": "softmax_cross_entropy"}, "tf.compat.v1.losses.softmax_cross_entropy"),
        ({}, "tf.compat.v1.losses.softmax_cross_entropy"),  # version 1's default loss
        (
            {"loss": "sparse_softmax_cross_entropy"},
            "tf.compat.v1.losses.sparse_softmax_cross_entropy",
        ),
        ({"loss": "mean_squared_error"}, MSE),
    ],
)
def test_version_1_softmax_scenes_stay_multiclass(window, tmp_path, old, loss):
    path = tmp_path / "old-softmax.json"
    logits = [3.0, 0.5, 0.0, -0.5, -1.0]
    write_scene(path, {"logits": logits, "target_class": 0, "label_smoothing": 0.1, **old})
    assert window.open_scene(path) is True
    state = window.model.state
    assert (state.problem_type, state.loss) == ("multiclass", loss)
    x = np.array(logits)
    if loss == "tf.compat.v1.losses.softmax_cross_entropy":
        p = np.array([1.0, 0, 0, 0, 0]) * 0.9 + 0.1 / 5  # version 1 smoothed softmax labels
        want = float(-np.sum(p * special.log_softmax(x)))
    elif loss == MSE:
        want = float(np.mean((special.softmax(x) - [1, 0, 0, 0, 0]) ** 2))
    else:
        want = float(-special.log_softmax(x)[0])
    assert readout_values(window)["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert_loss_matches(window)


def test_a_version_1_scene_may_name_a_loss_in_full(window, tmp_path):
    """A full TensorFlow name in a version-1 file is read as it is (it is unambiguous)."""
    path = tmp_path / "old-full-name.json"
    write_scene(path, {"loss": "tf.nn.softmax_cross_entropy_with_logits"})
    assert window.open_scene(path) is True
    assert window.model.state.loss == "tf.nn.softmax_cross_entropy_with_logits"


def save_and_reopen(window, tmp_path, monkeypatch) -> dict:
    from app.widgets.scene_dialog import SceneDetailsDialog

    target = tmp_path / "saved"  # the dialog adds .json
    # The details dialog (title, note, question) comes first; it has its own typing tests.
    monkeypatch.setattr(SceneDetailsDialog, "ask", staticmethod(lambda *a, **k: ("saved", "", "")))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target) + ".json", ""))
    )
    saved = dataclasses.replace(window.model.state, pinned=())
    values = readout_values(window)
    window.save_scene_dialog()
    data = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    window.reset()
    assert not window.model.state.same_as(saved)
    window.open_scene_dialog()
    assert window.model.state.same_as(saved)
    assert readout_values(window) == pytest.approx(values, rel=1e-15)
    assert_readouts_match_state(window)
    return data


def test_a_saved_multilabel_scene_round_trips(window, qtbot, tmp_path, monkeypatch):
    set_up(window, qtbot, "multilabel", "soft")
    choose(combo_of(window, "loss_kind"), "tf.compat.v1.losses.sigmoid_cross_entropy")
    type_into(qtbot, spin(window, "weight_spin"), "1/3")
    choose(combo_of(window, "reduction"), "weighted_sum_over_batch_size")
    type_into(qtbot, spin(window, "label_smoothing_spin"), "0.25")
    data = save_and_reopen(window, tmp_path, monkeypatch)
    assert data["version"] == 3
    state = data["state"]
    assert state["problem_type"] == "multilabel"
    assert state["loss"] == "tf.compat.v1.losses.sigmoid_cross_entropy"
    assert state["weight"] == 1 / 3
    assert state["reduction"] == "weighted_sum_over_batch_size"
    assert combo_of(window, "problem_type").currentData() == "multilabel"
    assert spin(window, "weight_spin").value() == 1 / 3
    assert combo_of(window, "reduction").currentData() == "weighted_sum_over_batch_size"
    assert_loss_matches(window)


def test_a_saved_binary_scene_round_trips(window, qtbot, tmp_path, monkeypatch):
    set_up(window, qtbot, "binary", "soft")
    choose(combo_of(window, "loss_kind"), MSE)
    type_into(qtbot, spin(window, "weight_spin"), "0")
    choose(combo_of(window, "reduction"), "weighted_sum")
    data = save_and_reopen(window, tmp_path, monkeypatch)
    assert data["version"] == 3
    state = data["state"]
    assert (state["problem_type"], state["loss"]) == ("binary", MSE)
    assert state["logits"] == [1.75] and state["soft_target"] == [0.3]
    assert (state["weight"], state["reduction"]) == (0.0, "weighted_sum")
    assert combo_of(window, "problem_type").currentData() == "binary"
    assert child(window, QSpinBox, "class_count").value() == 1
    assert readout_values(window)["readout_loss"] == 0.0
    assert_loss_matches(window)


@pytest.mark.parametrize("problem", PROBLEMS)
def test_a_version_2_scene_without_a_loss_takes_the_tf_nn_default(window, tmp_path, problem):
    path = tmp_path / "new.json"
    k = 1 if problem == "binary" else 3
    state = {"problem_type": problem, "logits": [0.5] * k, "soft_target": [1.0] + [0.0] * (k - 1)}
    if problem == "multiclass":
        state["target_mode"] = "soft"
    write_scene(path, state, version=2)
    assert window.open_scene(path) is True
    loss = window.model.state.loss
    assert window.model.state.problem_type == problem
    assert loss.startswith("tf.nn.") and loss in losses_for(problem)
    assert_loss_matches(window)
