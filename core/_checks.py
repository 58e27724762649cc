"""Argument checking shared by the public functions of :mod:`core`.

Every public function validates its inputs here, so that a bad argument
raises one clear ``ValueError`` that names the argument and the problem,
instead of a NumPy warning or a NaN deep inside a computation.
"""

from __future__ import annotations

import math
import operator
from enum import Enum
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, DTypeLike


def as_float_array(x: ArrayLike, name: str, dtype: DTypeLike | None = None) -> np.ndarray:
    """Return ``x`` as a floating array.

    Float arrays keep their dtype (float32 in, float32 out); integers, bools
    and Python lists compute in float64. ``dtype`` forces a dtype instead.
    """
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be an array of numbers: {exc}") from None
    if arr.dtype.kind not in "fiub":
        raise ValueError(f"{name} must contain real numbers, got dtype {arr.dtype}")
    if dtype is not None:
        return arr.astype(dtype, copy=False)
    if arr.dtype.kind != "f":
        return arr.astype(np.float64)
    return arr


def float_inputs(*named: tuple[ArrayLike, str]) -> list[np.ndarray]:
    """Convert several inputs to one common float dtype.

    Inputs that are not float arrays (ints, lists) do not pull the dtype up:
    ``p=[0, 1]`` with a float32 ``q`` computes in float32.
    """
    raw = []
    for value, name in named:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be an array of numbers: {exc}") from None
        raw.append(arr)
    float_dtypes = [a.dtype for a in raw if a.dtype.kind == "f"]
    dtype = np.result_type(*float_dtypes) if float_dtypes else np.dtype(np.float64)
    return [as_float_array(a, name, dtype) for a, (_, name) in zip(raw, named, strict=True)]


def broadcast_shape(*named: tuple[np.ndarray, str]) -> tuple[int, ...]:
    """The broadcast shape of the arrays, or a ValueError naming them."""
    try:
        return np.broadcast_shapes(*(a.shape for a, _ in named))
    except ValueError:
        parts = " and ".join(f"{name} {a.shape}" for a, name in named)
        raise ValueError(f"shape mismatch: {parts} do not broadcast together") from None


def check_axis(arr: np.ndarray, axis: int, name: str) -> int:
    """Normalise ``axis`` for ``arr`` (negative axes count from the end)."""
    try:
        axis = operator.index(axis)
    except TypeError:
        raise ValueError(f"axis must be an integer, got {axis!r}") from None
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension (the class axis)")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of range for {name} with {arr.ndim} dimension(s)")
    return axis % arr.ndim


def check_class_axis_nonempty(arr: np.ndarray, axis: int, name: str) -> None:
    if arr.shape[axis] == 0:
        raise ValueError(f"{name} has no classes: its class axis has length 0")


def check_temperature(temperature: float) -> float:
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise ValueError(f"temperature must be a number, got {temperature!r}") from None
    if not math.isfinite(t) or t <= 0.0:
        raise ValueError(f"temperature must be finite and > 0, got {temperature!r}")
    return t


def check_probabilities(arr: np.ndarray, name: str) -> None:
    """Reject NaN and negative entries (the information measures need p ≥ 0)."""
    if arr.size == 0:
        return
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if (arr < 0).any():
        raise ValueError(f"{name} contains negative entries (min {arr.min()!r})")


def check_no_nan(arr: np.ndarray, name: str) -> None:
    if arr.size and np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")


def log_of_base(base: float | None) -> float | None:
    """``log(base)`` for unit conversion, or None for nats."""
    if base is None:
        return None
    try:
        b = float(base)
    except (TypeError, ValueError):
        raise ValueError(f"base must be a number, got {base!r}") from None
    if not math.isfinite(b) or b <= 0.0 or b == 1.0:
        raise ValueError(f"base must be finite, > 0 and not 1, got {base!r}")
    return math.log(b)


def check_label_smoothing(label_smoothing: float) -> float:
    try:
        s = float(label_smoothing)
    except (TypeError, ValueError):
        raise ValueError(f"label_smoothing must be a number, got {label_smoothing!r}") from None
    if not 0.0 <= s <= 1.0:  # also rejects NaN
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing!r}")
    return s


def as_class_indices(labels: ArrayLike, num_classes: int, name: str = "labels") -> np.ndarray:
    """Integer class indices in ``[0, num_classes)``, or a ValueError.

    Integer arrays are accepted as they are; float arrays only when every
    value is a whole number (``2.0`` is class 2, ``1.5`` is an error).
    """
    try:
        arr = np.asarray(labels)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of integers: {exc}") from None
    if arr.dtype.kind == "b" or arr.dtype.kind not in "iuf":
        raise ValueError(f"{name} must be integer class indices, got dtype {arr.dtype}")
    if arr.dtype.kind == "f":
        if arr.size and (not np.isfinite(arr).all() or (arr != np.round(arr)).any()):
            raise ValueError(f"{name} must be integer class indices, got non-integer values")
        arr = arr.astype(np.int64)
    if arr.size:
        lo, hi = arr.min(), arr.max()
        if lo < 0:
            raise ValueError(f"{name} must be >= 0, got {lo}")
        if hi >= num_classes:
            raise ValueError(f"{name} must be < the number of classes {num_classes}, got {hi}")
    return arr.astype(np.intp, copy=False)


E = TypeVar("E", bound=Enum)


def parse_enum(cls: type[E], value: object, name: str) -> E:
    """The member of a str-valued Enum for ``value`` (a member or its string), or a ValueError."""
    try:
        return cls(value)
    except ValueError:
        valid = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}") from None
