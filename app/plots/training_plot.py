"""TrainingPanel: the gradient-descent race, cross-entropy against MSE, step by step.

The race itself (its state, its clock, the numbers) is :class:`app.training.TrainingRace`;
this panel only shows it and drives it. Two plots share the step axis: the
selected loss of both runners (the MSE runner is scored with the same loss, so
the two curves compare), and the probability of the selected class, which
shows the article's point at a glance: from a confidently wrong start the
cross-entropy runner climbs to the right answer while the MSE runner crawls.

Performance: a race may run 10 000 steps at 60 steps/s. The curves are
created once and only ``setData`` is called; pyqtgraph draws them downsampled
to about two points per pixel column ("peak": each column's lowest and highest
value, so nothing is lost), the x axis grows in 1-2-5
steps (it is not re-laid out on every step) and the loss axis's top is a
running maximum, so a redraw costs about the same at step 10 000 as at step 10.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.i18n import tr
from app.model import EVERYTHING, LEARNING_RATE_RANGE, Change, ExplorerModel, ProblemType
from app.plots.base import (
    MIN_WIDTH,
    TEXT_PT,
    TICK_PT,
    AxisWidthGroup,
    PlotView,
    nice_ceiling,
)
from app.training import MAX_STEPS, SPEEDS, TrainingRace
from app.widgets.common import blocked, guard_wheel
from app.widgets.exact_spin import ExactSpinBox
from core import LossKind

__all__ = ["TrainingPanel", "TrainingPlot", "TrainingProbabilityPlot", "step_axis_top"]

#: The shortest step axis: a race's first steps are not squeezed against the left edge.
MIN_STEP_AXIS = 10
#: The smallest top of the loss axis (nats): never 0–10⁻⁶ for a loss near 0.
LOSS_MIN = 1.0
HEAD_SIZE = 8.0
#: Class names longer than this are cut in the axis label.
NAME_CHARS = 14


def step_axis_top(steps: int) -> int:
    """The right end of the step axis: 10, 20, 50, 100, 200, 500, … ≥ ``steps``.

    Coarser than :func:`nice_ceiling` on purpose: the axis changes about three
    times per decade, not on every other step of a running race.
    """
    top = MIN_STEP_AXIS
    while top < steps:
        top = top * 5 // 2 if str(top)[0] == "2" else top * 2  # 1 → 2 → 5 → 10
    return top


def _finite(values: np.ndarray) -> np.ndarray:
    """Curves may not contain inf (pyqtgraph would drop the whole range)."""
    return np.where(np.isfinite(values), values, np.nan)


class _RacePlot(PlotView):
    """A plot of both runners against the step: the curves, their heads, the step axis.

    Subclasses say what a runner's values are (``_values``) and set their own
    value axis. Redraws come from the race (``race.changed``) and, for the
    labels, from the model (class names, the selected class).
    """

    #: A title row gives the top value's label its room.
    HAS_TITLE = False

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace,
        appearance: Appearance | None,
        parent: QWidget | None,
        object_name: str,
        minimum_height: int,
    ) -> None:
        super().__init__(
            model,
            appearance,
            parent,
            object_name=object_name,
            axes=("left", "bottom"),
            minimum_size=(MIN_WIDTH - 80, minimum_height),
        )
        self.race = race
        plot = self.getPlotItem()
        self.use_numeric_bottom_axis(overflow_px=20)
        self.ce_curve = self._curve("cross-entropy runner")
        self.mse_curve = self._curve("MSE runner")
        self.ce_head = pg.ScatterPlotItem(size=HEAD_SIZE, pen=None)
        self.mse_head = pg.ScatterPlotItem(size=HEAD_SIZE, pen=None)
        for item in (self.mse_curve, self.ce_curve, self.mse_head, self.ce_head):
            plot.addItem(item)
        self._x_top = 0
        self._ds = 1
        self._x = np.arange(64, dtype=np.float64)  # grows by doubling; curves take a slice
        self.set_axis_label("bottom", tr("step"))

    def _curve(self, name: str) -> pg.PlotDataItem:
        curve = pg.PlotDataItem([], [], name=name)
        # About two points per pixel whatever the number of steps (see _fit_downsampling);
        # "peak" draws each pixel column's lowest and highest value, so nothing is lost.
        curve.setDownsampling(ds=1, auto=False, method="peak")
        curve.setClipToView(True)
        return curve

    def _fit_downsampling(self) -> None:
        """One bucket of steps per pixel of the step axis (pyqtgraph's own automatic
        choice keeps ~10 points per pixel, and drawing them is what a long race costs).

        The factor depends only on the axis and the width, so it changes a few
        times per race, not on every step.
        """
        width = self.getPlotItem().vb.width()
        ds = max(1, math.ceil(self._x_top / width)) if width > 0 else 1
        if ds != self._ds:
            self._ds = ds
            for curve in (self.ce_curve, self.mse_curve):
                curve.setDownsampling(ds=ds, auto=False, method="peak")

    def _finish(self) -> None:
        """The end of a subclass's __init__: draw, and follow the race from now on."""
        self._start()
        self.race.changed.connect(self._on_race_changed)
        self._on_race_changed()

    # -- drawing ---------------------------------------------------------------------
    def _on_race_changed(self) -> None:
        if not self.ready_to_draw():
            return  # out of sight: redrawn by refresh before the next paint
        with blocked(self):
            self._redraw()

    def refresh(self) -> None:
        """Everything from the model, and the race as it stands."""
        super().refresh()
        with blocked(self):
            self._redraw()

    def _steps_x(self, n: int) -> np.ndarray:
        if n > self._x.size:
            self._x = np.arange(max(n, 2 * self._x.size), dtype=np.float64)
        return self._x[:n]

    def _redraw(self) -> None:
        race = self.race
        ce, mse = race.ce, race.mse
        values = None if ce is None or mse is None else self._values(ce, mse)
        if values is None:
            for item in (self.ce_curve, self.mse_curve, self.ce_head, self.mse_head):
                item.setData([], [])
        else:
            ce_y, mse_y = values
            x = self._steps_x(ce_y.size)
            self.ce_curve.setData(x, ce_y)
            self.mse_curve.setData(x, mse_y)
            last = [float(x[-1])]
            self.ce_head.setData(last, [float(ce_y[-1])])
            self.mse_head.setData(last, [float(mse_y[-1])])
        top = step_axis_top(race.steps)
        if top != self._x_top:
            self._x_top = top
            # A little room left of step 0: the start is not drawn on the axis line.
            self.getPlotItem().setXRange(-top / 50, top, padding=0)
            self._fit_downsampling()
        self._race_drawn(values is not None)

    def _end_label_room(self) -> int:
        """Half the widest step label: the axis's last number sits on the right edge."""
        widest = QFontMetricsF(self.scaled_font(TICK_PT)).horizontalAdvance(str(MAX_STEPS))
        return math.ceil(widest / 2) + 2

    def needed_right_margin(self) -> int:
        return max(super().needed_right_margin(), self._end_label_room())

    def set_right_margin(self, margin: int) -> None:
        """Room right of the plot for the last step number, and above it for the top
        value's label when there is no title (the same room every step: no relayout)."""
        margin = max(margin, self._end_label_room())
        self._right_margin = margin
        top = 1 if self.HAS_TITLE else self._end_label_top()
        self.getPlotItem().layout.setContentsMargins(1, top, margin, 1)

    def _end_label_top(self) -> int:
        return math.ceil(QFontMetricsF(self.scaled_font(TICK_PT)).height() / 2) + 1

    def _resized(self) -> None:
        self._fit_downsampling()

    def _values(self, ce: Any, mse: Any) -> tuple[np.ndarray, np.ndarray] | None:
        """(CE runner's, MSE runner's) values at each position, or None (nothing to show)."""
        raise NotImplementedError

    def _race_drawn(self, shown: bool) -> None:
        """After a redraw from the race (ranges, hints)."""

    def _style_items(self) -> None:
        self.ce_curve.setPen(self.pen("cross_entropy", 2.5))
        self.mse_curve.setPen(self.pen("mse", 2.5, Qt.PenStyle.DashLine))
        self.ce_head.setBrush(self.colour("cross_entropy"))
        self.mse_head.setBrush(self.colour("mse"))


def _runner_name(model: ExplorerModel) -> str:
    """What the first runner descends on: a cross-entropy unless MSE itself is selected."""
    if model.state.loss is LossKind.MSE:
        return tr("the selected loss")
    return tr("cross-entropy")


class TrainingPlot(_RacePlot):
    """The selected loss (nats) at each step of both runners.

    Public attributes: ``ce_curve`` (solid, the cross-entropy runner),
    ``mse_curve`` (dashed, the MSE runner scored with the same loss),
    ``ce_head``/``mse_head`` (their current positions) and ``hint`` (shown
    before a race). The title row is the legend.
    """

    TITLE_SCALE = 0.9  # smaller titles than the main plots'

    HAS_TITLE = True

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, race, appearance, parent, "training_plot", 150)
        tip = tr(
            "The selected loss after each gradient-descent step z ← z − η ∇L, from the same "
            "start: solid, descent on the loss itself; dashed, descent on MSE, scored with "
            "the same loss."
        )
        self.setToolTip(tip)
        self.setAccessibleName(tr("training loss plot"))
        self.setAccessibleDescription(tip)
        self.hint = pg.TextItem("", anchor=(0.5, 0.5))
        self.hint.setZValue(5)
        self.getPlotItem().addItem(self.hint, ignoreBounds=True)
        self.hint.setText(
            tr(
                "Press ▶ Play: gradient descent from the current logits, "
                "under cross-entropy and under MSE"
            )
        )
        self._y_top = 0.0
        self._peak_track: object = None  # the track the running maximum belongs to
        self._peak_rows = 0
        self._peak = 0.0
        self.set_axis_label("left", (tr("loss (nats)"), tr("nats")), "cross_entropy")
        self._finish()

    def _update(self, change: Change) -> None:
        if change.touches("loss"):
            self._set_titles()
        if not self.race.started and (change.recomputed or self.releases_gesture(change)):
            self._set_loss_top(self._idle_top(), change)

    def _values(self, ce: Any, mse: Any) -> tuple[np.ndarray, np.ndarray]:
        return _finite(ce.loss), _finite(mse.loss)

    def _idle_top(self) -> float:
        """Before a race: room for the loss where it would start."""
        loss = float(self._model.result.loss)
        return nice_ceiling(loss if np.isfinite(loss) else 0.0, LOSS_MIN)

    def _race_peak(self) -> float:
        """The largest loss either runner has had (only the new rows are looked at)."""
        race = self.race
        assert race.ce is not None and race.mse is not None
        rows = race.ce.loss.size
        if self._peak_track is not race.ce or rows < self._peak_rows:
            self._peak_track, self._peak_rows, self._peak = race.ce, 0, 0.0
        if rows > self._peak_rows:
            new = np.concatenate(
                [race.ce.loss[self._peak_rows :], race.mse.loss[self._peak_rows :]]
            )
            new = new[np.isfinite(new)]
            if new.size:
                self._peak = max(self._peak, float(new.max()))
            self._peak_rows = rows
        return self._peak

    def _race_drawn(self, shown: bool) -> None:
        if shown:
            top = nice_ceiling(self._race_peak(), LOSS_MIN)
            self._set_loss_top(max(top, self._y_top) if self.race.steps else top, EVERYTHING)
        else:
            self._peak_track = None
            self._set_loss_top(self._idle_top(), EVERYTHING)
        if shown == self.hint.isVisible():
            self.hint.setVisible(not shown)
        self._place_hint()

    def _set_loss_top(self, top: float, change: Change) -> None:
        top = self.stable_bound("left", top, change)
        if top != self._y_top:
            self._y_top = top
            self.set_y_range("left", 0.0, top)
            self._place_hint()

    def _place_hint(self) -> None:
        if self.hint.isVisible():
            self.hint.setPos(self._x_top / 2, self._y_top / 2)

    def _resized(self) -> None:
        super()._resized()
        # The hint wraps inside the plot: never wider than the view box.
        width = self.getPlotItem().vb.width()
        if width > 0:
            self.hint.setTextWidth(max(0.85 * width, 80.0))

    # -- the title row is the legend ------------------------------------------------------
    def _set_titles(self) -> None:
        name = _runner_name(self._model)
        look = self.appearance
        ce_html = f"<span style='color:{look.html('cross_entropy')}'>━━</span>&nbsp;{name}"
        mse_html = f"<span style='color:{look.html('mse')}'>╍╍</span>&nbsp;MSE"
        short_html = (
            f"<span style='color:{look.html('cross_entropy')}'>━</span>{name} "
            f"<span style='color:{look.html('mse')}'>╍</span>MSE"
        )
        long_text = tr("gradient descent on {a} and on {b}")
        titles = [
            (
                long_text.format(a=f"━━ {name}", b="╍╍ MSE"),
                long_text.format(a=ce_html, b=mse_html),
            ),
            (f"━━ {name}    ╍╍ MSE", f"{ce_html}&nbsp;&nbsp;&nbsp;&nbsp;{mse_html}"),
            (f"━{name} ╍MSE", short_html),
        ]
        self.set_titles(titles)

    def _style_items(self) -> None:
        super()._style_items()
        self.hint.setColor(self.colour("muted"))
        self.hint.setFont(self.scaled_font(TEXT_PT))
        self._titles = []  # the legend's colours are rebuilt by the redraw
        self._set_titles()


class TrainingProbabilityPlot(_RacePlot):
    """The probability of the selected class at each step of both runners (0 to 1).

    q_c of the selected class (``model.state.sweep_class``) under a softmax or
    its sigmoid; σ(z) for a binary problem. Public attributes as for
    :class:`TrainingPlot`, without the hint.
    """

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(model, race, appearance, parent, "training_probability_plot", 120)
        tip = tr(
            "The probability of the selected class after each step: solid, descent on "
            "cross-entropy; dashed, descent on MSE. From a confidently wrong start the MSE "
            "runner barely moves: its gradient carries the sigmoid's slope, which is "
            "almost 0 there."
        )
        self.setToolTip(tip)
        self.setAccessibleName(tr("training probability plot"))
        self.setAccessibleDescription(tip)
        self.set_y_range("left", 0.0, 1.0)
        self._finish()

    def _update(self, change: Change) -> None:
        if change.touches("class_names", "sweep_class", "problem_type"):
            self._set_label()
            if self.race.started:  # another class's column of the same race
                self._redraw()

    def _set_label(self) -> None:
        state = self._model.state
        if state.problem_type is ProblemType.BINARY:
            self.set_axis_label("left", "σ(z)", "q")
            return
        name = state.class_names[state.sweep_class]
        if len(name) > NAME_CHARS:
            name = name[: NAME_CHARS - 1] + "…"
        self.set_axis_label("left", (tr("q of “{name}”").format(name=name), "q"), "q")

    def selected_column(self) -> int:
        """The column of the race's q shown: σ(z) for binary, else the selected class."""
        state = self._model.state
        return 0 if state.problem_type is ProblemType.BINARY else state.sweep_class

    def _values(self, ce: Any, mse: Any) -> tuple[np.ndarray, np.ndarray] | None:
        c = self.selected_column()
        q_ce, q_mse = ce.q, mse.q
        if c >= q_ce.shape[1]:  # the model has more classes than the race: it is ending
            return None
        return q_ce[:, c], q_mse[:, c]


class TrainingPanel(QWidget):
    """The race's controls above its two plots.

    Public attributes: ``race``, the buttons ``play_button``, ``pause_button``,
    ``step_button``, ``reset_button``, ``apply_button``, ``speed_box``,
    ``learning_rate_box``, ``step_count`` and the plots ``loss_plot`` and
    ``probability_plot``.
    """

    def __init__(
        self,
        model: ExplorerModel,
        race: TrainingRace,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("training_panel")
        self.setAccessibleName(tr("training race"))
        self._model = model
        self.race = race
        self.appearance = appearance if appearance is not None else Appearance(parent=self)

        def button(name: str, text: str, accessible: str, tip: str) -> QPushButton:
            b = QPushButton(text, objectName=name)
            b.setAccessibleName(accessible)
            b.setToolTip(tip)
            b.setAutoDefault(False)
            return b

        self.play_button = button(
            "train_play",
            tr("▶ Play"),
            tr("Play the training race"),
            tr(
                "Play (Space): gradient descent from the current logits, one step per tick, "
                "under the selected loss and under MSE. The window follows the "
                "cross-entropy runner as a preview: nothing is kept until Apply."
            ),
        )
        self.pause_button = button(
            "train_pause",
            tr("❚❚ Pause"),
            tr("Pause the training race"),
            tr("Pause (Space): stop the clock; Play goes on from here."),
        )
        self.step_button = button(
            "train_step",
            tr("Step"),
            tr("One training step"),
            tr("One gradient-descent step z ← z − η ∇L for both runners."),
        )
        self.reset_button = button(
            "train_reset",
            tr("Reset"),
            tr("Reset the training race"),
            tr("Reset: back to the logits the race started from, with no undo step."),
        )
        self.apply_button = button(
            "train_apply",
            tr("Apply"),
            tr("Apply: keep where cross-entropy got to"),
            tr(
                "Apply: keep where cross-entropy got to. The logits become the "
                "cross-entropy runner's, as one undo step (Reset goes back with none)."
            ),
        )
        self.speed_box = QComboBox(objectName="train_speed")
        for n in SPEEDS:
            text = tr("1 step/s") if n == 1 else tr("{n} steps/s").format(n=n)
            self.speed_box.addItem(text, n)
        self.speed_box.setAccessibleName(tr("training speed"))
        self.speed_box.setToolTip(tr("Steps per second while the race plays."))
        self.learning_rate_box = ExactSpinBox(
            "learning_rate_spin", LEARNING_RATE_RANGE, 0.1, significant=4
        )
        self.learning_rate_box.setStepType(ExactSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate_box.setAccessibleName(tr("learning rate η"))
        self.learning_rate_box.setToolTip(
            tr(
                "Learning rate η of both runners: each step is z ← z − η ∇L. "
                "Type a value and press Enter; changing it ends the race."
            )
        )
        rate_label = QLabel(tr("η:"))
        rate_label.setBuddy(self.learning_rate_box)
        self.step_count = QLabel(objectName="train_step_count")
        self.step_count.setAccessibleName(tr("training steps taken"))
        self.step_count.setToolTip(
            tr("Gradient steps taken so far (the race stops at {n}).").format(n=MAX_STEPS)
        )
        self.step_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        guard_wheel(self.speed_box, self.learning_rate_box)

        # Two short rows, so the panel fits a narrow dock even in projector mode: the
        # clock and its count above, what to do with the result and the settings below.
        clock = QHBoxLayout()
        clock.setSpacing(4)
        for b in (self.play_button, self.pause_button, self.step_button):
            clock.addWidget(b)
        clock.addStretch(1)
        clock.addWidget(self.step_count)
        settings = QHBoxLayout()
        settings.setSpacing(4)
        settings.addWidget(self.reset_button)
        settings.addWidget(self.apply_button)
        settings.addStretch(1)
        settings.addWidget(rate_label)
        settings.addWidget(self.learning_rate_box)
        settings.addSpacing(4)
        settings.addWidget(self.speed_box)

        self.loss_plot = TrainingPlot(model, race, self.appearance, self)
        self.probability_plot = TrainingProbabilityPlot(model, race, self.appearance, self)
        self.axis_widths = AxisWidthGroup()  # the two step axes line up
        self.axis_widths.add(self.loss_plot)
        self.axis_widths.add(self.probability_plot)
        # One step axis label for the two plots, under the lower one: room for their values.
        self.loss_plot.clear_axis_label("bottom")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(clock)
        layout.addLayout(settings)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.probability_plot, 1)

        self.play_button.clicked.connect(lambda: race.play())
        self.pause_button.clicked.connect(lambda: race.pause())
        self.step_button.clicked.connect(lambda: race.step(1))
        self.reset_button.clicked.connect(lambda: race.reset())
        self.apply_button.clicked.connect(lambda: race.apply())
        self.speed_box.currentIndexChanged.connect(
            lambda _: race.set_speed(int(self.speed_box.currentData()))
        )
        self.learning_rate_box.committed.connect(self._commit_learning_rate)
        self.learning_rate_box.refused.connect(model.rejected)
        race.changed.connect(self._sync_controls)
        model.changed.connect(self._on_changed)
        model.rejected.connect(self._on_rejected)  # a refused η is put back
        self.appearance.changed.connect(self._restyle)
        self._restyle()
        self._show_learning_rate()
        self._sync_controls()

    def _commit_learning_rate(self, value: float) -> None:
        # Enter on an unchanged η is no change: it must not end (or commit) a race.
        if value != self._model.state.learning_rate:
            self._model.try_update(learning_rate=value)

    def _on_changed(self, change: Change) -> None:
        if change.touches("learning_rate"):
            self._show_learning_rate()

    def _on_rejected(self, _message: str) -> None:
        self._show_learning_rate()

    def _show_learning_rate(self) -> None:
        with blocked(self.learning_rate_box):
            self.learning_rate_box.setValue(self._model.state.learning_rate)

    def _sync_controls(self) -> None:
        """Enabled states, the speed and the step count from the race."""
        race = self.race
        running, started, steps = race.running, race.started, race.steps
        more = steps < MAX_STEPS
        self.play_button.setEnabled(not running and more)
        self.pause_button.setEnabled(running)
        self.step_button.setEnabled(not running and more)
        self.reset_button.setEnabled(started)
        self.apply_button.setEnabled(started and steps > 0)
        index = self.speed_box.findData(race.speed)
        if index >= 0 and index != self.speed_box.currentIndex():
            with blocked(self.speed_box):
                self.speed_box.setCurrentIndex(index)
        text = tr("step {n}").format(n=steps)
        if self.step_count.text() != text:
            self.step_count.setText(text)

    def _restyle(self) -> None:
        self.setFont(self.appearance.font())
        # Room for the widest count, so the row is not laid out again on every step.
        metrics = QFontMetricsF(self.appearance.font())
        widest = tr("step {n}").format(n=MAX_STEPS)
        self.step_count.setMinimumWidth(int(metrics.horizontalAdvance(widest)) + 4)
