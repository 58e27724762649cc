"""Stable axes, one number style on every plot, and nothing clipped or overlapping inside plots.

Each view is built alone on a bare ``ExplorerModel()`` and driven through the
model. Expected numbers come from NumPy / scipy here, never from ``core`` or
the views' own helpers.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
import pytest
from gui_reference import LN2, cross_entropy_nats, heights, inputs_from_state, log_q_of, q_of
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget
from scipy import special

from app.appearance import Appearance
from app.model import ExplorerModel, ExplorerState
from app.plots import (
    HistoryPlot,
    InformationPanel,
    InformationPlot,
    LossSweepPlot,
    ProbabilityPlot,
    SweepPanel,
)
from app.plots.base import SHRINK_AT

#: The two losses with label smoothing: p′ = p(1 − s) + s/K and p′ = p(1 − s) + s/2.
SIGMOID = "tf.compat.v1.losses.sigmoid_cross_entropy"
SOFTMAX = "tf.compat.v1.losses.softmax_cross_entropy"


# -- helpers -----------------------------------------------------------------------------------


class Views:
    """Every plot, built alone on one model and shown side by side at one size each."""

    def __init__(self, qtbot, model: ExplorerModel, size=(520, 360), projector=False) -> None:
        self.look = Appearance()
        self.host = QWidget()
        row = QHBoxLayout(self.host)
        row.setContentsMargins(0, 0, 0, 0)
        self.probability = ProbabilityPlot(model, self.look)
        self.information_panel = InformationPanel(model, self.look)
        self.sweep = SweepPanel(model, self.look)
        for widget in (self.probability, self.information_panel, self.sweep):
            widget.setFixedSize(*size)
            row.addWidget(widget)
        self.look.set_projector(projector)
        qtbot.addWidget(self.host)
        with qtbot.waitExposed(self.host):
            self.host.show()
        settle()

    @property
    def plots(self) -> dict[str, object]:
        return {
            "probability": self.probability,
            "information": self.information_panel.information_plot,
            "history": self.information_panel.history_plot,
            "loss": self.sweep.loss_plot,
            "gradient": self.sweep.gradient_plot,
        }

    def ranges(self) -> dict[str, list]:
        """Every view box's [[x0, x1], [y0, y1]] (the right axis's too)."""
        out = {}
        for name, plot in self.plots.items():
            out[name] = plot.getPlotItem().vb.viewRange()
            if getattr(plot, "mse_view", None) is not None:
                out[name + " right"] = plot.mse_view.viewRange()
        return out


def settle() -> None:
    """Let layouts and posted changes land."""
    for _ in range(3):
        QCoreApplication.processEvents()


def y_tops(ranges: dict[str, list]) -> dict[str, float]:
    """The top of each value range (the half-range of the symmetric gradient axis)."""
    return {name: r[1][1] for name, r in ranges.items()}


def state_a() -> dict:
    return dict(
        num_classes=4,
        logits=[2.0, 1.0, 0.1, -1.0],
        target_mode="soft",
        soft_target=[0.7, 0.1, 0.1, 0.1],
        temperature=1.0,
        units="nats",
        slider_limit=10.0,
    )


def state_b() -> dict:
    """Very different: three classes, seed-sized logits, a sharp temperature, bits."""
    return dict(
        num_classes=3,
        logits=[123.0, 456.0, 789.0],
        target_mode="index",
        target_class=0,
        temperature=0.5,
        units="bits",
        slider_limit=1000.0,
    )


def nice(top: float) -> bool:
    """A round axis end: at most two significant digits (1.4, 12, 0.45, 2)."""
    scale = 10.0 ** (math.floor(math.log10(top)) - 1)
    return abs(top / scale - round(top / scale)) < 1e-6


def drawn_ticks(axis) -> list[tuple[QRectF, str]]:
    """The tick labels pyqtgraph draws now: (rectangle in scene coordinates, text)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        font = axis.style.get("tickFont")
        if font is not None:
            painter.setFont(font)
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(axis.mapRectToScene(rect), text) for rect, _, text in texts]


def overlapping(rects: list[QRectF], tolerance: float = 0.5) -> list[tuple[int, int]]:
    found = []
    for (i, a), (j, b) in itertools.combinations(enumerate(rects), 2):
        common = a.intersected(b)
        if common.width() > tolerance and common.height() > tolerance:
            found.append((i, j))
    return found


def glyph_rect(label) -> QRectF:
    """A value label's text in scene coordinates, without the item's 4 px padding."""
    return label.item.sceneBoundingRect().adjusted(3.5, 3.5, -3.5, -3.5)


def assert_readable(plot) -> None:
    """Tick labels neither overlap nor leave the widget; value labels stay inside the
    view box and apart."""
    item = plot.getPlotItem()
    widget = QRectF(0, 0, plot.width(), plot.height())
    for name in ("bottom", "left", "right"):
        axis = item.getAxis(name)
        if not axis.isVisible():
            continue
        ticks = drawn_ticks(axis)
        rects = [r for r, _ in ticks]
        assert not overlapping(rects), (name, [t for _, t in ticks])
        for rect, text in ticks:
            assert widget.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), (name, text, rect)
    box = item.vb.sceneBoundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
    labels = [lab for lab in getattr(plot, "value_labels", []) if lab.isVisible()]
    for label in labels:
        assert box.contains(glyph_rect(label)), (label.text, glyph_rect(label), box)
    assert not overlapping([glyph_rect(lab) for lab in labels]), [lab.text for lab in labels]


def tick_texts(plot) -> list[str]:
    """Every tick label drawn on the plot's visible axes."""
    item = plot.getPlotItem()
    out = []
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        if axis.isVisible():
            out += [text for _, text in drawn_ticks(axis)]
    return out


# -- stable ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
def test_the_same_state_gives_the_same_ranges(qtbot, projector):
    model = ExplorerModel()
    views = Views(qtbot, model, projector=projector)
    model.update(**state_a())
    settle()
    first = views.ranges()
    scene_a = model.state
    model.update(**state_b())
    settle()
    between = views.ranges()
    assert between != first  # the test can tell the two scenes apart
    model.replace_state(scene_a)
    settle()
    assert views.ranges() == first
    # Dragging far away and back, then opening the scene again: still the same.
    for z in (-9.0, -9.5, 9.9):
        model.preview(logits=[z, 1.0, 0.1, -1.0])
    model.commit()
    model.replace_state(scene_a)
    settle()
    assert views.ranges() == first


def test_a_scene_opened_in_a_fresh_window_looks_the_same(qtbot):
    """Two windows: one fresh, one that went through other states first."""
    fresh, used = ExplorerModel(), ExplorerModel()
    fresh_views, used_views = Views(qtbot, fresh), Views(qtbot, used)
    used.update(**state_b())
    used.update(num_classes=10, temperature=0.05)
    for model in (fresh, used):
        model.update(**state_a())
    settle()
    assert used_views.ranges() == fresh_views.ranges()


def test_ranges_hold_during_a_drag_and_settle_after_it(qtbot):
    """A drag only grows ranges; its end fits again each range the final values fill to
    no more than half (as an opened scene would show them), and keeps the others."""
    dragged, fresh = ExplorerModel(), ExplorerModel()
    dragged.update(**state_a())
    views, reference = Views(qtbot, dragged), Views(qtbot, fresh)
    before = y_tops(views.ranges())
    seen = [before]
    # Class 1 (p = 0.1) drags up to a confident wrong answer, then down.
    for z in [*np.linspace(1.0, 9.5, 8), *np.linspace(9.5, -3.0, 8)]:
        dragged.preview(logits=[2.0, float(z), 0.1, -1.0])
        settle()
        seen.append(y_tops(views.ranges()))
        for name in seen[-1]:
            assert seen[-1][name] >= seen[-2][name], (name, seen[-2][name], seen[-1][name])
    grew = {name for name in before if seen[-1][name] > before[name]}
    assert {"information", "loss"} <= grew  # the drag reached larger values
    dragged.commit()
    settle()
    after = y_tops(views.ranges())
    fresh.replace_state(dragged.state)  # the same values, opened as a scene
    settle()
    fitted = y_tops(reference.ranges())
    held = seen[-1]
    for name in after:
        expected = fitted[name] if fitted[name] <= SHRINK_AT * held[name] else held[name]
        assert after[name] == expected, (name, held[name], fitted[name], after[name])
    assert any(after[n] == fitted[n] < held[n] for n in after)  # some shrank back
    assert any(after[n] == held[n] > fitted[n] for n in after)  # some, still half full, held


def test_axis_widths_only_grow_while_values_are_edited(qtbot):
    """Narrower tick labels after an edit keep the axis as wide as it was (no relayout
    for a few pixels); a change that is not an edit of values fits the width again."""
    model, fresh = ExplorerModel(), ExplorerModel()
    model.update(**state_a())
    model.update(logits=[2.0, 14.0, 0.1, -1.0])  # drawn first as it is: fitted
    views, reference = Views(qtbot, model), Views(qtbot, fresh)

    def width(of: Views) -> float:
        settle()
        return of.plots["information"].getPlotItem().getAxis("left").width()

    def fitted() -> float:
        fresh.replace_state(model.state)
        return width(reference)

    wide = width(views)
    assert wide == fitted()
    model.update(logits=[2.0, 5.0, 0.1, -1.0])  # a range with narrower labels
    narrow = fitted()
    assert narrow < wide
    assert width(views) == wide
    # A scene opened with the same ranges is not an edit: the width fits again.
    scene = ExplorerModel()
    scene.update(**state_a())
    scene.update(logits=[2.0, 5.05, 0.1, -1.0])
    model.replace_state(scene.state)
    assert width(views) == fitted() == narrow
    # Kept wide by an edit again, then resized: a new size is not an edit either.
    model.update(logits=[2.0, 14.0, 0.1, -1.0])
    model.update(logits=[2.0, 5.0, 0.1, -1.0])
    assert width(views) == wide
    for panel in (views.information_panel, reference.information_panel):
        panel.setFixedSize(520, 420)
    assert width(views) == fitted() == narrow


def test_typed_values_keep_a_range_they_fill_to_more_than_half(qtbot):
    """Edits of values keep the scale while the values still use more than half of it;
    below that the range is fitted to them, and any other change fits it afresh."""
    model, fresh = ExplorerModel(), ExplorerModel()
    model.update(**state_a())
    views, reference = Views(qtbot, model), Views(qtbot, fresh)

    def shown() -> float:
        settle()
        return y_tops(views.ranges())["information"]

    def fitted() -> float:
        """The top for the model's state in a window that just opened it."""
        fresh.replace_state(model.state)
        settle()
        return y_tops(reference.ranges())["information"]

    top = shown()
    assert top == fitted()
    model.update(logits=[2.0, 6.0, 0.1, -1.0])  # H(p,q) grows: the range follows
    grown = shown()
    assert grown == fitted() > top
    model.update(logits=[2.0, 4.5, 0.1, -1.0])  # still more than half of it: kept
    assert shown() == grown
    assert SHRINK_AT * grown < fitted() < grown
    # A scene opened with these logits shows them as a new window does.
    scene = ExplorerModel()
    scene.update(**state_a())
    scene.update(logits=[2.0, 4.5, 0.1, -1.0])
    model.update(logits=[2.0, 6.0, 0.1, -1.0])
    assert shown() == grown
    model.replace_state(scene.state)  # only the logits differ
    assert shown() == fitted() < grown
    model.update(units="bits")  # not an edit of values: fitted afresh
    assert shown() == fitted()
    model.update(units="nats")
    assert shown() == fitted() < grown
    model.update(logits=[2.0, 6.0, 0.1, -1.0])
    model.update(logits=[2.0, 1.0, 0.1, -1.0])  # back to the start: half or less, refitted
    assert shown() == fitted() == top


def test_a_transient_change_after_a_commit_starts_from_the_state(qtbot):
    model = ExplorerModel()
    model.update(**state_a())
    views = Views(qtbot, model)
    model.preview(logits=[-9.0, 1.0, 0.1, -1.0])
    settle()
    model.commit()
    model.update(logits=[2.0, 1.0, 0.1, -1.0])
    settle()
    calm = views.ranges()
    model.preview(logits=[2.001, 1.0, 0.1, -1.0])  # a new, tiny gesture
    settle()
    assert y_tops(views.ranges()) == y_tops(calm)


def test_information_axis_is_round_and_holds_every_value(qtbot):
    model = ExplorerModel()
    views = Views(qtbot, model)
    ip = views.plots["information"]
    for change in (state_a(), state_b(), {"units": "nats"}, {"num_classes": 12}):
        model.update(**change)
        settle()
        inp = inputs_from_state(model.state)
        scale = 1 / LN2 if inp.units == "bits" else 1.0
        ce = cross_entropy_nats(inp.p, log_q_of(inp)) * scale
        log_k = np.log(inp.k) * scale
        top = ip.left_range[1]
        assert ip.left_range[0] == 0.0
        assert nice(top) and max(ce, log_k) <= top <= 1.6 * max(ce, log_k)
        mse = float(np.mean((q_of(inp) - inp.p) ** 2))
        mse_top = ip.mse_view.viewRange()[1][1]
        assert nice(mse_top) and max(mse, 2 / inp.k) <= mse_top <= 1.6 * max(mse, 2 / inp.k)
        # The history strip shares the information plot's scales.
        hp = views.plots["history"]
        assert hp.getPlotItem().vb.viewRange()[1] == [0.0, top]
        assert hp.mse_view.viewRange()[1] == [0.0, mse_top]


def test_probability_axis_is_fixed(qtbot):
    model = ExplorerModel()
    views = Views(qtbot, model)
    pw = views.probability
    first = pw.getPlotItem().vb.viewRange()[1]
    assert first[0] == 0.0 and 1.0 <= first[1] <= 1.1
    for change in (state_b(), {"num_classes": 20}, {"temperature": 20.0}):
        model.update(**change)
        assert pw.getPlotItem().vb.viewRange()[1] == first


def test_sweep_ranges_are_round_and_hold_the_curves(qtbot):
    model = ExplorerModel()
    views = Views(qtbot, model)
    lp, gp = views.plots["loss"], views.plots["gradient"]
    for change in (state_a(), {"temperature": 0.3}, state_b()):
        model.update(**change)
        settle()
        inp = inputs_from_state(model.state)
        c = model.result.sweep_class
        limit = model.state.slider_limit
        z = np.linspace(-limit, limit, 201)
        logits = np.repeat(inp.logits[None, :], z.size, axis=0)
        logits[:, c] = z
        log_q = special.log_softmax(logits / inp.temperature, axis=1)
        loss = -np.sum(np.where(inp.p > 0, inp.p * log_q, 0.0), axis=1)
        top = lp.getPlotItem().vb.viewRange()[1][1]
        assert nice(top) and loss.max() <= top * (1 + 1e-9) <= 1.6 * max(loss.max(), 1.0)
        q = np.exp(log_q)
        g_ce = (q[:, c] - inp.p[c]) / inp.temperature
        lo, hi = gp.getPlotItem().vb.viewRange()[1]
        assert lo == -hi and nice(hi) and np.abs(g_ce).max() <= hi * (1 + 1e-9)


# -- numbers on axes: the one style, no exponents -------------------------------------------------


@pytest.mark.parametrize(
    "p",
    [[0.0, 0.0, 0.0, 0.0], [1e-7, 0.0, 0.0, 0.0], [3e-9, 2e-9, 0.0, 1e-9]],
    ids=["all zero", "tiny", "tinier"],
)
def test_tiny_values_never_need_an_exponent(qtbot, p):
    model = ExplorerModel()
    model.update(target_mode="soft", auto_normalise=False, soft_target=p)
    assert np.array_equal(model.state.soft_target, p)
    views = Views(qtbot, model)
    for name, plot in views.plots.items():
        item = plot.getPlotItem()
        for axis_name in ("left", "bottom", "right"):
            axis = item.getAxis(axis_name)
            assert axis.autoSIPrefix is False
            assert axis.autoSIPrefixScale == 1.0
            assert "(x" not in axis.labelString(), (name, axis.labelString())
        texts = tick_texts(plot)
        assert texts, name
        for text in texts:
            assert "e-" not in text and "e+" not in text and "×10" not in text, (name, text)
            assert not text.startswith(".") and "-" not in text, (name, text)
            # A minimum span: never a range in millionths ("0.000002").
            assert len(text.partition(".")[2]) <= 3, (name, text)
        # At least two values labelled on each value axis: the range can be read.
        for axis_name in ("left", "right"):
            axis = item.getAxis(axis_name)
            if axis.isVisible() and axis.style["showValues"]:
                assert len(drawn_ticks(axis)) >= 2, (name, axis_name)


def test_tick_labels_use_the_typeset_minus(qtbot):
    model = ExplorerModel()
    views = Views(qtbot, model)
    for name in ("loss", "gradient", "history"):
        texts = tick_texts(views.plots[name])
        negative = [t for t in texts if t.startswith("−")]
        assert negative, (name, texts)
        assert all("-" not in t for t in texts), (name, texts)
        for text in negative:
            assert float(text.replace("−", "-")) < 0


def test_tick_strings_follow_the_spacing(qtbot):
    model = ExplorerModel()
    views = Views(qtbot, model)
    axis = views.plots["gradient"].getPlotItem().getAxis("left")
    values = [-0.5, 0.0, 0.5, 1.0]
    assert axis.tickStrings(values, 1.0, 0.5) == ["−0.5", "0.0", "0.5", "1.0"]
    assert axis.tickStrings([-10.0, 0.0, 10.0], 1.0, 5.0) == ["−10", "0", "10"]
    assert axis.tickStrings([0.0, 0.25, 0.5], 1.0, 0.25) == ["0.00", "0.25", "0.50"]
    assert axis.tickStrings([-1e-17, 2e-6], 1.0, 1e-6) == ["0.000000", "0.000002"]


# -- value labels --------------------------------------------------------------------------------


def significant_digits(text: str) -> int:
    """Significant digits of a plain decimal ("0.4493" → 4, "1.039" → 4, "0.0491" → 3)."""
    digits = text.replace("−", "").replace(".", "").lstrip("0")
    return len(digits)


@pytest.mark.parametrize("units", ["nats", "bits"])
def test_information_values_are_the_one_formatter(qtbot, units):
    model = ExplorerModel()
    model.update(target_mode="soft", soft_target=[0.4, 0.3, 0.2, 0.1], units=units)
    views = Views(qtbot, model, size=(700, 480))
    ip = views.plots["information"]
    inp = inputs_from_state(model.state)
    scale = 1 / LN2 if units == "bits" else 1.0
    log_q = log_q_of(inp)
    h = float(-np.sum(special.xlogy(inp.p, inp.p))) * scale
    ce = cross_entropy_nats(inp.p, log_q) * scale
    mse = float(np.mean((q_of(inp) - inp.p) ** 2))
    shown = {lab.text for lab in ip.value_labels if lab.isVisible()}
    assert len(shown) == 4
    for value, digits in ((h, 4), (ce, 4), (ce - h, 4), (mse, 3)):
        match = [
            t
            for t in shown
            if abs(float(t) - value) <= 0.6 * 10 ** (np.floor(np.log10(value)) - digits + 1)
        ]
        assert match, (value, shown)
        assert significant_digits(match[0]) == digits, match
    for text in shown:
        assert not text.startswith(".") and "e" not in text


def test_probability_labels_never_use_a_leading_dot(qtbot):
    model = ExplorerModel()
    model.update(target_mode="soft", soft_target=[0.25, 0.25, 0.25, 0.25])
    model.update(num_classes=12)
    for width in (330, 420, 520, 700, 1000):
        pw = ProbabilityPlot(model, Appearance())
        pw.setFixedSize(width, 300)
        qtbot.addWidget(pw)
        with qtbot.waitExposed(pw):
            pw.show()
        settle()
        shown = [lab.text for lab in pw.value_labels if lab.isVisible()]
        assert all(not t.startswith(".") for t in shown), shown
        for label in pw.value_labels:
            if label.isVisible():
                assert float(label.text.replace("−", "-")) == pytest.approx(
                    float(f"{float(label.text):.2g}"), rel=0.06
                )
        assert_readable(pw)


# -- label smoothing: p′ beside p --------------------------------------------------------------


def smoothed(p: np.ndarray, s: float, outcomes: int) -> np.ndarray:
    """tf.compat.v1.losses: labels · (1 − s) + s / outcomes (K for softmax, 2 for sigmoid)."""
    return np.asarray(p, dtype=np.float64) * (1.0 - s) + s / outcomes


SMOOTHED_CASES = [
    # problem type, loss, a target, another target
    ("multiclass", SOFTMAX, [0.6, 0.3, 0.1, 0.0], None),
    ("multilabel", SIGMOID, [1.0, 0.3, 0.0, 0.8], [0.0, 1.0, 1.0, 0.25]),
    ("binary", SIGMOID, [0.7], [0.0]),
]


def shown_p(model: ExplorerModel) -> np.ndarray:
    """The p bars' heights: the targets, or a binary problem's two outcomes [1 − y, y]."""
    inp = inputs_from_state(model.state)
    return np.array([1.0 - inp.p[0], inp.p[0]]) if inp.problem_type == "binary" else inp.p


@pytest.mark.parametrize(
    "problem, loss, target, other", SMOOTHED_CASES, ids=[c[0] for c in SMOOTHED_CASES]
)
def test_smoothed_target_is_drawn_beside_p(qtbot, problem, loss, target, other):
    model = ExplorerModel()
    views = Views(qtbot, model, size=(700, 420))
    pw = views.probability
    bars = pw.smoothed_bars
    assert not bars.isVisible()  # s = 0 by default
    model.set_problem_type(problem)
    model.set_loss(loss)
    assert (model.state.problem_type, model.state.loss) == (problem, loss)
    model.update(target_mode="soft", soft_target=target, label_smoothing=0.2)
    settle()
    # Softmax spreads s over the K classes, a sigmoid over the two outcomes of each output.
    n = model.state.num_classes if problem == "multiclass" else 2
    assert pw.smoothed_bars is bars and bars.isVisible()
    np.testing.assert_allclose(heights(bars), smoothed(shown_p(model), 0.2, n), rtol=1e-12)
    # Beside p, in its own colour, named in the legend.
    x = np.asarray(bars.opts["x"], dtype=np.float64)
    p_x = np.asarray(pw.p_bars.opts["x"], dtype=np.float64)
    assert x.size == p_x.size == heights(pw.q_bars).size
    assert (x > p_x).all() and (x - p_x < 0.5).all()
    assert pg.mkBrush(bars.opts["brush"]).color().name() == views.look.qcolor("p_smoothed").name()
    assert "p′" in pw._title_shown[0]
    if other is None:
        # Index mode: the one-hot p is smoothed too.
        model.update(target_mode="index", target_class=2, label_smoothing=0.5)
    else:
        model.update(soft_target=other, label_smoothing=0.5)
    np.testing.assert_allclose(heights(bars), smoothed(shown_p(model), 0.5, n), rtol=1e-12)
    assert_readable(pw)
    # s = 0: hidden, and the legend forgets it.
    model.update(label_smoothing=0.0)
    assert not bars.isVisible()
    assert "p′" not in pw._title_shown[0]


HIDDEN_CASES = [
    ("multiclass", SOFTMAX, "tf.nn.softmax_cross_entropy_with_logits"),
    ("multiclass", SOFTMAX, "tf.compat.v1.losses.sparse_softmax_cross_entropy"),
    ("multiclass", SOFTMAX, "tf.compat.v1.losses.mean_squared_error"),
    ("multilabel", SIGMOID, "tf.nn.weighted_cross_entropy_with_logits"),
    ("binary", SIGMOID, "tf.nn.sigmoid_cross_entropy_with_logits"),
]


@pytest.mark.parametrize(
    "problem, smoothing, loss", HIDDEN_CASES, ids=[f"{c[0]}-{c[2]}" for c in HIDDEN_CASES]
)
def test_smoothed_target_is_hidden_when_the_loss_does_not_smooth(qtbot, problem, smoothing, loss):
    model = ExplorerModel()
    views = Views(qtbot, model)
    model.set_problem_type(problem)
    model.set_loss(smoothing)
    model.update(label_smoothing=0.3)
    assert views.probability.smoothed_bars.isVisible()
    model.set_loss(loss)
    assert model.state.loss == loss and model.state.label_smoothing == 0.3
    assert not views.probability.smoothed_bars.isVisible()
    # The q and p bars take their usual places again.
    assert views.probability.bar_center(1, "q") < 1 < views.probability.bar_center(1, "p")


def test_label_smoothing_of_the_tf_nn_default_loss_draws_nothing(qtbot):
    """tf.nn.softmax_cross_entropy_with_logits (the default) takes no smoothing: a
    smoothing left set from another loss draws no p′."""
    model = ExplorerModel()
    views = Views(qtbot, model)
    model.update(label_smoothing=0.3)
    assert model.state.loss == "tf.nn.softmax_cross_entropy_with_logits"
    assert not views.probability.smoothed_bars.isVisible()


# -- nothing clipped, nothing overlapping --------------------------------------------------------

SIZES = [
    ((320, 230), True),  # a 1024×768 window on a projector
    ((360, 260), True),
    ((420, 300), False),  # 1280×800
    ((640, 420), False),  # 1920×1080
    ((1100, 760), True),  # 3840×2160 on a projector
]
SCENES = {
    "default": {},
    "soft smoothed": dict(
        target_mode="soft", soft_target=[0.7, 0.1, 0.1, 0.1], loss=SOFTMAX, label_smoothing=0.3
    ),
    "ten classes": dict(num_classes=10, loss=SOFTMAX, label_smoothing=0.1),
    "seed logits": dict(num_classes=3, logits=[123.0, 456.0, 789.0], slider_limit=1000.0),
    "bits": dict(units="bits", target_mode="soft", soft_target=[0.25] * 4, logits=[8, -8, 0, 0]),
    "zero p": dict(target_mode="soft", auto_normalise=False, soft_target=[0.0] * 4),
    "binary smoothed": dict(
        problem_type="binary",
        num_classes=1,
        logits=[3.25],
        soft_target=[0.8],
        loss=SIGMOID,
        label_smoothing=0.2,
    ),
    "multilabel": dict(
        problem_type="multilabel",
        num_classes=6,
        logits=[4.0, -2.5, 0.5, 8.0, -6.0, 1.0],
        soft_target=[1.0, 0.0, 1.0, 1.0, 0.0, 0.5],
        loss="tf.nn.sigmoid_cross_entropy_with_logits",
    ),
}


@pytest.mark.parametrize("scene", list(SCENES), ids=list(SCENES))
@pytest.mark.parametrize("size, projector", SIZES, ids=[f"{w}x{h}" for (w, h), _ in SIZES])
def test_nothing_overlaps_or_leaves_the_plot(qtbot, scene, size, projector):
    model = ExplorerModel()
    if SCENES[scene]:
        model.update(**SCENES[scene])
    views = Views(qtbot, model, size=size, projector=projector)
    for plot in views.plots.values():
        assert_readable(plot)


@pytest.mark.parametrize("size, projector", SIZES, ids=[f"{w}x{h}" for (w, h), _ in SIZES])
def test_nothing_overlaps_in_chinese(qtbot, chinese, size, projector):
    model = ExplorerModel()
    model.update(**SCENES["soft smoothed"])
    views = Views(qtbot, model, size=size, projector=projector)
    assert views.plots["information"].axis_label_text("left").startswith("信息") or (
        views.plots["information"].axis_label_text("left") == "奈特"
    )
    for plot in views.plots.values():
        assert_readable(plot)


def test_information_bar_names_never_run_together(qtbot):
    """The names under the three bars stay apart however narrow the plot (as in
    "H+KLH(p,q)MSE" before)."""
    model = ExplorerModel()
    look = Appearance()
    ip = InformationPlot(model, look)
    qtbot.addWidget(ip)
    look.set_projector(True)
    with qtbot.waitExposed(ip):
        ip.show()
    for width in (320, 340, 380, 460, 600):
        ip.resize(width, 220)
        qtbot.waitUntil(lambda w=width: ip.width() == w)
        settle()
        ticks = drawn_ticks(ip.getPlotItem().getAxis("bottom"))
        assert "H(p,q)" in [t for _, t in ticks]
        assert not overlapping([r for r, _ in ticks]), [t for _, t in ticks]
        assert_readable(ip)


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("size", [(320, 460), (480, 600), (900, 900)])
def test_sweep_plots_share_their_z_axis(qtbot, projector, size):
    for change in ({}, state_b(), {"target_mode": "soft", "auto_normalise": False}):
        model = ExplorerModel()
        if change:
            model.update(**change)
        look = Appearance()
        panel = SweepPanel(model, look)
        panel.setFixedSize(*size)
        look.set_projector(projector)
        qtbot.addWidget(panel)
        with qtbot.waitExposed(panel):
            panel.show()
        settle()
        loss_box = panel.loss_plot.getPlotItem().vb.sceneBoundingRect()
        grad_box = panel.gradient_plot.getPlotItem().vb.sceneBoundingRect()
        # The two views start and end at the same x on screen (both scenes begin at x = 0).
        assert loss_box.left() == grad_box.left() and loss_box.right() == grad_box.right()
        for plot in (panel.loss_plot, panel.gradient_plot):
            axis = plot.getPlotItem().getAxis("left")
            ticks = drawn_ticks(axis)
            assert ticks and all(r.left() >= 0 for r, _ in ticks), [t for _, t in ticks]


# -- the right ViewBox takes no mouse input -------------------------------------------------------


@pytest.mark.parametrize("cls", [InformationPlot, HistoryPlot, LossSweepPlot])
def test_the_right_view_is_transparent_to_the_mouse(qtbot, monkeypatch, cls):
    model = ExplorerModel()
    view = cls(model, Appearance())
    qtbot.addWidget(view)
    view.resize(520, 360)
    with qtbot.waitExposed(view):
        view.show()
    settle()
    plot = view.getPlotItem()
    assert view.mse_view.acceptedMouseButtons() == Qt.MouseButton.NoButton
    received = []
    for name, box in (("main", plot.vb), ("right", view.mse_view)):
        original_drag, original_click = box.mouseDragEvent, box.mouseClickEvent

        def drag(ev, *args, _name=name, _original=original_drag):
            received.append(("drag", _name))
            return _original(ev, *args)

        def click(ev, _name=name, _original=original_click):
            received.append(("click", _name))
            ev.accept()

        monkeypatch.setattr(box, "mouseDragEvent", drag)
        monkeypatch.setattr(box, "mouseClickEvent", click)
    before = (plot.vb.viewRange(), view.mse_view.viewRange())
    centre = plot.vb.sceneBoundingRect().center()
    start = view.mapFromScene(centre)
    end = view.mapFromScene(centre + QPointF(40, -30))
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for t in np.linspace(0.1, 1.0, 6):
        qtbot.mouseMove(vp, pos=start + (end - start) * float(t))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=start)
    assert ("drag", "main") in received and ("click", "main") in received
    assert all(who == "main" for _, who in received), received
    # The mouse changed no range.
    assert (plot.vb.viewRange(), view.mse_view.viewRange()) == before


def test_state_round_trip_helpers_are_independent():
    """The helpers above use only NumPy: a guard that they tell round from unround ends."""
    assert nice(1.4) and nice(12.0) and nice(0.45) and nice(2.0) and nice(0.006)
    assert not nice(1.386) and not nice(0.4493)
    assert overlapping([QRectF(0, 0, 10, 10), QRectF(5, 5, 10, 10)]) == [(0, 1)]
    assert overlapping([QRectF(0, 0, 10, 10), QRectF(10, 0, 10, 10)]) == []
    assert ExplorerState().num_classes == 4
