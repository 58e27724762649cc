"""The explorer's state and the one place it changes.

``ExplorerState`` is an immutable snapshot of everything the user set.
``ExplorerModel.update(**changes)`` is the only way to change it: it builds a
new state, returns at once if nothing changed, otherwise computes everything
through :func:`core.evaluate` once and emits ``changed`` once. Views read
``model.state`` and ``model.result`` and never talk to each other.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

import core
from core import ExplorerResult, LossKind
from core.editing import normalise, resize

MIN_CLASSES = 2
MAX_CLASSES = 100
LOGIT_LIMIT = 1000.0
TEMPERATURE_RANGE = (0.05, 20.0)
POS_WEIGHT_RANGE = (0.0, 1000.0)
SLIDER_LIMIT_RANGE = (1.0, LOGIT_LIMIT)
HISTORY_LENGTH = 300
UNDO_LIMIT = 200
UNDO_MERGE_SECONDS = 0.8
UNITS = ("nats", "bits")
TARGET_MODES = ("index", "soft")


def _frozen_array(values: Sequence[float] | np.ndarray) -> np.ndarray:
    arr = np.array(values, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def default_class_names(k: int, start: int = 0) -> tuple[str, ...]:
    return tuple(f"class {i}" for i in range(start, k))


@dataclass(frozen=True, eq=False)
class ExplorerState:
    """Everything the user set. Arrays are read-only float64 of shape (K,)."""

    logits: np.ndarray = field(default_factory=lambda: _frozen_array([2.0, 1.0, 0.1, -1.0]))
    class_names: tuple[str, ...] = default_class_names(4)
    target_mode: str = "index"
    target_class: int = 0
    soft_target: np.ndarray = field(default_factory=lambda: _frozen_array([0.7, 0.1, 0.1, 0.1]))
    auto_normalise: bool = True
    temperature: float = 1.0
    units: str = "nats"
    loss: str = LossKind.SOFTMAX.value
    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    slider_limit: float = 10.0

    @property
    def num_classes(self) -> int:
        return int(self.logits.shape[0])

    @property
    def target(self) -> int | np.ndarray:
        """The target as :func:`core.evaluate` takes it."""
        return self.target_class if self.target_mode == "index" else self.soft_target

    def same_as(self, other: ExplorerState) -> bool:
        """Field-by-field equality that compares arrays by value."""
        for f in dataclasses.fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, np.ndarray):
                if not np.array_equal(a, b):
                    return False
            elif a != b:
                return False
        return True

    def to_json(self) -> dict[str, Any]:
        """A plain dict for a scene file."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            out[f.name] = (
                v.tolist()
                if isinstance(v, np.ndarray)
                else (list(v) if isinstance(v, tuple) else v)
            )
        return out


STATE_FIELDS = frozenset(f.name for f in dataclasses.fields(ExplorerState))


def _finite(name: str, value: Any, lo: float | None = None, hi: float | None = None) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if lo is not None and v < lo or hi is not None and v > hi:
        raise ValueError(f"{name} must be between {lo:g} and {hi:g}, got {v:g}")
    return v


def _values(name: str, values: Any, k: int, lo: float, hi: float) -> np.ndarray:
    try:
        arr = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a list of numbers") from None
    if arr.shape != (k,):
        raise ValueError(f"{name} must have {k} entries (one per class), got {arr.size}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite numbers")
    if (arr < lo).any() or (arr > hi).any():
        raise ValueError(f"{name} must lie between {lo:g} and {hi:g}")
    arr.flags.writeable = False
    return arr


def build_state(old: ExplorerState, changes: dict[str, Any]) -> ExplorerState:
    """A new, validated state: ``old`` with ``changes`` applied.

    ``num_classes`` is accepted as a change too: it resizes every per-class
    field, keeping the values of the classes that remain. Raises ValueError
    with a message for the user; ``old`` is never modified.
    """
    changes = dict(changes)
    unknown = set(changes) - STATE_FIELDS - {"num_classes"}
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")

    k = old.num_classes
    if "num_classes" in changes:
        k_new = changes.pop("num_classes")
        if isinstance(k_new, bool) or not isinstance(k_new, (int, np.integer)):
            raise ValueError(f"the number of classes must be a whole number, got {k_new!r}")
        k_new = int(k_new)
        if not MIN_CLASSES <= k_new <= MAX_CLASSES:
            raise ValueError(
                f"the number of classes must be between {MIN_CLASSES} and {MAX_CLASSES}, "
                f"got {k_new}"
            )
        if k_new != k:
            changes.setdefault("logits", resize(old.logits, k_new))
            names = old.class_names[:k_new] + default_class_names(k_new, len(old.class_names))
            changes.setdefault("class_names", names[:k_new])
            soft = resize(old.soft_target, k_new)
            auto = changes.get("auto_normalise", old.auto_normalise)
            changes.setdefault("soft_target", normalise(soft) if auto else soft)
            changes.setdefault("target_class", min(old.target_class, k_new - 1))
        k = k_new
    elif "logits" in changes:
        k = len(changes["logits"])

    if "logits" in changes:
        changes["logits"] = _values("logits", changes["logits"], k, -LOGIT_LIMIT, LOGIT_LIMIT)
        if not MIN_CLASSES <= k <= MAX_CLASSES:
            raise ValueError(
                f"the number of classes must be between {MIN_CLASSES} and {MAX_CLASSES}, got {k}"
            )
    if "soft_target" in changes:
        changes["soft_target"] = _values(
            "the true distribution p", changes["soft_target"], k, 0.0, 1.0
        )
    if "class_names" in changes:
        names = tuple(str(n) for n in changes["class_names"])
        if len(names) != k:
            raise ValueError(f"class_names must have {k} entries, got {len(names)}")
        changes["class_names"] = names
    if "target_mode" in changes and changes["target_mode"] not in TARGET_MODES:
        raise ValueError(f"target_mode must be 'index' or 'soft', got {changes['target_mode']!r}")
    if "target_class" in changes:
        tc = changes["target_class"]
        if isinstance(tc, bool) or not isinstance(tc, (int, np.integer)):
            raise ValueError(f"the true class must be a whole number, got {tc!r}")
        changes["target_class"] = int(tc)
    if "units" in changes and changes["units"] not in UNITS:
        raise ValueError(f"units must be 'nats' or 'bits', got {changes['units']!r}")
    if "temperature" in changes:
        changes["temperature"] = _finite("temperature", changes["temperature"], *TEMPERATURE_RANGE)
    if "label_smoothing" in changes:
        changes["label_smoothing"] = _finite("label smoothing", changes["label_smoothing"], 0, 1)
    if "pos_weight" in changes:
        changes["pos_weight"] = _finite("pos_weight", changes["pos_weight"], *POS_WEIGHT_RANGE)
    if "slider_limit" in changes:
        changes["slider_limit"] = _finite(
            "slider range", changes["slider_limit"], *SLIDER_LIMIT_RANGE
        )
    if "loss" in changes:
        changes["loss"] = LossKind.parse(changes["loss"]).value
    if "auto_normalise" in changes:
        changes["auto_normalise"] = bool(changes["auto_normalise"])

    new = dataclasses.replace(old, **changes)
    if not 0 <= new.target_class < k:
        raise ValueError(f"the true class must be between 0 and {k - 1}, got {new.target_class}")
    if new.soft_target.shape != (k,) or len(new.class_names) != k:
        raise ValueError("every per-class setting must have one entry per class")
    if (
        new.auto_normalise
        and ("soft_target" in changes or "auto_normalise" in changes)
        and not math.isclose(float(new.soft_target.sum()), 1.0, rel_tol=0, abs_tol=1e-9)
    ):
        new = dataclasses.replace(new, soft_target=_frozen_array(normalise(new.soft_target)))
    if new.loss == LossKind.SPARSE_SOFTMAX.value and new.target_mode != "index":
        raise ValueError(
            "sparse softmax cross-entropy takes a class index: switch the true label to "
            "'class index' first"
        )
    return new


def evaluate_state(state: ExplorerState) -> ExplorerResult:
    """Everything the views show for ``state``, in one core call."""
    return core.evaluate(
        state.logits,
        state.target,
        state.temperature,
        loss=state.loss,
        label_smoothing=state.label_smoothing,
        pos_weight=state.pos_weight,
        sweep_range=(-state.slider_limit, state.slider_limit),
    )


class ExplorerModel(QObject):
    """Owns the current state and its result; the single source of truth.

    Signals
    -------
    changed()
        After every real change, once, when ``state`` and ``result`` are new.
    rejected(str)
        When an update was invalid; the message is for the user and the state
        is unchanged.
    """

    changed = Signal()
    rejected = Signal(str)

    def __init__(self, state: ExplorerState | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state if state is not None else ExplorerState()
        self._result = evaluate_state(self._state)
        self._pending: dict[str, Any] = {}
        self._undo: list[ExplorerState] = []
        self._redo: list[ExplorerState] = []
        self._undo_keys: frozenset[str] = frozenset()
        self._undo_time = 0.0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        # (H, H(p,q), KL, MSE) in nats after each change, oldest first.
        self._history = np.empty((0, 4))
        self._append_history()

    # -- reading ---------------------------------------------------------
    @property
    def state(self) -> ExplorerState:
        return self._state

    @property
    def result(self) -> ExplorerResult:
        return self._result

    @property
    def history(self) -> np.ndarray:
        """Shape (n, 4): H(p), H(p,q), KL(p‖q), MSE in nats over the last changes."""
        return self._history

    def pending(self, name: str) -> Any:
        """The value ``name`` will have once posted changes are applied."""
        if name in self._pending:
            return self._pending[name]
        return getattr(self._state, name)

    # -- changing --------------------------------------------------------
    def update(self, **changes: Any) -> bool:
        """Apply ``changes``; recompute once and emit ``changed`` once.

        Posted (coalesced) changes are applied first. Returns True if the
        state changed. Invalid changes raise ValueError and change nothing.
        """
        if self._pending:
            changes = {**self._pending, **changes}
            self._pending.clear()
            self._flush_timer.stop()
        new = build_state(self._state, changes)
        if new.same_as(self._state):
            return False
        result = evaluate_state(new)  # may raise: the old state stays
        self._remember_for_undo(frozenset(changes))
        self._redo.clear()
        self._set(new, result)
        return True

    def _set(self, state: ExplorerState, result: ExplorerResult) -> None:
        self._state, self._result = state, result
        self._append_history()
        self.changed.emit()

    def _remember_for_undo(self, keys: frozenset[str]) -> None:
        """Push the current state unless this change continues the last gesture.

        A drag changes the same setting hundreds of times a second; one undo
        step should take all of it back, so changes to the same settings
        within UNDO_MERGE_SECONDS of each other merge.
        """
        now = time.monotonic()
        continues = keys == self._undo_keys and now - self._undo_time < UNDO_MERGE_SECONDS
        self._undo_keys, self._undo_time = keys, now
        if not continues:
            self._undo.append(self._state)
            del self._undo[:-UNDO_LIMIT]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        """Go back one step (a whole drag counts as one). Returns False if there is none."""
        self.flush()
        if not self._undo:
            return False
        self._redo.append(self._state)
        state = self._undo.pop()
        self._undo_keys = frozenset()
        self._set(state, evaluate_state(state))
        return True

    def redo(self) -> bool:
        """Re-apply the last undone step. Returns False if there is none."""
        if not self._redo:
            return False
        self._undo.append(self._state)
        state = self._redo.pop()
        self._undo_keys = frozenset()
        self._set(state, evaluate_state(state))
        return True

    def try_update(self, **changes: Any) -> bool:
        """:meth:`update` for widgets: an invalid change emits ``rejected`` instead of raising."""
        try:
            return self.update(**changes)
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False

    def post(self, **changes: Any) -> None:
        """Queue changes and apply them on the next event-loop turn.

        A slider drag posts many changes per frame; they are merged so that at
        most one recompute happens per turn of the event loop.
        """
        self._pending.update(changes)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> bool:
        """Apply posted changes now (also called by the coalescing timer)."""
        if not self._pending:
            return False
        return self.try_update()

    def replace_state(self, state: ExplorerState) -> bool:
        """Load a whole state (a scene), validated like any update."""
        return self.update(**{f.name: getattr(state, f.name) for f in dataclasses.fields(state)})

    def clear_history(self) -> None:
        self._history = np.empty((0, 4))
        self._append_history()
        self.changed.emit()

    def _append_history(self) -> None:
        r = self._result
        row = np.array([[r.entropy, r.cross_entropy, r.kl, r.mse]])
        self._history = np.concatenate([self._history[-(HISTORY_LENGTH - 1) :], row])
