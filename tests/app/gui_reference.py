"""Independent reference values for the GUI tests, and helpers that read the widgets.

Nothing here calls ``core``: every expected number is computed again from
scipy.special / NumPy formulas on the inputs the widgets *show*, so a test
fails if the app computes, converts or displays something wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QSpinBox, QWidget
from scipy import special

LN2 = math.log(2.0)
READOUTS = (
    "readout_entropy",
    "readout_cross_entropy",
    "readout_kl",
    "readout_mse",
    "readout_loss",
)
#: Every loss by its TensorFlow name, and the problem types it suits.
LOSSES = (
    "tf.nn.sigmoid_cross_entropy_with_logits",
    "tf.nn.weighted_cross_entropy_with_logits",
    "tf.compat.v1.losses.sigmoid_cross_entropy",
    "tf.nn.softmax_cross_entropy_with_logits",
    "tf.compat.v1.losses.softmax_cross_entropy",
    "tf.nn.sparse_softmax_cross_entropy_with_logits",
    "tf.compat.v1.losses.sparse_softmax_cross_entropy",
    "tf.compat.v1.losses.mean_squared_error",
)
SIGMOID_LOSSES = LOSSES[:3]
SOFTMAX_LOSSES = LOSSES[3:7]
SPARSE_LOSSES = LOSSES[5:7]
MSE = LOSSES[7]
REDUCTIONS = (
    "none",
    "weighted_sum",
    "weighted_mean",
    "weighted_sum_over_batch_size",
    "weighted_sum_by_nonzero_weights",
)


def losses_for(problem_type: str) -> tuple[str, ...]:
    if problem_type == "multiclass":
        return (*SOFTMAX_LOSSES, MSE)
    return (*SIGMOID_LOSSES, MSE)


@dataclass(frozen=True)
class Inputs:
    """Everything the readouts depend on. For binary, ``logits`` has one entry and ``p``
    is [y]; for multilabel, ``p`` holds the per-class targets."""

    logits: np.ndarray
    p: np.ndarray
    temperature: float = 1.0
    units: str = "nats"
    loss: str = "tf.nn.softmax_cross_entropy_with_logits"
    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    target_class: int | None = None
    problem_type: str = "multiclass"
    weight: float = 1.0
    reduction: str = "weighted_sum_by_nonzero_weights"

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
        loss=str(state.loss.value),
        label_smoothing=float(state.label_smoothing),
        pos_weight=float(state.pos_weight),
        target_class=tc,
        problem_type=str(state.problem_type.value),
        weight=float(state.weight),
        reduction=str(state.reduction.value),
    )


def child(window: QWidget, cls: type, name: str) -> QWidget:
    w = window.findChild(cls, name)
    assert w is not None, f"no {cls.__name__} named {name!r}"
    return w


def shown_inputs(window: QWidget) -> Inputs:
    """The inputs as the widgets display them (spins, combos), not as the model stores them."""
    problem = child(window, QComboBox, "problem_type").currentData()
    k = 1 if problem == "binary" else child(window, QSpinBox, "class_count").value()
    logits = np.array([child(window, QDoubleSpinBox, f"logit_spin_{i}").value() for i in range(k)])
    p = np.array([child(window, QDoubleSpinBox, f"target_spin_{i}").value() for i in range(k)])
    mode = child(window, QComboBox, "target_mode").currentData()
    tc = (
        child(window, QSpinBox, "target_class").value()
        if mode == "index" and problem == "multiclass"
        else None
    )
    return Inputs(
        logits=logits,
        p=p,
        temperature=child(window, QDoubleSpinBox, "temperature_spin").value(),
        units=child(window, QComboBox, "units").currentData(),
        loss=str(child(window, QComboBox, "loss_kind").currentData()),
        label_smoothing=child(window, QDoubleSpinBox, "label_smoothing_spin").value(),
        pos_weight=child(window, QDoubleSpinBox, "pos_weight_spin").value(),
        target_class=tc,
        problem_type=problem,
        weight=child(window, QDoubleSpinBox, "weight_spin").value(),
        reduction=str(child(window, QComboBox, "reduction").currentData()),
    )


def auto_normalise_box(window: QWidget) -> QCheckBox:
    return child(window, QCheckBox, "auto_normalise")


def readout_texts(window: QWidget, name: str) -> list[str]:
    """Every text the readout ``name`` shows: its labels' and its live value's."""
    from app.widgets.common import NumberText

    readout = child(window, QWidget, name)
    return [w.text() for w in readout.findChildren(QLabel) + readout.findChildren(NumberText)]


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


def sigmoid_ce_terms(labels: np.ndarray, x: np.ndarray, pos_weight: float = 1.0) -> np.ndarray:
    """Per output: −[w·z·log σ(x) + (1 − z)·log(1 − σ(x))]."""
    return -(pos_weight * labels * special.log_expit(x) + (1.0 - labels) * special.log_expit(-x))


def sigmoid_ce(labels: np.ndarray, x: np.ndarray, pos_weight: float = 1.0) -> float:
    """Mean over the outputs of :func:`sigmoid_ce_terms`."""
    return float(np.mean(sigmoid_ce_terms(labels, x, pos_weight)))


def reduce_tf(elements: np.ndarray, weight: float, reduction: str) -> float:
    """tf.compat.v1.losses' reduction of one example's E element losses with a scalar weight
    (written out from TensorFlow's documentation; "none" gives the mean of w·L)."""
    weighted = weight * elements
    n = elements.size
    if reduction == "none":
        return float(np.mean(weighted))
    if reduction == "weighted_sum":
        return float(np.sum(weighted))
    if reduction == "weighted_mean":
        return float(np.sum(weighted) / (weight * n)) if weight != 0 else 0.0
    if reduction == "weighted_sum_over_batch_size":
        return float(np.sum(weighted) / n)
    if reduction == "weighted_sum_by_nonzero_weights":
        return float(np.sum(weighted) / n) if weight != 0 else 0.0
    raise AssertionError(f"unknown reduction {reduction!r}")


def probabilities(inp: Inputs) -> np.ndarray:
    """The output activation: softmax for multiclass, a sigmoid per logit otherwise."""
    x = inp.logits / inp.temperature
    return special.softmax(x) if inp.problem_type == "multiclass" else special.expit(x)


def loss_nats(inp: Inputs) -> float:
    x = inp.logits / inp.temperature
    s, k, p = inp.label_smoothing, inp.k, inp.p
    w, red = inp.weight, inp.reduction
    name = inp.loss
    if name == "tf.nn.softmax_cross_entropy_with_logits":
        return softmax_ce(p, x)
    if name == "tf.compat.v1.losses.softmax_cross_entropy":
        return reduce_tf(np.array([softmax_ce(p * (1.0 - s) + s / k, x)]), w, red)
    if name in SPARSE_LOSSES:
        assert inp.target_class is not None
        value = float(-special.log_softmax(x)[inp.target_class])
        return value if name.startswith("tf.nn.") else reduce_tf(np.array([value]), w, red)
    if name == "tf.nn.sigmoid_cross_entropy_with_logits":
        return sigmoid_ce(p, x)
    if name == "tf.nn.weighted_cross_entropy_with_logits":
        return sigmoid_ce(p, x, inp.pos_weight)
    if name == "tf.compat.v1.losses.sigmoid_cross_entropy":
        return reduce_tf(sigmoid_ce_terms(p * (1.0 - s) + 0.5 * s, x), w, red)
    if name == MSE:
        return reduce_tf((probabilities(inp) - p) ** 2, w, red)
    raise AssertionError(f"unknown loss {inp.loss!r}")


def bernoulli_terms(t: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per output: the entropy of [1 − t, t] and its cross-entropy with [1 − σ(x), σ(x)]."""
    h = special.entr(t) + special.entr(1.0 - t)
    ce = -(
        np.where(t > 0, t * special.log_expit(x), 0.0)
        + np.where(t < 1, (1.0 - t) * special.log_expit(-x), 0.0)
    )
    return h, ce


def expected_readouts(inp: Inputs) -> dict[str, float]:
    scale = 1.0 / LN2 if inp.units == "bits" else 1.0
    if inp.problem_type == "multiclass":
        log_q = log_q_of(inp)
        h = entropy_nats(inp.p)
        ce = cross_entropy_nats(inp.p, log_q)
        kl = kl_nats(inp.p, log_q)
        mse = float(np.mean((q_of(inp) - inp.p) ** 2))
    else:
        h_terms, ce_terms = bernoulli_terms(inp.p, inp.logits / inp.temperature)
        h, ce = float(np.sum(h_terms)), float(np.sum(ce_terms))
        kl = float(np.sum(ce_terms - h_terms))
        mse = float(np.mean((probabilities(inp) - inp.p) ** 2))
    return {
        "readout_entropy": h * scale,
        "readout_cross_entropy": ce * scale,
        "readout_kl": kl * scale,
        "readout_mse": mse,
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


def spin(widget: QWidget, name: str) -> QDoubleSpinBox:
    """The QDoubleSpinBox called ``name`` inside ``widget``."""
    return child(widget, QDoubleSpinBox, name)


def set_soft(window: QWidget, qtbot, p=None, normalise: bool = True) -> None:
    """Soft labels, keep Σp = 1 on or off, then type each value of ``p`` into its box."""
    choose(child(window, QComboBox, "target_mode"), "soft")
    assert child(window, QComboBox, "target_mode").currentData() == "soft"
    child(window, QCheckBox, "auto_normalise").setChecked(normalise)
    for i, v in enumerate(p or []):
        type_into(qtbot, spin(window, f"target_spin_{i}"), f"{v}")


def click_check_box(qtbot, box: QCheckBox) -> None:
    """Click the check box's indicator (the widget may be wider than its text)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


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


# -- mouse and plot helpers ------------------------------------------------------------------
# Shared by the plot tests: real mouse gestures on a PlotWidget's viewport, the items' data,
# and pyqtgraph's exporters. Like everything above, nothing here calls ``core``.


def viewport_pos(pw, x: float, y: float, view=None):
    """Where the data point (x, y) of a PlotWidget's view (default: the main one) lies on its
    viewport, in whole pixels."""
    from PySide6.QtCore import QPointF

    vb = view if view is not None else pw.getPlotItem().vb
    return pw.mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def mouse_drag(qtbot, pw, x: float, y_from: float, y_to: float, steps: int = 8) -> None:
    """A real left-button drag on the viewport from (x, y_from) to (x, y_to), data coordinates."""
    from PySide6.QtCore import Qt

    vp = pw.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=viewport_pos(pw, x, y_from))
    for t in np.linspace(0.0, 1.0, steps + 1)[1:]:
        qtbot.mouseMove(vp, pos=viewport_pos(pw, x, y_from + (y_to - y_from) * t))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=viewport_pos(pw, x, y_to))


def mouse_click(qtbot, pw, x: float, y: float) -> None:
    """A real left click on the viewport at the data point (x, y)."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(pw.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(pw, x, y))


def pixel_in_y(pw) -> float:
    """The height of one pixel in data units (the tolerance of a real mouse drag)."""
    (_, _), (lo, hi) = pw.getPlotItem().vb.viewRange()
    return (hi - lo) / pw.getPlotItem().vb.height()


def show_view(qtbot, widget: QWidget, width: int = 640, height: int = 420) -> QWidget:
    """Show a view built alone (no main window) at a fixed size, as the user would see it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def heights(bar) -> np.ndarray:
    return np.asarray(bar.opts["height"], dtype=np.float64)


def bar_x(bar) -> np.ndarray:
    return np.asarray(bar.opts["x"], dtype=np.float64)


def bar_y0(bar) -> np.ndarray:
    v = bar.opts.get("y0")
    return np.zeros(1) if v is None else np.asarray(v, dtype=np.float64)


def curve_xy(curve) -> tuple[np.ndarray, np.ndarray]:
    """A PlotDataItem's or ScatterPlotItem's data as float arrays (empty when it has none)."""
    x, y = curve.getData()
    if x is None or y is None:
        return np.empty(0), np.empty(0)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def export_csv(plot_item, path) -> dict[str, np.ndarray]:
    """pyqtgraph's CSVExporter on a PlotItem, read back as {column name: values}."""
    import csv

    import pyqtgraph.exporters

    pyqtgraph.exporters.CSVExporter(plot_item).export(str(path))
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    columns = {}
    for j, name in enumerate(header):
        cells = [row[j] for row in body if j < len(row) and row[j] != ""]
        columns[name] = np.array([float(c) for c in cells], dtype=np.float64)
    return columns


def export_svg(plot_item) -> str:
    """pyqtgraph's SVGExporter on a PlotItem, as text.

    pyqtgraph 0.14.0 cannot read the closepath command ("Z") that recent Qt
    versions write into SVG paths (every ViewBox clip path has one) and raises
    ValueError; pyqtgraph fixed it after that release ("svg path: support Z
    closepath command"). Only for such a release, and only during this call, the
    exporter's coordinate fix-up is given paths without the "Z" tokens (every
    path Qt closes this way already ends at its start point).
    """
    import sys

    import pyqtgraph.exporters

    module = sys.modules[pyqtgraph.exporters.SVGExporter.__module__]
    original = module.correctCoordinates

    def tolerant(node, defs, item, options):
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            path.setAttribute("d", " ".join(t for t in tokens if t not in ("Z", "z")))
        return original(node, defs, item, options)

    module.correctCoordinates = tolerant
    try:
        return pyqtgraph.exporters.SVGExporter(plot_item).export(toBytes=True).decode()
    finally:
        module.correctCoordinates = original


# -- sliders ----------------------------------------------------------------------------------


def slider_handle_pos(slider, value: int):
    """Where the handle of ``slider`` is drawn for ``value`` (widget coordinates)."""
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    opt = QStyleOptionSlider()
    slider.initStyleOption(opt)
    opt.sliderPosition = opt.sliderValue = value
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, slider
    )
    return handle.center()


def drag_slider(qtbot, slider, dx_steps, wait_ms: int = 0, modifiers=None) -> None:
    """Press the handle, move it right by each of ``dx_steps`` pixels in turn, release.

    Moves are sent with the left button held (QTest's mouseMove sends none) and
    ``modifiers`` (e.g. Shift) held throughout. ``wait_ms`` > 0 lets the event
    loop turn between moves, as a real drag does.
    """
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    held = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    press = slider_handle_pos(slider, slider.value())
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, held, pos=press)
    x = press.x()
    for dx in dx_steps:
        x = press.x() + dx
        local = QPointF(x, press.y())
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            local,
            QPointF(slider.mapToGlobal(QPoint(x, press.y()))),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            held,
        )
        QApplication.sendEvent(slider, move)
        if wait_ms:
            qtbot.wait(wait_ms)
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, held, pos=QPoint(x, press.y()))


#: The app's own compiled Chinese translation.
CHINESE_QM = (
    Path(__file__).resolve().parents[2] / "resources" / "translations" / "logit_lab_zh_CN.qm"
)


@contextmanager
def chinese_interface() -> Iterator[QTranslator]:
    """The app's Chinese translation installed for the block, and removed afterwards."""
    translator = QTranslator()
    assert translator.load(str(CHINESE_QM)), CHINESE_QM
    QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)
