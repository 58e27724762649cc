"""Activations: turn logits into probabilities (sigmoid, softmax) and back (logit).

All functions are element-wise or reduce along one class axis, follow NumPy
broadcasting, keep float dtypes (float32 in, float32 out) and compute integer
or list input in float64. None of them lets a RuntimeWarning escape for finite
input.

The unchecked kernels behind them, :func:`max_shift` (the one place the
max-shift trick is written), :func:`softmax_kernel` and
:func:`softmax_from_shifted`, are shared with the losses, the gradients and
:func:`core.evaluate`.
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


def max_shift(
    x: np.ndarray, axis: int = -1, temperature: float = 1.0, *, nan_name: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    r"""The max-shift trick: :math:`s = (x - \max x) / T` along ``axis``, and the maximum.

    .. math::

        s_i = \frac{x_i - m}{T}, \qquad m = \max_j x_j

    Softmax, log-softmax, log-sum-exp and the softmax losses do not change when
    a constant is added along the class axis, so every one of them in
    :mod:`core` starts here: every :math:`s_i \le 0` and the largest is exactly
    0, so :math:`e^{s_i}` cannot overflow and :math:`\sum_j e^{s_j} \ge 1`.

    This is the kernel the public functions share; it does not check its
    arguments (``x`` must be a float array with a non-empty ``axis``, and
    ``temperature`` finite and positive).

    Parameters
    ----------
    x : ndarray, shape (..., K, ...)
        Float logits; the class axis is ``axis``.
    axis : int, optional
        The class axis.
    temperature : float, optional
        :math:`T`; the shift is taken before the division, so :math:`x / T`
        cannot overflow even where :math:`x` is near the float limit.
    nan_name : str, optional
        If given, a NaN in ``x`` raises ``ValueError(f"{nan_name} contains NaN")``.
        It is found through the maxima (``max`` propagates NaN), which costs
        nothing on the fast path.

    Returns
    -------
    s : ndarray, the shape of ``x``
        A new array (callers may overwrite it, e.g. with ``exp(s)``).
    m : ndarray, ``x``'s shape with ``axis`` of length 1
        The maxima that were subtracted (0 where a maximum is infinite).

    Notes
    -----
    An infinite maximum would turn the shift into ``inf - inf``; it is replaced
    by 0, which keeps the input's meaning. For finite logits near the float
    limit :math:`x - \max x` may overflow to ``-inf``, which is exactly right:
    that class has probability 0 to the last bit; no RuntimeWarning escapes.

    Examples
    --------
    >>> import numpy as np
    >>> from core.activations import max_shift
    >>> s, m = max_shift(np.array([123.0, 456.0, 789.0]))
    >>> s, m
    (array([-666., -333.,    0.]), array([789.]))
    >>> max_shift(np.array([1.0, 3.0]), temperature=2.0)[0]
    array([-1.,  0.])
    """
    m = np.max(x, axis=axis, keepdims=True)
    if not np.isfinite(m).all():
        if nan_name is not None and np.isnan(m).any():
            raise ValueError(f"{nan_name} contains NaN")
        m = np.where(np.isfinite(m), m, 0)
    with np.errstate(over="ignore"):
        s = np.subtract(x, m)
        if temperature != 1.0:
            s /= temperature
    return s, m


def softmax_kernel(x: np.ndarray, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    r""":math:`\mathrm{softmax}(x / T)` along ``axis``, unchecked (the kernel of :func:`softmax`).

    .. math::

        q_i = \frac{e^{s_i}}{\sum_j e^{s_j}}, \qquad s = \frac{x - \max x}{T}

    ``x`` must be a float array with a non-empty ``axis``. One full-size array
    is allocated: it holds :math:`s`, then :math:`e^{s}`, then :math:`q`.

    Examples
    --------
    >>> import numpy as np
    >>> from core.activations import softmax_kernel
    >>> softmax_kernel(np.array([[0.0, 0.0], [0.0, np.log(3.0)]]))
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    e = max_shift(x, axis, temperature)[0]
    np.exp(e, out=e)
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


def softmax_from_shifted(s: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    r"""Softmax and log-softmax of already max-shifted logits, sharing one ``exp``.

    .. math::

        \log q_i = s_i - \log \sum_j e^{s_j}, \qquad q_i = \frac{e^{s_i}}{\sum_j e^{s_j}}

    ``s`` must come from :func:`max_shift` (every entry :math:`\le 0`, the
    largest 0), so the sum lies in :math:`[1, K]`: nothing overflows and
    :math:`\log q` stays finite where :math:`q` underflows to 0. Unchecked.

    Returns
    -------
    q, log_q : ndarray, the shape of ``s``

    Examples
    --------
    >>> import numpy as np
    >>> from core.activations import softmax_from_shifted
    >>> q, log_q = softmax_from_shifted(np.array([-800.0, 0.0]))
    >>> q, log_q
    (array([0., 1.]), array([-800.,    0.]))
    """
    e = np.exp(s)
    sum_e = np.sum(e, axis=axis, keepdims=True)
    log_q = s - np.log(sum_e)
    e /= sum_e
    return e, log_q


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
    return softmax_kernel(z, axis, t)


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
    s = max_shift(z, axis, t)[0]
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
    s, m = max_shift(z, axis)
    with np.errstate(over="ignore", divide="ignore"):
        out = np.log(np.sum(np.exp(s, out=s), axis=axis, keepdims=True))
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
