r"""Edits that the explorer makes to its inputs, kept here because they are maths.

* :func:`set_probability`: set one :math:`p_i` and rescale the others so that
  :math:`\sum p = 1`;
* :func:`logit_for_probability`: the logit that gives class i a chosen softmax
  probability, the other logits fixed (dragging a q bar);
* :func:`resize` and :func:`normalise`: change the number of classes keeping
  the values that remain.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_probabilities, check_temperature
from .activations import logsumexp

__all__ = ["set_probability", "logit_for_probability", "resize", "normalise"]


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
