"""TrainingRace: gradient descent under the selected loss and under MSE, side by side.

From the current logits, two runners take plain gradient-descent steps
z ← z − η ∇L: one on the selected loss (a cross-entropy unless MSE is chosen),
one on MSE. The numbers come from :func:`core.descend`, one step per tick, so
the race is deterministic: the same start always gives the same trajectory.

While it runs, the window follows the cross-entropy runner through transient
updates (:meth:`ExplorerModel.preview`): no undo step, no history point, no
autosave. **Reset** goes back to where the race began
(:meth:`ExplorerModel.cancel`); **Apply** keeps where cross-entropy got to as
one undo step (:meth:`ExplorerModel.commit`). Any other change to what the race
depends on (another logit, the target, the loss, η, …) ends the race; the next
Play starts from there.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal

import core
from app.i18n import N_
from app.model import EVALUATED_FIELDS, LOGIT_LIMIT, Change, ExplorerModel, ExplorerState

__all__ = ["TrainingRace", "SPEEDS", "MAX_STEPS"]

#: Steps per second the speed control offers.
SPEEDS = (1, 2, 5, 10, 30, 60)
#: A race pauses itself after this many steps.
MAX_STEPS = 10_000
#: The most steps one tick takes to catch up with the clock.
MAX_CATCH_UP = 8
#: Changes that end a race: everything its numbers depend on, but not the view's selections.
RESTART_FIELDS = (EVALUATED_FIELDS - {"sweep_class", "slider_limit"}) | {"learning_rate"}


class _Track:
    """One runner's positions and values, in arrays that grow by doubling (a step
    costs the same at step 10 000 as at step 1)."""

    def __init__(self, k: int) -> None:
        self._n = 0
        self._logits = np.empty((64, k))
        self._loss = np.empty(64)
        self._mse = np.empty(64)
        self._q = np.empty((64, k))

    def append(self, run: core.Descent, row: int) -> None:
        if self._n == self._loss.size:
            size = 2 * self._n
            for name in ("_logits", "_loss", "_mse", "_q"):
                old = getattr(self, name)
                new = np.empty((size, *old.shape[1:]))
                new[: self._n] = old[: self._n]
                setattr(self, name, new)
        n = self._n
        self._logits[n], self._loss[n] = run.logits[row], run.loss[row]
        self._mse[n], self._q[n] = run.mse[row], run.q[row]
        self._n += 1

    @property
    def logits(self) -> np.ndarray:
        """(S + 1, K): the positions, the start first."""
        return self._logits[: self._n]

    @property
    def loss(self) -> np.ndarray:
        """(S + 1,): the selected loss at each position (nats)."""
        return self._loss[: self._n]

    @property
    def mse(self) -> np.ndarray:
        """(S + 1,): MSE at each position."""
        return self._mse[: self._n]

    @property
    def q(self) -> np.ndarray:
        """(S + 1, K): the output probabilities (σ(z) for each sigmoid output)."""
        return self._q[: self._n]

    @property
    def position(self) -> np.ndarray:
        return self._logits[self._n - 1]


class TrainingRace(QObject):
    """The race's state and clock. Views read it and listen to ``changed``.

    Public attributes after the first step: ``start`` (the logits it began
    from), ``ce`` and ``mse`` (the runners' tracks: ``logits``, ``loss``,
    ``mse``, ``q``, the start in row 0), ``steps`` taken.
    """

    changed = Signal()

    def __init__(self, model: ExplorerModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._state: ExplorerState | None = None  # what the race was started from
        self.ce: _Track | None = None
        self.mse: _Track | None = None
        self._own_change = False
        self._speed = 30
        self._clock = (0.0, 0)  # (monotonic time, steps) when play or the speed began
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(1000 / self._speed))
        self._timer.timeout.connect(self._tick)
        model.changed.connect(self._on_model_changed)

    # -- reading -----------------------------------------------------------------------
    @property
    def started(self) -> bool:
        """True once the race has taken a step (or been started) from ``start``."""
        return self.ce is not None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def steps(self) -> int:
        return 0 if self.ce is None else len(self.ce.loss) - 1

    @property
    def start(self) -> np.ndarray | None:
        return None if self._state is None else self._state.logits

    @property
    def speed(self) -> int:
        """Steps per second while playing."""
        return self._speed

    def set_speed(self, steps_per_second: int) -> None:
        self._speed = max(1, min(int(steps_per_second), 60))
        self._timer.setInterval(round(1000 / self._speed))
        self._clock = (time.monotonic(), self.steps)
        self.changed.emit()

    # -- controls ----------------------------------------------------------------------
    def play(self) -> None:
        if self.running:
            return
        if self.steps >= MAX_STEPS:
            return
        self._ensure_started()
        self._clock = (time.monotonic(), self.steps)
        self._timer.start()
        self.changed.emit()

    def pause(self) -> None:
        if self.running:
            self._timer.stop()
            self.changed.emit()

    def toggle(self) -> None:
        """Space: play or pause."""
        if self.running:
            self.pause()
        else:
            self.play()

    def step(self, n: int = 1) -> None:
        """``n`` steps now (the Step button takes one)."""
        self._ensure_started()
        self._advance(n)

    def reset(self) -> None:
        """Back to where the race began: the window too, with no undo step."""
        self._timer.stop()
        self._own_change = True
        try:
            self._model.cancel()
        finally:
            self._own_change = False
        self._clear()

    def apply(self) -> bool:
        """Keep the logits where cross-entropy got to: one undo step. False if the
        race has not moved."""
        if self.ce is None or self.steps == 0:
            return False
        self._timer.stop()
        target = np.array(self.ce.position)
        self._own_change = True
        try:
            if self._model.in_gesture:
                done = self._model.commit(N_("training race"))
            else:  # the window no longer shows the race: set the logits as one step
                with self._model.described_as(N_("training race")):
                    done = self._model.try_update(logits=target)
        finally:
            self._own_change = False
        self._clear()
        return done

    # -- the race ----------------------------------------------------------------------
    def _ensure_started(self) -> None:
        if self.ce is not None:
            return
        self._own_change = True
        try:
            self._model.commit()  # a gesture in progress (a drag) ends first
        finally:
            self._own_change = False
        state = self._model.state
        self._state = state
        k = state.num_classes
        self.ce, self.mse = _Track(k), _Track(k)
        start = self._descend(state.logits, "loss", 0)
        self.ce.append(start, 0)
        self.mse.append(self._descend(state.logits, "mse", 0), 0)

    def _descend(self, logits: np.ndarray, objective: str, steps: int) -> core.Descent:
        s = self._state
        assert s is not None
        return core.descend(
            logits,
            s.target,
            s.temperature,
            objective=objective,
            learning_rate=s.learning_rate,
            steps=steps,
            problem_type=s.problem_type.value,
            loss=s.loss,
            label_smoothing=s.label_smoothing,
            pos_weight=s.pos_weight,
            weight=s.weight,
            reduction=s.reduction,
            limit=LOGIT_LIMIT,
        )

    def _advance(self, n: int) -> None:
        assert self.ce is not None and self.mse is not None
        n = min(n, MAX_STEPS - self.steps)
        if n <= 0:
            self.pause()
            return
        ce = self._descend(self.ce.position, "loss", n)
        mse = self._descend(self.mse.position, "mse", n)
        for row in range(1, n + 1):
            self.ce.append(ce, row)
            self.mse.append(mse, row)
        self._own_change = True
        try:
            self._model.preview(logits=self.ce.position)
        finally:
            self._own_change = False
        if self.steps >= MAX_STEPS:
            self._timer.stop()
        self.changed.emit()

    def _tick(self) -> None:
        """The steps due by the clock: the race keeps its speed in steps per second
        even when a frame takes longer than a tick (a slow machine shows fewer frames,
        not a slower race). The trajectory is the same either way."""
        started, steps_then = self._clock
        due = int((time.monotonic() - started) * self._speed) - (self.steps - steps_then)
        self._advance(max(1, min(due, MAX_CATCH_UP)))

    def _clear(self) -> None:
        self._state = None
        self.ce = self.mse = None
        self.changed.emit()

    def _on_model_changed(self, change: Change) -> None:
        if self._own_change or self.ce is None:
            return
        if change.touches(*RESTART_FIELDS):
            self._timer.stop()
            self._clear()
