"""Independent reference values for the GUI tests, and helpers that read the widgets.

Nothing here calls ``core``: every expected number is computed again from
scipy.special / NumPy formulas on the inputs the widgets *show*, so a test
fails if the app computes, converts or displays something wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox, QWidget
from scipy import special

LN2 = math.log(2.0)
READOUTS = (
    "readout_entropy",
    "readout_cross_entropy",
    "readout_kl",
    "readout_mse",
    "readout_loss",
)
LOSSES = (
    "softmax_cross_entropy",
    "sparse_softmax_cross_entropy",
    "sigmoid_cross_entropy",
    "weighted_cross_entropy",
    "mean_squared_error",
)


@dataclass(frozen=True)
class Inputs:
    """Everything the readouts depend on."""

    logits: np.ndarray
    p: np.ndarray
    temperature: float = 1.0
    units: str = "nats"
    loss: str = "softmax_cross_entropy"
    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    target_class: int | None = None

    @property
    def k(self) -> int:
        return int(self.logits.size)


def inputs_from_state(state) -> Inputs:
    """The inputs as the model holds them (for tests that drive the model directly)."""
    k = state.num_classes
    if state.target_mode == "index":
        p = np.zeros(k)
        p[state.target_class] = 1.0
        tc = state.target_class
    else:
        p = np.array(state.soft_target, dtype=np.float64)
        tc = None
    return Inputs(
        logits=np.array(state.logits, dtype=np.float64),
        p=p,
        temperature=float(state.temperature),
        units=state.units,
        loss=state.loss,
        label_smoothing=float(state.label_smoothing),
        pos_weight=float(state.pos_weight),
        target_class=tc,
    )


def child(window: QWidget, cls: type, name: str) -> QWidget:
    w = window.findChild(cls, name)
    assert w is not None, f"no {cls.__name__} named {name!r}"
    return w


def shown_inputs(window: QWidget) -> Inputs:
    """The inputs as the widgets display them (spins, combos), not as the model stores them."""
    k = child(window, QSpinBox, "class_count").value()
    logits = np.array([child(window, QDoubleSpinBox, f"logit_spin_{i}").value() for i in range(k)])
    p = np.array([child(window, QDoubleSpinBox, f"target_spin_{i}").value() for i in range(k)])
    mode = child(window, QComboBox, "target_mode").currentData()
    tc = child(window, QSpinBox, "target_class").value() if mode == "index" else None
    return Inputs(
        logits=logits,
        p=p,
        temperature=child(window, QDoubleSpinBox, "temperature_spin").value(),
        units=child(window, QComboBox, "units").currentData(),
        loss=str(child(window, QComboBox, "loss_kind").currentData()),
        label_smoothing=child(window, QDoubleSpinBox, "label_smoothing_spin").value(),
        pos_weight=child(window, QDoubleSpinBox, "pos_weight_spin").value(),
        target_class=tc,
    )


def auto_normalise_box(window: QWidget) -> QCheckBox:
    return child(window, QCheckBox, "auto_normalise")


def readout_values(window: QWidget) -> dict[str, float]:
    out = {}
    for name in READOUTS:
        w = child(window, QWidget, name)
        v = w.property("value")
        assert isinstance(v, float), f"{name}.value is {v!r}, not a float"
        out[name] = v
    return out


# -- the formulas ------------------------------------------------------------------------


def q_of(inp: Inputs) -> np.ndarray:
    return special.softmax(inp.logits / inp.temperature)


def log_q_of(inp: Inputs) -> np.ndarray:
    return special.log_softmax(inp.logits / inp.temperature)


def entropy_nats(p: np.ndarray) -> float:
    return float(np.sum(special.entr(p)))


def cross_entropy_nats(p: np.ndarray, log_q: np.ndarray) -> float:
    # 0 · log q = 0; log q from log_softmax stays finite where q itself underflows.
    return float(-np.sum(np.where(p > 0, p * log_q, 0.0)))


def kl_nats(p: np.ndarray, log_q: np.ndarray) -> float:
    return float(np.sum(special.xlogy(p, p)) - np.sum(np.where(p > 0, p * log_q, 0.0)))


def softmax_ce(labels: np.ndarray, x: np.ndarray) -> float:
    return float(-np.sum(labels * special.log_softmax(x)))


def sigmoid_ce(labels: np.ndarray, x: np.ndarray, pos_weight: float = 1.0) -> float:
    """Mean over classes of −[w·z·log σ(x) + (1 − z)·log(1 − σ(x))]."""
    terms = -(pos_weight * labels * special.log_expit(x) + (1.0 - labels) * special.log_expit(-x))
    return float(np.mean(terms))


def loss_nats(inp: Inputs) -> float:
    x = inp.logits / inp.temperature
    s, k, p = inp.label_smoothing, inp.k, inp.p
    if inp.loss == "softmax_cross_entropy":
        return softmax_ce(p * (1.0 - s) + s / k, x)
    if inp.loss == "sparse_softmax_cross_entropy":
        assert inp.target_class is not None
        return float(-special.log_softmax(x)[inp.target_class])
    if inp.loss == "sigmoid_cross_entropy":
        return sigmoid_ce(p * (1.0 - s) + 0.5 * s, x)
    if inp.loss == "weighted_cross_entropy":
        return sigmoid_ce(p, x, inp.pos_weight)
    if inp.loss == "mean_squared_error":
        return float(np.mean((special.softmax(x) - p) ** 2))
    raise AssertionError(f"unknown loss {inp.loss!r}")


def expected_readouts(inp: Inputs) -> dict[str, float]:
    log_q = log_q_of(inp)
    scale = 1.0 / LN2 if inp.units == "bits" else 1.0
    return {
        "readout_entropy": entropy_nats(inp.p) * scale,
        "readout_cross_entropy": cross_entropy_nats(inp.p, log_q) * scale,
        "readout_kl": kl_nats(inp.p, log_q) * scale,
        "readout_mse": float(np.mean((q_of(inp) - inp.p) ** 2)),
        "readout_loss": loss_nats(inp),
    }


def assert_close(actual: float, expected: float, rel: float = 1e-9, abs_: float = 1e-12) -> None:
    assert not math.isnan(actual), "NaN shown"
    assert math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_), (actual, expected)


def assert_readouts_match(
    window: QWidget, rel: float = 1e-9, abs_: float = 1e-12
) -> dict[str, float]:
    """Every readout's ``value`` equals the independent formula on the shown inputs."""
    inp = shown_inputs(window)
    got = readout_values(window)
    want = expected_readouts(inp)
    bad = {
        name: (got[name], want[name])
        for name in READOUTS
        if math.isnan(got[name])
        or not math.isclose(got[name], want[name], rel_tol=rel, abs_tol=abs_)
    }
    assert not bad, f"readouts differ from the formulas (got, expected) for {inp}: {bad}"
    return got


def assert_no_nan(values: dict[str, float]) -> None:
    for name, v in values.items():
        assert not math.isnan(v), f"{name} is NaN"
        assert math.isfinite(v) or v == math.inf, f"{name} = {v}"


# -- driving widgets -------------------------------------------------------------------------


def type_into(qtbot, spin: QWidget, text: str) -> None:
    """Replace a spin box's text by typing ``text`` and press Enter, as a user would."""
    from PySide6.QtCore import Qt

    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text.replace(".", spin.locale().decimalPoint()))
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def choose(combo: QComboBox, data: str) -> None:
    """Select the item whose itemData is ``data`` (fails if there is none)."""
    index = combo.findData(data)
    assert index >= 0, f"{combo.objectName()} has no item with data {data!r}"
    combo.setCurrentIndex(index)


def assert_readouts_match_state(window: QWidget, rel: float = 1e-9, abs_: float = 1e-12) -> None:
    """The readouts against the formulas on the model's exact inputs, for values such as
    p = 1/32 that a 4-decimal spin can only show rounded (checked loosely against the spins)."""
    inp = inputs_from_state(window.model.state)
    shown = shown_inputs(window)
    np.testing.assert_allclose(shown.logits, inp.logits, atol=0.51 * 10.0**-3)
    np.testing.assert_allclose(shown.p, inp.p, atol=0.51e-4)
    assert shown.temperature == pytest.approx(inp.temperature, abs=0.51e-2)
    assert shown.units == inp.units
    assert shown.loss == inp.loss
    got = readout_values(window)
    want = expected_readouts(inp)
    for name in READOUTS:
        assert_close(got[name], want[name], rel, abs_)
