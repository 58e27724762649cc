"""Information measures: entropy, cross-entropy and KL divergence.

Results are in nats by default; ``base=2`` gives bits. No normalisation is
applied: unnormalised (soft) labels are used as they are, as TensorFlow does.
Conventions: a term with :math:`p_i = 0` contributes 0 (``0 · log 0 = 0``);
a term with :math:`p_i > 0` and :math:`q_i = 0` contributes ``+inf``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    broadcast_shape,
    check_axis,
    check_probabilities,
    float_inputs,
    log_of_base,
)

__all__ = ["entropy", "cross_entropy", "kl_divergence"]


def safe_log(x: np.ndarray) -> np.ndarray:
    """``log x`` where ``x > 0`` and 0 elsewhere (the 0·log 0 = 0 convention).

    Callers restore ``-inf`` where the mathematics needs it.
    """
    return np.log(np.where(x > 0, x, 1))


def entropy_terms(p: np.ndarray) -> np.ndarray:
    """Per-class terms :math:`-p_i \\log p_i` (nats), unchecked; -inf past the float limit."""
    with np.errstate(over="ignore"):
        return -(p * safe_log(p))


def cross_entropy_terms_from_log_q(p: np.ndarray, log_q: np.ndarray) -> np.ndarray:
    r"""Per-class cross-entropy terms from :math:`\log q`, unchecked.

    .. math::

        t_i = -p_i \log q_i, \qquad t_i = 0 \text{ where } p_i = 0

    Taking :math:`\log q` directly keeps the terms finite where :math:`q_i`
    underflows to 0 but :math:`\log q_i` (from a log-softmax) does not.

    Parameters
    ----------
    p : ndarray, shape (..., K)
        Non-negative weights (not normalised).
    log_q : ndarray, broadcasts with ``p``
        :math:`\log q`; ``-inf`` where :math:`q_i = 0`.

    Returns
    -------
    ndarray, the broadcast shape
        In nats. ``0 · log 0 = 0``: a class with :math:`p_i = 0` contributes
        exactly 0, even where :math:`\log q_i = -\infty`; :math:`p_i > 0`
        with :math:`\log q_i = -\infty` gives ``+inf``. No RuntimeWarning.

    Examples
    --------
    >>> import numpy as np
    >>> from core.information import cross_entropy_terms_from_log_q
    >>> cross_entropy_terms_from_log_q(np.array([1.0, 0.0]), np.array([-0.5, -np.inf]))
    array([0.5, 0. ])
    """
    pos = p > 0
    with np.errstate(over="ignore"):  # products past the float limit are ±inf
        return np.where(pos, -(p * np.where(pos, log_q, 0)), 0)


def kl_terms_from_log_q(p: np.ndarray, log_q: np.ndarray) -> np.ndarray:
    r"""Per-class KL divergence terms from :math:`\log q`, unchecked.

    .. math::

        t_i = p_i \left(\log p_i - \log q_i\right), \qquad t_i = 0 \text{ where } p_i = 0

    Parameters
    ----------
    p : ndarray, shape (..., K)
        Non-negative weights (not normalised).
    log_q : ndarray, broadcasts with ``p``
        :math:`\log q`; ``-inf`` where :math:`q_i = 0`.

    Returns
    -------
    ndarray, the broadcast shape
        In nats. ``0 · log(0 / q) = 0``; :math:`p_i > 0` with
        :math:`\log q_i = -\infty` gives ``+inf``. :math:`p_i / q_i` is never
        formed, so nothing overflows. No RuntimeWarning.

    Examples
    --------
    >>> import numpy as np
    >>> from core.information import kl_terms_from_log_q
    >>> log_q = np.array([np.log(0.25), np.log(0.75), -np.inf])
    >>> kl_terms_from_log_q(np.array([0.5, 0.5, 0.0]), log_q)
    array([ 0.34657359, -0.20273255,  0.        ])
    """
    pos = p > 0
    with np.errstate(over="ignore"):  # products past the float limit are ±inf
        return np.where(pos, p * (safe_log(p) - np.where(pos, log_q, 0)), 0)


def _log_of_probabilities(q: np.ndarray) -> np.ndarray:
    """``log q`` with ``log 0 = -inf`` and no divide-by-zero warning."""
    with np.errstate(divide="ignore"):
        return np.log(q)


def cross_entropy_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Per-class terms :math:`-p_i \\log q_i` (nats), unchecked; +inf where q_i = 0 < p_i.

    See :func:`cross_entropy_terms_from_log_q`.
    """
    return cross_entropy_terms_from_log_q(p, _log_of_probabilities(q))


def kl_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Per-class terms :math:`p_i \\log(p_i / q_i)` (nats), unchecked; +inf where q_i = 0 < p_i.

    See :func:`kl_terms_from_log_q`.
    """
    return kl_terms_from_log_q(p, _log_of_probabilities(q))


def _prepare(
    named: list[tuple[ArrayLike, str]], axis: int, base: float | None
) -> tuple[list[np.ndarray], int, float | None]:
    arrays = float_inputs(*named)
    for arr, (_, name) in zip(arrays, named, strict=True):
        check_probabilities(arr, name)
    shape = broadcast_shape(*((a, n) for a, (_, n) in zip(arrays, named, strict=True)))
    # A zero-copy stand-in with the broadcast shape, for checking the axis.
    axis = check_axis(np.broadcast_to(np.False_, shape), axis, named[0][1])
    return arrays, axis, log_of_base(base)


def _reduce(terms: np.ndarray, axis: int, log_base: float | None) -> np.ndarray:
    out = np.sum(terms, axis=axis)
    if log_base is not None:
        out = out / out.dtype.type(log_base)
    return out


def entropy(p: ArrayLike, axis: int = -1, base: float | None = None) -> np.ndarray:
    r"""Shannon entropy of a distribution along ``axis``.

    .. math::

        H(p) = -\sum_i p_i \log p_i = \sum_i p_i \log \frac{1}{p_i}

    The expected Shannon information :math:`\log(1/p_i)`. 32 equally likely
    teams have :math:`H = \log_2 32 = 5` bits: five yes/no questions.

    Parameters
    ----------
    p : array_like, shape (..., K)
        Non-negative weights; not normalised.
    axis : int, optional
        The class axis.
    base : float, optional
        Logarithm base; ``None`` for nats, ``2`` for bits.

    Returns
    -------
    ndarray, shape (...)
        The entropy; 0-d for 1-d input.

    Raises
    ------
    ValueError
        If ``p`` has negative or NaN entries, or ``base`` is not a valid base.

    Notes
    -----
    ``0 · log 0 = 0``: classes with :math:`p_i = 0` contribute nothing. Matches
    ``scipy.special.entr(p).sum(axis)``.

    Examples
    --------
    >>> import numpy as np
    >>> from core import entropy
    >>> float(entropy(np.full(32, 1 / 32), base=2))
    5.0
    >>> float(entropy([1.0, 0.0]))
    0.0
    """
    (p,), axis, log_base = _prepare([(p, "p")], axis, base)
    return _reduce(entropy_terms(p), axis, log_base)


def cross_entropy(
    p: ArrayLike, q: ArrayLike, axis: int = -1, base: float | None = None
) -> np.ndarray:
    r"""Cross-entropy of ``q`` relative to ``p`` along ``axis``.

    .. math::

        H(p, q) = -\sum_i p_i \log q_i

    The average information when events drawn from :math:`p` are coded with
    the (wrong) distribution :math:`q`. By Gibbs' inequality
    :math:`H(p, q) \ge H(p)` for normalised :math:`p, q`, with equality only
    at :math:`q = p`.

    Parameters
    ----------
    p : array_like, shape (..., K)
        True distribution (non-negative; not normalised).
    q : array_like, shape (..., K)
        Model distribution (non-negative); broadcasts against ``p``.
    axis : int, optional
        The class axis.
    base : float, optional
        ``None`` for nats, ``2`` for bits.

    Returns
    -------
    ndarray, shape (...)

    Raises
    ------
    ValueError
        Negative or NaN entries, shapes that do not broadcast, a bad base.

    Notes
    -----
    Terms with :math:`p_i = 0` contribute 0 even where :math:`q_i = 0`; a term
    with :math:`p_i > 0` and :math:`q_i = 0` makes the result ``+inf``. For a
    model's logits prefer :func:`core.softmax_cross_entropy_with_logits`, which
    never forms :math:`q` and cannot hit ``log 0``.

    Examples
    --------
    >>> from core import cross_entropy
    >>> float(cross_entropy([1.0, 0.0], [0.5, 0.5], base=2))
    1.0
    >>> float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    (p, q), axis, log_base = _prepare([(p, "p"), (q, "q")], axis, base)
    return _reduce(cross_entropy_terms(p, q), axis, log_base)


def kl_divergence(
    p: ArrayLike, q: ArrayLike, axis: int = -1, base: float | None = None
) -> np.ndarray:
    r"""Kullback–Leibler divergence :math:`D(p \| q)` along ``axis``.

    .. math::

        D(p \| q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p)

    The extra information paid for coding :math:`p` with :math:`q`. It is
    :math:`\ge 0` for normalised distributions and 0 exactly when
    :math:`q = p`; it is not symmetric.

    Parameters
    ----------
    p, q : array_like, shape (..., K)
        Non-negative; broadcast against each other; not normalised.
    axis : int, optional
        The class axis.
    base : float, optional
        ``None`` for nats, ``2`` for bits.

    Returns
    -------
    ndarray, shape (...)

    Raises
    ------
    ValueError
        Negative or NaN entries, shapes that do not broadcast, a bad base.

    Notes
    -----
    ``0 · log(0 / q) = 0``; :math:`p_i > 0 = q_i` gives ``+inf``. Computed as
    :math:`p_i(\log p_i - \log q_i)`, so :math:`p_i / q_i` never overflows.
    Matches ``scipy.special.rel_entr(p, q).sum(axis)``.

    Examples
    --------
    >>> from core import kl_divergence
    >>> float(kl_divergence([0.5, 0.5], [0.5, 0.5]))
    0.0
    >>> float(kl_divergence([1.0, 0.0], [0.5, 0.5], base=2))
    1.0
    """
    (p, q), axis, log_base = _prepare([(p, "p"), (q, "q")], axis, base)
    return _reduce(kl_terms(p, q), axis, log_base)
