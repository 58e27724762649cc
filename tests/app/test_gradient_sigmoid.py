"""The gradient bars and the sigmoid panel, each built alone on a bare model.

What they draw (against scipy and hand-derived formulas, never ``core``), what
typing and the mouse do, what they skip, and how they fit in projector mode.

References, with x = z/T, q the output probabilities and p the target:

* softmax cross-entropy: ∂L/∂z = (q − p)/T;
* softmax MSE = (1/K) Σ (qᵢ − pᵢ)²: ∂/∂zⱼ = (2/(K·T)) qⱼ [(qⱼ − pⱼ) − Σᵢ (qᵢ − pᵢ) qᵢ];
* sigmoid cross-entropy, averaged over the K outputs: ∂/∂zᵢ = (σ(xᵢ) − tᵢ)/(K·T);
* sigmoid MSE = (1/K) Σ (σᵢ − tᵢ)²: ∂/∂zᵢ = 2(σᵢ − tᵢ) σᵢ(1 − σᵢ)/(K·T)
  (binary: K = 1, the MSE of the two outcomes [1 − σ, σ] is (σ − y)²).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from gui_reference import bar_x, curve_xy, heights, show_view, type_into, viewport_pos
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDoubleSpinBox
from scipy import special

from app.appearance import Appearance
from app.formatting import Kind, format_value, parse_number
from app.model import ExplorerModel
from app.plots.gradient_bars import GradientBars
from app.plots.sigmoid_plot import (
    SigmoidGradientPlot,
    SigmoidLossPlot,
    SigmoidPanel,
    SigmoidPlot,
)

SIZE = (480, 600)


class Calls:
    """Counts the calls of one method of one object (and still runs it)."""

    def __init__(self, monkeypatch, obj, name: str) -> None:
        self.count = 0
        original = getattr(obj, name)

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(obj, name, counted)


# -- independent references ------------------------------------------------------------------


def state_arrays(model: ExplorerModel) -> tuple[np.ndarray, np.ndarray, float, str]:
    """(z, p or targets, T, problem type) as the model holds them."""
    s = model.state
    z = np.array(s.logits, dtype=np.float64)
    if s.problem_type.value == "multiclass" and not s.soft:
        p = np.zeros(z.size)
        p[s.target_class] = 1.0
    else:
        p = np.array(s.soft_target, dtype=np.float64)
    return z, p, float(s.temperature), s.problem_type.value


def reference_gradients(model: ExplorerModel) -> tuple[np.ndarray, np.ndarray]:
    """(∂CE/∂z, ∂MSE/∂z) for the model's state, from the formulas in the module docstring."""
    z, p, t, problem = state_arrays(model)
    k = z.size
    x = z / t
    if problem == "multiclass":
        q = special.softmax(x)
        r = q - p
        ce = r / t
        mse = 2.0 / (k * t) * q * (r - np.dot(r, q))
        return ce, mse
    s = special.expit(x)
    ce = (s - p) / (k * t)
    mse = 2.0 * (s - p) * s * special.expit(-x) / (k * t)
    return ce, mse


def selected_log_odds(model: ExplorerModel) -> float:
    """x of the selected class: z/T (sigmoids) or z_c/T − log Σ_{k≠c} e^{z_k/T} (softmax)."""
    z, _, t, problem = state_arrays(model)
    c = model.state.sweep_class
    if problem != "multiclass":
        return float(z[c] / t)
    return float(z[c] / t - special.logsumexp(np.delete(z / t, c)))


def label_number(text: str) -> float:
    """The number after the last "= " of a label ("∂BCE/∂x = −0.9997" → −0.9997)."""
    return parse_number(text.rsplit("= ", 1)[-1])


# -- the gradient bars ---------------------------------------------------------------------------


def gradient_bars(qtbot, model, appearance=None, size=(480, 360)) -> GradientBars:
    return show_view(qtbot, GradientBars(model, appearance), *size)


def assert_bars(view: GradientBars, model: ExplorerModel) -> None:
    want_ce, want_mse = reference_gradients(model)
    k = want_ce.size
    np.testing.assert_allclose(heights(view.loss_bars), want_ce, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(heights(view.mse_bars), want_mse, rtol=1e-7, atol=1e-15)
    # Side by side per logit: the loss's bar left of the slot centre, MSE's right of it.
    assert (bar_x(view.loss_bars) < np.arange(k)).all()
    assert (bar_x(view.mse_bars) > np.arange(k)).all()
    assert (bar_x(view.mse_bars) - np.arange(k) < 0.5).all()


def test_gradient_bars_are_the_cross_entropy_and_mse_gradients(qtbot, model):
    view = gradient_bars(qtbot, model)
    assert view.objectName() == "gradient_bars"
    assert_bars(view, model)
    # The default: softmax cross-entropy, whose gradient is q − p.
    z, p, _, _ = state_arrays(model)
    np.testing.assert_allclose(heights(view.loss_bars), special.softmax(z) - p, rtol=1e-12)
    model.set_logit(3, 4.2)
    assert_bars(view, model)
    model.update(temperature=2.5)  # T ≠ 1: every gradient carries 1/T
    assert_bars(view, model)
    model.update(target_mode="soft", soft_target=[0.4, 0.3, 0.2, 0.1])
    assert_bars(view, model)
    model.update(num_classes=6)
    assert_bars(view, model)
    assert heights(view.loss_bars).shape == (6,)


def test_gradient_bars_for_sigmoid_outputs(qtbot, model):
    view = gradient_bars(qtbot, model)
    model.set_problem_type("multilabel")
    model.update(soft_target=[1.0, 0.0, 0.5, 0.2], temperature=1.5)
    assert_bars(view, model)
    model.set_problem_type("binary")
    model.update(logits=[1.3], soft_target=[0.25], temperature=0.7)
    assert heights(view.loss_bars).shape == heights(view.mse_bars).shape == (1,)
    assert_bars(view, model)
    x = 1.3 / 0.7
    assert heights(view.loss_bars)[0] == pytest.approx((special.expit(x) - 0.25) / 0.7)


def test_typing_a_logit_moves_the_bars(qtbot, model):
    from app.widgets.class_table import ClassTable

    table = show_view(qtbot, ClassTable(model), 520, 300)
    view = gradient_bars(qtbot, model)
    spin = table.findChild(QDoubleSpinBox, "logit_spin_0")
    assert spin is not None
    type_into(qtbot, spin, "-3.5")
    assert model.state.logits[0] == -3.5
    assert_bars(view, model)
    # Class 0 is the true class, far too low now: its bar is the large negative one.
    assert heights(view.loss_bars)[0] == pytest.approx(special.softmax(model.state.logits)[0] - 1)


def test_gradient_bars_range_is_symmetric_and_nice(qtbot, model):
    view = gradient_bars(qtbot, model)
    lo, hi = view.y_range("left")
    assert lo == -hi
    peak = max(np.abs(heights(view.loss_bars)).max(), np.abs(heights(view.mse_bars)).max())
    assert peak <= hi < 1.3 * peak + 1e-12
    assert hi == pytest.approx(0.4)  # the default's largest |gradient| is 0.362
    # During a gesture the range may grow but not shrink; the commit recomputes it.
    model.set_logit(0, -9.0, transient=True)  # a drag: coalesced, applied on the next turn
    qtbot.waitUntil(lambda: model.state.logits[0] == -9.0, timeout=2000)
    grown = view.y_range("left")[1]
    assert grown == pytest.approx(1.0)
    model.set_logit(0, 2.5, transient=True)
    qtbot.waitUntil(lambda: model.state.logits[0] == 2.5, timeout=2000)
    assert view.y_range("left")[1] == grown
    model.commit()
    hi = view.y_range("left")[1]
    peak = max(np.abs(heights(view.loss_bars)).max(), np.abs(heights(view.mse_bars)).max())
    assert peak <= hi < 1.3 * peak and hi < grown


def test_gradient_bars_name_the_loss_and_the_classes(qtbot, model):
    view = gradient_bars(qtbot, model, size=(640, 360))
    plain = [plain for plain, _ in view._title_candidates()]
    assert "softmax cross-entropy" in plain[0] and "MSE" in plain[0]
    assert "softmax cross-entropy" in view.toolTip()
    assert "z ← z − η·∂L/∂z" in view.toolTip()
    model.set_loss("tf.compat.v1.losses.mean_squared_error")
    assert "mean squared error" in view._title_candidates()[0][0]
    assert_bars_loss_is_selected(view, model)
    model.update(class_names=("ant", "bee", "cow", "dog"))
    assert [name for _, name in view._ticks] == ["ant", "bee", "cow", "dog"]


def test_gradient_bar_names_thin_out_for_a_long_name_and_come_back(qtbot, model):
    """The widest name sets the spacing: it is measured again when a name or the text
    size changes, and only then (a change of a logit keeps the names)."""
    look = Appearance()
    view = gradient_bars(qtbot, model, look, size=(640, 360))
    short = tuple("abcdefghijklmnopqrst")
    model.update(num_classes=20)
    model.update(class_names=short)
    shown = [name for _, name in view._ticks]
    assert shown == list(short)
    model.update(class_names=("a very long class name",) + short[1:])
    assert len(view._ticks) < 10, "a long name did not thin the names out"
    model.set_logit(3, 1.5)
    assert len(view._ticks) < 10
    model.update(class_names=short)
    assert [name for _, name in view._ticks] == shown
    look.set_projector(True)  # larger text: the same names need more room
    assert len(view._ticks) < 20
    look.set_projector(False)
    assert [name for _, name in view._ticks] == shown


def assert_bars_loss_is_selected(view: GradientBars, model: ExplorerModel) -> None:
    """With MSE as the selected loss both bars are MSE's gradient (weight 1, mean)."""
    np.testing.assert_allclose(
        heights(view.loss_bars), reference_gradients(model)[1], rtol=1e-7, atol=1e-15
    )


def test_gradient_bars_skip_changes_they_do_not_show(qtbot, model, monkeypatch):
    view = gradient_bars(qtbot, model)
    bars = Calls(monkeypatch, view.loss_bars, "setOpts")
    ticks = Calls(monkeypatch, view, "_update_ticks")
    model.update(units="bits")
    model.clear_history()
    model.update(pitfall_naive_softmax=True)
    assert (bars.count, ticks.count) == (0, 0)
    model.set_logit(1, 2.5)
    assert bars.count == 1
    model.update(class_names=("a", "b", "c", "d"))
    assert bars.count == 1  # a rename moves no bar, only the names
    assert ticks.count == 2
    assert_bars(view, model)


# -- z = −8, y = 1: the vanishing MSE gradient ---------------------------------------------------


def saturated_binary(model: ExplorerModel) -> None:
    model.set_problem_type("binary")
    model.update(logits=[-8.0], soft_target=[1.0])


def test_saturated_sigmoid_mse_gradient_vanishes_in_the_bars(qtbot, model):
    view = gradient_bars(qtbot, model)
    saturated_binary(model)
    s = special.expit(-8.0)
    slope = s * special.expit(8.0)
    ce, mse = heights(view.loss_bars)[0], heights(view.mse_bars)[0]
    assert ce == pytest.approx(s - 1.0, rel=1e-12)  # ≈ −1: still the size of the error
    assert mse == pytest.approx(ce * 2 * slope, rel=1e-9)  # the same sign: both are ∂/∂z
    assert ce < -0.999 and -1e-3 < mse < 0
    # The values written on the bars tell the room the same.
    loss_label, mse_label = view.loss_labels[0], view.mse_labels[0]
    assert loss_label.isVisible() and mse_label.isVisible()
    assert parse_number(loss_label.text) == pytest.approx(ce, abs=5e-4)
    assert abs(parse_number(mse_label.text)) < 1e-3
    assert parse_number(mse_label.text) == pytest.approx(mse, rel=0.01)
    assert view.y_range("left") == (-1.0, 1.0)


def test_saturated_sigmoid_in_the_gradient_plot(qtbot, model):
    gp = show_view(qtbot, SigmoidGradientPlot(model), 480, 260)
    assert gp.objectName() == "sigmoid_gradient_plot"
    saturated_binary(model)
    s = special.expit(-8.0)
    want_ce, want_mse = s - 1.0, 2.0 * (s - 1.0) * s * special.expit(8.0)
    assert want_mse == pytest.approx(-0.00067, abs=5e-6)
    x, y = curve_xy(gp.ce_dots[0])  # the y = 1 dots
    assert x[0] == -8.0 and y[0] == pytest.approx(want_ce, rel=1e-12)
    x, y = curve_xy(gp.mse_dots[0])
    assert x[0] == -8.0 and y[0] == pytest.approx(want_mse, rel=1e-9)
    assert y[0] == pytest.approx(want_ce * 2 * s * special.expit(8.0), rel=1e-9)
    # The values are written out at the point: −0.9997 against −0.000670.
    assert gp.labelled_target == 1
    assert gp.ce_label.isVisible() and gp.mse_label.isVisible()
    assert label_number(gp.ce_label.text) == pytest.approx(want_ce, abs=5e-5)
    assert label_number(gp.mse_label.text) == pytest.approx(want_mse, rel=1e-3)
    assert abs(label_number(gp.mse_label.text)) < 1e-3
    assert format_value(want_mse, Kind.GRADIENT) in gp.mse_label.text
    # y = 0: the labels follow the target's own curves (σ and 2σσ′).
    model.update(soft_target=[0.0])
    assert gp.labelled_target == 0
    assert label_number(gp.ce_label.text) == pytest.approx(s, rel=2e-3)
    assert format_value(2 * s * s * special.expit(8.0), Kind.GRADIENT) in gp.mse_label.text
    assert "(y = " not in gp.ce_label.text
    # A soft target lies between the curves: the labels say which one they read.
    model.update(soft_target=[0.7])
    assert gp.labelled_target == 1 and "(y = 1)" in gp.ce_label.text
    assert label_number(gp.ce_label.text) == pytest.approx(s - 1.0, abs=5e-5)


# -- the sigmoid panel: curves and markers --------------------------------------------------------


def test_sigmoid_curves_span_the_slider_range(qtbot, model):
    panel = show_view(qtbot, SigmoidPanel(model), *SIZE)
    assert panel.objectName() == "sigmoid_panel"
    sp, lp, gp = panel.sigmoid_plot, panel.loss_plot, panel.gradient_plot
    assert (sp.objectName(), lp.objectName(), gp.objectName()) == (
        "sigmoid_plot",
        "sigmoid_loss_plot",
        "sigmoid_gradient_plot",
    )
    for limit in (10.0, 25.0):
        model.update(slider_limit=limit)
        x, sigma = curve_xy(sp.sigma_curve)
        assert x[0] == -limit and x[-1] == limit and 0.0 in x
        np.testing.assert_allclose(sigma, special.expit(x), rtol=1e-12)
        np.testing.assert_allclose(
            curve_xy(sp.slope_curve)[1], special.expit(x) * special.expit(-x), rtol=1e-12
        )
        np.testing.assert_allclose(curve_xy(lp.bce_pos_curve)[1], -special.log_expit(x), rtol=1e-12)
        np.testing.assert_allclose(
            curve_xy(lp.bce_neg_curve)[1], -special.log_expit(-x), rtol=1e-12
        )
        # (σ − 1)² written as σ(−x)², which keeps its digits where σ is near 1.
        np.testing.assert_allclose(curve_xy(lp.se_pos_curve)[1], special.expit(-x) ** 2, rtol=1e-12)
        np.testing.assert_allclose(curve_xy(lp.se_neg_curve)[1], special.expit(x) ** 2, rtol=1e-12)
        np.testing.assert_allclose(curve_xy(gp.ce_pos_curve)[1], -special.expit(-x), rtol=1e-12)
        np.testing.assert_allclose(curve_xy(gp.ce_neg_curve)[1], special.expit(x), rtol=1e-12)
        slope = special.expit(x) * special.expit(-x)
        np.testing.assert_allclose(
            curve_xy(gp.mse_pos_curve)[1], -2 * special.expit(-x) * slope, rtol=1e-12
        )
        np.testing.assert_allclose(
            curve_xy(gp.mse_neg_curve)[1], 2 * special.expit(x) * slope, rtol=1e-9
        )
        # One x range, lined up: the three view boxes start and end at the same pixels.
        for view in panel.views():
            assert view.getPlotItem().vb.viewRange()[0] == pytest.approx([-limit, limit])
        qtbot.waitUntil(
            lambda: (
                len({round(v.getPlotItem().vb.sceneBoundingRect().left()) for v in panel.views()})
                == 1
            )
        )
        rects = [v.getPlotItem().vb.sceneBoundingRect() for v in panel.views()]
        assert len({round(r.width()) for r in rects}) == 1


def test_sigmoid_marker_is_the_binary_probability(qtbot, model):
    sp = show_view(qtbot, SigmoidPlot(model), 480, 260)
    model.set_problem_type("binary")
    model.update(logits=[1.2], soft_target=[1.0], temperature=0.8)
    x = 1.2 / 0.8
    (px,), (py,) = curve_xy(sp.point)
    assert px == pytest.approx(x, rel=1e-15)
    assert py == pytest.approx(special.expit(x), rel=1e-12)
    (sx,), (sy,) = curve_xy(sp.slope_point)
    assert sx == px and sy == pytest.approx(special.expit(x) * special.expit(-x), rel=1e-12)
    assert sp.current_line.value() == pytest.approx(x)
    # The readout: σ, the odds σ/(1 − σ) = e^x and the logit x.
    text = sp.current_label.text
    assert sp.current_label.isVisible()
    assert format_value(special.expit(x), Kind.PROBABILITY) in text
    assert f"{format_value(math.exp(x), Kind.RATIO)} : 1" in text
    assert format_value(x, Kind.LOGIT) in text
    assert "x = z/T" in sp._title_candidates()[0][0]


def test_sigmoid_marker_is_the_selected_class_log_odds_under_softmax(qtbot, model):
    panel = show_view(qtbot, SigmoidPanel(model), *SIZE)
    sp, lp, gp = panel.views()
    model.update(temperature=1.7)

    def assert_marker(c: int) -> None:
        z, _, t, _ = state_arrays(model)
        x = float(z[c] / t - special.logsumexp(np.delete(z / t, c)))
        assert x == pytest.approx(selected_log_odds(model))
        (px,), (py,) = curve_xy(sp.point)
        assert px == pytest.approx(x, rel=1e-12)
        # σ of the class's log-odds against the rest is its softmax probability.
        assert py == pytest.approx(special.softmax(z / t)[c], rel=1e-12)
        for dot in (*lp.bce_dots, *lp.se_dots, *gp.ce_dots, *gp.mse_dots):
            assert curve_xy(dot)[0][0] == pytest.approx(x, rel=1e-12)
        (_,), (bce,) = curve_xy(lp.bce_dots[0])
        assert bce == pytest.approx(-special.log_expit(x), rel=1e-12)
        name = model.state.class_names[c]
        assert f"log-odds of “{name}” against the rest" in sp._title_candidates()[0][0]

    assert_marker(0)
    before = curve_xy(sp.point)[0][0]
    model.update(sweep_class=2)
    assert curve_xy(sp.point)[0][0] != before  # the marker moved to class 2
    assert_marker(2)
    model.set_logit(2, 3.3)
    assert_marker(2)


def test_sigmoid_marker_stays_in_the_range(qtbot, model):
    sp = show_view(qtbot, SigmoidPlot(model), 480, 260)
    model.set_problem_type("binary")
    model.update(logits=[40.0], soft_target=[1.0], slider_limit=10.0)
    (px,), (py,) = curve_xy(sp.point)
    assert px == 10.0 and py == pytest.approx(special.expit(10.0))
    # The readout still gives the true point: x = 40, odds e^40 : 1.
    assert format_value(40.0, Kind.LOGIT) in sp.current_label.text
    assert format_value(math.exp(40.0), Kind.RATIO) in sp.current_label.text


def test_multilabel_marker_is_the_class_logit(qtbot, model):
    sp = show_view(qtbot, SigmoidPlot(model), 480, 260)
    model.set_problem_type("multilabel")
    model.update(sweep_class=1, temperature=2.0)
    z = model.state.logits
    (px,), (py,) = curve_xy(sp.point)
    assert px == pytest.approx(z[1] / 2.0) and py == pytest.approx(special.expit(z[1] / 2.0))


# -- hovering --------------------------------------------------------------------------------


def test_hover_shows_probability_odds_and_logit(qtbot, model):
    sp = show_view(qtbot, SigmoidPlot(model), 480, 300)
    vb = sp.getPlotItem().vb
    assert not sp.hover_label.isVisible() and sp.current_label.isVisible()
    pos = viewport_pos(sp, -2.0, 0.5)
    QTest.mouseMove(sp.viewport(), pos)
    qtbot.waitUntil(lambda: sp.hover_label.isVisible(), timeout=2000)
    # The x under that pixel, as the view maps it.
    x = vb.mapSceneToView(sp.mapToScene(pos)).x()
    assert abs(x + 2.0) < 0.2
    assert sp.hover_x == pytest.approx(x)
    text = sp.hover_label.text
    p = special.expit(x)
    assert format_value(p, Kind.PROBABILITY) in text
    assert f"1 : {format_value(math.exp(-x), Kind.RATIO)}" in text  # odds below even
    assert format_value(x, Kind.LOGIT) in text
    (hx,), (hy,) = curve_xy(sp.hover_point)
    assert hx == pytest.approx(x) and hy == pytest.approx(p, rel=1e-12)
    assert sp.hover_line.isVisible() and sp.hover_line.value() == pytest.approx(x)
    assert not sp.current_label.isVisible()  # the hover readout takes its place
    # Right of 0: odds above even.
    pos = viewport_pos(sp, 3.0, 0.5)
    QTest.mouseMove(sp.viewport(), pos)
    qtbot.waitUntil(lambda: sp.hover_x is not None and sp.hover_x > 2.5, timeout=2000)
    x = vb.mapSceneToView(sp.mapToScene(pos)).x()
    assert f"{format_value(math.exp(x), Kind.RATIO)} : 1" in sp.hover_label.text
    # Off the plot (over the left axis): the hover readout goes, the current one returns.
    QTest.mouseMove(sp.viewport(), QPoint(3, pos.y()))
    qtbot.waitUntil(lambda: not sp.hover_label.isVisible(), timeout=2000)
    assert sp.current_label.isVisible() and not sp.hover_line.isVisible()


# -- what a change concerns ------------------------------------------------------------------


def test_sigmoid_panel_skips_changes_it_does_not_show(qtbot, model, monkeypatch):
    panel = show_view(qtbot, SigmoidPanel(model), *SIZE)
    sp, lp, gp = panel.views()
    curves = [
        Calls(monkeypatch, item, "setData")
        for item in (sp.sigma_curve, sp.slope_curve, lp.bce_pos_curve, gp.mse_pos_curve)
    ]
    point = Calls(monkeypatch, sp.point, "setData")
    dots = Calls(monkeypatch, gp.ce_dots[0], "setData")
    model.update(units="bits")
    model.clear_history()
    model.update(pitfall_double_softmax=True)
    assert [c.count for c in curves] == [0, 0, 0, 0]
    assert (point.count, dots.count) == (0, 0)
    # New numbers move the markers; the curves depend on the slider range alone.
    model.set_logit(0, -1.5)
    assert [c.count for c in curves] == [0, 0, 0, 0]
    assert (point.count, dots.count) == (1, 1)
    model.update(slider_limit=12.0)
    assert [c.count for c in curves] == [1, 1, 1, 1]
    # A rename changes the title only.
    model.update(class_names=("ant", "bee", "cow", "dog"))
    assert (point.count, dots.count) == (2, 2)
    assert "ant" in sp._title_candidates()[0][0]


# -- the appearance --------------------------------------------------------------------------


def pen_colour(item) -> str:
    return pg.mkPen(item.opts["pen"]).color().name()


def test_each_curve_has_its_colour(qtbot, model):
    look = Appearance()
    panel = show_view(qtbot, SigmoidPanel(model, look), *SIZE)
    bars = gradient_bars(qtbot, model, look)
    sp, lp, gp = panel.views()

    def c(role: str) -> str:
        return look.qcolor(role).name()

    assert pen_colour(sp.sigma_curve) == c("sigmoid")
    assert pen_colour(sp.slope_curve) == c("slope")
    assert pen_colour(lp.bce_pos_curve) == pen_colour(lp.bce_neg_curve) == c("cross_entropy")
    assert pen_colour(lp.se_pos_curve) == pen_colour(lp.se_neg_curve) == c("mse")
    assert pen_colour(gp.ce_pos_curve) == c("ce_grad")
    assert pen_colour(gp.mse_pos_curve) == c("mse_grad")
    assert (
        pg.mkPen(lp.bce_neg_curve.opts["pen"]).style()
        != pg.mkPen(lp.bce_pos_curve.opts["pen"]).style()
    )  # y = 0 dashed
    assert pg.mkBrush(sp.point.opts["brush"]).color().name() == c("marker")
    assert pg.mkBrush(bars.loss_bars.opts["brush"]).color().name() == c("ce_grad")
    assert pg.mkBrush(bars.mse_bars.opts["brush"]).color().name() == c("mse_grad")
    for item in (lp.se_pos_curve, *lp.se_dots):
        assert item in lp.getPlotItem().items and item.getViewBox() is lp.mse_view


def test_views_make_their_own_appearance(qtbot, model):
    for cls in (GradientBars, SigmoidPlot, SigmoidLossPlot, SigmoidGradientPlot):
        view = cls(model)
        qtbot.addWidget(view)
        assert isinstance(view.appearance, Appearance)
    panel = SigmoidPanel(model)
    qtbot.addWidget(panel)
    assert panel.sigmoid_plot.appearance is panel.gradient_plot.appearance


def visible_labels(view) -> list:
    labels = list(view._value_labels)
    if isinstance(view, GradientBars):
        labels += view.value_labels
    return [label for label in labels if label.isVisible()]


def assert_inside(view) -> None:
    """The plot, its axes and every visible value label stay within the widget, and each
    label within its view box."""
    view.grab()  # text items take their size on the screen when they are painted
    width, height = view.width(), view.height()
    item = view.getPlotItem()
    assert item.geometry().width() <= width + 0.5
    for name in ("left", "right", "bottom"):
        axis = item.getAxis(name)
        if axis.isVisible():
            assert 0 <= axis.geometry().left() and axis.geometry().right() <= width + 0.5
    box = item.vb.sceneBoundingRect().adjusted(-1.5, -1.5, 1.5, 1.5)
    for label in visible_labels(view):
        rect = label.item.sceneBoundingRect()
        assert box.contains(rect), (view.objectName(), label.text, rect, box)
        assert 0 <= rect.left() and rect.right() <= width and rect.bottom() <= height


@pytest.mark.parametrize("binary", [False, True], ids=["softmax", "binary-8"])
def test_projector_mode_keeps_labels_inside(qtbot, model, binary):
    look = Appearance()
    panel = show_view(qtbot, SigmoidPanel(model, look), *SIZE)
    bars = gradient_bars(qtbot, model, look, size=(480, 360))
    if binary:
        saturated_binary(model)
    sp, _, gp = panel.views()
    readout_pt = sp.current_label.font.pointSizeF()
    value_pt = gp.ce_label.font.pointSizeF()
    width = pg.mkPen(sp.sigma_curve.opts["pen"]).widthF()
    look.set_projector(True)
    qtbot.wait(10)
    assert pg.mkPen(sp.sigma_curve.opts["pen"]).widthF() > width
    assert gp.ce_label.font.pointSizeF() > value_pt or sp.current_label.font.pointSizeF() > (
        readout_pt
    )
    for view in (*panel.views(), bars):
        assert_inside(view)
    # Numbers still right after the restyle, and still inside after a new state.
    assert_bars(bars, model)
    model.update(logits=[4.0] if binary else [2.0, 1.0, 0.1, 6.0])
    for view in (*panel.views(), bars):
        assert_inside(view)
    for size in ((700, 700), (420, 520)):
        panel.resize(*size)
        qtbot.waitUntil(lambda s=size: panel.width() == s[0])
        for view in panel.views():
            assert_inside(view)
    look.set_projector(False)
    assert pg.mkPen(sp.sigma_curve.opts["pen"]).widthF() == pytest.approx(width)


def test_hover_readout_stays_inside(qtbot, model):
    look = Appearance()
    sp = show_view(qtbot, SigmoidPlot(model, look), 480, 220)
    look.set_projector(True)
    for x in (-9.5, -0.1, 0.1, 9.5):
        sp.hover_at(x)
        assert sp.hover_label.isVisible()
        assert_inside(sp)
    sp.hover_at(math.nan)
    assert not sp.hover_label.isVisible()


def test_sigmoid_hover_ignores_points_outside_the_range(qtbot, model):
    sp = show_view(qtbot, SigmoidPlot(model), 480, 260)
    sp.hover_at(50.0)
    assert sp.hover_x is None and not sp.hover_label.isVisible()
