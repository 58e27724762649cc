"""Activations: turn logits into probabilities (sigmoid, softmax) and back (logit).

All functions are element-wise or reduce along one class axis, follow NumPy
broadcasting, keep float dtypes (float32 in, float32 out) and compute integer
or list input in float64. None of them lets a RuntimeWarning escape for finite
input.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_float_array,
    check_axis,
    check_class_axis_nonempty,
    check_no_nan,
    check_temperature,
)

__all__ = ["sigmoid", "logit", "softmax", "log_softmax", "logsumexp", "softmax_naive"]


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""The logistic sigmoid, element-wise.

    .. math::

        \sigma(x) = \frac{1}{1 + e^{-x}}

    It maps a logit (log-odds) :math:`x = \ln\frac{p}{1-p}` back to the
    probability :math:`p`; :func:`logit` is its inverse.

    Parameters
    ----------
    x : array_like, any shape
        Logits.

    Returns
    -------
    ndarray, same shape as ``x``
        Probabilities in [0, 1].

    Notes
    -----
    Stability: ``exp`` is only ever taken of :math:`-|x|`, so it cannot
    overflow; for :math:`x < 0` the algebraically equal form
    :math:`e^{x} / (1 + e^{x})` is used. The result is exactly 0 or 1 only
    where the true value rounds to it.

    Examples
    --------
    >>> import numpy as np
    >>> from core import sigmoid
    >>> sigmoid(np.array([-1000.0, 0.0, 2.0, 1000.0]))
    array([0.        , 0.5       , 0.88079708, 1.        ])
    """
    x = as_float_array(x, "x")
    e = np.exp(-np.abs(x))
    # e / (1 + e) for x < 0 and 1 / (1 + e) for x >= 0: the numerator is the
    # smaller of 1 and e^x, both of which are e raised to 0 or to -|x|.
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def logit(p: ArrayLike) -> np.ndarray:
    r"""The logit (log-odds) of a probability, element-wise.

    .. math::

        \operatorname{logit}(p) = \ln \frac{p}{1 - p}

    :math:`p / (1 - p)` is the *odds*; the logit is its logarithm and the
    inverse of :func:`sigmoid`.

    Parameters
    ----------
    p : array_like, any shape
        Probabilities in [0, 1].

    Returns
    -------
    ndarray, same shape as ``p``
        Log-odds; ``logit(0) = -inf`` and ``logit(1) = +inf``.

    Raises
    ------
    ValueError
        If any entry is NaN or outside [0, 1].

    Notes
    -----
    Computed as :math:`\ln p - \operatorname{log1p}(-p)`, which keeps full
    precision for p near 0 and near 1.

    Examples
    --------
    >>> from core import logit
    >>> logit([0.5, 0.75, 0.0, 1.0])
    array([0.        , 1.09861229,       -inf,        inf])
    """
    p = as_float_array(p, "p")
    check_no_nan(p, "p")
    if p.size and ((p < 0).any() or (p > 1).any()):
        raise ValueError("p must be within [0, 1] (probabilities)")
    with np.errstate(divide="ignore"):  # log(0) = -inf is the right answer here
        return np.log(p) - np.log1p(-p)


def _shifted(logits: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    """``(z - max z) / T`` along ``axis``: every entry <= 0, the largest exactly 0."""
    m = np.max(logits, axis=axis, keepdims=True)
    # Infinite maxima would turn the shift into inf - inf; shifting by 0 keeps
    # the (inf) input's meaning instead.
    if not np.isfinite(m).all():
        m = np.where(np.isfinite(m), m, 0)
    # For finite logits near the float limit z - max z may overflow to -inf,
    # which is exactly right: such a class has probability 0 to the last bit.
    with np.errstate(over="ignore"):
        s = np.subtract(logits, m)
        if temperature != 1.0:
            s /= temperature
    return s


def _prepare(logits: ArrayLike, axis: int, temperature: float) -> tuple[np.ndarray, int, float]:
    z = as_float_array(logits, "logits")
    axis = check_axis(z, axis, "logits")
    check_class_axis_nonempty(z, axis, "logits")
    check_no_nan(z, "logits")
    return z, axis, check_temperature(temperature)


def softmax(logits: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Softmax of logits along ``axis``, optionally at a temperature.

    .. math::

        q_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Logits :math:`z`; the class axis is ``axis`` (last by default).
    axis : int, optional
        The class axis.
    temperature : float, optional
        :math:`T > 0`. :math:`T > 1` flattens the distribution, :math:`T < 1`
        sharpens it towards the arg-max.

    Returns
    -------
    ndarray, same shape as ``logits``
        Probabilities that sum to 1 along ``axis``.

    Raises
    ------
    ValueError
        If ``temperature`` is not finite and positive, ``axis`` is out of
        range, the class axis is empty, or ``logits`` contains NaN.

    Notes
    -----
    Stability (the max-shift trick): softmax does not change when a constant
    is added to every logit, so :math:`\max_j z_j` is subtracted first. Every
    exponent is then :math:`\le 0`, nothing overflows, and the largest term is
    exactly 1, so the denominator is at least 1. Compare
    :func:`softmax_naive`. With 2 classes, softmax equals the sigmoid of the
    logit difference: :math:`q_1 = \sigma(z_1 - z_0)`.

    Examples
    --------
    >>> from core import softmax
    >>> softmax([123, 456, 789])
    array([5.75274406e-290, 2.39848787e-145, 1.00000000e+000])
    >>> softmax([1.0, 2.0, 3.0], temperature=2.0)
    array([0.18632372, 0.30719589, 0.50648039])
    """
    z, axis, t = _prepare(logits, axis, temperature)
    e = np.exp(_shifted(z, axis, t))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


def log_softmax(logits: ArrayLike, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r"""Logarithm of :func:`softmax`, computed without ever forming the softmax.

    .. math::

        \log q_i = \frac{z_i}{T} - \log \sum_j e^{z_j / T}

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Logits.
    axis : int, optional
        The class axis.
    temperature : float, optional
        :math:`T > 0`.

    Returns
    -------
    ndarray, same shape as ``logits``
        Log-probabilities, all :math:`\le 0`.

    Raises
    ------
    ValueError
        As :func:`softmax`.

    Notes
    -----
    Stability: uses the max-shift, so a class far below the maximum gets a
    large negative but finite log-probability (``log(softmax(z))`` would give
    ``-inf`` once the probability underflows).

    Examples
    --------
    >>> from core import log_softmax
    >>> log_softmax([123, 456, 789])
    array([-666., -333.,    0.])
    """
    z, axis, t = _prepare(logits, axis, temperature)
    s = _shifted(z, axis, t)
    # The largest shifted term is exp(0) = 1, so the sum is in [1, K].
    s -= np.log(np.sum(np.exp(s), axis=axis, keepdims=True))
    return s


def logsumexp(logits: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Log of the sum of exponentials along ``axis``, without overflow.

    .. math::

        \operatorname{LSE}(z) = \log \sum_j e^{z_j}
                              = m + \log \sum_j e^{z_j - m}, \quad m = \max_j z_j

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Values to reduce.
    axis : int, optional
        The axis to reduce.

    Returns
    -------
    ndarray, shape (...)
        The class axis is removed; a 0-d array for 1-d input.

    Notes
    -----
    Stability: the max-shift keeps every exponent :math:`\le 0`. ``-inf``
    entries contribute 0; a row of only ``-inf`` gives ``-inf``.

    Examples
    --------
    >>> from core import logsumexp
    >>> float(logsumexp([123, 456, 789]))
    789.0
    >>> float(logsumexp([0.0, 0.0]))  # log 2
    0.6931471805599453
    """
    z, axis, _ = _prepare(logits, axis, 1.0)
    m = np.max(z, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(over="ignore", divide="ignore"):
        out = np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
        out += m
    return np.squeeze(out, axis=axis)


def softmax_naive(logits: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""The textbook softmax :math:`e^{z_i} / \sum_j e^{z_j}`, **without** the max shift.

    Kept to demonstrate why :func:`softmax` shifts first: ``exp`` overflows
    float64 above about 709.78 (float32: 88.72), the sum becomes ``inf`` and
    ``inf / inf`` is ``nan``. It returns NumPy's ``inf``/``nan`` quietly
    (no RuntimeWarning) so the blow-up can be shown.

    Parameters
    ----------
    logits : array_like, shape (..., K)
        Logits.
    axis : int, optional
        The class axis.

    Returns
    -------
    ndarray, same shape as ``logits``
        Correct for small logits, ``0``/``nan`` after overflow.

    Examples
    --------
    >>> from core import softmax_naive
    >>> softmax_naive([123, 456, 789])  # the seed's example: exp(789) = inf
    array([ 0.,  0., nan])
    >>> softmax_naive([1.0, 2.0, 3.0])
    array([0.09003057, 0.24472847, 0.66524096])
    """
    z = as_float_array(logits, "logits")
    axis = check_axis(z, axis, "logits")
    with np.errstate(all="ignore"):
        e = np.exp(z)
        return e / np.sum(e, axis=axis, keepdims=True)
