r"""Edits that the explorer makes to its inputs, kept here because they are maths.

* :func:`set_probability`: set one :math:`p_i` and rescale the others so that
  :math:`\sum p = 1`;
* :func:`set_probability_pinned`: set one :math:`p_i`, keep every value the
  user set (pinned), and share the remainder over the other classes;
* :func:`logits_for_distribution`: logits whose softmax is a given p
  (*make q = p*);
* :func:`logit_for_probability`: the logit that gives class i a chosen softmax
  probability, the other logits fixed (dragging a q bar);
* :func:`resize` and :func:`normalise`: change the number of classes keeping
  the values that remain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_probabilities, check_temperature
from .activations import logsumexp

__all__ = [
    "set_probability",
    "set_probability_pinned",
    "logit_for_probability",
    "logits_for_distribution",
    "resize",
    "normalise",
]


def normalise(p: ArrayLike) -> np.ndarray:
    r"""Scale non-negative weights to sum to 1; all zeros give the uniform distribution.

    .. math::

        p_i \leftarrow p_i / \textstyle\sum_j p_j

    Examples
    --------
    >>> from core.editing import normalise
    >>> normalise([1.0, 3.0])
    array([0.25, 0.75])
    >>> normalise([0.0, 0.0])
    array([0.5, 0.5])
    """
    w = as_float_array(p, "p")
    check_probabilities(w, "p")
    total = w.sum()
    if total > 0 and math.isfinite(total):
        return w / total
    return np.full_like(w, 1.0 / max(w.size, 1))


def set_probability(p: ArrayLike, index: int, value: float) -> np.ndarray:
    r"""Set :math:`p_i` to ``value`` and rescale the others proportionally so that Σp = 1.

    .. math::

        p_j \leftarrow p_j \cdot \frac{1 - v}{\sum_{k \ne i} p_k} \quad (j \ne i)

    If every other entry is 0, the remainder :math:`1 - v` is spread evenly
    over them. The typed value is kept exactly.

    Parameters
    ----------
    p : array_like, shape (K,)
        The current distribution (non-negative).
    index : int
        The class i being edited.
    value : float
        The new :math:`p_i`, in [0, 1].

    Raises
    ------
    ValueError
        ``value`` outside [0, 1] or NaN, ``index`` out of range, bad ``p``.

    Examples
    --------
    >>> from core.editing import set_probability
    >>> set_probability([0.5, 0.25, 0.25], 0, 0.8)
    array([0.8, 0.1, 0.1])
    >>> set_probability([1.0, 0.0, 0.0], 0, 0.4)
    array([0.4, 0.3, 0.3])
    """
    w = as_float_array(p, "p").astype(np.float64, copy=True)
    check_probabilities(w, "p")
    if w.ndim != 1:
        raise ValueError(f"p must be 1-d, got shape {w.shape}")
    if not 0 <= index < w.size:
        raise ValueError(f"index must be in [0, {w.size}), got {index}")
    v = float(value)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"value must be a probability in [0, 1], got {value!r}")
    others = np.ones(w.size, dtype=bool)
    others[index] = False
    rest = w[others].sum()
    if w.size == 1:
        w[0] = v
    elif rest > 0:
        w[others] *= (1.0 - v) / rest
    else:
        w[others] = (1.0 - v) / (w.size - 1)
    w[index] = v
    return w


def logit_for_probability(
    logits: ArrayLike, index: int, probability: float, temperature: float = 1.0
) -> float:
    r"""The logit :math:`z_i` for which :math:`\mathrm{softmax}(z/T)_i` equals ``probability``.

    The other logits stay fixed. With :math:`x = z / T`,

    .. math::

        q_i = \frac{e^{x_i}}{e^{x_i} + \sum_{j \ne i} e^{x_j}}
        \iff
        x_i = \operatorname{logit}(q_i) + \log \sum_{j \ne i} e^{x_j}

    so :math:`z_i = T\,x_i`: "log q_i plus a constant".

    Parameters
    ----------
    logits : array_like, shape (K,), K ≥ 2
    index : int
    probability : float
        In the open interval (0, 1).
    temperature : float, optional

    Returns
    -------
    float

    Examples
    --------
    >>> from core.editing import logit_for_probability
    >>> logit_for_probability([0.0, 0.0], 0, 0.5)
    0.0
    >>> round(logit_for_probability([0.0, 0.0, 0.0], 0, 0.5), 6)  # log 2
    0.693147
    """
    z = as_float_array(logits, "logits").astype(np.float64)
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"logits must be 1-d with at least 2 classes, got shape {z.shape}")
    if not 0 <= index < z.size:
        raise ValueError(f"index must be in [0, {z.size}), got {index}")
    q = float(probability)
    if not 0.0 < q < 1.0:
        raise ValueError(f"probability must be in (0, 1), got {probability!r}")
    t = check_temperature(temperature)
    others = np.delete(z, index) / t
    return t * (math.log(q) - math.log1p(-q) + float(logsumexp(others)))


def resize(values: ArrayLike, k: int, fill: float = 0.0) -> np.ndarray:
    """The first ``k`` entries of ``values``, padded with ``fill`` if it is shorter.

    Examples
    --------
    >>> from core.editing import resize
    >>> resize([1.0, 2.0, 3.0], 2), resize([1.0], 3)
    (array([1., 2.]), array([1., 0., 0.]))
    """
    v = as_float_array(values, "values")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    out = np.full(k, fill, dtype=v.dtype)
    n = min(k, v.size)
    out[:n] = v[:n]
    return out


def set_probability_pinned(
    p: ArrayLike, pinned: Sequence[int], index: int, value: float
) -> tuple[np.ndarray, tuple[int, ...]]:
    r"""Set :math:`p_i` to ``value``, pin it, and share the rest over the unpinned classes.

    A *pinned* class is one whose :math:`p` the user set. The edited class
    becomes the most recently pinned. The remainder
    :math:`r = 1 - \sum_{j \in \text{pinned}} p_j` is spread over the unpinned
    classes in proportion to their current values (evenly if they are all 0):

    .. math::

        p_j \leftarrow r \cdot \frac{p_j}{\sum_{k \notin \text{pinned}} p_k}
        \quad (j \notin \text{pinned})

    When the edited class was the only unpinned one left, the least recently
    pinned class gives way (is unpinned) and takes the remainder. Every value
    the user typed is kept exactly; typing 1/3 into three boxes gives exactly
    ``[1/3, 1/3, 1/3]`` because a class that gives way takes a typed value
    when that value is the remainder up to rounding and keeps Σp = 1 exactly.

    Parameters
    ----------
    p : array_like, shape (K,)
        The current distribution (non-negative, normally summing to 1).
    pinned : sequence of int
        The pinned classes, least recently pinned first.
    index : int
        The class i being set.
    value : float
        The new :math:`p_i`, in [0, 1].

    Returns
    -------
    p : ndarray, shape (K,), float64
        The new distribution; it sums to 1 up to rounding.
    pinned : tuple of int
        The new pins, least recent first, ending with ``index``.

    Raises
    ------
    ValueError
        ``value`` outside [0, 1] or NaN; ``index`` or a pin out of range; or no
        room: the pinned values would sum to more than 1. The message says how
        large the value may be.

    Examples
    --------
    >>> from core.editing import set_probability_pinned
    >>> p, pins = set_probability_pinned([0.7, 0.1, 0.1, 0.1], (), 0, 0.4)
    >>> p.round(12).tolist(), pins
    ([0.4, 0.2, 0.2, 0.2], (0,))
    >>> p, pins = set_probability_pinned([1/3, 1/3, 1/3], (0, 1), 2, 0.5)
    >>> p.round(12).tolist(), pins  # class 0 was pinned longest: it gives way
    ([0.166666666667, 0.333333333333, 0.5], (1, 2))
    """
    w = as_float_array(p, "p").astype(np.float64, copy=True)
    check_probabilities(w, "p")
    if w.ndim != 1 or w.size < 1:
        raise ValueError(f"p must be 1-d with at least one class, got shape {w.shape}")
    k = w.size
    if not 0 <= index < k:
        raise ValueError(f"index must be in [0, {k}), got {index}")
    v = float(value)
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"p{index} must be a probability in [0, 1], got {value!r}")
    pins = [int(j) for j in pinned if int(j) != index]
    if any(not 0 <= j < k for j in pins):
        raise ValueError(f"pinned classes must be in [0, {k}), got {tuple(pinned)}")
    pins = list(dict.fromkeys(pins))  # a class is pinned once
    w[index] = v
    pins.append(index)
    free = np.ones(k, dtype=bool)
    free[pins] = False
    if not free.any() and len(pins) > 1:
        free[pins.pop(0)] = True  # the least recently pinned gives way
    if not free.any():  # K = 1: the only class is the whole distribution
        return w, tuple(pins)
    pinned_sum = math.fsum(w[pins])
    remainder = 1.0 - pinned_sum
    # Typed values are exact decimals or fractions; allow their rounding error only.
    if remainder < -1e-12:
        room = 1.0 - (pinned_sum - v)
        raise ValueError(
            f"p{index} = {v:.6g} leaves no room: the other pinned classes already take "
            f"{pinned_sum - v:.6g}, so p{index} can be at most {max(room, 0.0):.6g}. "
            "Unpin a class (click its pin) to make room."
        )
    remainder = max(remainder, 0.0)
    free_idx = np.flatnonzero(free)
    current = w[free_idx]
    total = math.fsum(current)
    if free_idx.size == 1:
        w[free_idx] = _snap_to_typed(remainder, w[pins])
    elif total > 0 and math.isfinite(total):
        w[free_idx] = current * (remainder / total)
    else:
        w[free_idx] = remainder / free_idx.size
    return w, tuple(pins)


def _snap_to_typed(remainder: float, typed: np.ndarray) -> float:
    """``remainder``, or a typed value that equals it up to rounding and makes Σp = 1 exactly.

    1 − 1/3 − 1/3 is 0.33333333333333337 in binary floating point, one unit in
    the last place above 1/3; the user who typed 1/3 three times means 1/3.
    """
    for t in typed:
        t = float(t)
        if t != remainder and abs(t - remainder) <= 4 * np.spacing(max(t, remainder)):
            if float(np.sum(np.append(typed, t))) == 1.0:
                return t
    return remainder


def logits_for_distribution(
    p: ArrayLike, temperature: float = 1.0, lowest: float = -1000.0
) -> np.ndarray:
    r"""Logits whose softmax at temperature T is the normalised ``p``: :math:`z_i = T \ln p_i + c`.

    .. math::

        z_i = T \ln p_i + c \quad\Longrightarrow\quad
        \mathrm{softmax}(z / T)_i = \frac{p_i}{\sum_j p_j}

    The constant :math:`c` centres the finite logits on 0 (softmax does not
    change when every logit moves by the same amount). A class with
    :math:`p_i = 0` would need :math:`z_i = -\infty`; it gets ``lowest``
    instead, so its :math:`q_i` only approaches 0. Results are clipped to
    ``[lowest, -lowest]``.

    Parameters
    ----------
    p : array_like, shape (K,)
        Non-negative weights, at least one positive.
    temperature : float, optional
        :math:`T > 0`.
    lowest : float, optional
        The logit for classes with :math:`p_i = 0` (negative).

    Returns
    -------
    ndarray, shape (K,), float64

    Examples
    --------
    >>> from core.editing import logits_for_distribution
    >>> from core import softmax
    >>> z = logits_for_distribution([0.5, 0.25, 0.25])
    >>> softmax(z).round(12).tolist()
    [0.5, 0.25, 0.25]
    >>> logits_for_distribution([1.0, 0.0]).tolist()
    [0.0, -1000.0]
    """
    w = as_float_array(p, "p").astype(np.float64)
    check_probabilities(w, "p")
    if w.ndim != 1 or not (w > 0).any():
        raise ValueError("p must be 1-d with at least one positive entry")
    t = check_temperature(temperature)
    low = float(lowest)
    if not (math.isfinite(low) and low < 0):
        raise ValueError(f"lowest must be a finite negative number, got {lowest!r}")
    positive = w > 0
    z = np.full(w.size, low)
    z[positive] = t * np.log(w[positive])
    z[positive] -= z[positive].mean()
    return np.clip(z, low, -low)
