"""The training race's panel on a bare model: real clicks and typing, against an independent
gradient descent.

Every expected position is computed here again from scipy.special formulas (softmax,
expit) and the gradients written out by hand, never through ``core``.
"""

from __future__ import annotations

import numpy as np
import pytest
from gui_reference import curve_xy, show_view, sigmoid_ce, softmax_ce, type_into
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QPushButton
from scipy import special

from app.appearance import Appearance
from app.model import LEARNING_RATE_RANGE, ExplorerModel
from app.plots.training_plot import TrainingPanel, step_axis_top
from app.training import MAX_STEPS, SPEEDS, TrainingRace

BUTTONS = ("train_play", "train_pause", "train_step", "train_reset", "train_apply")


# -- the independent reference ---------------------------------------------------------------


def reference_gradient(
    z: np.ndarray, target: np.ndarray, problem: str, objective: str, t: float
) -> np.ndarray:
    """∂L/∂z of one example, written out from the formulas.

    multiclass, softmax cross-entropy: (q − p)/T with q = softmax(z/T).
    multiclass, MSE = (1/K) Σ (qᵢ − pᵢ)²: (2/(K T)) · q ⊙ (e − q·e), e = q − p (the softmax's
    Jacobian diag(q) − q qᵀ applied to 2e/K).
    sigmoids (binary, multilabel), cross-entropy averaged over the K outputs: (σ − t)/(K T).
    sigmoids, MSE: 2 (σ − t) σ (1 − σ) / (K T).
    """
    k = z.size
    x = z / t
    if problem == "multiclass":
        q = special.softmax(x)
        if objective == "loss":
            return (q - target) / t
        e = q - target
        return 2.0 / (k * t) * q * (e - np.dot(q, e))
    s = special.expit(x)
    if objective == "loss":
        return (s - target) / (k * t)
    return 2.0 * (s - target) * s * (1.0 - s) / (k * t)


def reference_descent(
    z0, target, problem: str, objective: str, eta: float, steps: int, t: float = 1.0
) -> np.ndarray:
    """(steps + 1, K): plain gradient descent z ← z − η ∇L, the start first."""
    z = np.array(z0, dtype=np.float64)
    p = np.asarray(target, dtype=np.float64)
    rows = [z.copy()]
    for _ in range(steps):
        z = z - eta * reference_gradient(z, p, problem, objective, t)
        rows.append(z.copy())
    return np.array(rows)


def reference_q(logits: np.ndarray, problem: str, t: float = 1.0) -> np.ndarray:
    """Row by row: softmax(z/T), or σ(z/T) per output."""
    x = np.asarray(logits) / t
    return special.softmax(x, axis=-1) if problem == "multiclass" else special.expit(x)


def reference_loss(logits: np.ndarray, target, problem: str, t: float = 1.0) -> np.ndarray:
    """The default loss of the problem type at each row (nats)."""
    p = np.asarray(target, dtype=np.float64)
    if problem == "multiclass":
        return np.array([softmax_ce(p, row / t) for row in logits])
    return np.array([sigmoid_ce(p, row / t) for row in logits])


# -- driving the panel ------------------------------------------------------------------------


def make_panel(
    qtbot, model: ExplorerModel | None = None, appearance=None, size=(500, 500)
) -> TrainingPanel:
    model = model if model is not None else ExplorerModel()
    race = TrainingRace(model)
    panel = TrainingPanel(model, race, appearance)
    show_view(qtbot, panel, *size)
    return panel


def button(panel: TrainingPanel, name: str) -> QPushButton:
    b = panel.findChild(QPushButton, name)
    assert b is not None, f"no button {name!r}"
    return b


def click(qtbot, panel: TrainingPanel, name: str) -> None:
    b = button(panel, name)
    assert b.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def step_clicks(qtbot, panel: TrainingPanel, n: int) -> None:
    for _ in range(n):
        click(qtbot, panel, "train_step")


def rate_box(panel: TrainingPanel) -> QDoubleSpinBox:
    box = panel.findChild(QDoubleSpinBox, "learning_rate_spin")
    assert box is not None
    return box


def speed_box(panel: TrainingPanel) -> QComboBox:
    box = panel.findChild(QComboBox, "train_speed")
    assert box is not None
    return box


def step_label(panel: TrainingPanel) -> str:
    label = panel.findChild(QLabel, "train_step_count")
    assert label is not None
    return label.text()


def enabled(panel: TrainingPanel) -> dict[str, bool]:
    return {name: button(panel, name).isEnabled() for name in BUTTONS}


def play_until(qtbot, panel: TrainingPanel, steps: int) -> None:
    """Play with the timer until at least ``steps`` steps, then click Pause."""
    click(qtbot, panel, "train_play")
    qtbot.waitUntil(lambda: panel.race.steps >= steps, timeout=10_000)
    click(qtbot, panel, "train_pause")
    assert not panel.race.running


def binary_model(z: float, y: float) -> ExplorerModel:
    model = ExplorerModel()
    assert model.set_problem_type("binary")
    model.update(logits=[z], soft_target=[y], class_names=["cat"])
    return model


def assert_curves_show_the_race(panel: TrainingPanel) -> None:
    """Both plots' curves are the race's tracks (x = 0 … steps)."""
    race = panel.race
    steps = np.arange(race.steps + 1, dtype=np.float64)
    state = panel.loss_plot.model.state
    c = 0 if state.problem_type.value == "binary" else state.sweep_class
    expected = {
        (panel.loss_plot, "ce_curve"): race.ce.loss,
        (panel.loss_plot, "mse_curve"): race.mse.loss,
        (panel.probability_plot, "ce_curve"): race.ce.q[:, c],
        (panel.probability_plot, "mse_curve"): race.mse.q[:, c],
    }
    for (plot, name), values in expected.items():
        x, y = curve_xy(getattr(plot, name))
        np.testing.assert_array_equal(x, steps, err_msg=f"{plot.objectName()}.{name}")
        np.testing.assert_array_equal(y, values, err_msg=f"{plot.objectName()}.{name}")


def assert_no_race_shown(panel: TrainingPanel) -> None:
    for plot in (panel.loss_plot, panel.probability_plot):
        for curve in (plot.ce_curve, plot.mse_curve, plot.ce_head, plot.mse_head):
            assert curve_xy(curve)[0].size == 0
    assert panel.loss_plot.hint.isVisible()
    assert step_label(panel) == "step 0"
    assert enabled(panel) == {
        "train_play": True,
        "train_pause": False,
        "train_step": True,
        "train_reset": False,
        "train_apply": False,
    }


# -- what it is -------------------------------------------------------------------------------


def test_panel_names_tips_and_first_look(qtbot):
    panel = make_panel(qtbot)
    assert panel.objectName() == "training_panel"
    assert panel.loss_plot.objectName() == "training_plot"
    assert panel.probability_plot.objectName() == "training_probability_plot"
    for name in (*BUTTONS, "train_speed", "learning_rate_spin", "train_step_count"):
        w = panel.findChild(QPushButton, name) or panel.findChild(QComboBox, name)
        w = w or panel.findChild(QDoubleSpinBox, name) or panel.findChild(QLabel, name)
        assert w is not None, name
        assert w.accessibleName(), f"{name} has no accessible name"
        assert w.toolTip(), f"{name} has no tooltip"
    assert "Space" in button(panel, "train_play").toolTip()
    assert "Space" in button(panel, "train_pause").toolTip()
    assert "one undo step" in button(panel, "train_apply").toolTip()
    assert "keep where cross-entropy got to" in button(panel, "train_apply").toolTip()
    assert "no undo step" in button(panel, "train_reset").toolTip()
    assert panel.loss_plot.accessibleName() and panel.probability_plot.accessibleName()
    # Before any race: empty curves, a hint, the step axis from 0.
    assert_no_race_shown(panel)
    assert "Play" in panel.loss_plot.hint.toPlainText()
    # One "step" label under both plots (the loss plot has its own when shown alone).
    assert panel.probability_plot.axis_label_text("bottom") == "step"
    assert panel.loss_plot.axis_label_text("bottom") == ""
    assert panel.loss_plot.axis_label_text("left") == "loss (nats)"
    assert panel.probability_plot.axis_label_text("left") == "q of “class 0”"
    assert panel.probability_plot.y_range("left") == (0.0, 1.0)
    (x0, x1), _ = panel.loss_plot.getPlotItem().vb.viewRange()
    assert x0 <= 0 < x1 and x1 == pytest.approx(10)
    # The speed control lists the race's speeds and shows the current one.
    box = speed_box(panel)
    assert [box.itemData(i) for i in range(box.count())] == list(SPEEDS)
    assert box.currentData() == panel.race.speed
    assert rate_box(panel).minimum() == LEARNING_RATE_RANGE[0]
    assert rate_box(panel).maximum() == LEARNING_RATE_RANGE[1]
    assert rate_box(panel).value() == 1.0


def test_step_axis_grows_in_1_2_5_steps():
    assert [step_axis_top(n) for n in (0, 1, 10, 11, 20, 21, 50, 51, 101, 999, 1001)] == [
        10,
        10,
        10,
        20,
        20,
        50,
        50,
        100,
        200,
        1000,
        2000,
    ]
    assert step_axis_top(MAX_STEPS) == MAX_STEPS


# -- N steps are N gradient steps --------------------------------------------------------------


def multiclass_setup(model: ExplorerModel, t: float):
    # Confidently wrong: class 1 leads, class 0 is true.
    model.update(logits=[-2.0, 3.0, 0.5, 1.0], target_class=0, temperature=t)
    return "multiclass", np.array([1.0, 0.0, 0.0, 0.0]), t


def binary_setup(model: ExplorerModel, t: float):
    assert model.set_problem_type("binary")
    model.update(logits=[-3.0], soft_target=[0.8], temperature=t)
    assert model.state.loss.value == "tf.nn.sigmoid_cross_entropy_with_logits"
    return "binary", np.array([0.8]), t


def multilabel_setup(model: ExplorerModel, t: float):
    assert model.set_problem_type("multilabel")
    model.update(logits=[2.0, -1.0, 0.1, -4.0], soft_target=[1.0, 0.0, 0.5, 1.0], temperature=t)
    assert model.state.loss.value == "tf.nn.sigmoid_cross_entropy_with_logits"
    return "multilabel", np.array([1.0, 0.0, 0.5, 1.0]), t


@pytest.mark.parametrize(
    ("setup", "t"),
    [
        (multiclass_setup, 1.0),
        (multiclass_setup, 2.0),
        (binary_setup, 1.0),
        (multilabel_setup, 0.5),
    ],
    ids=["multiclass", "multiclass-T2", "binary", "multilabel-T0.5"],
)
def test_n_steps_are_n_independent_gradient_steps(qtbot, setup, t):
    model = ExplorerModel()
    problem, target, t = setup(model, t)
    panel = make_panel(qtbot, model)
    type_into(qtbot, rate_box(panel), "0.35")
    assert model.state.learning_rate == 0.35
    start = np.array(model.state.logits)
    n = 12
    step_clicks(qtbot, panel, n)
    race = panel.race
    assert race.steps == n
    assert step_label(panel) == f"step {n}"
    ce = reference_descent(start, target, problem, "loss", 0.35, n, t)
    mse = reference_descent(start, target, problem, "mse", 0.35, n, t)
    np.testing.assert_allclose(race.ce.logits, ce, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(race.mse.logits, mse, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(race.ce.q, reference_q(ce, problem, t), rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(race.mse.q, reference_q(mse, problem, t), rtol=1e-11, atol=1e-15)
    np.testing.assert_allclose(race.ce.loss, reference_loss(ce, target, problem, t), rtol=1e-11)
    np.testing.assert_allclose(race.mse.loss, reference_loss(mse, target, problem, t), rtol=1e-11)
    # The descents really moved apart (a test of two equal runners would prove little).
    assert not np.allclose(ce[-1], mse[-1], atol=1e-3)
    # The window follows the cross-entropy runner; the plots show both tracks.
    np.testing.assert_array_equal(model.state.logits, race.ce.logits[-1])
    assert_curves_show_the_race(panel)


def test_a_typed_fraction_is_the_learning_rate_and_enter_on_the_same_value_keeps_the_race(qtbot):
    model = ExplorerModel()
    panel = make_panel(qtbot, model)
    type_into(qtbot, rate_box(panel), "1/4")
    assert model.state.learning_rate == 0.25
    step_clicks(qtbot, panel, 3)
    undo_before = len(model._undo)
    type_into(qtbot, rate_box(panel), "0.25")  # Enter on the value it has: no change
    assert panel.race.steps == 3
    assert len(model._undo) == undo_before
    type_into(qtbot, rate_box(panel), "2")  # a new η ends the race
    assert model.state.learning_rate == 2.0
    assert not panel.race.started
    assert_no_race_shown(panel)
    # A refused value is put back.
    type_into(qtbot, rate_box(panel), "1000")
    assert model.state.learning_rate == 2.0
    assert rate_box(panel).value() == 2.0
    model.update(learning_rate=0.5)  # from elsewhere: the box follows
    assert rate_box(panel).value() == 0.5


# -- determinism -------------------------------------------------------------------------------


def test_the_same_start_gives_the_same_trajectory_and_the_timer_equals_the_steps(qtbot):
    model = ExplorerModel()
    model.update(logits=[-1.0, 2.5, 0.0, 0.3])
    panel = make_panel(qtbot, model)
    start = np.array(model.state.logits)
    step_clicks(qtbot, panel, 10)
    first_ce = np.array(panel.race.ce.logits)
    first_mse = np.array(panel.race.mse.logits)
    click(qtbot, panel, "train_reset")
    np.testing.assert_array_equal(model.state.logits, start)
    step_clicks(qtbot, panel, 10)
    np.testing.assert_array_equal(panel.race.ce.logits, first_ce)
    np.testing.assert_array_equal(panel.race.mse.logits, first_mse)
    click(qtbot, panel, "train_reset")
    # The timer at 60 steps/s: its first ten steps are the ten clicked ones, bit for bit.
    box = speed_box(panel)
    box.setCurrentIndex(box.findData(60))
    play_until(qtbot, panel, 10)
    np.testing.assert_array_equal(panel.race.ce.logits[:11], first_ce)
    np.testing.assert_array_equal(panel.race.mse.logits[:11], first_mse)
    assert step_label(panel) == f"step {panel.race.steps}"
    assert_curves_show_the_race(panel)


# -- undo: a race is a preview; only Apply is a step -------------------------------------------


def test_a_played_race_then_reset_leaves_undo_as_it_was(qtbot):
    model = ExplorerModel()
    model.update(logits=[0.5, 1.5, -0.5, 0.0])  # one undo step of its own
    panel = make_panel(qtbot, model)
    start = np.array(model.state.logits)
    undo = list(model._undo)
    speed_box(panel).setCurrentIndex(speed_box(panel).findData(60))
    click(qtbot, panel, "train_play")
    assert enabled(panel)["train_pause"] and not enabled(panel)["train_play"]
    assert not enabled(panel)["train_step"]
    qtbot.waitUntil(lambda: panel.race.steps >= 5, timeout=10_000)
    assert enabled(panel)["train_reset"] and enabled(panel)["train_apply"]
    click(qtbot, panel, "train_pause")
    assert enabled(panel)["train_play"] and not enabled(panel)["train_pause"]
    assert not np.array_equal(model.state.logits, start)  # the window followed the race
    click(qtbot, panel, "train_reset")
    assert model._undo == undo
    np.testing.assert_array_equal(model.state.logits, start)
    assert_no_race_shown(panel)
    assert model.undo()  # undo still takes back what came before the race
    np.testing.assert_array_equal(model.state.logits, [2.0, 1.0, 0.1, -1.0])


def test_steps_without_apply_add_no_undo_step_and_apply_adds_exactly_one(qtbot):
    model = ExplorerModel()
    panel = make_panel(qtbot, model)
    start = np.array(model.state.logits)
    before = len(model._undo)
    # Steps alone: no undo step, with or without Reset.
    step_clicks(qtbot, panel, 3)
    assert len(model._undo) == before
    click(qtbot, panel, "train_reset")
    assert len(model._undo) == before
    np.testing.assert_array_equal(model.state.logits, start)
    # Steps and Apply: exactly one, and the logits are where cross-entropy got to.
    step_clicks(qtbot, panel, 7)
    assert len(model._undo) == before
    reached = np.array(panel.race.ce.logits[-1])
    expected = reference_descent(start, [1.0, 0.0, 0.0, 0.0], "multiclass", "loss", 1.0, 7)[-1]
    np.testing.assert_allclose(reached, expected, rtol=1e-12, atol=1e-12)
    click(qtbot, panel, "train_apply")
    assert len(model._undo) == before + 1
    np.testing.assert_array_equal(model.state.logits, reached)
    assert not model.in_gesture
    assert_no_race_shown(panel)  # the race is over; the next Play starts from here
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, start)
    assert len(model._undo) == before


def test_apply_after_playing_is_one_undo_step(qtbot):
    model = ExplorerModel()
    panel = make_panel(qtbot, model)
    start = np.array(model.state.logits)
    before = len(model._undo)
    speed_box(panel).setCurrentIndex(speed_box(panel).findData(60))
    play_until(qtbot, panel, 4)
    reached = np.array(panel.race.ce.logits[-1])
    click(qtbot, panel, "train_apply")
    assert len(model._undo) == before + 1
    np.testing.assert_array_equal(model.state.logits, reached)
    model.undo()
    np.testing.assert_array_equal(model.state.logits, start)


# -- the article's case: confidently wrong ----------------------------------------------------


def test_confidently_wrong_cross_entropy_recovers_while_mse_crawls(qtbot):
    model = binary_model(-8.0, 1.0)
    panel = make_panel(qtbot, model)
    type_into(qtbot, rate_box(panel), "1")
    assert model.state.learning_rate == 1.0
    step_clicks(qtbot, panel, 20)
    race = panel.race
    ce = reference_descent([-8.0], [1.0], "binary", "loss", 1.0, 20)
    mse = reference_descent([-8.0], [1.0], "binary", "mse", 1.0, 20)
    np.testing.assert_allclose(race.ce.logits, ce, rtol=1e-12)
    np.testing.assert_allclose(race.mse.logits, mse, rtol=1e-12)
    sigma_ce, sigma_mse = special.expit(ce[-1, 0]), special.expit(mse[-1, 0])
    assert sigma_ce > 0.9
    assert sigma_mse < 0.01
    # What the plots show says the same.
    _, q_ce = curve_xy(panel.probability_plot.ce_curve)
    _, q_mse = curve_xy(panel.probability_plot.mse_curve)
    assert q_ce.size == q_mse.size == 21
    assert q_ce[-1] > 0.9 and q_mse[-1] < 0.01
    np.testing.assert_allclose(q_ce, special.expit(ce[:, 0]), rtol=1e-12)
    np.testing.assert_allclose(q_mse, special.expit(mse[:, 0]), rtol=1e-12)
    _, loss_ce = curve_xy(panel.loss_plot.ce_curve)
    _, loss_mse = curve_xy(panel.loss_plot.mse_curve)
    assert loss_ce[-1] < 0.1 < 7.9 < loss_mse[-1]  # −log σ(z): the MSE runner is still at ≈ 8
    assert panel.probability_plot.axis_label_text("left") == "σ(z)"
    assert_curves_show_the_race(panel)
    # The loss axis holds the start (≈ 8 nats); the step axis 0 … 20.
    assert panel.loss_plot.y_range("left")[1] >= loss_mse.max()
    (_, x1), _ = panel.loss_plot.getPlotItem().vb.viewRange()
    assert x1 == pytest.approx(20)


# -- the plots follow the race and the model ----------------------------------------------------


def test_the_plots_follow_the_selected_class_and_its_name(qtbot):
    model = ExplorerModel()
    model.update(target_mode="soft", soft_target=[0.1, 0.6, 0.2, 0.1])
    panel = make_panel(qtbot, model)
    step_clicks(qtbot, panel, 5)
    assert_curves_show_the_race(panel)
    model.update(sweep_class=2)  # another class selected: the same race, another column
    assert panel.race.steps == 5
    assert panel.probability_plot.axis_label_text("left") == "q of “class 2”"
    assert_curves_show_the_race(panel)
    model.update(class_names=["cat", "dog", "bird", "fish"])
    assert panel.race.steps == 5
    assert panel.probability_plot.axis_label_text("left") == "q of “bird”"
    step_clicks(qtbot, panel, 2)
    assert_curves_show_the_race(panel)


def test_a_change_made_elsewhere_ends_the_race(qtbot):
    model = ExplorerModel()
    panel = make_panel(qtbot, model)
    step_clicks(qtbot, panel, 6)
    assert not panel.loss_plot.hint.isVisible()
    model.update(temperature=2)
    assert not panel.race.started
    assert_no_race_shown(panel)
    # The next race starts from there.
    start = np.array(model.state.logits)
    step_clicks(qtbot, panel, 2)
    np.testing.assert_array_equal(panel.race.ce.logits[0], start)
    expected = reference_descent(start, [1.0, 0.0, 0.0, 0.0], "multiclass", "loss", 1.0, 2, 2.0)
    np.testing.assert_allclose(panel.race.ce.logits, expected, rtol=1e-12)


def test_the_speed_control_sets_the_timer(qtbot):
    panel = make_panel(qtbot)
    race, box = panel.race, speed_box(panel)
    box.setFocus()
    for speed in (1, 5, 60):
        box.setCurrentIndex(box.findData(speed))
        assert race.speed == speed
        assert race._timer.interval() == round(1000 / speed)
    qtbot.keyClick(box, Qt.Key.Key_Up)  # the keyboard: one speed slower
    assert race.speed == SPEEDS[-2]
    race.set_speed(2)  # from elsewhere (a shortcut): the control follows
    assert box.currentData() == 2


def test_the_last_step_stops_the_race_and_a_long_race_draws_few_points(qtbot):
    panel = make_panel(qtbot)
    panel.race.step(MAX_STEPS)
    assert panel.race.steps == MAX_STEPS
    assert step_label(panel) == f"step {MAX_STEPS}"
    assert not enabled(panel)["train_play"] and not enabled(panel)["train_step"]
    assert enabled(panel)["train_apply"] and enabled(panel)["train_reset"]
    (_, x1), _ = panel.loss_plot.getPlotItem().vb.viewRange()
    assert x1 == pytest.approx(MAX_STEPS)
    # About two points per pixel are drawn, not 10 001: a redraw costs the same at any step.
    for plot in (panel.loss_plot, panel.probability_plot):
        width = plot.getPlotItem().vb.width()
        for curve in (plot.ce_curve, plot.mse_curve):
            x, y = curve_xy(curve)
            assert 0 < x.size <= 2 * width + 4
    # "peak" keeps each pixel's extremes: the start's loss is still drawn.
    _, y = curve_xy(panel.loss_plot.ce_curve)
    assert y.max() == pytest.approx(panel.race.ce.loss.max())


# -- how it looks ----------------------------------------------------------------------------------


def assert_fits(panel: TrainingPanel) -> None:
    """Every control lies inside the panel and shows its whole text."""
    area = panel.rect()
    for name in (*BUTTONS, "train_speed", "learning_rate_spin", "train_step_count"):
        w = panel.findChild(QPushButton, name) or panel.findChild(QComboBox, name)
        w = w or panel.findChild(QDoubleSpinBox, name) or panel.findChild(QLabel, name)
        rect = QRect(w.mapTo(panel, w.rect().topLeft()), w.size())
        assert area.contains(rect), f"{name} is clipped: {rect} outside {area}"
        assert w.width() >= w.minimumSizeHint().width(), f"{name} is squeezed"
    for plot in (panel.loss_plot, panel.probability_plot):
        assert plot.height() >= plot.minimumHeight()


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
def test_renders_at_500_px(qtbot, tmp_path, projector):
    appearance = Appearance()
    appearance.set_projector(projector)
    tag = "projector" if projector else "normal"
    panel = make_panel(qtbot, binary_model(-8.0, 1.0), appearance)
    assert panel.font().pointSizeF() == pytest.approx(appearance.font().pointSizeF())
    panel.grab().save(str(tmp_path / f"training-idle-{tag}.png"))
    panel.race.step(50)
    qtbot.wait(20)
    assert_fits(panel)
    assert panel.grab().save(str(tmp_path / f"training-binary-{tag}.png"))
    model = ExplorerModel()
    model.update(logits=[-3.0, 4.0, 1.0, 0.0], class_names=["cat", "dog", "bird", "fish"])
    multi = make_panel(qtbot, model, appearance)
    multi.race.step(137)
    qtbot.wait(20)
    assert_fits(multi)
    assert multi.grab().save(str(tmp_path / f"training-multiclass-{tag}.png"))
    assert multi.probability_plot.axis_label_text("left") == "q of “cat”"


def test_projector_mode_restyles_live(qtbot):
    appearance = Appearance()
    panel = make_panel(qtbot, appearance=appearance)
    before = panel.font().pointSizeF()
    appearance.set_projector(True)
    qtbot.wait(20)  # the layout follows on the next turn of the event loop
    assert panel.font().pointSizeF() > before
    assert_fits(panel)
