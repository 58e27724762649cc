"""The loss-surface panel, built alone on a bare model: what it draws, what the mouse and
the class boxes do, what it skips, and how it looks.

Expected numbers come from scipy / NumPy in gui_reference.py (and the formulas written out
here), never from ``core``. Views compute only while visible, so each test shows its panel.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from gui_reference import (
    Inputs,
    curve_xy,
    expected_readouts,
    inputs_from_state,
    loss_nats,
    mouse_click,
    mouse_drag,
    probabilities,
    show_view,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from scipy import special

from app.appearance import Appearance
from app.model import ExplorerModel
from app.plots.surface_plot import SurfacePanel, SurfacePlot, thinned_path
from app.training import TrainingRace

NAMES = ["cat", "dog", "bird", "fish"]


class Calls:
    """Counts the calls of one method of one object (and still runs it)."""

    def __init__(self, monkeypatch, obj, name: str) -> None:
        self.count = 0
        original = getattr(obj, name)

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(obj, name, counted)


class NewImages(Calls):
    """Counts ``setImage`` calls that pass an image: pyqtgraph's own redraws call it with
    none (a new lookup table or new levels), and those compute nothing."""

    def __init__(self, monkeypatch, image_item) -> None:
        self.count = 0
        original = image_item.setImage

        def counted(image=None, *args, **kwargs):
            if image is not None:
                self.count += 1
            return original(image, *args, **kwargs)

        monkeypatch.setattr(image_item, "setImage", counted)


def panel_for(qtbot, model, race=None, appearance=None, size=(560, 520)) -> SurfacePanel:
    return show_view(qtbot, SurfacePanel(model, race, appearance), *size)


def wait_for_a_new_keyboard_search(qtbot) -> None:
    """Letters typed into a combo box within this interval extend one search ("MSEs")."""
    qtbot.wait(QApplication.keyboardInputInterval() + 50)


def named(model: ExplorerModel) -> ExplorerModel:
    model.update(class_names=NAMES)
    return model


# -- the image against independent formulas ---------------------------------------------------


def pixel_point(plot: SurfacePlot, m: int, n: int) -> tuple[float, float]:
    """The logits at the centre of image pixel (m, n), read from where the item draws it."""
    point = plot.image.mapToParent(QPointF(m + 0.5, n + 0.5))
    return point.x(), point.y()


def image_values(plot: SurfacePlot) -> np.ndarray:
    return np.asarray(plot.image.image, dtype=np.float64)


def inputs_at(model: ExplorerModel, a: float, b: float) -> Inputs:
    """The model's inputs with the two surface logits set to (a, b)."""
    state = model.state
    inp = inputs_from_state(state)
    z = inp.logits.copy()
    z[state.surface_x_class], z[state.surface_y_class] = a, b
    return dataclasses.replace(inp, logits=z)


def softmax_index_ce(inp: Inputs) -> float:
    """−log softmax(z/T)_t, written out for the class-index case."""
    return float(-special.log_softmax(inp.logits / inp.temperature)[inp.target_class])


def mse_of(inp: Inputs) -> float:
    """The window's MSE: the mean over the outputs of (q − p)², q the output activation."""
    return float(np.mean((probabilities(inp) - inp.p) ** 2))


def marker_xy(plot: SurfacePlot) -> tuple[float, float]:
    x, y = curve_xy(plot.marker)
    assert x.size == 1 == y.size
    return float(x[0]), float(y[0])


def nearest_pixel(plot: SurfacePlot, a: float, b: float) -> tuple[int, int]:
    """The image pixel whose centre is nearest to the logits (a, b)."""
    shape = image_values(plot).shape
    xs = np.array([pixel_point(plot, m, 0)[0] for m in range(shape[0])])
    ys = np.array([pixel_point(plot, 0, n)[1] for n in range(shape[1])])
    return int(np.argmin(np.abs(xs - a))), int(np.argmin(np.abs(ys - b)))


def assert_surface_matches(
    model: ExplorerModel, plot: SurfacePlot, formula, on_grid: bool = True
) -> None:
    """At the marker and at random pixels, the image equals ``formula`` at that pixel's
    logits; ``on_grid``: the marker sits on a grid point, and the value under it is the
    readout itself."""
    image = image_values(plot)
    assert image.ndim == 2 and image.shape[0] > 50 and image.shape[1] > 50
    a, b = marker_xy(plot)
    state = model.state
    assert (a, b) == (state.logits[state.surface_x_class], state.logits[state.surface_y_class])
    m, n = nearest_pixel(plot, a, b)
    at_pixel = pixel_point(plot, m, n)
    step = pixel_point(plot, 1, 1)[0] - pixel_point(plot, 0, 0)[0]
    assert abs(at_pixel[0] - a) <= step / 2 + 1e-12 and abs(at_pixel[1] - b) <= step / 2 + 1e-12
    want = formula(inputs_at(model, *at_pixel))
    assert image[m, n] == pytest.approx(want, rel=1e-9, abs=1e-12)
    if on_grid:
        assert at_pixel == pytest.approx((a, b), abs=1e-9)
        want = formula(inputs_from_state(state))
        assert image[m, n] == pytest.approx(want, rel=1e-8, abs=1e-12)
    rng = np.random.default_rng(11)
    for m, n in rng.integers(0, min(image.shape), size=(8, 2)):
        want = formula(inputs_at(model, *pixel_point(plot, int(m), int(n))))
        assert image[m, n] == pytest.approx(want, rel=1e-9, abs=1e-12), (m, n)


def test_multiclass_index_target_is_softmax_cross_entropy(qtbot, model):
    panel = panel_for(qtbot, named(model))
    plot = panel.plot
    assert plot.quantity == "loss"
    assert_surface_matches(model, plot, softmax_index_ce)
    # Under the marker: the loss the readouts show.
    readout = expected_readouts(inputs_from_state(model.state))["readout_loss"]
    m, n = nearest_pixel(plot, *marker_xy(plot))
    assert image_values(plot)[m, n] == pytest.approx(readout, rel=1e-8)
    assert image_values(plot)[m, n] == pytest.approx(model.result.loss, rel=1e-8)
    # Other surface classes, another true class, other fixed logits.
    model.update(target_class=2, logits=[0.5, -3.0, 4.0, 1.5])
    model.set_surface_classes(x=3, y=2)
    assert_surface_matches(model, plot, softmax_index_ce)


def test_soft_target_with_a_temperature(qtbot, model):
    panel = panel_for(qtbot, model)
    model.update(target_mode="soft", soft_target=[0.5, 0.2, 0.2, 0.1], temperature=2.5)
    model.update(logits=[1.3, -0.7, 2.2, 0.0])

    def formula(inp):
        return float(-np.sum(inp.p * special.log_softmax(inp.logits / inp.temperature)))

    assert_surface_matches(model, panel.plot, formula)
    assert_surface_matches(model, panel.plot, loss_nats)


def test_label_smoothing_with_the_compat_softmax_loss(qtbot, model):
    panel = panel_for(qtbot, model)
    model.update(
        loss="tf.compat.v1.losses.softmax_cross_entropy",
        label_smoothing=0.2,
        weight=1.5,
        temperature=0.8,
    )

    def formula(inp):  # TensorFlow: p′ = (1 − s)·p + s/K, then the weight and reduction
        smoothed = inp.p * (1 - inp.label_smoothing) + inp.label_smoothing / inp.k
        return inp.weight * float(
            -np.sum(smoothed * special.log_softmax(inp.logits / inp.temperature))
        )

    assert_surface_matches(model, panel.plot, formula)


@pytest.mark.parametrize(
    ("loss", "options"),
    [
        ("tf.nn.sigmoid_cross_entropy_with_logits", {}),
        ("tf.nn.weighted_cross_entropy_with_logits", {"pos_weight": 3.0}),
        ("tf.compat.v1.losses.sigmoid_cross_entropy", {"label_smoothing": 0.1}),
    ],
)
def test_multilabel_sigmoid_losses(qtbot, model, loss, options):
    panel = panel_for(qtbot, model)
    model.set_problem_type("multilabel")
    model.update(loss=loss, soft_target=[1.0, 0.0, 1.0, 0.3], **options)
    assert panel.plot.isVisible()
    assert_surface_matches(model, panel.plot, loss_nats)


def test_switching_to_mse_shows_mse_and_is_view_state(qtbot, model):
    panel = panel_for(qtbot, model)
    state, undo = model.state, model.can_undo
    qtbot.keyClicks(panel.quantity_box, "MSE")
    assert panel.quantity_box.currentData() == "mse"
    assert panel.quantity == "mse" == panel.plot.quantity
    wait_for_a_new_keyboard_search(qtbot)
    assert model.state is state and model.can_undo == undo  # not a model change
    assert_surface_matches(model, panel.plot, mse_of)
    m, n = nearest_pixel(panel.plot, *marker_xy(panel.plot))
    assert image_values(panel.plot)[m, n] == pytest.approx(model.result.mse, rel=1e-8)
    assert panel.plot.colour_bar.getAxis("right").labelText == "MSE"
    # It stays MSE while the model changes, for sigmoid outputs too.
    model.update(target_mode="soft", soft_target=[0.1, 0.6, 0.2, 0.1])
    assert_surface_matches(model, panel.plot, mse_of)
    model.set_problem_type("multilabel")
    assert_surface_matches(model, panel.plot, mse_of)
    qtbot.keyClicks(panel.quantity_box, "s")
    assert panel.quantity == "loss"
    assert_surface_matches(model, panel.plot, loss_nats)


def test_colours_span_the_surface_and_the_contours_lie_inside(qtbot, model):
    panel = panel_for(qtbot, model)
    plot = panel.plot
    image = image_values(plot)
    lo, top = plot.colour_range
    assert lo == np.nanmin(image)
    assert top >= np.nanquantile(image, 0.95) and top <= np.nanmax(image) + 1e-9
    assert tuple(plot.image.getLevels()) == (lo, top)
    assert tuple(plot.colour_bar.levels()) == (lo, top)
    assert 5 <= plot.levels.size <= 10
    assert (plot.levels > lo).all() and (plot.levels <= top).all()
    x, y = curve_xy(plot.contours)
    assert x.size > 0 and x.size % 2 == 0
    limit = model.state.slider_limit
    assert (np.abs(x) <= limit).all() and (np.abs(y) <= limit).all()
    assert plot.colour_bar.getAxis("right").labelText == "loss (nats)"
    # The image covers the slider range, one pixel per grid point.
    assert pixel_point(plot, 0, 0) == pytest.approx((-limit, -limit))
    last = image.shape[0] - 1
    assert pixel_point(plot, last, last) == pytest.approx((limit, limit))
    (x0, x1), (y0, y1) = plot.getPlotItem().vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx((-limit, limit, -limit, limit))
    model.update(slider_limit=5.0)
    assert pixel_point(plot, 0, 0) == pytest.approx((-5.0, -5.0))
    assert plot.getPlotItem().vb.viewRange()[0] == pytest.approx([-5.0, 5.0])


# -- the mouse -----------------------------------------------------------------------------


def test_a_click_moves_the_two_logits_as_one_undo_step(qtbot, model):
    panel = panel_for(qtbot, named(model), size=(600, 600))
    plot = panel.plot
    model.set_surface_classes(x=2, y=0)
    start = np.array(model.state.logits)
    vb = plot.getPlotItem().vb
    pixel = 2 * model.state.slider_limit / vb.width()
    mouse_click(qtbot, plot, -4.3, 6.1)
    z = model.state.logits
    assert z[2] == pytest.approx(-4.3, abs=1.5 * pixel)
    assert z[0] == pytest.approx(6.1, abs=1.5 * pixel)
    np.testing.assert_array_equal(z[[1, 3]], start[[1, 3]])  # the others stay
    assert marker_xy(plot) == (z[2], z[0])
    # Exactly one step: one undo restores the logits and keeps the earlier class choice.
    assert model.can_undo
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, start)
    assert (model.state.surface_x_class, model.state.surface_y_class) == (2, 0)
    assert model.undo()  # the class choice, then the names
    assert (model.state.surface_x_class, model.state.surface_y_class) == (0, 1)
    assert model.undo()
    assert not model.can_undo


def test_a_drag_moves_the_point_and_commits_once(qtbot, model):
    panel = panel_for(qtbot, model, size=(600, 600))
    plot = panel.plot
    start = np.array(model.state.logits)
    vb = plot.getPlotItem().vb
    pixel = 2 * model.state.slider_limit / vb.height()
    mouse_drag(qtbot, plot, 3.0, -2.0, 7.5)
    qtbot.waitUntil(lambda: not model.in_gesture, timeout=2000)
    z = model.state.logits
    assert z[0] == pytest.approx(3.0, abs=1.5 * pixel)
    assert z[1] == pytest.approx(7.5, abs=1.5 * pixel)
    assert model.can_undo
    assert model.undo()
    np.testing.assert_array_equal(model.state.logits, start)
    assert not model.can_undo


def test_the_click_lands_on_the_pixel_under_the_mouse(qtbot, model):
    """The mapping from screen to logits agrees with the drawn image: a click on the pixel of
    a grid point puts the marker's nearest pixel there."""
    panel = panel_for(qtbot, model, size=(600, 600))
    plot = panel.plot
    a, b = pixel_point(plot, 40, 150)
    mouse_click(qtbot, plot, a, b)
    assert nearest_pixel(plot, *marker_xy(plot)) == (40, 150)
    # A click on an axis is not a click on the surface.
    z = np.array(model.state.logits)
    for name in ("left", "bottom"):
        axis = plot.getPlotItem().getAxis(name)
        pos = plot.mapFromScene(axis.sceneBoundingRect().center())
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        np.testing.assert_array_equal(model.state.logits, z)
    # No panning or zooming: the range is always the slider range.
    vb = plot.getPlotItem().vb
    assert vb.state["mouseEnabled"] == [False, False]
    limit = model.state.slider_limit
    assert vb.viewRange() == [[-limit, limit], [-limit, limit]]


# -- the class boxes ---------------------------------------------------------------------


def test_choosing_classes_with_the_keyboard_and_swapping(qtbot, model):
    panel = panel_for(qtbot, named(model))
    x_box, y_box = panel.x_class, panel.y_class
    assert [x_box.itemText(i) for i in range(x_box.count())] == NAMES
    assert (x_box.currentIndex(), y_box.currentIndex()) == (0, 1)
    for box in (x_box, y_box, panel.quantity_box):
        assert box.accessibleName() and box.toolTip()
    qtbot.keyClicks(x_box, "bird")
    assert (model.state.surface_x_class, model.state.surface_y_class) == (2, 1)
    assert panel.plot.axis_label_text("bottom") == "z of “bird”"
    wait_for_a_new_keyboard_search(qtbot)
    # The y axis's class chosen for x: the two swap.
    qtbot.keyClicks(x_box, "dog")
    assert (model.state.surface_x_class, model.state.surface_y_class) == (1, 2)
    assert (x_box.currentIndex(), y_box.currentIndex()) == (1, 2)
    assert panel.plot.axis_label_text("left") == "z of “bird”"
    title = panel.plot.getPlotItem().titleLabel.text
    assert "dog" in title and "bird" in title
    # Arrow keys on y: the next class.
    y_box.setFocus()
    qtbot.keyClick(y_box, Qt.Key.Key_Down)
    assert (model.state.surface_x_class, model.state.surface_y_class) == (1, 3)
    qtbot.keyClick(y_box, Qt.Key.Key_Up)
    qtbot.keyClick(y_box, Qt.Key.Key_Up)  # "dog", on x: swap
    assert (model.state.surface_x_class, model.state.surface_y_class) == (2, 1)
    # The model's changes reach the boxes: names, K, classes.
    model.update(class_names=["a", "b", "c", "d"])
    assert x_box.currentText() == "c" and y_box.currentText() == "b"
    model.update(num_classes=6)
    assert x_box.count() == 6 == y_box.count()


def test_choosing_a_class_in_the_popup(qtbot, model):
    panel = panel_for(qtbot, named(model))
    box = panel.y_class
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    index = view.model().index(3, 0)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)
    assert model.state.surface_y_class == 3


# -- binary: no surface ------------------------------------------------------------------


def test_binary_shows_the_note_instead_of_the_plot(qtbot, model, monkeypatch):
    panel = panel_for(qtbot, model)
    assert panel.plot.isVisible() and not panel.note.isVisible()
    surface_calls = Calls(monkeypatch, model, "surface")
    model.set_problem_type("binary")
    assert panel.note.isVisible() and not panel.plot.isVisible()
    assert panel.stack.currentWidget() is panel.note
    assert panel.note.objectName() == "surface_note"
    text = panel.note.text()
    assert "One logit" in text and "Sigmoid" in text and "race" in text
    assert not panel.controls.isVisible()
    assert surface_calls.count == 0  # nothing asked for while there is no surface
    model.set_problem_type("multiclass")
    assert panel.plot.isVisible() and not panel.note.isVisible()
    assert panel.controls.isVisible()
    assert_surface_matches(model, panel.plot, loss_nats, on_grid=False)


# -- what it recomputes ------------------------------------------------------------------


def test_only_a_new_grid_redraws_the_image(qtbot, model, monkeypatch):
    panel = panel_for(qtbot, model)
    plot = panel.plot
    images = NewImages(monkeypatch, plot.image)
    contours = Calls(monkeypatch, plot.contours, "setData")
    grid = plot.grid
    # The two surface logits: the marker moves, the image stays.
    model.set_logits({0: 3.0, 1: -2.0})
    model.set_logits({0: 3.5}, transient=True)
    model.commit()
    model.update(units="bits", class_names=NAMES)
    assert (images.count, contours.count) == (0, 0)
    assert plot.grid is grid
    assert marker_xy(plot) == (3.5, -2.0)
    # A third logit: a new surface.
    model.set_logit(2, 0.5)
    assert (images.count, contours.count) == (1, 1)
    assert plot.grid is not grid
    assert_surface_matches(model, plot, loss_nats)
    # Other surface classes, the target: new ones too.
    model.set_surface_classes(y=3)
    model.update(target_class=1)
    assert images.count == 3


def test_a_hidden_panel_computes_nothing(qtbot, monkeypatch):
    model = ExplorerModel()
    panel = SurfacePanel(model)
    qtbot.addWidget(panel)
    surfaces = Calls(monkeypatch, model, "surface")
    images = NewImages(monkeypatch, panel.plot.image)
    model.set_logit(2, 1.5)
    model.update(target_class=3, class_names=NAMES)
    assert (surfaces.count, images.count) == (0, 0)
    # Shown: it catches up once.
    panel.resize(520, 520)
    with qtbot.waitExposed(panel):
        panel.show()
    assert images.count == 1
    assert_surface_matches(model, panel.plot, loss_nats)
    # Behind another tab: nothing again, until the tab comes to the front.
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "front")
    tabs.addTab(panel, "surface")
    tabs.resize(560, 560)
    with qtbot.waitExposed(tabs):
        tabs.show()
    assert not panel.isVisible()
    surfaces.count = images.count = 0
    model.set_logit(3, -2.0)
    model.set_logit(2, 0.0)
    assert (surfaces.count, images.count) == (0, 0)
    tabs.setCurrentIndex(1)
    assert panel.plot.isVisible()
    assert images.count == 1
    assert_surface_matches(model, panel.plot, loss_nats)


def test_a_quantity_chosen_while_hidden_is_drawn_when_shown_and_an_export_is_current(
    qtbot, monkeypatch
):
    # PlotView's rule for every plot: out of sight nothing is computed; the surface is
    # drawn before its next paint, or before an export of it.
    from app import export

    model = ExplorerModel()
    panel = panel_for(qtbot, model)
    panel.hide()
    surfaces = Calls(monkeypatch, model, "surface")
    panel.plot.set_quantity("mse")
    model.set_logit(2, 1.5)
    assert surfaces.count == 0
    export.plot_svg(panel.plot)  # hidden, yet the export shows the model as it is now
    assert surfaces.count >= 1
    assert_surface_matches(model, panel.plot, mse_of)
    assert marker_xy(panel.plot) == pytest.approx(
        (model.state.logits[model.state.surface_x_class],
         model.state.logits[model.state.surface_y_class])
    )  # fmt: skip
    surfaces.count = 0
    panel.plot.set_quantity("loss")
    assert surfaces.count == 0
    with qtbot.waitExposed(panel):
        panel.show()
    assert surfaces.count >= 1
    assert_surface_matches(model, panel.plot, loss_nats)


# -- the race -------------------------------------------------------------------------------


def test_race_trajectories_follow_the_runners(qtbot, model):
    named(model)
    model.update(logits=[-6.0, 6.0, 0.1, -1.0])
    race = TrainingRace(model)
    panel = panel_for(qtbot, model, race)
    plot = panel.plot
    paths = (plot.ce_path, plot.mse_path, plot.ce_halo, plot.mse_halo, plot.race_heads)
    assert not any(item.isVisible() for item in paths)
    race.step(5)
    assert all(item.isVisible() for item in paths)
    for path, track in ((plot.ce_path, race.ce), (plot.mse_path, race.mse)):
        assert_traces(plot, path, track.logits[:, 0], track.logits[:, 1])
    # Cross-entropy takes real steps: every one is drawn. MSE, saturated, creeps: its
    # six points share a pixel, so the line is drawn from the first to the last.
    assert curve_xy(plot.ce_path)[0].size == 6
    assert curve_xy(plot.mse_path)[0].size == 2
    heads_x, heads_y = curve_xy(plot.race_heads)
    np.testing.assert_array_equal(heads_x, [race.ce.logits[-1, 0], race.mse.logits[-1, 0]])
    np.testing.assert_array_equal(heads_y, [race.ce.logits[-1, 1], race.mse.logits[-1, 1]])
    # The window follows the cross-entropy runner: the marker is at its head.
    assert marker_xy(plot) == (race.ce.logits[-1, 0], race.ce.logits[-1, 1])
    race.step(3)
    assert_traces(plot, plot.ce_path, race.ce.logits[:, 0], race.ce.logits[:, 1])
    assert curve_xy(plot.ce_path)[0].size == 9
    # Other surface classes: the paths through those logits.
    model.set_surface_classes(x=2, y=3)  # not a restart: the race keeps going
    assert race.started
    assert_traces(plot, plot.mse_path, race.mse.logits[:, 2], race.mse.logits[:, 3])
    # Colours: each runner in its quantity's colour.
    look = plot.appearance
    assert plot.ce_path.opts["pen"].color().name() == look.html("cross_entropy").lower()
    assert plot.mse_path.opts["pen"].color().name() == look.html("mse").lower()
    race.reset()
    assert not any(item.isVisible() for item in paths)


def assert_traces(plot: SurfacePlot, path, x: np.ndarray, y: np.ndarray) -> None:
    """``path`` draws the track (x, y): some of its points in order, the first and the
    last among them, and every other point within half a pixel of the drawn one
    before it."""
    drawn_x, drawn_y = curve_xy(path)
    assert (drawn_x[0], drawn_y[0]) == (x[0], y[0])
    assert (drawn_x[-1], drawn_y[-1]) == (x[-1], y[-1])
    px, py = plot.getPlotItem().vb.viewPixelSize()
    k = 0  # the drawn point last matched
    for xi, yi in zip(x, y, strict=True):
        if k + 1 < drawn_x.size and (xi, yi) == (drawn_x[k + 1], drawn_y[k + 1]):
            k += 1
        else:
            assert abs(xi - drawn_x[k]) < px / 2 and abs(yi - drawn_y[k]) < py / 2
    assert k == drawn_x.size - 1  # every drawn point is a point of the track


def test_a_long_race_draws_what_the_pixels_show_not_every_step(qtbot, model):
    """Thousands of steps converging on one spot are not stroked one by one: a frame
    late in a race costs what an early one does."""
    model.update(logits=[-6.0, 6.0, 0.1, -1.0])
    race = TrainingRace(model)
    panel = panel_for(qtbot, model, race)
    plot = panel.plot
    race.step(3000)
    for path, track in ((plot.ce_path, race.ce), (plot.mse_path, race.mse)):
        assert_traces(plot, path, track.logits[:, 0], track.logits[:, 1])
        assert curve_xy(path)[0].size < 300
    np.testing.assert_array_equal(curve_xy(plot.ce_halo)[0], curve_xy(plot.ce_path)[0])


def test_thinned_path_keeps_the_steps_that_reach_a_new_cell():
    # Steps of a cell or more: all kept.
    x = np.arange(10.0)
    np.testing.assert_array_equal(thinned_path(x, -x, 1.0, 1.0)[0], x)
    # Creeping within a cell, then a jump: the first, the jump and the last.
    x = np.array([0.0, 0.01, 0.02, 0.03, 5.0, 5.01, 5.02])
    kept_x, kept_y = thinned_path(x, np.zeros_like(x), 1.0, 1.0)
    np.testing.assert_array_equal(kept_x, [0.0, 5.0, 5.02])
    np.testing.assert_array_equal(kept_y, [0.0, 0.0, 0.0])
    # Along y too, and a path of two points is left alone.
    np.testing.assert_array_equal(
        thinned_path([0.0, 0.0, 0.0], [0.0, 2.0, 2.1], 1, 1)[1], [0, 2, 2.1]
    )
    np.testing.assert_array_equal(thinned_path([0.0, 0.1], [0.0, 0.1], 1, 1)[0], [0.0, 0.1])


def test_race_while_hidden_is_drawn_when_shown(qtbot, model):
    race = TrainingRace(model)
    panel = SurfacePanel(model, race)
    qtbot.addWidget(panel)
    race.step(4)
    panel.resize(520, 520)
    with qtbot.waitExposed(panel):
        panel.show()
    np.testing.assert_array_equal(curve_xy(panel.plot.ce_path)[0], race.ce.logits[:, 0])


# -- how it looks -------------------------------------------------------------------------


def _check_layout(panel: SurfacePanel) -> None:
    """Nothing cut: the title, the axes and the colour bar lie inside the plot, and the
    controls fit the panel's width."""
    plot = panel.plot
    item = plot.getPlotItem()
    title = item.titleLabel
    assert title.text
    for part in (title, plot.colour_bar, item.getAxis("bottom"), item.getAxis("left")):
        rect = part.sceneBoundingRect()
        assert rect.left() >= -1 and rect.right() <= plot.width() + 1, part
        assert rect.top() >= -1 and rect.bottom() <= plot.height() + 1, part
    assert panel.minimumSizeHint().width() <= panel.width()
    assert panel.controls.minimumSizeHint().width() <= panel.width()


def test_screenshots_at_500_and_on_a_projector(qtbot, tmp_path):
    model = named(ExplorerModel())
    model.update(logits=[-6.0, 6.0, 0.1, -1.0])
    race = TrainingRace(model)
    panel = panel_for(qtbot, model, race, size=(500, 500))
    race.step(30)
    _check_layout(panel)
    assert panel.grab().save(str(tmp_path / "surface_500.png"))
    look = Appearance()
    font = QApplication.font()
    try:
        look.set_projector(True)
        QApplication.setFont(look.ui_font())
        big = panel_for(qtbot, model, race, look, size=(1024, 768))
        _check_layout(big)
        assert "others fixed" in big.plot.getPlotItem().titleLabel.text
        assert big.grab().save(str(tmp_path / "surface_projector.png"))
        # Projector mode in a 500-pixel dock: it still fits.
        small = panel_for(qtbot, model, race, look, size=(500, 500))
        _check_layout(small)
        assert small.grab().save(str(tmp_path / "surface_projector_500.png"))
    finally:
        QApplication.setFont(font)


def test_restyle_keeps_the_image_and_scales_the_marker(qtbot, model, monkeypatch):
    look = Appearance()
    panel = panel_for(qtbot, model, appearance=look)
    plot = panel.plot
    size = plot.marker.opts["size"]
    images = NewImages(monkeypatch, plot.image)
    look.set_projector(True)
    assert plot.marker.opts["size"] > size
    assert images.count == 0
    assert plot.marker.opts["brush"].color().name() == look.html("marker").lower()
    assert not math.isnan(plot.colour_range[1])
