"""The explorer's state, the one place it changes, and the edits a user can make.

``ExplorerState`` is an immutable snapshot of everything the user set.
``ExplorerModel.update(**changes)`` is the way to change it: it builds a new
state, returns at once if nothing changed, otherwise computes everything
through :func:`core.evaluate` once (only when a changed field affects the
numbers) and emits ``changed(Change)`` once. Views read ``model.state`` and
``model.result``, look at the :class:`Change` to skip work it does not
concern, and never talk to each other.

Gestures (a slider or bar drag, an animation) use :meth:`ExplorerModel.preview`
or :meth:`ExplorerModel.post`: transient changes with no undo step, no
history point and no autosave; :meth:`ExplorerModel.commit` ends the gesture
as one undo step. The edit operations (set pᵢ with pins, set qᵢ, make p = q,
…) live here, so views only say what the user did.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

import core
from app.i18n import N_, tr
from core import LOSSES, ExplorerResult, LossKind, Reduction
from core.editing import (
    logit_for_probability,
    logits_for_distribution,
    normalise,
    resize,
    set_probability_pinned,
)
from core.explorer import DEFAULT_LOSS

MIN_CLASSES = 2
MAX_CLASSES = 100
LOGIT_LIMIT = 1000.0
TEMPERATURE_RANGE = (0.05, 20.0)
POS_WEIGHT_RANGE = (0.0, 1000.0)
WEIGHT_RANGE = (0.0, 1000.0)
SLIDER_LIMIT_RANGE = (1.0, LOGIT_LIMIT)
#: η of the gradient-descent race.
LEARNING_RATE_RANGE = (0.001, 100.0)
#: A dragged q stays strictly inside (0, 1), so its logit stays finite.
Q_DRAG_RANGE = (0.001, 0.999)
HISTORY_LENGTH = 300
UNDO_LIMIT = 200
UNDO_MERGE_SECONDS = 0.8
#: What a sparse loss becomes when the true label turns into a distribution (same API).
DENSE_TWINS = {
    LossKind.SPARSE_SOFTMAX_XENT: LossKind.SOFTMAX_XENT,
    LossKind.SPARSE_SOFTMAX: LossKind.SOFTMAX,
}


class TargetMode(str, Enum):
    """How the true label is given: a class index (one-hot p) or a distribution."""

    INDEX = "index"
    SOFT = "soft"


class ProblemType(str, Enum):
    """The output activation: one sigmoid, a softmax over K classes, K sigmoids."""

    BINARY = "binary"
    MULTICLASS = "multiclass"
    MULTILABEL = "multilabel"

    @property
    def sigmoid(self) -> bool:
        """True for the problem types whose outputs are independent sigmoids."""
        return self is not ProblemType.MULTICLASS


class FloatType(str, Enum):
    """The precision the pitfalls are computed in."""

    FLOAT64 = "float64"
    FLOAT32 = "float32"


class Units(str, Enum):
    """Units of H(p), H(p,q) and KL: nats use ln, bits log₂."""

    NATS = "nats"
    BITS = "bits"


def _parse(enum: type[Enum], value: Any, what: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = " or ".join(repr(m.value) for m in enum)
        raise ValueError(f"{what} must be {choices}, got {value!r}") from None


def _frozen_array(values: Sequence[float] | np.ndarray) -> np.ndarray:
    arr = np.array(values, dtype=np.float64)
    arr.flags.writeable = False
    return arr


def default_class_names(k: int, start: int = 0) -> tuple[str, ...]:
    return tuple(f"class {i}" for i in range(start, k))


@dataclass(frozen=True, eq=False)
class ExplorerState:
    """Everything the user set. Arrays are read-only float64 of shape (K,).

    ``pinned`` lists the classes whose p the user set, least recently first
    (see :func:`core.editing.set_probability_pinned`); it is not saved in
    scene files.

    For a binary problem the per-class fields have one entry (the one logit z,
    the target y in ``soft_target``, the positive class's name); binary and
    multilabel targets are always ``soft_target``, one value in [0, 1] per
    output, never normalised.

    ``sweep_class`` is the selected class: the logit the sweep varies and the
    sigmoid view shows; it follows the true class unless another was chosen.
    ``surface_x_class`` and ``surface_y_class`` are the two logits of the loss
    surface (different classes when K ≥ 2), ``learning_rate`` the η of the
    gradient-descent race.
    """

    problem_type: ProblemType = ProblemType.MULTICLASS
    logits: np.ndarray = field(default_factory=lambda: _frozen_array([2.0, 1.0, 0.1, -1.0]))
    class_names: tuple[str, ...] = default_class_names(4)
    target_mode: TargetMode = TargetMode.INDEX
    target_class: int = 0
    soft_target: np.ndarray = field(default_factory=lambda: _frozen_array([0.7, 0.1, 0.1, 0.1]))
    auto_normalise: bool = True
    temperature: float = 1.0
    units: Units = Units.NATS
    loss: LossKind = LossKind.SOFTMAX_XENT
    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    weight: float = 1.0
    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS
    dtype: FloatType = FloatType.FLOAT64
    pitfall_double_softmax: bool = False
    pitfall_probabilities_as_logits: bool = False
    pitfall_naive_softmax: bool = False
    slider_limit: float = 10.0
    sweep_class: int = 0
    surface_x_class: int = 0
    surface_y_class: int = 1
    learning_rate: float = 1.0
    pinned: tuple[int, ...] = ()

    @property
    def num_classes(self) -> int:
        return int(self.logits.shape[0])

    @property
    def soft(self) -> bool:
        return self.target_mode is TargetMode.SOFT

    @property
    def normalised(self) -> bool:
        """True when editing p keeps Σp = 1 (soft multiclass labels with keep Σp = 1 on)."""
        return self.auto_normalise and not self.problem_type.sigmoid

    @property
    def target(self) -> int | np.ndarray:
        """The target as :func:`core.evaluate` takes it."""
        return self.soft_target if self.soft else self.target_class

    def same_as(self, other: ExplorerState) -> bool:
        """Field-by-field equality that compares arrays by value."""
        return not changed_fields(self, other)

    def to_json(self) -> dict[str, Any]:
        """A plain dict for a scene file (enums as their strings; pins are not saved)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name in UNSAVED_FIELDS:
                continue
            v = getattr(self, f.name)
            if isinstance(v, np.ndarray):
                v = v.tolist()
            elif isinstance(v, Enum):
                v = v.value
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name] = v
        return out


STATE_FIELDS = frozenset(f.name for f in dataclasses.fields(ExplorerState))
#: Fields that only the running app keeps: not in scene files.
UNSAVED_FIELDS = frozenset({"pinned"})
#: Fields that change the numbers; a change to any other field recomputes nothing.
EVALUATED_FIELDS = frozenset(
    {
        "problem_type",
        "weight",
        "reduction",
        "dtype",
        "logits",
        "target_mode",
        "target_class",
        "soft_target",
        "temperature",
        "loss",
        "label_smoothing",
        "pos_weight",
        "slider_limit",
        "sweep_class",
    }
)
#: Settings that choose what the window shows, not the example: changed during a
#: gesture (the race playing), they apply to its start too and do not end it.
VIEW_FIELDS = frozenset(
    {"units", "class_names", "sweep_class", "surface_x_class", "surface_y_class"}
)
#: The pitfall switches: each shows a wrong number beside the right one.
PITFALL_FIELDS = (
    "pitfall_double_softmax",
    "pitfall_probabilities_as_logits",
    "pitfall_naive_softmax",
)
#: Changing one of these clears the pins (they describe another distribution).
UNPINNING_FIELDS = frozenset({"target_mode", "auto_normalise", "num_classes", "problem_type"})


def changed_fields(old: ExplorerState, new: ExplorerState) -> frozenset[str]:
    """The names of the fields that differ (arrays by value), plus "num_classes" if K did."""
    names = set()
    for f in dataclasses.fields(old):
        a, b = getattr(old, f.name), getattr(new, f.name)
        if isinstance(a, np.ndarray):
            if a.shape != b.shape or not np.array_equal(a, b):
                names.add(f.name)
        elif a != b:
            names.add(f.name)
    if old.num_classes != new.num_classes:
        names.add("num_classes")
    return frozenset(names)


@dataclass(frozen=True)
class StepName:
    """What an undo step did, as the Edit menu names it ("set logit of cat").

    ``text`` is English marked with ``N_`` (translated when shown); ``name``
    fills its ``{name}``, a class name, which is never translated.
    """

    text: str
    name: str = ""

    def __str__(self) -> str:
        return tr(self.text).format(name=self.name)


#: A field's step name when it is what an edit changed, in order of importance: an
#: edit that changes several fields is named after the first (K before the logits it
#: resizes, the true class before the selection that follows it).
_FIELD_STEP_NAMES = (
    ("num_classes", N_("change the number of classes")),
    ("problem_type", N_("switch the problem type")),
    ("loss", N_("change the loss")),
    ("target_mode", N_("switch between class index and distribution")),
    ("auto_normalise", N_("switch keep Σp = 1")),
    ("logits", N_("set the logits")),
    ("soft_target", N_("set p")),
    ("target_class", N_("change the true class")),
    ("class_names", N_("rename the classes")),
    ("temperature", N_("change the temperature")),
    ("label_smoothing", N_("change the label smoothing")),
    ("pos_weight", N_("change pos_weight")),
    ("weight", N_("change the weight")),
    ("reduction", N_("change the reduction")),
    ("dtype", N_("change the float type")),
    ("pitfall_double_softmax", N_("switch a pitfall")),
    ("pitfall_probabilities_as_logits", N_("switch a pitfall")),
    ("pitfall_naive_softmax", N_("switch a pitfall")),
    ("slider_limit", N_("change the slider range")),
    ("units", N_("switch the units")),
    ("learning_rate", N_("change the learning rate")),
    ("sweep_class", N_("select a class")),
    ("surface_x_class", N_("choose the surface's classes")),
    ("surface_y_class", N_("choose the surface's classes")),
    ("pinned", N_("change the pins")),
)
#: The same for a change to one class's entry of a per-class field; {name} is the class.
_CLASS_STEP_NAMES = {
    "logits": N_("set logit of {name}"),
    "soft_target": N_("set p of {name}"),
    "class_names": N_("rename {name}"),
    "target_class": N_("make {name} the true class"),
    "sweep_class": N_("select {name}"),
    "pinned": N_("unpin p of {name}"),
}


def _one_class(field_name: str, old: ExplorerState, new: ExplorerState) -> int | None:
    """The one class whose entry of ``field_name`` changed from ``old`` to ``new``, if
    exactly one did (None otherwise)."""
    a, b = getattr(old, field_name), getattr(new, field_name)
    if field_name in ("target_class", "sweep_class"):
        return int(b)
    if field_name == "pinned":
        gone = set(a) - set(b)
        return gone.pop() if len(gone) == 1 and set(b) <= set(a) else None
    if len(a) != len(b):
        return None
    if isinstance(a, np.ndarray):
        which = np.flatnonzero(a != b)
    else:
        which = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return int(which[0]) if len(which) == 1 else None


def _generic_step_name(fields: frozenset[str]) -> StepName:
    """The name of a change to ``fields`` that does not say which class."""
    for name, text in _FIELD_STEP_NAMES:
        if name in fields:
            return StepName(text)
    return StepName(N_("change the settings"))


def describe_change(old: ExplorerState, new: ExplorerState) -> StepName:
    """A name for the step from ``old`` to ``new`` worked out from what changed: the most
    important changed field, naming the class when only one class's entry changed."""
    fields = changed_fields(old, new)
    for name, text in _FIELD_STEP_NAMES:
        if name not in fields:
            continue
        if name in _CLASS_STEP_NAMES and "num_classes" not in fields:
            i = _one_class(name, old, new)
            if i is not None:
                names = old.class_names if name == "class_names" else new.class_names
                return StepName(_CLASS_STEP_NAMES[name], names[i])
        return StepName(text)
    return _generic_step_name(fields)


@dataclass(frozen=True)
class Change:
    """What one emission of ``ExplorerModel.changed`` is about.

    ``fields`` holds the names of the state fields that changed, plus
    ``"num_classes"`` when K changed and ``"history"`` when a history point
    was added or the history cleared. ``transient`` marks a gesture in
    progress (a drag): no undo step, history point or autosave came of it.
    ``opened`` marks a whole state loaded (a scene opened, ``replace_state``):
    views show it as they would in a new window.
    """

    fields: frozenset[str]
    transient: bool = False
    opened: bool = False

    @property
    def recomputed(self) -> bool:
        """True when ``model.result`` is new (the numbers may have changed)."""
        return bool(self.fields & EVALUATED_FIELDS)

    @property
    def resized(self) -> bool:
        """True when K changed: per-class rows and items need rebuilding."""
        return "num_classes" in self.fields

    def touches(self, *names: str) -> bool:
        """True when any of ``names`` (fields, "num_classes", "history") changed."""
        return not self.fields.isdisjoint(names)


#: The change a view redraws everything for (its first draw, a restyle).
EVERYTHING = Change(STATE_FIELDS | {"num_classes", "history"})


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


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    return int(value)


def build_state(old: ExplorerState, changes: dict[str, Any]) -> ExplorerState:
    """A new, validated state: ``old`` with ``changes`` applied.

    ``num_classes`` is accepted as a change too: it resizes every per-class
    field, keeping the values of the classes that remain. Changing K, the
    target mode or auto-normalise clears the pins. Raises ValueError with a
    message for the user; ``old`` is never modified.
    """
    changes = dict(changes)
    unknown = set(changes) - STATE_FIELDS - {"num_classes"}
    if unknown:
        raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")

    if "problem_type" in changes:
        changes["problem_type"] = _parse(ProblemType, changes["problem_type"], "problem_type")
    problem = changes.get("problem_type", old.problem_type)
    lowest = 1 if problem is ProblemType.BINARY else MIN_CLASSES
    highest = 1 if problem is ProblemType.BINARY else MAX_CLASSES
    k = old.num_classes
    if "num_classes" in changes:
        k_new = _whole("the number of classes", changes.pop("num_classes"))
        if problem is ProblemType.BINARY and k_new != 1:
            raise ValueError(
                "a binary problem has one logit: choose multiclass or multilabel for more classes"
            )
        if not lowest <= k_new <= highest:
            raise ValueError(
                f"the number of classes must be between {MIN_CLASSES} and {MAX_CLASSES}, "
                f"got {k_new}"
            )
        if k_new != k:
            changes.setdefault("logits", resize(old.logits, k_new))
            names = old.class_names[:k_new] + default_class_names(k_new, len(old.class_names))
            changes.setdefault("class_names", names[:k_new])
            soft = resize(old.soft_target, k_new)
            auto = changes.get("auto_normalise", old.auto_normalise) and not problem.sigmoid
            changes.setdefault("soft_target", normalise(soft) if auto else soft)
            changes.setdefault("target_class", min(old.target_class, k_new - 1))
        k = k_new
    elif "logits" in changes:
        k = len(changes["logits"])

    if "logits" in changes:
        changes["logits"] = _values("logits", changes["logits"], k, -LOGIT_LIMIT, LOGIT_LIMIT)
        if problem is ProblemType.BINARY and k != 1:
            raise ValueError(f"a binary problem has one logit, got {k}")
        if not lowest <= k <= highest:
            raise ValueError(
                f"the number of classes must be between {MIN_CLASSES} and {MAX_CLASSES}, got {k}"
            )
    elif k < lowest or k > highest:
        raise ValueError(
            "a binary problem has one logit"
            if problem is ProblemType.BINARY
            else f"a {problem.value} problem needs {MIN_CLASSES} to {MAX_CLASSES} classes"
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
    if "target_mode" in changes:
        changes["target_mode"] = _parse(TargetMode, changes["target_mode"], "target_mode")
    if "target_class" in changes:
        changes["target_class"] = _whole("the true class", changes["target_class"])
        if "sweep_class" not in changes and old.sweep_class == old.target_class:
            changes["sweep_class"] = changes["target_class"]  # the selection follows the truth
    explicit_surface = {"surface_x_class", "surface_y_class"} & set(changes)
    for name in ("sweep_class", "surface_x_class", "surface_y_class"):
        if name in changes:
            changes[name] = _whole(name.replace("_", " "), changes[name])
            if not 0 <= changes[name] < k:
                raise ValueError(f"{name.replace('_', ' ')} must be between 0 and {k - 1}")
    if "learning_rate" in changes:
        changes["learning_rate"] = _finite(
            "learning rate", changes["learning_rate"], *LEARNING_RATE_RANGE
        )
    if "units" in changes:
        changes["units"] = _parse(Units, changes["units"], "units")
    if "temperature" in changes:
        changes["temperature"] = _finite("temperature", changes["temperature"], *TEMPERATURE_RANGE)
    if "label_smoothing" in changes:
        changes["label_smoothing"] = _finite("label smoothing", changes["label_smoothing"], 0, 1)
    if "pos_weight" in changes:
        changes["pos_weight"] = _finite("pos_weight", changes["pos_weight"], *POS_WEIGHT_RANGE)
    if "weight" in changes:
        changes["weight"] = _finite("the weight", changes["weight"], *WEIGHT_RANGE)
    if "reduction" in changes:
        changes["reduction"] = Reduction.parse(changes["reduction"])
    if "dtype" in changes:
        changes["dtype"] = _parse(FloatType, changes["dtype"], "dtype")
    for name in PITFALL_FIELDS:
        if name in changes:
            changes[name] = bool(changes[name])
    if "slider_limit" in changes:
        changes["slider_limit"] = _finite(
            "slider range", changes["slider_limit"], *SLIDER_LIMIT_RANGE
        )
    if "loss" in changes:
        changes["loss"] = LossKind.parse(changes["loss"])
    if "auto_normalise" in changes:
        changes["auto_normalise"] = bool(changes["auto_normalise"])
    if "pinned" in changes:
        pins = tuple(_whole("a pinned class", j) for j in changes["pinned"])
        if len(set(pins)) != len(pins) or any(not 0 <= j < k for j in pins):
            raise ValueError(f"pinned classes must be distinct and in [0, {k}), got {pins}")
        changes["pinned"] = pins
    elif k != old.num_classes or any(
        name in changes and changes[name] != getattr(old, name) for name in UNPINNING_FIELDS
    ):
        changes["pinned"] = ()

    new = dataclasses.replace(old, **changes)
    for name in ("sweep_class", "surface_x_class", "surface_y_class"):
        if getattr(new, name) >= k:  # a problem-type switch changed K
            new = dataclasses.replace(new, **{name: k - 1})
    if k >= 2 and new.surface_x_class == new.surface_y_class:
        if explicit_surface:
            raise ValueError("the surface needs two different classes")
        # After a resize or a switch: the y axis takes another class.
        new = dataclasses.replace(new, surface_y_class=1 if new.surface_x_class == 0 else 0)
    if not 0 <= new.target_class < k:
        raise ValueError(f"the true class must be between 0 and {k - 1}, got {new.target_class}")
    if new.soft_target.shape != (k,) or len(new.class_names) != k:
        raise ValueError("every per-class setting must have one entry per class")
    if problem.sigmoid and not new.soft:
        # Sigmoid outputs take a target per output: a class index is a one-hot target.
        new = dataclasses.replace(new, target_mode=TargetMode.SOFT)
    if (
        new.normalised
        and ("soft_target" in changes or "auto_normalise" in changes)
        and not math.isclose(float(new.soft_target.sum()), 1.0, rel_tol=0, abs_tol=1e-9)
    ):
        new = dataclasses.replace(new, soft_target=_frozen_array(normalise(new.soft_target)))
    spec = LOSSES[new.loss]
    if problem.value not in spec.problem_types:
        raise ValueError(loss_unsuitable_reason(new.loss, problem) or "")
    if spec.needs_class_index and new.soft:
        raise ValueError(
            f"{new.loss.value} takes a class index: switch the true label to 'class index' first"
        )
    return new


def loss_unsuitable_reason(loss: LossKind, problem: ProblemType) -> str | None:
    """Why ``loss`` cannot be chosen for ``problem`` (a sentence for the user), or None."""
    spec = LOSSES[loss]
    if problem.value in spec.problem_types:
        return None
    if spec.activation == "softmax":
        return (
            f"{spec.tf_name} applies a softmax: it needs exactly one true class among "
            "K ≥ 2 (choose the multiclass problem type)"
        )
    return (
        f"{spec.tf_name} applies an independent sigmoid to each logit: it suits binary "
        "and multi-label problems, not one true class among K (use a softmax loss)"
    )


def evaluate_state(state: ExplorerState) -> ExplorerResult:
    """Everything the views show for ``state``, in one core call."""
    return core.evaluate(
        state.logits,
        state.target,
        state.temperature,
        problem_type=state.problem_type.value,
        loss=state.loss,
        label_smoothing=state.label_smoothing,
        pos_weight=state.pos_weight,
        weight=state.weight,
        reduction=state.reduction,
        dtype=state.dtype.value,
        sweep_class=state.sweep_class,
        sweep_range=(-state.slider_limit, state.slider_limit),
    )


#: Points per axis of the loss surface (a grid of SURFACE_POINTS²).
SURFACE_POINTS = 201


@dataclass(frozen=True, eq=False)
class SurfaceGrid:
    """The loss surface of a state: ``values[m, n]`` at ``(x_values[m], y_values[n])``."""

    x_class: int
    y_class: int
    quantity: str  #: "loss" (the selected loss, nats) or "mse"
    x_values: np.ndarray
    y_values: np.ndarray
    values: np.ndarray


def _surface_key(state: ExplorerState, quantity: str) -> tuple[Any, ...]:
    """What the surface depends on: not the two logits it varies (moving the marker
    along the surface recomputes nothing)."""
    others = np.array(state.logits)
    others[[state.surface_x_class, state.surface_y_class]] = 0.0
    target = state.soft_target.tobytes() if state.soft else state.target_class
    return (
        quantity,
        state.problem_type,
        state.surface_x_class,
        state.surface_y_class,
        others.tobytes(),
        target,
        state.temperature,
        state.loss,
        state.label_smoothing,
        state.pos_weight,
        state.weight,
        state.reduction,
        state.slider_limit,
    )


def surface_of(state: ExplorerState, quantity: str) -> SurfaceGrid | None:
    """The loss surface of ``state`` over its two surface classes (None for one logit)."""
    if state.num_classes < 2:
        return None
    values = np.linspace(-state.slider_limit, state.slider_limit, SURFACE_POINTS)
    grid = core.loss_surface(
        state.logits,
        state.target,
        state.surface_x_class,
        state.surface_y_class,
        values,
        values,
        state.temperature,
        quantity=quantity,
        problem_type=state.problem_type.value,
        loss=state.loss,
        label_smoothing=state.label_smoothing,
        pos_weight=state.pos_weight,
        weight=state.weight,
        reduction=state.reduction,
    )
    grid.flags.writeable = False
    values.flags.writeable = False
    return SurfaceGrid(state.surface_x_class, state.surface_y_class, quantity, values, values, grid)


class ExplorerModel(QObject):
    """Owns the current state and its result; the single source of truth.

    Signals
    -------
    changed(Change)
        After every real change, once, when ``state`` and ``result`` are new.
        The :class:`Change` says which fields changed and whether it was
        transient (part of a gesture).
    rejected(str)
        When an edit was invalid; the message is for the user and the state
        is unchanged.
    notice(str)
        A remark for the user about an edit that was applied (for example
        that q can only approach 0).
    """

    changed = Signal(object)
    rejected = Signal(str)
    notice = Signal(str)

    def __init__(self, state: ExplorerState | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = state if state is not None else ExplorerState()
        self._result = evaluate_state(self._state)
        self._pending: dict[str, Any] = {}
        self._opening = False  # inside replace_state: its change is marked ``opened``
        self._gesture_start: ExplorerState | None = None
        self._undo: list[ExplorerState] = []
        self._redo: list[ExplorerState] = []
        # What each step did, beside its state: _undo_names[i] names the step from
        # _undo[i] to the state after it (and the same for redo).
        self._undo_names: list[StepName] = []
        self._redo_names: list[StepName] = []
        #: The name for the step being made (set by an edit operation or described_as).
        self._step_name: StepName | None = None
        #: The name of the gesture in progress, if the operation that began it gave one.
        self._gesture_name: StepName | None = None
        self._undo_keys: frozenset[str] = frozenset()
        self._undo_time = 0.0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        # (H, H(p,q), KL, MSE) in nats after each committed change, oldest first.
        self._history = np.empty((0, 4))
        self._append_history()
        self._surfaces: dict[str, tuple[tuple[Any, ...], SurfaceGrid | None]] = {}

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

    def gradient_steps(self) -> tuple[np.ndarray, np.ndarray]:
        """One gradient-descent step −η ∂/∂z of the selected loss and of MSE, per logit."""
        eta = self._state.learning_rate
        return -eta * self._result.grad_loss, -eta * self._result.grad_mse

    def surface(self, quantity: str = "loss") -> SurfaceGrid | None:
        """The loss surface of the current state, computed when first asked for.

        Only a view that shows it asks, so a hidden surface costs nothing; it is
        kept while only its own two logits move.
        """
        key = _surface_key(self._state, quantity)
        cached = self._surfaces.get(quantity)
        if cached is None or cached[0] != key:
            cached = (key, surface_of(self._state, quantity))
            self._surfaces[quantity] = cached
        return cached[1]

    @property
    def in_gesture(self) -> bool:
        """True between the first transient change of a gesture and its :meth:`commit`."""
        return self._gesture_start is not None or bool(self._pending)

    def _current(self, name: str) -> Any:
        # Edits build on posted-but-not-applied values, so a fast drag never goes back.
        if name in self._pending:
            return self._pending[name]
        return getattr(self._state, name)

    # -- changing --------------------------------------------------------
    def update(self, **changes: Any) -> bool:
        """Apply ``changes`` as one undoable step; recompute once and emit ``changed`` once.

        Posted (coalesced) changes are applied first, and a gesture in
        progress is committed first. Returns True if the state changed.
        Invalid changes raise ValueError and change nothing.
        """
        changes = self._with_pending(changes)
        new = build_state(self._state, changes)  # validate before ending a gesture
        if self._gesture_start is not None and set(changes) <= VIEW_FIELDS:
            # Choosing what to look at (units, the selected class) during an animation
            # neither ends it nor becomes part of it: it holds before and after.
            self._gesture_start = build_state(self._gesture_start, changes)
            return self._apply(new, frozenset(changes), transient=True)
        self.commit()
        return self._apply(new, frozenset(changes), transient=False)

    def try_update(self, **changes: Any) -> bool:
        """:meth:`update` for widgets: an invalid change emits ``rejected`` instead of raising."""
        try:
            return self.update(**changes)
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False

    def preview(self, **changes: Any) -> bool:
        """A transient change: no undo step, no history point, no autosave.

        For gestures and animations. The first preview remembers where the
        gesture began; :meth:`commit` turns the whole gesture into one undo
        step. Invalid changes raise ValueError and change nothing.
        """
        changes = self._with_pending(changes)
        return self._apply(build_state(self._state, changes), frozenset(changes), transient=True)

    def post(self, **changes: Any) -> None:
        """Queue transient changes and apply them on the next event-loop turn.

        A drag posts many changes per frame; they are merged so that at most
        one recompute happens per turn of the event loop.
        """
        self._pending.update(changes)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> bool:
        """Apply posted changes now, as a preview (also called by the coalescing timer)."""
        if not self._pending:
            return False
        changes = self._with_pending({})
        try:
            return self.preview(**changes)
        except ValueError as exc:
            if self._gesture_start is None:  # no gesture began: its name goes too
                self._gesture_name = None
            self.rejected.emit(str(exc))
            return False

    def commit(self, name: str | None = None) -> bool:
        """End a gesture: it becomes one undo step and one history point. False if none.

        ``name`` (English marked with ``N_``) names the step in the Edit menu, e.g.
        ``commit(N_("training race"))``; without it the gesture keeps the name of the
        operation that began it ("drag of cat's logit") or one worked out from what
        changed.
        """
        self.flush()
        step_name = self._gesture_step_name(name)
        start, self._gesture_start = self._gesture_start, None
        self._gesture_name = None
        if start is None or start.same_as(self._state):
            return False
        self._push_undo(start, step_name)
        self._undo_keys = frozenset()
        self._append_history()
        self.changed.emit(Change(frozenset({"history"})))
        return True

    def _with_pending(self, changes: dict[str, Any]) -> dict[str, Any]:
        if self._pending:
            changes = {**self._pending, **changes}
            self._pending.clear()
            self._flush_timer.stop()
        return changes

    def _apply(self, new: ExplorerState, keys: frozenset[str], transient: bool) -> bool:
        fields = changed_fields(self._state, new)
        if not fields:
            return False
        # Units, names and pins change no number: keep the result, skip core.
        result = evaluate_state(new) if fields & EVALUATED_FIELDS else self._result
        if transient:
            if self._gesture_start is None:
                self._gesture_start = self._state
                if self._gesture_name is None:
                    self._gesture_name = self._step_name
        else:
            self._remember_for_undo(keys, self._step_name or describe_change(self._state, new))
        self._state, self._result = new, result
        if not transient and fields & EVALUATED_FIELDS:
            self._append_history()
            fields |= {"history"}
        self.changed.emit(Change(fields, transient, opened=self._opening))
        return True

    def _remember_for_undo(self, keys: frozenset[str], name: StepName) -> None:
        """Push the current state unless this change continues the last one.

        Repeated clicks on a spin arrow change the same setting several times
        a second; one undo step should take all of it back, so changes to the
        same settings within UNDO_MERGE_SECONDS of each other merge. Changes
        further apart are separate steps. ``name`` says what the change did; a
        merged step keeps its name (a generic one if the merged edits differ,
        e.g. the logits of two classes).
        """
        now = time.monotonic()
        continues = keys == self._undo_keys and now - self._undo_time < UNDO_MERGE_SECONDS
        self._undo_keys, self._undo_time = keys, now
        if not continues or not self._undo:
            self._push_undo(self._state, name)
        elif self._undo_names[-1] != name:
            self._undo_names[-1] = _generic_step_name(keys)

    def cancel(self) -> bool:
        """End a gesture by going back to where it began: no undo step. False if none.

        For an animation that is only a preview (the gradient-descent race's
        Reset): the window returns to the state before it.
        """
        self._pending.clear()
        self._flush_timer.stop()
        start, self._gesture_start = self._gesture_start, None
        self._gesture_name = None
        if start is None:
            return False
        self._restore(start, history=False)
        return True

    def _push_undo(self, state: ExplorerState, name: StepName) -> None:
        self._undo.append(state)
        self._undo_names.append(name)
        del self._undo[:-UNDO_LIMIT]
        del self._undo_names[:-UNDO_LIMIT]
        self._redo.clear()
        self._redo_names.clear()

    # -- naming the steps (the Edit menu's "Undo set logit of cat") ------------------------
    @contextmanager
    def described_as(self, text: str, name: str = "") -> Iterator[None]:
        """Name the undo step made inside the block, or the gesture begun in it.

        ``text`` is English marked with ``N_`` (translated when shown), ``name``
        fills its ``{name}`` (a class name). The outermost name wins, so an
        operation built on another keeps its own name. A gesture that was in
        progress before the block and ends inside it keeps its own name. ::

            with model.described_as(N_("training race")):
                model.try_update(logits=position)
        """
        if self._step_name is not None:
            yield
            return
        self._step_name = StepName(text, name)
        try:
            yield
        finally:
            self._step_name = None

    def _gesture_step_name(self, name: str | None = None) -> StepName:
        if name is not None:
            return StepName(name)
        if self._gesture_name is not None:
            return self._gesture_name
        return describe_change(self._gesture_start or self._state, self._state)

    def undo_text(self) -> str:
        """What :meth:`undo` would take back, translated ("set logit of cat"); "" if nothing.

        During a gesture it is the gesture (undo ends it first, then takes it back).
        """
        start = self._gesture_start
        if (start is not None and not start.same_as(self._state)) or (
            self._pending and self._gesture_name is not None
        ):
            return str(self._gesture_step_name())
        return str(self._undo_names[-1]) if self._undo_names else ""

    def redo_text(self) -> str:
        """What :meth:`redo` would apply again, translated; "" if nothing."""
        return str(self._redo_names[-1]) if self._redo_names else ""

    @property
    def can_undo(self) -> bool:
        return bool(self._undo) or self.in_gesture

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> bool:
        """Go back one step (a whole drag counts as one). Returns False if there is none."""
        self.commit()
        if not self._undo:
            return False
        self._redo.append(self._state)
        self._redo_names.append(self._undo_names.pop())
        self._restore(self._undo.pop())
        return True

    def redo(self) -> bool:
        """Re-apply the last undone step. Returns False if there is none."""
        self.commit()
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._undo_names.append(self._redo_names.pop())
        self._restore(self._redo.pop())
        return True

    def _restore(self, state: ExplorerState, history: bool = True) -> None:
        self._undo_keys = frozenset()
        fields = changed_fields(self._state, state)
        self._state = state
        if fields & EVALUATED_FIELDS:
            self._result = evaluate_state(state)
            if history:
                self._append_history()
                fields |= {"history"}
        self.changed.emit(Change(fields))

    def replace_state(self, state: ExplorerState) -> bool:
        """Load a whole state (a scene), validated like any update; pins are cleared."""
        changes = {f.name: getattr(state, f.name) for f in dataclasses.fields(state)}
        changes["pinned"] = ()
        self._opening = True
        try:
            with self.described_as(N_("open scene")):
                return self.update(**changes)
        finally:
            self._opening = False

    def clear_history(self) -> None:
        self._history = np.empty((0, 4))
        self._append_history()
        self.changed.emit(Change(frozenset({"history"})))

    def _append_history(self) -> None:
        r = self._result
        row = np.array([[r.entropy, r.cross_entropy, r.kl, r.mse]])
        self._history = np.concatenate([self._history[-(HISTORY_LENGTH - 1) :], row])

    # -- edit operations: views say what the user did, the model works out the state --
    def _edit(self, transient: bool, **changes: Any) -> bool:
        if transient:
            if self._gesture_name is None:  # the gesture begins when the post is applied
                self._gesture_name = self._step_name
            self.post(**changes)
            return True
        return self.try_update(**changes)

    def _class_name(self, i: int) -> str:
        names = self._current("class_names")
        return names[i] if 0 <= i < len(names) else str(i)

    def set_logit(self, i: int, value: float, transient: bool = False) -> bool:
        """Set zᵢ. ``transient`` for a drag (coalesced; :meth:`commit` ends it)."""
        logits = np.array(self._current("logits"), dtype=np.float64)
        if not 0 <= i < logits.size:
            return False
        logits[i] = value
        text = N_("drag of {name}'s logit") if transient else N_("set logit of {name}")
        with self.described_as(text, self._class_name(i)):
            return self._edit(transient, logits=logits)

    def set_logits(self, values: dict[int, float], transient: bool = False) -> bool:
        """Set several logits at once (``{class: z}``): a click on the loss surface."""
        logits = np.array(self._current("logits"), dtype=np.float64)
        for i, value in values.items():
            if not 0 <= i < logits.size:
                return False
            logits[i] = value
        text = N_("drag on the loss surface") if transient else N_("click on the loss surface")
        with self.described_as(text):
            return self._edit(transient, logits=logits)

    def select_class(self, i: int) -> bool:
        """A click on a class: it becomes the selected class (the one swept), and in
        class-index mode the true class too."""
        state = self._state
        if not 0 <= i < state.num_classes:
            return False
        if state.problem_type is ProblemType.MULTICLASS and not state.soft:
            return self.try_update(target_class=int(i), sweep_class=int(i))
        return self.try_update(sweep_class=int(i))

    def set_surface_classes(self, x: int | None = None, y: int | None = None) -> bool:
        """Choose the loss surface's two logits; choosing the other axis's class swaps them."""
        old_x, old_y = self._state.surface_x_class, self._state.surface_y_class
        new_x = old_x if x is None else int(x)
        new_y = old_y if y is None else int(y)
        if new_x == new_y:  # the class moved to the other axis: swap
            new_x, new_y = (new_x, old_x) if x is not None else (old_y, new_y)
        return self.try_update(surface_x_class=new_x, surface_y_class=new_y)

    def set_q(self, i: int, q: float, transient: bool = False) -> bool:
        """Set qᵢ by moving zᵢ alone: zᵢ = T·(logit(qᵢ) + log Σ_{j≠i} e^{z_j/T}) under a
        softmax, zᵢ = T·logit(qᵢ) for sigmoid outputs.

        q is kept inside [0.001, 0.999] so that the logit stays finite.
        """
        logits = np.array(self._current("logits"), dtype=np.float64)
        if not (0 <= i < logits.size and math.isfinite(q)):
            return False
        target = min(max(q, Q_DRAG_RANGE[0]), Q_DRAG_RANGE[1])
        t = float(self._current("temperature"))
        if self._current("problem_type").sigmoid:  # σ(zᵢ/T) = qᵢ on its own
            z = t * float(core.logit(target))
        else:
            z = logit_for_probability(logits, i, target, t)
        text = N_("drag of {name}'s q") if transient else N_("set q of {name}")
        with self.described_as(text, self._class_name(i)):
            return self.set_logit(i, min(max(z, -LOGIT_LIMIT), LOGIT_LIMIT), transient)

    def set_probability(self, i: int, value: float, transient: bool = False) -> bool:
        """Set pᵢ (soft labels). With keep Σp = 1 the class is pinned and the others share the
        rest (:func:`core.editing.set_probability_pinned`); without it pᵢ alone changes."""
        if self._current("target_mode") is not TargetMode.SOFT:
            self.rejected.emit(
                "p is one-hot in class-index mode: switch the true label to "
                "'distribution' to edit it"
            )
            return False
        p = np.array(self._current("soft_target"), dtype=np.float64)
        if not 0 <= i < p.size:
            return False
        if not (math.isfinite(value) and 0.0 <= value <= 1.0):
            self.rejected.emit(f"p{i} must be a probability between 0 and 1, got {value:g}")
            return False
        pins = tuple(self._current("pinned"))
        if self._current("auto_normalise") and not self._current("problem_type").sigmoid:
            try:
                p, pins = set_probability_pinned(p, pins, i, value)
            except ValueError as exc:
                self.rejected.emit(str(exc))
                return False
        else:
            p[i] = value
        text = N_("drag of {name}'s p") if transient else N_("set p of {name}")
        with self.described_as(text, self._class_name(i)):
            return self._edit(transient, soft_target=p, pinned=pins)

    def unpin(self, i: int) -> bool:
        """Let class i's p follow the others again."""
        pins = tuple(j for j in self._state.pinned if j != i)
        with self.described_as(N_("unpin p of {name}"), self._class_name(i)):
            return self.try_update(pinned=pins)

    def _soft_mode_changes(self) -> dict[str, Any]:
        """Soft labels, and the loss-compatibility rule: sparse CE needs a class index."""
        changes: dict[str, Any] = {"target_mode": TargetMode.SOFT, "pinned": ()}
        sparse = self._current("loss")
        if sparse in DENSE_TWINS:
            changes["loss"] = DENSE_TWINS[sparse]
            self.notice.emit(
                tr(
                    "{sparse} takes a class index; the loss is now {dense}, its twin for "
                    "distributions."
                ).format(sparse=sparse.value, dense=DENSE_TWINS[sparse].value)
            )
        return changes

    def set_target_mode(self, mode: TargetMode | str) -> bool:
        """Class index or distribution; soft labels switch a sparse loss to its dense twin."""
        try:
            mode = _parse(TargetMode, mode, "target_mode")
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False
        if self._current("problem_type").sigmoid and mode is TargetMode.INDEX:
            self.rejected.emit(
                "sigmoid outputs take a target per output in [0, 1]; a class index "
                "belongs to the multiclass problem type"
            )
            return False
        with self.described_as(N_("switch between class index and distribution")):
            if mode is TargetMode.SOFT:
                return self.try_update(**self._soft_mode_changes())
            return self.try_update(target_mode=mode)

    def set_loss(self, loss: LossKind | str) -> bool:
        """Choose the loss; sparse CE switches soft labels to the class index of the largest pᵢ."""
        try:
            kind = LossKind.parse(loss)
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False
        reason = loss_unsuitable_reason(kind, self._current("problem_type"))
        if reason is not None:
            self.rejected.emit(reason)
            return False
        changes: dict[str, Any] = {"loss": kind}
        if LOSSES[kind].needs_class_index and self._current("target_mode") is TargetMode.SOFT:
            c = int(np.argmax(self._current("soft_target")))
            changes.update(target_mode=TargetMode.INDEX, target_class=c)
            self.notice.emit(
                tr(
                    "Sparse labels are class indices: the true label is now class {c}, "
                    "the one with the largest pᵢ."
                ).format(c=c)
            )
        with self.described_as(N_("change the loss")):
            return self.try_update(**changes)

    def set_problem_type(self, problem: ProblemType | str) -> bool:
        """Switch the output activation, keeping what carries over.

        multiclass K = 2 ↔ binary is the seed's equivalence: the binary logit is
        z₁ − z₀, the target y = p₁, so σ(z/T) = softmax(z/T)₁; back, the logits
        are [0, z]. multiclass ↔ multilabel keeps the logits, names and targets
        (a one-hot target becomes a class index). What cannot carry over is
        reset, with a notice; a loss that does not suit the new type becomes
        its counterpart (softmax ↔ sigmoid cross-entropy).
        """
        try:
            new = _parse(ProblemType, problem, "problem_type")
        except ValueError as exc:
            self.rejected.emit(str(exc))
            return False
        self.commit()
        old, state = self._state.problem_type, self._state
        if new is old:
            return False
        names, z = state.class_names, state.logits
        p = self._result.p if old is not ProblemType.BINARY else state.soft_target
        changes: dict[str, Any] = {"problem_type": new, "pinned": ()}
        note = ""
        if new is ProblemType.BINARY:
            if old is ProblemType.MULTICLASS and state.num_classes == 2:
                y = float(p[1] / p.sum()) if p.sum() > 0 else 0.5
                changes.update(logits=[z[1] - z[0]], soft_target=[y], class_names=names[1:])
                note = tr(
                    "Binary: z = z₁ − z₀ = {z} and y = p₁, so σ(z/T) equals the 2-class softmax q₁."
                ).format(z=f"{z[1] - z[0]:g}")
            elif old is ProblemType.MULTILABEL:
                changes.update(logits=z[:1], soft_target=p[:1], class_names=names[:1])
                note = tr("Binary keeps class “{name}”: its logit and target.").format(
                    name=names[0]
                )
            else:
                c = int(np.argmax(p))
                changes.update(logits=[0.0], soft_target=[1.0], class_names=(names[c],))
                note = tr(
                    "{k} softmax classes cannot become one sigmoid: the binary problem "
                    "starts at z = 0, y = 1 for “{name}”."
                ).format(k=state.num_classes, name=names[c])
            # One logit: the target is y, and no class index beyond 0 remains valid.
            changes.update(target_mode=TargetMode.SOFT, target_class=0)
        elif new is ProblemType.MULTILABEL:
            if old is ProblemType.BINARY:
                changes.update(
                    logits=[z[0], 0.0],
                    soft_target=[p[0], 0.0],
                    class_names=(names[0], "class 1"),
                )
                note = tr("Multi-label: a second class was added with z = 0 and target 0.")
            else:
                changes.update(soft_target=np.clip(p, 0.0, 1.0))
                note = tr(
                    "Multi-label: each class has its own sigmoid now; the targets are kept "
                    "and need not sum to 1."
                )
            changes["target_mode"] = TargetMode.SOFT
        else:  # multiclass
            if old is ProblemType.BINARY:
                y = float(p[0])
                changes.update(
                    logits=[0.0, z[0]],
                    class_names=("¬" + names[0], names[0]),
                    soft_target=[1.0 - y, y],
                )
                note = tr("Multiclass: logits [0, z], so softmax q₁ equals σ(z/T).")
            else:
                changes["logits"] = z
                note = tr("Multiclass: the K logits now share one softmax.")
            target = np.asarray(changes.get("soft_target", p), dtype=np.float64)
            one_hot = np.count_nonzero(target) == 1 and target.max() == 1.0
            if one_hot:
                changes.update(target_mode=TargetMode.INDEX, target_class=int(np.argmax(target)))
            else:
                total = float(target.sum())
                if total <= 0:
                    target = np.full(target.size, 1.0 / target.size)
                elif state.auto_normalise and not math.isclose(total, 1.0, abs_tol=1e-12):
                    target = normalise(target)
                    note += " " + tr("The targets were rescaled to sum to 1.")
                changes.update(target_mode=TargetMode.SOFT, soft_target=target)
        spec = LOSSES[state.loss]
        if new.value not in spec.problem_types:
            loss = spec.counterpart
            if loss is None or new.value not in LOSSES[loss].problem_types:
                loss = DEFAULT_LOSS[new.value]
            if LOSSES[loss].needs_class_index and changes.get("target_mode") is TargetMode.SOFT:
                loss = DEFAULT_LOSS[new.value]
            changes["loss"] = loss
            note += " " + tr("The loss is now {loss}.").format(loss=loss.value)
        with self.described_as(N_("switch the problem type")):
            changed = self.try_update(**changes)
        if changed:
            self.notice.emit(note.strip())
        return changed

    def uniform_p(self) -> bool:
        """p = 1/K for every class (soft labels)."""
        k = self._state.num_classes
        with self.described_as(N_("make p uniform")):
            if self._state.problem_type.sigmoid:  # each output's two outcomes equally likely
                return self.try_update(soft_target=np.full(k, 0.5))
            return self.try_update(**self._soft_mode_changes(), soft_target=np.full(k, 1.0 / k))

    def make_p_equal_q(self) -> bool:
        """The truth becomes the prediction: p = q, so KL(p‖q) = 0."""
        self.commit()
        with self.described_as(N_("make p = q")):
            if self._state.problem_type.sigmoid:  # each target becomes its output's σ
                q = self._result.q
                q = q[1:] if q.size != self._state.num_classes else q
                return self.try_update(soft_target=q)
            return self.try_update(**self._soft_mode_changes(), soft_target=self._result.q)

    def make_q_equal_p(self) -> bool:
        """The prediction becomes the truth: zᵢ = T·ln pᵢ + c, so q = p / Σp and KL = 0.

        A class with pᵢ = 0 gets the lowest logit, −1000: its qᵢ can only approach 0.
        """
        self.commit()
        if self._state.problem_type.sigmoid:
            return self._sigmoids_to_targets()
        p = self._result.p
        if not (p > 0).any():
            self.rejected.emit("p is all zeros: there is no distribution for q to match")
            return False
        logits = logits_for_distribution(p, self._state.temperature, -LOGIT_LIMIT)
        with self.described_as(N_("make q = p")):
            changed = self.try_update(logits=logits)
        if changed and (p == 0).any():
            zero = ", ".join(self._state.class_names[i] for i in np.flatnonzero(p == 0)[:5])
            self.notice.emit(
                tr(
                    "q = p: classes with p = 0 ({zero}) get the lowest logit, {lowest}; "
                    "their q can only approach 0, never reach it."
                ).format(zero=zero, lowest=f"{-LOGIT_LIMIT:g}")
            )
        return changed

    def _sigmoids_to_targets(self) -> bool:
        """zᵢ = T·logit(tᵢ), so every σ(zᵢ/T) = tᵢ; targets 0 and 1 get ∓1000."""
        t = self._state.soft_target
        with np.errstate(divide="ignore"):
            z = self._state.temperature * core.logit(t)
        logits = np.clip(z, -LOGIT_LIMIT, LOGIT_LIMIT)
        with self.described_as(N_("make q = p")):
            changed = self.try_update(logits=logits)
        if changed and ((t == 0) | (t == 1)).any():
            self.notice.emit(
                tr(
                    "q = p: targets of 0 or 1 get the logit ∓{limit}; σ can only approach 0 "
                    "and 1, never reach them."
                ).format(limit=f"{LOGIT_LIMIT:g}")
            )
        return changed

    def one_hot_true_class(self) -> bool:
        """p = one-hot on the true class (the largest pᵢ in soft mode)."""
        if self._state.target_mode is TargetMode.INDEX or self._state.problem_type.sigmoid:
            return False  # p is one-hot already, or targets are per output
        self.commit()
        c = int(np.argmax(self._state.soft_target))
        p = np.zeros(self._state.num_classes)
        p[c] = 1.0
        with self.described_as(N_("make p one-hot")):
            return self.try_update(soft_target=p, target_class=c, pinned=())

    def normalise_p(self) -> bool:
        """Scale p to sum to 1 (for soft labels kept unnormalised)."""
        if self._state.target_mode is TargetMode.INDEX or self._state.problem_type.sigmoid:
            return False
        self.commit()
        with self.described_as(N_("normalise p")):
            return self.try_update(soft_target=normalise(self._state.soft_target), pinned=())
