"""Temperature, units, the loss options, and every readout against independent formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import (
    LN2,
    LOSSES,
    MSE,
    READOUTS,
    SPARSE_LOSSES,
    assert_readouts_match,
    assert_readouts_match_state,
    child,
    choose,
    losses_for,
    readout_texts,
    readout_values,
    set_soft,
    shown_inputs,
    spin,
    type_into,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget
from scipy import special

from core import LossKind

#: The losses with a label_smoothing option (tf.compat.v1.losses' softmax and sigmoid).
SMOOTHING_LOSSES = (
    "tf.compat.v1.losses.softmax_cross_entropy",
    "tf.compat.v1.losses.sigmoid_cross_entropy",
)


def set_logits(window, qtbot, values):
    for i, v in enumerate(values):
        type_into(qtbot, spin(window, f"logit_spin_{i}"), f"{v}")
    np.testing.assert_allclose(window.model.state.logits, values)


# -- readouts ------------------------------------------------------------------------------


def test_every_readout_has_a_float_value(window):
    for name in READOUTS:
        w = child(window, QWidget, name)
        assert isinstance(w.property("value"), float), name
    assert_readouts_match(window)


def test_default_readouts_by_hand(window):
    """The default state, computed here with nothing but NumPy."""
    z = np.array([2.0, 1.0, 0.1, -1.0])
    q = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    got = readout_values(window)
    assert got["readout_entropy"] == 0.0
    assert got["readout_cross_entropy"] == pytest.approx(-math.log(q[0]), rel=1e-12)
    assert got["readout_kl"] == pytest.approx(-math.log(q[0]), rel=1e-12)
    assert got["readout_mse"] == pytest.approx(np.mean((q - [1, 0, 0, 0]) ** 2), rel=1e-12)
    assert got["readout_loss"] == pytest.approx(-math.log(q[0]), rel=1e-12)


def test_readouts_soft_target_and_kl_identity(window, qtbot):
    set_logits(window, qtbot, [1.0, 0.5, 0.0, -0.5])
    set_soft(window, qtbot, [0.5])  # p = [0.5, 1/6, 1/6, 1/6]
    p = window.model.state.soft_target
    np.testing.assert_allclose(p, [0.5, 1 / 6, 1 / 6, 1 / 6])
    got = readout_values(window)
    # From the model's exact p (the spins round 1/6 to 4 decimals).
    x = np.array([1.0, 0.5, 0.0, -0.5])
    q = special.softmax(x)
    h = special.entr(p).sum()
    ce = -special.xlogy(p, q).sum()
    kl = special.rel_entr(p, q).sum()
    assert got["readout_entropy"] == pytest.approx(h, rel=1e-12)
    assert got["readout_cross_entropy"] == pytest.approx(ce, rel=1e-12)
    assert got["readout_kl"] == pytest.approx(kl, rel=1e-9)
    assert got["readout_kl"] == pytest.approx(
        got["readout_cross_entropy"] - got["readout_entropy"], rel=1e-9
    )
    assert got["readout_kl"] > 0
    assert got["readout_mse"] == pytest.approx(np.mean((q - p) ** 2), rel=1e-12)
    # And against what the spins show, within the spins' 4-decimal rounding.
    assert_readouts_match(window, rel=1e-3, abs_=1e-4)


def test_kl_is_zero_when_q_equals_p(window, qtbot):
    set_logits(window, qtbot, [0.0, 0.0, 0.0, 0.0])
    set_soft(window, qtbot, [0.25])
    got = readout_values(window)
    assert got["readout_kl"] == pytest.approx(0.0, abs=1e-12)
    assert got["readout_entropy"] == pytest.approx(math.log(4), rel=1e-12)
    assert got["readout_cross_entropy"] == pytest.approx(math.log(4), rel=1e-12)
    assert got["readout_mse"] == pytest.approx(0.0, abs=1e-30)


def test_readout_text_shows_the_value_and_never_nan(window, qtbot):
    set_logits(window, qtbot, [123, 456, 789, 0])
    for name in READOUTS:
        texts = " ".join(readout_texts(window, name))
        assert "nan" not in texts.lower(), (name, texts)
    text = " ".join(readout_texts(window, "readout_cross_entropy"))
    assert "666" in text and "nats" in text


# -- temperature ---------------------------------------------------------------------------


def test_temperature_spin(window, qtbot):
    t = spin(window, "temperature_spin")
    assert (t.minimum(), t.maximum()) == (0.05, 20.0)
    assert t.value() == 1.0
    type_into(qtbot, t, "2.5")
    assert window.model.state.temperature == 2.5
    got = assert_readouts_match(window)
    # By hand: q = softmax(z / 2.5), true class 0.
    want = -special.log_softmax(np.array([2.0, 1.0, 0.1, -1.0]) / 2.5)[0]
    assert got["readout_cross_entropy"] == pytest.approx(want, rel=1e-12)
    assert got["readout_loss"] == pytest.approx(want, rel=1e-12)
    t.setValue(0.01)
    assert t.value() == 0.05 and window.model.state.temperature == 0.05
    assert_readouts_match(window)
    t.setValue(100.0)
    assert t.value() == 20.0 and window.model.state.temperature == 20.0
    assert_readouts_match(window)


@pytest.mark.parametrize("problem", ["multiclass", "binary", "multilabel"])
def test_temperature_divides_logits_before_every_loss(window, qtbot, problem):
    choose(child(window, QComboBox, "problem_type"), problem)
    assert window.model.state.problem_type == problem
    type_into(qtbot, spin(window, "temperature_spin"), "0.5")
    for loss in losses_for(problem):
        choose(child(window, QComboBox, "loss_kind"), loss)
        assert window.model.state.loss == loss
        got = assert_readouts_match(window)
        assert got["readout_loss"] > 0


# -- units ---------------------------------------------------------------------------------


def test_units_bits_are_nats_over_ln2(window, qtbot):
    set_soft(window, qtbot, [0.4])
    units = child(window, QComboBox, "units")
    assert [units.itemData(i) for i in range(units.count())] == ["nats", "bits"]
    nats = readout_values(window)
    choose(units, "bits")
    assert window.model.state.units == "bits"
    bits = assert_readouts_match(window)
    for name in ("readout_entropy", "readout_cross_entropy", "readout_kl"):
        assert bits[name] == pytest.approx(nats[name] / LN2, rel=1e-12)
    # MSE is unitless and the loss stays in nats (TensorFlow's unit).
    assert bits["readout_mse"] == nats["readout_mse"]
    assert bits["readout_loss"] == nats["readout_loss"]
    text = " ".join(readout_texts(window, "readout_entropy"))
    assert "bits" in text
    choose(units, "nats")
    assert readout_values(window) == pytest.approx(nats)


def test_units_shortcut_ctrl_b(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.model.state.units == "bits"
    assert child(window, QComboBox, "units").currentData() == "bits"
    assert_readouts_match(window)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert child(window, QComboBox, "units").currentData() == "nats"
    assert_readouts_match(window)


def test_thirty_two_teams_builtin_scene_is_5_bits(window):
    window.load_builtin_scene("thirty-two-teams")
    assert child(window, QSpinBox, "class_count").value() == 32
    assert child(window, QComboBox, "units").currentData() == "bits"
    # p = 1/32 = 0.03125 needs 5 decimals: compare with the model's exact p.
    assert_readouts_match_state(window)
    got = readout_values(window)
    assert got["readout_entropy"] == pytest.approx(5.0, rel=1e-12)
    assert got["readout_cross_entropy"] == pytest.approx(5.0, rel=1e-12)
    assert got["readout_kl"] == pytest.approx(0.0, abs=1e-12)


def test_thirty_two_teams_by_hand_is_5_bits(window, qtbot):
    type_into(qtbot, child(window, QSpinBox, "class_count"), "32")
    assert window.model.state.num_classes == 32
    for i in range(4):
        type_into(qtbot, spin(window, f"logit_spin_{i}"), "0")
    assert np.all(window.model.state.logits == 0.0)
    # Equal weights typed with auto-normalise off, then normalised: exactly 1/32 each.
    set_soft(window, qtbot, normalise=False)
    for i in range(32):
        spin(window, f"target_spin_{i}").setValue(0.5)
    np.testing.assert_array_equal(window.model.state.soft_target, 0.5)
    child(window, QCheckBox, "auto_normalise").setChecked(True)
    np.testing.assert_allclose(window.model.state.soft_target, 1 / 32, rtol=1e-15)
    choose(child(window, QComboBox, "units"), "bits")
    got = readout_values(window)
    assert got["readout_entropy"] == pytest.approx(5.0, rel=1e-12)
    assert got["readout_cross_entropy"] == pytest.approx(5.0, rel=1e-12)
    assert got["readout_kl"] == pytest.approx(0.0, abs=1e-12)
    assert got["readout_mse"] == pytest.approx(0.0, abs=1e-30)
    assert got["readout_loss"] == pytest.approx(math.log(32), rel=1e-12)  # nats
    choose(child(window, QComboBox, "units"), "nats")
    assert readout_values(window)["readout_entropy"] == pytest.approx(math.log(32), rel=1e-12)


# -- the loss ------------------------------------------------------------------------------


def test_loss_kind_items_are_the_core_loss_kinds(window):
    combo = child(window, QComboBox, "loss_kind")
    data = [combo.itemData(i) for i in range(combo.count())]
    assert data == [k.value for k in LossKind] == list(LOSSES)  # the registry's order
    assert combo.currentData() == "tf.nn.softmax_cross_entropy_with_logits"


def test_softmax_loss_with_label_smoothing(window, qtbot):
    smoothing = spin(window, "label_smoothing_spin")
    assert not smoothing.isEnabled()  # tf.nn.softmax_cross_entropy_with_logits has no smoothing
    choose(child(window, QComboBox, "loss_kind"), "tf.compat.v1.losses.softmax_cross_entropy")
    assert smoothing.isEnabled()
    type_into(qtbot, smoothing, "0.1")
    assert window.model.state.label_smoothing == pytest.approx(0.1)
    got = assert_readouts_match(window)
    # By hand: p' = p(1 − s) + s/K = [0.925, 0.025, 0.025, 0.025].
    z = np.array([2.0, 1.0, 0.1, -1.0])
    log_q = z - z.max() - math.log(np.exp(z - z.max()).sum())
    want = -(0.925 * log_q[0] + 0.025 * (log_q[1] + log_q[2] + log_q[3]))
    assert got["readout_loss"] == pytest.approx(want, rel=1e-12)
    # Smoothing changes the loss only, not H(p,q).
    assert got["readout_cross_entropy"] == pytest.approx(-log_q[0], rel=1e-12)
    # Back to tf.nn: s stays set but greyed out, and the loss ignores it.
    choose(child(window, QComboBox, "loss_kind"), "tf.nn.softmax_cross_entropy_with_logits")
    assert not smoothing.isEnabled() and smoothing.value() == pytest.approx(0.1)
    got = assert_readouts_match(window)
    assert got["readout_loss"] == pytest.approx(-log_q[0], rel=1e-12)


@pytest.mark.parametrize("loss", SPARSE_LOSSES)
def test_sparse_softmax_loss(window, qtbot, loss):
    child(window, QSpinBox, "target_class").setValue(3)
    choose(child(window, QComboBox, "loss_kind"), loss)
    assert window.model.state.loss == loss
    got = assert_readouts_match(window)
    want = -special.log_softmax(np.array([2.0, 1.0, 0.1, -1.0]))[3]
    assert got["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert not spin(window, "label_smoothing_spin").isEnabled()
    assert not spin(window, "pos_weight_spin").isEnabled()
    compat = loss.startswith("tf.compat.v1.")
    assert spin(window, "weight_spin").isEnabled() is compat
    assert child(window, QComboBox, "reduction").isEnabled() is compat


@pytest.mark.parametrize(
    "sparse, dense",
    [
        (
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            "tf.nn.softmax_cross_entropy_with_logits",
        ),
        (
            "tf.compat.v1.losses.sparse_softmax_cross_entropy",
            "tf.compat.v1.losses.softmax_cross_entropy",
        ),
    ],
)
def test_sparse_loss_falls_back_when_switching_to_soft(window, qtbot, sparse, dense):
    choose(child(window, QComboBox, "loss_kind"), sparse)
    choose(child(window, QComboBox, "target_mode"), "soft")
    assert window.model.state.target_mode == "soft"
    assert window.model.state.loss == dense  # its twin for distributions, of the same API
    assert child(window, QComboBox, "loss_kind").currentData() == dense
    assert_readouts_match(window)


def test_sigmoid_loss_multilabel_with_smoothing(window, qtbot):
    set_logits(window, qtbot, [2.0, -1.0, 0.5, -3.0])
    choose(child(window, QComboBox, "problem_type"), "multilabel")
    assert window.model.state.problem_type == "multilabel"
    for i, v in enumerate([1.0, 0.0, 1.0, 0.0]):  # targets need not sum to 1: none rescaled
        type_into(qtbot, spin(window, f"target_spin_{i}"), f"{v}")
    np.testing.assert_array_equal(window.model.state.soft_target, [1.0, 0.0, 1.0, 0.0])
    choose(child(window, QComboBox, "loss_kind"), "tf.compat.v1.losses.sigmoid_cross_entropy")
    type_into(qtbot, spin(window, "label_smoothing_spin"), "0.2")
    type_into(qtbot, spin(window, "temperature_spin"), "2")
    got = assert_readouts_match(window)
    # By hand: x = z/T, labels = p(1 − s) + s/2, mean of −[y log σ(x) + (1−y) log(1−σ(x))].
    x = np.array([2.0, -1.0, 0.5, -3.0]) / 2.0
    y = np.array([1.0, 0.0, 1.0, 0.0]) * 0.8 + 0.1
    sig = 1 / (1 + np.exp(-x))
    want = float(np.mean(-(y * np.log(sig) + (1 - y) * np.log(1 - sig))))
    assert got["readout_loss"] == pytest.approx(want, rel=1e-12)


def test_weighted_sigmoid_loss(window, qtbot):
    set_soft(window, qtbot, [0.4])  # p = [0.4, 0.2, 0.2, 0.2]
    choose(child(window, QComboBox, "problem_type"), "multilabel")  # the targets are kept
    choose(child(window, QComboBox, "loss_kind"), "tf.nn.weighted_cross_entropy_with_logits")
    w = spin(window, "pos_weight_spin")
    assert w.isEnabled()
    assert not spin(window, "label_smoothing_spin").isEnabled()
    assert not spin(window, "weight_spin").isEnabled()
    assert not child(window, QComboBox, "reduction").isEnabled()
    type_into(qtbot, w, "3")
    assert window.model.state.pos_weight == 3.0
    got = readout_values(window)
    p = window.model.state.soft_target
    np.testing.assert_allclose(p, [0.4, 0.2, 0.2, 0.2], rtol=1e-15)
    x = np.array([2.0, 1.0, 0.1, -1.0])
    sig = 1 / (1 + np.exp(-x))
    want = float(np.mean(-(3.0 * p * np.log(sig) + (1 - p) * np.log(1 - sig))))
    assert got["readout_loss"] == pytest.approx(want, rel=1e-12)
    assert_readouts_match(window)


@pytest.mark.parametrize("problem", ["multiclass", "binary", "multilabel"])
def test_mse_loss(window, qtbot, problem):
    """With TensorFlow's default reduction and weight 1 the MSE loss is the MSE readout:
    (1/K) Σ (qᵢ − pᵢ)² of the softmax, of the K sigmoids, or (σ − y)² of the one sigmoid."""
    choose(child(window, QComboBox, "problem_type"), problem)
    choose(child(window, QComboBox, "loss_kind"), MSE)
    assert window.model.state.loss == MSE
    got = assert_readouts_match(window)
    assert got["readout_loss"] == pytest.approx(got["readout_mse"], rel=1e-12)


CASES = [
    (problem, loss)
    for problem in ("multiclass", "binary", "multilabel")
    for loss in losses_for(problem)
]


@pytest.mark.parametrize("problem, loss", CASES, ids=[f"{p}-{x}" for p, x in CASES])
def test_every_loss_on_the_shown_inputs(window, qtbot, problem, loss):
    type_into(qtbot, spin(window, "temperature_spin"), "1.5")
    if problem == "binary":
        choose(child(window, QComboBox, "problem_type"), "binary")
        set_logits(window, qtbot, [0.75])
        type_into(qtbot, spin(window, "target_spin_0"), "0.4")
        np.testing.assert_array_equal(window.model.state.soft_target, [0.4])
    else:
        set_logits(window, qtbot, [0.75, -2.5, 4.0, 1.25])
        if loss in SPARSE_LOSSES:
            child(window, QSpinBox, "target_class").setValue(1)
        else:
            set_soft(window, qtbot, [0.4, 0.4])  # both typed values stay; p2, p3 share the rest
            np.testing.assert_allclose(window.model.state.soft_target, [0.4, 0.4, 0.1, 0.1])
        choose(child(window, QComboBox, "problem_type"), problem)  # multi-label keeps p
    choose(child(window, QComboBox, "loss_kind"), loss)
    if loss in SMOOTHING_LOSSES:
        type_into(qtbot, spin(window, "label_smoothing_spin"), "0.3")
    if loss == "tf.nn.weighted_cross_entropy_with_logits":
        type_into(qtbot, spin(window, "pos_weight_spin"), "0.25")
    if loss.startswith("tf.compat.v1."):
        type_into(qtbot, spin(window, "weight_spin"), "2.5")
    inp = shown_inputs(window)
    assert (inp.problem_type, inp.loss) == (problem, loss)
    assert_readouts_match(window)
    choose(child(window, QComboBox, "units"), "bits")
    assert_readouts_match(window)
