"""The plots, each built alone on a bare model: what they draw, what the mouse does, what they
skip, how they look, and what pyqtgraph's exporters see.

Expected numbers come from scipy / NumPy in gui_reference.py, never from ``core``.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.dom import minidom

import numpy as np
import pyqtgraph as pg
import pytest
from gui_reference import (
    LN2,
    READOUTS,
    bar_x,
    bar_y0,
    cross_entropy_nats,
    curve_xy,
    entropy_nats,
    expected_readouts,
    export_csv,
    export_svg,
    heights,
    inputs_from_state,
    kl_nats,
    log_q_of,
    mouse_click,
    mouse_drag,
    pixel_in_y,
    q_of,
    show_view,
    viewport_pos,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget
from scipy import special

from app.appearance import PROJECTOR_SCALE, Appearance
from app.model import ExplorerModel
from app.plots import (
    GradientSweepPlot,
    HistoryPlot,
    InformationPanel,
    InformationPlot,
    LossSweepPlot,
    ProbabilityPlot,
    SweepPanel,
)

APP = Path(__file__).resolve().parents[2] / "app"
VIEW_SOURCES = sorted((APP / "plots").glob("*.py")) + [APP / "widgets" / "readouts.py"]


class Calls:
    """Counts the calls of one method of one object (and still runs it)."""

    def __init__(self, monkeypatch, obj, name: str) -> None:
        self.count = 0
        original = getattr(obj, name)

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(obj, name, counted)


def soft(model: ExplorerModel, p=(0.7, 0.1, 0.1, 0.1)) -> None:
    model.update(target_mode="soft", soft_target=list(p))
    assert model.state.soft


def settle(qtbot, model: ExplorerModel) -> None:
    """Let posted (coalesced) changes land."""
    qtbot.waitUntil(lambda: not model._pending, timeout=2000)


def pen_colour(item) -> str:
    return pg.mkPen(item.opts["pen"]).color().name()


def brush_colour(item) -> str:
    return pg.mkBrush(item.opts["brush"]).color().name()


# -- probability_plot: model → view ----------------------------------------------------------


def probability_plot(qtbot, model, appearance=None, size=(640, 420)) -> ProbabilityPlot:
    return show_view(qtbot, ProbabilityPlot(model, appearance), *size)


def assert_probability_bars(pw: ProbabilityPlot, model: ExplorerModel) -> None:
    inp = inputs_from_state(model.state)
    q_h, p_h = heights(pw.q_bars), heights(pw.p_bars)
    assert q_h.shape == p_h.shape == (inp.k,)
    assert np.isfinite(q_h).all() and np.isfinite(p_h).all()
    np.testing.assert_allclose(q_h, q_of(inp), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(p_h, inp.p, rtol=1e-12)
    # q stands left of p in each class's slot.
    assert (bar_x(pw.q_bars) < np.arange(inp.k)).all()
    assert (bar_x(pw.p_bars) > np.arange(inp.k)).all()
    np.testing.assert_allclose(bar_x(pw.q_bars), [pw.bar_center(i, "q") for i in range(inp.k)])


def test_probability_plot_bars_are_q_and_p(qtbot, model):
    pw = probability_plot(qtbot, model)
    assert pw.objectName() == "probability_plot"
    assert_probability_bars(pw, model)
    np.testing.assert_array_equal(heights(pw.p_bars), [1.0, 0.0, 0.0, 0.0])
    model.update(temperature=2.5)
    assert_probability_bars(pw, model)
    model.set_logit(3, 4.2)
    assert_probability_bars(pw, model)
    soft(model)
    model.set_probability(0, 0.4)  # pinned; the others share 0.6 in proportion
    np.testing.assert_allclose(heights(pw.p_bars), [0.4, 0.2, 0.2, 0.2])
    model.set_probability(2, 0.6)  # pinned too: nothing is left for 1 and 3
    np.testing.assert_allclose(heights(pw.p_bars), [0.4, 0.0, 0.6, 0.0], atol=1e-15)
    assert_probability_bars(pw, model)
    model.update(num_classes=7)
    assert_probability_bars(pw, model)


def test_probability_plot_seed_logits_are_finite(qtbot, model):
    pw = probability_plot(qtbot, model)
    model.update(num_classes=3)
    model.update(logits=[123.0, 456.0, 789.0])
    assert_probability_bars(pw, model)
    np.testing.assert_allclose(heights(pw.q_bars), [0.0, 0.0, 1.0], atol=1e-100)


def test_true_band_follows_the_true_class(qtbot, model):
    pw = probability_plot(qtbot, model)
    model.update(target_class=2)
    assert pw.true_band.isVisible()
    assert bar_x(pw.true_band)[0] == 2.0
    soft(model)
    assert not pw.true_band.isVisible()


def test_value_labels_are_created_once_and_grow_with_k(qtbot, model):
    pw = probability_plot(qtbot, model, size=(900, 420))
    labels = list(pw._q_labels)
    assert len(labels) == 4

    # Two significant digits, trailing zeros kept (numpy's formatter as the reference).
    def two_digits(v):
        return np.format_float_positional(v, precision=2, unique=False, fractional=False)

    assert [lab.text for lab in labels] == [
        two_digits(v) for v in q_of(inputs_from_state(model.state))
    ]
    model.set_logit(0, 0.0)
    assert pw._q_labels == labels  # the same items, new text
    assert labels[0].text == two_digits(q_of(inputs_from_state(model.state))[0])
    model.update(num_classes=6)
    assert pw._q_labels[:4] == labels and len(pw._q_labels) == 6
    model.update(num_classes=3)
    assert len(pw._q_labels) == 6  # kept, the extra ones hidden
    assert [lab.isVisible() for lab in pw._q_labels] == [True] * 3 + [False] * 3


# -- probability_plot: view → model ----------------------------------------------------------


def test_drag_q_bar_helper_sets_q_through_the_model(qtbot, model, counter):
    pw = probability_plot(qtbot, model)
    model.update(temperature=2.0)
    before = model.state
    changed = counter(model.changed)
    for y in (0.2, 0.3, 0.45, 0.5):  # one drag, many moves in one turn
        pw.drag_to(2, "q", y)
    assert changed.count == 0  # posted, not applied yet
    qtbot.waitUntil(lambda: changed.count == 1, timeout=2000)
    qtbot.wait(20)
    assert changed.count == 1
    assert changed.calls[0][0].transient
    np.testing.assert_array_equal(model.state.logits[[0, 1, 3]], [2.0, 1.0, -1.0])
    # Independently: the new logits give q_2 = 0.5 at T = 2.
    assert special.softmax(np.asarray(model.state.logits) / 2.0)[2] == pytest.approx(0.5)
    assert heights(pw.q_bars)[2] == pytest.approx(0.5, rel=1e-9)
    pw.end_drag()
    assert model.undo()
    assert model.state.same_as(before)


def test_drag_q_bar_is_clipped(qtbot, model):
    pw = probability_plot(qtbot, model)
    pw.drag_to(0, "q", 1.7)
    model.flush()
    assert 0.99 <= heights(pw.q_bars)[0] < 1.0
    pw.drag_to(0, "q", -0.5)
    model.flush()
    assert 0.0 < heights(pw.q_bars)[0] <= 0.01
    assert np.isfinite(model.state.logits).all()


def test_real_mouse_drag_of_a_q_bar_is_one_undo_step(qtbot, model):
    pw = probability_plot(qtbot, model)
    before = model.state
    history = len(model.history)
    start = float(heights(pw.q_bars)[1])
    mouse_drag(qtbot, pw, pw.bar_center(1, "q"), start / 2, 0.6)
    qtbot.waitUntil(lambda: abs(heights(pw.q_bars)[1] - 0.6) < 0.01, timeout=2000)
    q = special.softmax(np.asarray(model.state.logits))
    assert q[1] == pytest.approx(0.6, abs=2 * pixel_in_y(pw))
    assert heights(pw.q_bars)[1] == pytest.approx(q[1], rel=1e-12)
    np.testing.assert_array_equal(model.state.logits[[0, 2, 3]], [2.0, 0.1, -1.0])
    assert model.state.target_class == 0  # a drag is not a click
    assert not model.in_gesture  # the release committed the gesture ...
    assert len(model.history) == history + 1  # ... as one history point ...
    assert model.undo()  # ... and one undo step
    assert model.state.same_as(before)
    assert not model.undo()
    assert_probability_bars(pw, model)


def test_real_mouse_drag_down_then_up(qtbot, model):
    pw = probability_plot(qtbot, model)
    x = pw.bar_center(0, "q")
    mouse_drag(qtbot, pw, x, heights(pw.q_bars)[0] / 2, 0.1)
    qtbot.waitUntil(lambda: abs(heights(pw.q_bars)[0] - 0.1) < 0.01, timeout=2000)
    mouse_drag(qtbot, pw, x, heights(pw.q_bars)[0] / 2, 0.8)
    qtbot.waitUntil(lambda: abs(heights(pw.q_bars)[0] - 0.8) < 0.01, timeout=2000)
    assert special.softmax(model.state.logits)[0] == pytest.approx(0.8, abs=2 * pixel_in_y(pw))
    assert model.undo() and model.undo()  # two drags, two steps
    np.testing.assert_array_equal(model.state.logits, [2.0, 1.0, 0.1, -1.0])


def test_click_class_selects_the_true_class(qtbot, model):
    pw = probability_plot(qtbot, model)
    pw.click_class(2)
    assert model.state.target_class == 2
    np.testing.assert_array_equal(heights(pw.p_bars), [0.0, 0.0, 1.0, 0.0])
    # A real click on class 3's slot (on its p side, above the bars).
    mouse_click(qtbot, pw, pw.bar_center(3, "p"), 0.5)
    qtbot.waitUntil(lambda: model.state.target_class == 3, timeout=2000)
    np.testing.assert_array_equal(heights(pw.p_bars), [0.0, 0.0, 0.0, 1.0])
    assert pw.true_band.isVisible()
    assert bar_x(pw.true_band)[0] == pytest.approx(3.0)


def test_click_in_soft_mode_does_not_switch_mode(qtbot, model):
    pw = probability_plot(qtbot, model)
    soft(model)
    pw.click_class(2)
    mouse_click(qtbot, pw, pw.bar_center(1, "q"), 0.9)
    qtbot.wait(20)
    assert model.state.soft
    np.testing.assert_allclose(model.state.soft_target, [0.7, 0.1, 0.1, 0.1])
    assert not pw.true_band.isVisible()


def test_drag_p_bar_in_soft_mode_pins_it(qtbot, model):
    pw = probability_plot(qtbot, model)
    soft(model)
    pw.drag_to(1, "p", 0.5)
    qtbot.waitUntil(lambda: heights(pw.p_bars)[1] == 0.5, timeout=2000)
    # The others (0.7, 0.1, 0.1) share the remaining 0.5 in proportion.
    want = [0.7 / 0.9 * 0.5, 0.5, 0.1 / 0.9 * 0.5, 0.1 / 0.9 * 0.5]
    np.testing.assert_allclose(model.state.soft_target, want, rtol=1e-12)
    np.testing.assert_allclose(heights(pw.p_bars), want, rtol=1e-12)
    assert model.state.pinned == (1,)
    x, _ = curve_xy(pw.pin_marks)
    np.testing.assert_allclose(x, [pw.bar_center(1, "p")])


def test_drag_p_bar_in_index_mode_does_nothing(qtbot, model):
    pw = probability_plot(qtbot, model)
    before = model.state
    pw.drag_to(1, "p", 0.5)
    qtbot.wait(20)
    model.flush()
    assert model.state is before
    mouse_drag(qtbot, pw, pw.bar_center(1, "p"), 0.02, 0.5)
    qtbot.wait(20)
    assert model.state is before
    np.testing.assert_array_equal(heights(pw.p_bars), [1.0, 0.0, 0.0, 0.0])


def test_real_mouse_drag_of_a_p_bar_is_one_undo_step(qtbot, model):
    pw = probability_plot(qtbot, model)
    soft(model)
    before = model.state
    mouse_drag(qtbot, pw, pw.bar_center(0, "p"), 0.6, 0.3)
    qtbot.waitUntil(lambda: abs(heights(pw.p_bars)[0] - 0.3) < 0.01, timeout=2000)
    p = model.state.soft_target
    assert p[0] == pytest.approx(0.3, abs=2 * pixel_in_y(pw))
    assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(p[1:], (1 - p[0]) / 3, rtol=1e-9)
    np.testing.assert_allclose(heights(pw.p_bars), p, rtol=1e-12)
    assert model.state.pinned == (0,)
    assert not model.in_gesture  # the release committed the gesture as one undo step
    assert model.undo()
    assert model.state.same_as(before)
    assert model.state.pinned == ()
    assert len(curve_xy(pw.pin_marks)[0]) == 0


# -- probability_plot: pins --------------------------------------------------------------------


def test_pin_marks_stand_above_the_pinned_p_bars(qtbot, model):
    look = Appearance()
    pw = probability_plot(qtbot, model, look)
    assert len(curve_xy(pw.pin_marks)[0]) == 0
    assert not pw.pin_marks.isVisible()  # no pin: not even painted
    soft(model, [0.25, 0.25, 0.25, 0.25])
    model.set_probability(3, 0.4)
    model.set_probability(1, 0.1)
    x, y = curve_xy(pw.pin_marks)
    np.testing.assert_allclose(x, [pw.bar_center(3, "p"), pw.bar_center(1, "p")])
    p = model.state.soft_target
    np.testing.assert_allclose(p, [0.25, 0.1, 0.25, 0.4])
    assert (y > p[[3, 1]]).all() and (y < 1.05).all()
    assert [int(d) for d in pw.pin_marks.data["data"]] == [3, 1]
    assert pw.pin_marks.opts["brush"].color() == look.qcolor("pin")
    assert pw.pin_marks.isVisible()
    # A change that moves no pin (a logit) leaves the marks where they stand.
    model.set_logit(0, 1.5)
    np.testing.assert_allclose(curve_xy(pw.pin_marks)[0], x)
    # Raising the pinned p raises its mark (it follows its bar).
    model.set_probability(3, 0.6)
    marks = [int(d) for d in pw.pin_marks.data["data"]]
    now = dict(zip(marks, curve_xy(pw.pin_marks)[1], strict=True))
    assert now[3] > y[0]
    # A pin that no longer applies disappears: a new K, or index mode.
    model.update(target_mode="index")
    assert model.state.pinned == ()
    assert len(curve_xy(pw.pin_marks)[0]) == 0
    assert not pw.pin_marks.isVisible()


def test_clicking_a_pin_mark_unpins_the_class(qtbot, model):
    pw = probability_plot(qtbot, model)
    soft(model)
    model.set_probability(2, 0.5)
    model.set_probability(0, 0.3)
    assert model.state.pinned == (2, 0)
    x, y = curve_xy(pw.pin_marks)
    mouse_click(qtbot, pw, x[0], y[0])  # the mark of class 2
    qtbot.waitUntil(lambda: model.state.pinned == (0,), timeout=2000)
    np.testing.assert_allclose(curve_xy(pw.pin_marks)[0], [pw.bar_center(0, "p")])
    np.testing.assert_allclose(model.state.soft_target, [0.3, 0.1, 0.5, 0.1])  # p unchanged


# -- probability_plot: what a change concerns ---------------------------------------------------


def test_probability_plot_skips_changes_it_does_not_show(qtbot, model, monkeypatch):
    pw = probability_plot(qtbot, model)
    bars = Calls(monkeypatch, pw, "_draw_bars")
    ticks = Calls(monkeypatch, pw, "_update_ticks")
    resize = Calls(monkeypatch, pw, "_resize_classes")
    q_bars = pw.q_bars
    model.update(units="bits")
    model.clear_history()
    assert (bars.count, ticks.count, resize.count) == (0, 0, 0)
    assert_probability_bars(pw, model)
    model.set_logit(1, 2.5)
    assert (bars.count, resize.count) == (1, 0)
    assert_probability_bars(pw, model)
    names = ("cat", "dog", "bird", "fish")
    model.update(class_names=names)
    assert bars.count == 1  # a rename moves no bar ...
    assert [t for _, t in pw._ticks] == list(names)  # ... but renames the ticks
    model.update(num_classes=5)
    assert (bars.count, resize.count) == (2, 1)
    assert pw.q_bars is q_bars  # updated, not rebuilt
    assert_probability_bars(pw, model)


# -- information_plot --------------------------------------------------------------------------


def information_plot(qtbot, model, appearance=None) -> InformationPlot:
    return show_view(qtbot, InformationPlot(model, appearance), 560, 360)


def assert_information_bars(ip: InformationPlot, model: ExplorerModel) -> None:
    inp = inputs_from_state(model.state)
    log_q = log_q_of(inp)
    scale = 1 / LN2 if inp.units == "bits" else 1.0
    h = entropy_nats(inp.p) * scale
    ce = cross_entropy_nats(inp.p, log_q) * scale
    kl = kl_nats(inp.p, log_q) * scale
    mse = float(np.mean((q_of(inp) - inp.p) ** 2))
    assert heights(ip.entropy_bar)[0] == pytest.approx(h, rel=1e-9, abs=1e-12)
    assert bar_y0(ip.entropy_bar)[0] == 0.0
    assert bar_y0(ip.kl_bar)[0] == pytest.approx(h, rel=1e-9, abs=1e-12)
    assert heights(ip.kl_bar)[0] == pytest.approx(kl, rel=1e-9, abs=1e-12)
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(ce, rel=1e-9, abs=1e-12)
    # The stack reaches exactly the cross-entropy bar: H(p) + KL = H(p,q).
    top = bar_y0(ip.kl_bar)[0] + heights(ip.kl_bar)[0]
    assert top == pytest.approx(heights(ip.cross_entropy_bar)[0], rel=1e-9, abs=1e-12)
    _, line_y = curve_xy(ip.identity_line)
    np.testing.assert_allclose(line_y, [ce, ce], rtol=1e-9)
    assert heights(ip.mse_bar)[0] == pytest.approx(mse, rel=1e-9, abs=1e-15)
    # The bars stand in the visible ranges.
    lo, hi = ip.left_range
    assert lo <= 0.0 and hi >= heights(ip.cross_entropy_bar)[0]
    assert ip.mse_view.viewRange()[1][1] >= mse


def test_information_plot_index_mode(qtbot, model):
    ip = information_plot(qtbot, model)
    assert ip.objectName() == "information_plot"
    assert_information_bars(ip, model)


def test_information_plot_follows_changes_and_units(qtbot, model):
    ip = information_plot(qtbot, model)
    soft(model, [0.25, 0.125, 0.125, 0.5])
    model.set_logit(3, -2.5)
    assert_information_bars(ip, model)
    nats = heights(ip.cross_entropy_bar)[0]
    model.update(units="bits")
    assert_information_bars(ip, model)
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(nats / LN2, rel=1e-12)
    model.update(temperature=0.3)
    assert_information_bars(ip, model)


def test_information_plot_seed_logits(qtbot, model):
    ip = information_plot(qtbot, model)
    model.update(num_classes=3)
    model.update(logits=[123.0, 456.0, 789.0])
    assert_information_bars(ip, model)
    assert heights(ip.cross_entropy_bar)[0] == pytest.approx(666.0)


def test_information_plot_unnormalised_p(qtbot, model):
    ip = information_plot(qtbot, model)
    model.update(target_mode="soft", auto_normalise=False, soft_target=[0.5, 0.1, 0.1, 0.1])
    assert model.state.soft_target.sum() == pytest.approx(0.8)
    assert_information_bars(ip, model)


def test_information_plot_on_a_unit_switch_only_converts(qtbot, model, monkeypatch):
    ip = information_plot(qtbot, model)
    soft(model, [0.4, 0.3, 0.2, 0.1])
    values = Calls(monkeypatch, ip, "_draw_values")
    model.update(units="bits")
    assert values.count == 1  # one redraw, in the new units
    # The range is a round number in bits again (not nats / ln 2), above every value.
    inp = inputs_from_state(model.state)
    ce_bits = cross_entropy_nats(inp.p, log_q_of(inp)) / LN2
    top = ip.left_range[1]
    assert max(ce_bits, np.log2(inp.k)) <= top <= 1.6 * max(ce_bits, np.log2(inp.k))
    assert has_two_digits(top)
    assert_information_bars(ip, model)
    model.set_logit(0, 0.0)
    assert values.count == 2
    assert_information_bars(ip, model)
    model.update(class_names=("a", "b", "c", "d"))
    model.set_probability(1, 0.25)  # a new result
    model.unpin(1)  # pins change no number
    assert values.count == 3
    assert_information_bars(ip, model)


def has_two_digits(top: float) -> bool:
    """A round axis end: at most two significant digits (1.4, 12, 0.45, 2)."""
    scale = 10.0 ** (np.floor(np.log10(top)) - 1)
    return abs(top / scale - round(top / scale)) < 1e-6


# -- history_plot ------------------------------------------------------------------------------


def history_plot(qtbot, model, appearance=None) -> HistoryPlot:
    return show_view(qtbot, HistoryPlot(model, appearance), 560, 200)


def test_history_curves_grow_and_hold_the_values(qtbot, model):
    hp = history_plot(qtbot, model)
    curves = (hp.entropy_curve, hp.cross_entropy_curve, hp.kl_curve, hp.mse_curve)
    n0 = curve_xy(hp.cross_entropy_curve)[1].size
    seen = []
    for v in (1.5, 1.0, 0.5, 0.0, -0.5):
        model.set_logit(0, v)
        seen.append(expected_readouts(inputs_from_state(model.state)))
    for c in curves:
        assert curve_xy(c)[1].size == n0 + 5
    # The last five points are the five states just shown, in order.
    for name, c in zip(READOUTS[:4], curves, strict=True):
        np.testing.assert_allclose(
            curve_xy(c)[1][-5:], [s[name] for s in seen], rtol=1e-9, atol=1e-15
        )
    x, _ = curve_xy(hp.cross_entropy_curve)
    assert x[-1] == 0 and np.all(np.diff(x) > 0)


def test_history_in_bits(qtbot, model):
    hp = history_plot(qtbot, model)
    model.update(target_class=1)
    model.update(units="bits")
    inp = inputs_from_state(model.state)
    want = cross_entropy_nats(inp.p, log_q_of(inp)) / LN2
    assert curve_xy(hp.cross_entropy_curve)[1][-1] == pytest.approx(want, rel=1e-9)
    # The MSE curve is unitless.
    assert curve_xy(hp.mse_curve)[1][-1] == pytest.approx(np.mean((q_of(inp) - inp.p) ** 2))


def test_history_gets_one_point_per_drag(qtbot, model, monkeypatch):
    hp = history_plot(qtbot, model)
    redraws = Calls(monkeypatch, hp, "_redraw")
    n0 = curve_xy(hp.kl_curve)[1].size
    for v in np.arange(1.0, 4.0, 0.05):
        model.set_logit(1, float(v), transient=True)
    settle(qtbot, model)
    assert model.in_gesture
    assert redraws.count == 0  # a drag in progress adds no history point
    model.commit()
    assert redraws.count == 1
    assert curve_xy(hp.kl_curve)[1].size == n0 + 1
    want = expected_readouts(inputs_from_state(model.state))["readout_kl"]
    assert curve_xy(hp.kl_curve)[1][-1] == pytest.approx(want, rel=1e-9)


def test_history_redraws_only_for_history_and_units(qtbot, model, monkeypatch):
    hp = history_plot(qtbot, model)
    redraws = Calls(monkeypatch, hp, "_redraw")
    model.update(class_names=("a", "b", "c", "d"))
    assert redraws.count == 0
    model.update(units="bits")
    assert redraws.count == 1
    model.set_logit(2, 1.0)
    assert redraws.count == 2
    model.clear_history()
    assert redraws.count == 3
    assert curve_xy(hp.entropy_curve)[1].size == 1


# -- sweep plots -----------------------------------------------------------------------------


def sweep_loss_nats(model: ExplorerModel, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softmax cross-entropy and MSE with logit c replaced by each z (scipy only)."""
    state = model.state
    c = model.result.sweep_class
    inp = inputs_from_state(state)
    logits = np.repeat(inp.logits[None, :], z.size, axis=0)
    logits[:, c] = z
    log_q = special.log_softmax(logits / inp.temperature, axis=1)
    loss = -np.sum(np.where(inp.p > 0, inp.p * log_q, 0.0), axis=1)
    mse = np.mean((np.exp(log_q) - inp.p) ** 2, axis=1)
    return loss, mse


def sweep_grads(model: ExplorerModel, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """∂CE/∂z_c = (q_c − p_c)/T and ∂MSE/∂z_c = (2/K) Σᵢ (qᵢ − pᵢ) qᵢ (δᵢc − q_c) / T."""
    c = model.result.sweep_class
    inp = inputs_from_state(model.state)
    logits = np.repeat(inp.logits[None, :], z.size, axis=0)
    logits[:, c] = z
    q = special.softmax(logits / inp.temperature, axis=1)
    t, k = inp.temperature, inp.k
    g_ce = (q[:, c] - inp.p[c]) / t
    delta = (np.arange(k) == c).astype(float)
    g_mse = 2.0 / k * np.sum((q - inp.p) * q * (delta - q[:, [c]]), axis=1) / t
    return g_ce, g_mse


def test_loss_sweep_curves(qtbot, model):
    lp = show_view(qtbot, LossSweepPlot(model), 520, 320)
    assert lp.objectName() == "sweep_plot"
    for change in ({}, {"temperature": 1.7}, {"target_mode": "soft"}):
        model.update(**change)
        z, loss = curve_xy(lp.loss_curve)
        want_loss, want_mse = sweep_loss_nats(model, z)
        assert z[0] == -model.state.slider_limit and z[-1] == model.state.slider_limit
        np.testing.assert_allclose(loss, want_loss, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(curve_xy(lp.mse_curve)[1], want_mse, rtol=1e-9, atol=1e-15)
        c = model.result.sweep_class
        assert lp.current_line.value() == model.state.logits[c]
        dot_x, dot_y = curve_xy(lp.mse_dot)
        assert dot_x[0] == model.state.logits[c]
        assert dot_y[0] == pytest.approx(
            expected_readouts(inputs_from_state(model.state))["readout_mse"]
        )


def test_gradient_sweep_curves(qtbot, model):
    gp = show_view(qtbot, GradientSweepPlot(model), 520, 320)
    assert gp.objectName() == "gradient_plot"
    for change in ({}, {"temperature": 0.5}, {"target_class": 3}):
        model.update(**change)
        z, g_ce = curve_xy(gp.loss_curve)
        want_ce, want_mse = sweep_grads(model, z)
        np.testing.assert_allclose(g_ce, want_ce, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(curve_xy(gp.mse_curve)[1], want_mse, rtol=1e-7, atol=1e-12)


def test_sweep_plots_redraw_only_for_new_numbers_or_names(qtbot, model, monkeypatch):
    panel = show_view(qtbot, SweepPanel(model), 520, 600)
    loss = Calls(monkeypatch, panel.loss_plot, "_redraw")
    grad = Calls(monkeypatch, panel.gradient_plot, "_redraw")
    model.update(units="bits")
    soft(model)  # recomputed
    assert (loss.count, grad.count) == (1, 1)
    model.set_probability(1, 0.3)  # recomputed
    model.unpin(1)  # not
    model.clear_history()  # not
    assert (loss.count, grad.count) == (2, 2)
    model.update(class_names=("ant", "bee", "cow", "dog"))
    assert (loss.count, grad.count) == (3, 3)
    assert "ant" in panel.loss_plot._title_shown[0]
    z, l_y = curve_xy(panel.loss_plot.loss_curve)
    np.testing.assert_allclose(l_y, sweep_loss_nats(model, z)[0], rtol=1e-9, atol=1e-12)


# -- right axis and exporters -----------------------------------------------------------------


def svg_groups(svg: str, stroke: str, width: str) -> list:
    """The <g> elements of an exported SVG drawn with this stroke colour and width."""
    doc = minidom.parseString(svg)
    return [
        g
        for g in doc.getElementsByTagName("g")
        if g.getAttribute("stroke").lower() == stroke.lower()
        and g.getAttribute("stroke-width") == width
    ]


def test_right_axis_items_belong_to_the_plot_item(qtbot, model):
    lp = show_view(qtbot, LossSweepPlot(model), 520, 320)
    ip = information_plot(qtbot, model)
    hp = history_plot(qtbot, model)
    for view, items in (
        (lp, (lp.mse_curve, lp.mse_dot)),
        (ip, (ip.mse_bar,)),
        (hp, (hp.mse_curve,)),
    ):
        plot = view.getPlotItem()
        assert view.mse_view.parentItem() is plot
        assert view.mse_view.geometry() == plot.vb.geometry()
        assert view.mse_view.viewRange()[0] == pytest.approx(plot.vb.viewRange()[0])
        for item in items:
            assert item in plot.items
            assert item.getViewBox() is view.mse_view


def test_csv_export_includes_the_mse_curve(qtbot, model, tmp_path):
    lp = show_view(qtbot, LossSweepPlot(model), 520, 320)
    hp = history_plot(qtbot, model)
    model.set_logit(0, 0.5)
    columns = export_csv(lp.getPlotItem(), tmp_path / "sweep.csv")
    z = columns["MSE_x"]
    np.testing.assert_allclose(z, np.linspace(-10, 10, z.size))
    # The exporter writes 10 decimals.
    want_loss, want_mse = sweep_loss_nats(model, z)
    np.testing.assert_allclose(columns["MSE_y"], want_mse, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(columns["loss_y"], want_loss, rtol=1e-9, atol=1e-10)
    columns = export_csv(hp.getPlotItem(), tmp_path / "history.csv")
    want = expected_readouts(inputs_from_state(model.state))
    assert columns["MSE_y"][-1] == pytest.approx(want["readout_mse"], abs=1e-10)
    assert columns["H(p,q)_y"][-1] == pytest.approx(want["readout_cross_entropy"], abs=1e-10)


def test_svg_export_includes_the_right_axis_items(qtbot, model):
    look = Appearance()
    mse = look.html("mse")
    lp = show_view(qtbot, LossSweepPlot(model, look), 520, 320)
    svg = export_svg(lp.getPlotItem())
    (group,) = svg_groups(svg, mse, "2.5")  # the MSE curve, 2.5 px wide
    n = curve_xy(lp.mse_curve)[0].size
    assert len(group.getElementsByTagName("polyline")) == n - 1  # one segment per step
    lp.mse_curve.hide()
    assert svg_groups(export_svg(lp.getPlotItem()), mse, "2.5") == []  # the test can fail

    hp = history_plot(qtbot, model, look)
    assert len(svg_groups(export_svg(hp.getPlotItem()), mse, "2")) == 1  # dashed MSE curve

    ip = information_plot(qtbot, model, look)
    svg = export_svg(ip.getPlotItem())
    fills = [g for g in minidom.parseString(svg).getElementsByTagName("g")]
    assert any(g.getAttribute("fill").lower() == mse.lower() for g in fills)  # the MSE bar


# -- the appearance ----------------------------------------------------------------------------


def test_each_quantity_has_one_colour_in_every_view(qtbot, model):
    look = Appearance()
    host = QWidget()
    row = QHBoxLayout(host)
    pw = ProbabilityPlot(model, look)
    info = InformationPanel(model, look)
    sweep = SweepPanel(model, look)
    for w in (pw, info, sweep):
        row.addWidget(w)
    show_view(qtbot, host, 1400, 600)
    ip, hp = info.information_plot, info.history_plot
    lp, gp = sweep.loss_plot, sweep.gradient_plot
    assert ip.appearance is hp.appearance is lp.appearance is gp.appearance is look

    def c(role: str) -> str:
        return look.qcolor(role).name()

    assert brush_colour(pw.q_bars) == c("q")
    assert brush_colour(pw.p_bars) == c("p")
    assert brush_colour(ip.entropy_bar) == c("entropy")
    assert brush_colour(ip.kl_bar) == c("kl")
    assert brush_colour(ip.cross_entropy_bar) == c("cross_entropy")
    # MSE: one colour in the bar, the history, the loss sweep and its gradient's family.
    assert brush_colour(ip.mse_bar) == c("mse")
    assert pen_colour(hp.mse_curve) == c("mse")
    assert pen_colour(lp.mse_curve) == c("mse")
    assert pen_colour(gp.mse_curve) == c("mse_grad")
    assert pen_colour(hp.entropy_curve) == c("entropy")
    assert pen_colour(hp.cross_entropy_curve) == c("cross_entropy")
    assert pen_colour(hp.kl_curve) == c("kl")
    assert pen_colour(lp.loss_curve) == c("cross_entropy")
    assert pen_colour(gp.loss_curve) == c("ce_grad")
    assert c("mse") not in {c("kl"), c("q"), c("p"), c("entropy")}


def test_projector_mode_restyles_every_view_live(qtbot, model):
    look = Appearance()
    pw = probability_plot(qtbot, model, look)
    ip = information_plot(qtbot, model, look)
    lp = show_view(qtbot, LossSweepPlot(model, look), 520, 320)
    label_pt = ip._entropy_label.font.pointSizeF()
    loss_width = pg.mkPen(lp.loss_curve.opts["pen"]).widthF()
    q_label_pt = pw._q_labels[0].font.pointSizeF()
    title = lp._title_shown
    look.set_projector(True)
    assert ip._entropy_label.font.pointSizeF() == pytest.approx(PROJECTOR_SCALE * label_pt)
    assert pw._q_labels[0].font.pointSizeF() > q_label_pt
    assert pg.mkPen(lp.loss_curve.opts["pen"]).widthF() > loss_width
    # The title grows too, or a shorter one takes its place where the larger does not fit.
    assert lp._title_shown[1] > title[1] or lp._title_shown[0] != title[0]
    # Everything is redrawn, and right.
    model.set_logit(2, 3.0)
    assert_probability_bars(pw, model)
    assert_information_bars(ip, model)
    look.set_projector(False)
    assert ip._entropy_label.font.pointSizeF() == pytest.approx(label_pt)
    assert pg.mkPen(lp.loss_curve.opts["pen"]).widthF() == pytest.approx(loss_width)


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize(
    "cls", [ProbabilityPlot, InformationPlot, HistoryPlot, LossSweepPlot, GradientSweepPlot]
)
def test_plots_fit_their_widgets(qtbot, model, cls, projector):
    """Titles, axes and labels never push a plot past its widget's edge (where it is cut)."""
    look = Appearance()
    view = show_view(qtbot, cls(model, look), 700, 300)
    look.set_projector(projector)
    for width in (700, 340, 520):
        view.resize(width, 260)
        qtbot.waitUntil(lambda w=width: view.width() == w)
        item = view.getPlotItem()
        assert item.geometry().width() <= width + 0.5, (width, item.geometry())
        for name in ("left", "right"):
            axis = item.getAxis(name)
            if axis.isVisible():
                assert 0 <= axis.geometry().left() and axis.geometry().right() <= width


def test_views_make_their_own_appearance_when_given_none(qtbot, model):
    for cls in (ProbabilityPlot, InformationPlot, HistoryPlot, LossSweepPlot, GradientSweepPlot):
        view = cls(model)
        qtbot.addWidget(view)
        assert isinstance(view.appearance, Appearance)
    panel = InformationPanel(model)
    qtbot.addWidget(panel)
    assert panel.information_plot.appearance is panel.history_plot.appearance


# -- the rules the views follow ------------------------------------------------------------------

COLOUR_LITERAL = re.compile(
    r"""["']#[0-9a-fA-F]{3,8}["']"""  # "#rrggbb"
    r"""|(?:QColor|mkColor|mkPen|mkBrush)\(\s*(?:\(\s*)?(?:\d|["'][a-z])"""  # QColor(0, …)
    r"""|(?:brush|pen|colou?r|background|foreground)\s*=\s*(?:\(\s*\d|["'][a-z#])"""
    r"""|color:\s*#|Qt\.GlobalColor"""
)
COLOUR_TUPLE = re.compile(r"\w*(?:colou?r|pen|brush)\w*\s*=\s*\(\s*\d{1,3}\s*,", re.IGNORECASE)


@pytest.mark.parametrize("path", VIEW_SOURCES, ids=lambda p: p.name)
def test_no_colour_literals_in_the_views(path):
    text = path.read_text(encoding="utf-8")
    found = [m.group(0) for rx in (COLOUR_LITERAL, COLOUR_TUPLE) for m in rx.finditer(text)]
    assert not found, f"{path.name} holds colour literals: {found}"


@pytest.mark.parametrize("path", VIEW_SOURCES, ids=lambda p: p.name)
def test_views_use_only_public_pyqtgraph_api_and_no_edit_maths(path):
    text = path.read_text(encoding="utf-8")
    for private in ("_moveEventIsAllowed", ".style[", ".textItem", "core.editing", "pending("):
        assert private not in text, f"{path.name} uses {private}"


def test_plots_package_takes_every_mouse_move():
    assert pg.getConfigOption("mouseRateLimit") <= 0


def test_a_quick_drag_is_not_a_click(qtbot, model):
    """With pyqtgraph's default rate limit a drag of a few ms would arrive as a click."""
    pw = probability_plot(qtbot, model)
    mouse_drag(qtbot, pw, pw.bar_center(2, "q"), 0.05, 0.5, steps=2)
    qtbot.waitUntil(lambda: abs(heights(pw.q_bars)[2] - 0.5) < 0.01, timeout=2000)
    assert model.state.target_class == 0


def test_views_keep_their_object_names(qtbot, model):
    names = {
        ProbabilityPlot: "probability_plot",
        InformationPlot: "information_plot",
        HistoryPlot: "history_plot",
        LossSweepPlot: "sweep_plot",
        GradientSweepPlot: "gradient_plot",
        InformationPanel: "information_panel",
        SweepPanel: "sweep_panel",
    }
    for cls, name in names.items():
        view = cls(model, Appearance())
        qtbot.addWidget(view)
        assert view.objectName() == name


def test_mouse_cursor_says_what_a_press_does(qtbot, model):
    pw = probability_plot(qtbot, model)
    qtbot.mouseMove(pw.viewport(), pos=viewport_pos(pw, pw.bar_center(1, "q"), 0.5))
    qtbot.waitUntil(lambda: pw.viewport().cursor().shape() == Qt.CursorShape.SizeVerCursor)
    qtbot.mouseMove(pw.viewport(), pos=viewport_pos(pw, pw.bar_center(1, "p"), 0.5))
    qtbot.waitUntil(lambda: pw.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor)


def test_every_plot_sets_its_own_ranges(window, qtbot):
    # Markers and labels move without telling their ViewBox (base.Unscaled): that is
    # only right while no plot auto-ranges. Every plot of the window, once drawn (a
    # plot behind a tab draws when it is shown: refresh() here), has both axes'
    # auto-range off, after changes of the logits, of K and of the race.
    from gui_reference import type_into

    type_into(qtbot, window.findChild(QWidget, "logit_spin_0"), "7")
    type_into(qtbot, window.findChild(QWidget, "class_count"), "12")
    window.race.step(3)
    plots = window.findChildren(pg.PlotWidget)
    assert len(plots) >= 12
    for plot in plots:
        plot.refresh()
        assert plot.getPlotItem().vb.state["autoRange"] == [False, False], plot.objectName()


@pytest.mark.parametrize("sample, stays", [(None, True), ("0.0000", False)])
def test_information_values_falling_through_a_tenth_keep_the_x_range(
    qtbot, model, monkeypatch, sample, stays
):
    """A value gaining a digit below 0.1 (0.1001 → 0.09097) fits the room a value label
    keeps, so the plot does not shift its bars (and redraw its axis); with room for four
    digits only (the other side), it does."""
    from app.plots import information_plot as module

    if sample is not None:
        monkeypatch.setattr(module, "SAMPLE_VALUE", sample)
    model.update(num_classes=4, logits=[3.35, 0.0, 0.0, 0.0], target_class=0)
    view = information_plot(qtbot, model)
    texts = view._value_texts()
    assert texts[1] == "0.1001"  # KL, shown left of the stack
    before = view.getPlotItem().vb.viewRange()[0]
    model.set_logit(0, 3.45)
    assert view._value_texts()[1] == "0.09097"
    after = view.getPlotItem().vb.viewRange()[0]
    assert (after == before) is stays, (before, after)
