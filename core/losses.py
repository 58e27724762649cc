r"""Classification losses exactly as TensorFlow computes them.

Two families, as in TensorFlow:

* per-example losses, as ``tf.nn``: :func:`sigmoid_cross_entropy_with_logits`,
  :func:`weighted_cross_entropy_with_logits`,
  :func:`softmax_cross_entropy_with_logits` and
  :func:`sparse_softmax_cross_entropy_with_logits` (and
  :func:`softmax_mean_squared_error`, the squared error of the softmax
  probabilities per example, for comparison);
* reduced losses with ``weights``, ``label_smoothing`` and a :class:`Reduction`,
  as ``tf.compat.v1.losses``: :func:`sigmoid_cross_entropy`,
  :func:`softmax_cross_entropy`, :func:`sparse_softmax_cross_entropy` and
  :func:`mean_squared_error`.

All take *logits* (never probabilities), so no ``log 0`` can occur, follow
NumPy broadcasting, compute in the logits' float dtype (ints and lists in
float64) and return losses in nats.

Which to choose (the seed's selection table):

=========================  ==================  ====================================
problem                    output activation   loss
=========================  ==================  ====================================
binary                     sigmoid             sigmoid cross-entropy
multi-label (independent)  sigmoid per class   sigmoid cross-entropy (or weighted)
multi-class, one label     softmax             softmax cross-entropy (sparse for
                                               class indices)
regression                 identity            mean squared error
=========================  ==================  ====================================
"""

from __future__ import annotations

from enum import Enum

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_class_indices,
    as_float_array,
    broadcast_shape,
    check_axis,
    check_class_axis_nonempty,
    check_label_smoothing,
    check_no_nan,
    parse_enum,
)
from .activations import max_shift, softmax_kernel

__all__ = [
    "Reduction",
    "sigmoid_cross_entropy_with_logits",
    "weighted_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits",
    "sparse_softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_and_grad",
    "sparse_softmax_cross_entropy_with_logits_and_grad",
    "softmax_mean_squared_error",
    "sigmoid_cross_entropy",
    "softmax_cross_entropy",
    "sparse_softmax_cross_entropy",
    "mean_squared_error",
    "compute_weighted_loss",
    "weighted_loss_factor",
]


class Reduction(str, Enum):
    """How a reduced loss combines the weighted per-element losses.

    The values are TensorFlow's strings (``tf.compat.v1.losses.Reduction``);
    either a member or its string is accepted wherever a reduction is.
    """

    #: No reduction: the weighted losses, element by element.
    NONE = "none"
    #: :math:`\sum_i w_i \ell_i`.
    SUM = "weighted_sum"
    #: :math:`\sum_i w_i \ell_i / \sum_i w_i` (weights broadcast to the losses).
    MEAN = "weighted_mean"
    #: :math:`\sum_i w_i \ell_i / N`, N the number of loss elements.
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    #: :math:`\sum_i w_i \ell_i / \#\{i : w_i \ne 0\}` (TensorFlow's default).
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"

    @classmethod
    def parse(cls, reduction: Reduction | str) -> Reduction:
        """The member for ``reduction`` (a member or its string), or a ValueError."""
        return parse_enum(cls, reduction, "reduction")


# --------------------------------------------------------------------------
# Kernels: unchecked, float arrays in, shared by the losses, the gradients and
# the explorer's evaluation.
# --------------------------------------------------------------------------


def _softplus_neg_abs(x: np.ndarray) -> np.ndarray:
    """``log1p(exp(-|x|))``: the part of softplus that never overflows."""
    return np.log1p(np.exp(-np.abs(x)))


def log_sigmoid_pair_kernel(x: np.ndarray) -> np.ndarray:
    r"""``[log(1 - σ(x)), log σ(x)]`` on a new last axis, stable for any finite ``x``.

    :math:`\log\sigma(x) = -(\max(-x, 0) + \log(1 + e^{-|x|}))` and
    :math:`\log(1 - \sigma(x)) = \log\sigma(-x)`: ``exp`` is only taken of
    :math:`-|x|`, so neither overflows nor becomes ``log 0``.
    """
    soft = _softplus_neg_abs(x)
    with np.errstate(over="ignore"):
        return np.stack([-(np.maximum(x, 0) + soft), -(np.maximum(-x, 0) + soft)], axis=-1)


def sigmoid_xent_kernel(z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``max(x, 0) - x·z + log(1 + exp(-|x|))`` (TensorFlow's stable form)."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.maximum(x, 0) - x * z
        out += _softplus_neg_abs(x)
    return out


def weighted_xent_kernel(z: np.ndarray, x: np.ndarray, q: np.ndarray | float) -> np.ndarray:
    """``(1 - z)·x + (1 + (q - 1)·z)·(log1p(exp(-|x|)) + max(-x, 0))``."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (1 - z) * x + (1 + (q - 1) * z) * (_softplus_neg_abs(x) + np.maximum(-x, 0))


def smooth_labels(labels: np.ndarray, label_smoothing: float, num_outcomes: int) -> np.ndarray:
    r"""Label smoothing as ``tf.compat.v1.losses`` applies it, unchecked.

    .. math::

        p' = p\,(1 - s) + \frac{s}{n}

    It mixes the labels with the uniform distribution over :math:`n` outcomes:
    :math:`n = K` for the softmax losses (spread over the K classes, the last
    axis) and :math:`n = 2` for the sigmoid losses (every element is a yes/no
    problem, smoothed towards 1/2). ``labels`` itself is returned (not a copy)
    when :math:`s = 0`.

    Examples
    --------
    >>> import numpy as np
    >>> from core.losses import smooth_labels
    >>> smooth_labels(np.array([0.0, 1.0, 0.0, 0.0]), 0.2, 4)
    array([0.05, 0.85, 0.05, 0.05])
    >>> smooth_labels(np.array([0.0, 1.0]), 0.2, 2)
    array([0.1, 0.9])
    """
    if not label_smoothing:
        return labels
    return labels * (1 - label_smoothing) + label_smoothing / num_outcomes


def squared_error_mean_kernel(labels: np.ndarray, q: np.ndarray) -> np.ndarray:
    r"""Mean over the last axis of :math:`(q_i - p_i)^2`, unchecked.

    .. math::

        L = \frac{1}{K} \sum_i (q_i - p_i)^2

    ``q`` has the full broadcast shape (..., K); the result has shape (...).
    Terms near the float limit sum to ``inf`` without a warning.
    """
    r = q - labels
    return np.einsum("...k,...k->...", r, r) / q.shape[-1]


def squared_error_terms(labels: np.ndarray, q: np.ndarray) -> np.ndarray:
    r"""The per-class terms :math:`(q_i - p_i)^2 / K` of :func:`squared_error_mean_kernel`."""
    with np.errstate(over="ignore"):
        return np.square(q - labels) / q.shape[-1]


def softmax_xent_kernel(
    labels: np.ndarray, x: np.ndarray, axis: int, want_grad: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Softmax cross-entropy and, optionally, its gradient, sharing one ``exp``.

    With :math:`s = x - \\max x` and :math:`\\mathrm{LSE} = \\log\\sum e^{s}`,
    :math:`\\ell = \\sum_i l_i(\\mathrm{LSE} - s_i)
    = (\\sum_i l_i)\\,\\mathrm{LSE} - \\sum_i l_i s_i`. Both parts are
    non-negative for non-negative labels, so nothing cancels.

    One full-size array is allocated: it holds ``s``, then ``exp(s)``, then the
    gradient. NaN in the logits or labels raises ValueError (found through the
    row maxima and label sums, which propagate it).
    """
    if labels.shape != x.shape:
        # The logits must have the full shape (one loss per row); the labels
        # broadcast in the arithmetic below, except through moveaxis.
        shape = np.broadcast_shapes(labels.shape, x.shape)
        if x.shape != shape:
            x = np.broadcast_to(x, shape)
        if axis not in (-1, x.ndim - 1):
            labels = np.broadcast_to(labels, shape)
    if axis not in (-1, x.ndim - 1):
        loss, grad = softmax_xent_kernel(
            np.moveaxis(labels, axis, -1), np.moveaxis(x, axis, -1), -1, want_grad
        )
        return loss, None if grad is None else np.moveaxis(grad, -1, axis)
    s = max_shift(x, -1, nan_name="logits")[0]
    # Labels near the float limit make sums and products overflow to inf: that
    # is the value (TensorFlow's too), not an error, so no warning escapes.
    with np.errstate(over="ignore", invalid="ignore"):
        label_sum = np.sum(labels, axis=-1, keepdims=True)
        if np.isnan(label_sum).any():
            raise ValueError("labels contains NaN")
        dot = np.einsum("...k,...k->...", labels, s)[..., None]
        if np.isnan(dot).any():
            # 0·(-inf) appeared (only near the float limit): make 0·log 0 = 0 explicit.
            dot = np.sum(np.where(labels != 0, labels * s, 0), axis=-1, keepdims=True)
        e = np.exp(s, out=s)
        sum_e = np.sum(e, axis=-1, keepdims=True)
        loss = label_sum * np.log(sum_e)
        loss -= dot
        loss = loss[..., 0]
        if not want_grad:
            return loss, None
        e *= label_sum / sum_e
        e -= labels
    return loss, e


def sparse_softmax_xent_kernel(
    labels: np.ndarray, x: np.ndarray, want_grad: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """``LSE(x) - x[label]`` and, optionally, ``softmax(x) - onehot(label)``.

    Needs only the log-sum-exp and one picked logit per row; the one
    full-size array holds ``x - max x``, then its ``exp``, then the gradient.
    """
    e = max_shift(x, -1, nan_name="logits")[0]
    idx = np.broadcast_to(labels, x.shape[:-1])
    picked = np.take_along_axis(e, idx[..., None], axis=-1)  # s_y = x_y - max x
    np.exp(e, out=e)
    sum_e = np.sum(e, axis=-1, keepdims=True)
    loss = (np.log(sum_e) - picked)[..., 0]
    if not want_grad:
        return loss, None
    e *= 1 / sum_e
    if e.flags.c_contiguous:  # the usual case: reshape is a view, flat indexing is fastest
        flat = np.arange(idx.size) * x.shape[-1] + idx.ravel()
        e.reshape(-1)[flat] -= 1
    else:  # e follows the logits' layout (e.g. Fortran order): reshape would copy
        at = idx[..., None]
        np.put_along_axis(e, at, np.take_along_axis(e, at, axis=-1) - 1, axis=-1)
    return loss, e


# --------------------------------------------------------------------------
# Argument handling
# --------------------------------------------------------------------------


def _labels_and_logits(
    labels: ArrayLike, logits: ArrayLike, labels_name: str = "labels", check_nan: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Logits as float (their dtype kept), labels cast to that dtype, broadcast-checked.

    ``check_nan=False`` leaves the NaN check to the softmax kernel, which does it
    for free on its reductions.
    """
    x = as_float_array(logits, "logits")
    z = as_float_array(labels, labels_name, x.dtype)
    if check_nan:
        check_no_nan(x, "logits")
        check_no_nan(z, labels_name)
    broadcast_shape((z, labels_name), (x, "logits"))
    return z, x


def _sparse_args(labels: ArrayLike, logits: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = as_float_array(logits, "logits")
    if x.ndim == 0:
        raise ValueError("logits must have at least one dimension (the class axis)")
    check_class_axis_nonempty(x, -1, "logits")
    idx = as_class_indices(labels, x.shape[-1], "labels")
    try:
        np.broadcast_to(idx, x.shape[:-1])
    except ValueError:
        raise ValueError(
            f"shape mismatch: labels {idx.shape} must match logits {x.shape} without "
            f"its class axis, {x.shape[:-1]}"
        ) from None
    return idx, x


# --------------------------------------------------------------------------
# tf.nn: per-example losses
# --------------------------------------------------------------------------


def sigmoid_cross_entropy_with_logits(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Element-wise sigmoid cross-entropy, as ``tf.nn.sigmoid_cross_entropy_with_logits``.

    For labels :math:`z` and logits :math:`x`:

    .. math::

        \ell = -z \log\sigma(x) - (1 - z)\log(1 - \sigma(x))
             = \max(x, 0) - x z + \log\left(1 + e^{-|x|}\right)

    Each element is an independent binary problem, so this also serves
    multi-label classification, with one-hot or soft labels.

    Parameters
    ----------
    labels : array_like
        Targets :math:`z`, usually in [0, 1]; broadcast against ``logits``.
    logits : array_like
        Logits :math:`x`.

    Returns
    -------
    ndarray, the broadcast shape
        The loss per element, in nats; no reduction.

    Raises
    ------
    ValueError
        Shapes that do not broadcast, or NaN in either argument.

    Notes
    -----
    Stability: the right-hand form is TensorFlow's; ``exp`` only sees
    :math:`-|x|`, so it stays finite for logits up to the float limit and never
    evaluates :math:`\log 0`.

    Examples
    --------
    >>> from core import sigmoid_cross_entropy_with_logits
    >>> sigmoid_cross_entropy_with_logits([1.0, 0.0, 0.5], [0.0, 0.0, 2.0])
    array([0.69314718, 0.69314718, 1.12692801])
    """
    z, x = _labels_and_logits(labels, logits)
    return sigmoid_xent_kernel(z, x)


def weighted_cross_entropy_with_logits(
    labels: ArrayLike, logits: ArrayLike, pos_weight: ArrayLike
) -> np.ndarray:
    r"""Sigmoid cross-entropy with the positive term weighted, as
    ``tf.nn.weighted_cross_entropy_with_logits``.

    .. math::

        \ell = -q\,z \log\sigma(x) - (1 - z)\log(1 - \sigma(x))

    with :math:`q` = ``pos_weight``. :math:`q > 1` penalises missed positives
    more (raises recall), :math:`q < 1` false positives: useful for
    imbalanced data.

    Parameters
    ----------
    labels : array_like
        Targets :math:`z`.
    logits : array_like
        Logits :math:`x`; broadcasts with ``labels``.
    pos_weight : array_like
        :math:`q`, broadcast against the others (a scalar or one per class).

    Returns
    -------
    ndarray, the broadcast shape
        The loss per element, in nats.

    Raises
    ------
    ValueError
        Shapes that do not broadcast, or NaN in any argument.

    Notes
    -----
    Stability: TensorFlow's form
    :math:`(1 - z)x + (1 + (q - 1)z)\left(\log(1 + e^{-|x|}) + \max(-x, 0)\right)`,
    which never exponentiates a positive number. With :math:`q = 1` it equals
    :func:`sigmoid_cross_entropy_with_logits`.

    Examples
    --------
    >>> from core import weighted_cross_entropy_with_logits
    >>> weighted_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], pos_weight=3.0)
    array([2.07944154, 0.69314718])
    """
    z, x = _labels_and_logits(labels, logits)
    q = as_float_array(pos_weight, "pos_weight", x.dtype)
    check_no_nan(q, "pos_weight")
    broadcast_shape((z, "labels"), (x, "logits"), (q, "pos_weight"))
    return weighted_xent_kernel(z, x, q)


def softmax_cross_entropy_with_logits(
    labels: ArrayLike, logits: ArrayLike, axis: int = -1
) -> np.ndarray:
    r"""Softmax cross-entropy per example, as ``tf.nn.softmax_cross_entropy_with_logits``.

    .. math::

        \ell = -\sum_i p_i \log \operatorname{softmax}(x)_i
             = \sum_i p_i \left(\operatorname{LSE}(x) - x_i\right)

    This is the cross-entropy :math:`H(p, q)` with :math:`q = \mathrm{softmax}(x)`.

    Parameters
    ----------
    labels : array_like, shape (..., K)
        Target distribution :math:`p`: one-hot or soft labels. Not normalised
        (TensorFlow does not either); broadcasts against ``logits``.
    logits : array_like, shape (..., K)
        Logits :math:`x`.
    axis : int, optional
        The class axis.

    Returns
    -------
    ndarray, shape (...)
        One loss per example, in nats.

    Raises
    ------
    ValueError
        Shapes that do not broadcast, a bad axis, an empty class axis, NaN.

    Notes
    -----
    Stability: the max-shift; the loss is
    :math:`(\sum_i p_i)\,\mathrm{LSE}(s) - \sum_i p_i s_i` with
    :math:`s = x - \max x`, whose two parts are non-negative for
    non-negative labels. Logits up to :math:`\pm 10^{30}` (float64) stay exact.

    Examples
    --------
    >>> from core import softmax_cross_entropy_with_logits
    >>> float(softmax_cross_entropy_with_logits([0.0, 0.0, 1.0], [123, 456, 789]))
    0.0
    >>> float(softmax_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0]))  # log 2
    0.6931471805599453
    """
    z, x = _labels_and_logits(labels, logits, check_nan=False)
    shape = broadcast_shape((z, "labels"), (x, "logits"))
    stand_in = np.broadcast_to(np.False_, shape)
    axis = check_axis(stand_in, axis, "logits")
    check_class_axis_nonempty(stand_in, axis, "logits")
    return softmax_xent_kernel(z, x, axis, want_grad=False)[0]


def softmax_cross_entropy_with_logits_and_grad(
    labels: ArrayLike, logits: ArrayLike, axis: int = -1
) -> tuple[np.ndarray, np.ndarray]:
    r""":func:`softmax_cross_entropy_with_logits` and its gradient in one pass.

    The gradient is :math:`\partial\ell/\partial x_i = q_i\sum_j p_j - p_i`
    (:math:`q_i - p_i` for normalised labels), sharing the forward pass's
    ``exp``, as a framework's backward pass would.

    Returns
    -------
    loss : ndarray, shape (...)
    grad : ndarray, shape (..., K)

    Examples
    --------
    >>> from core import softmax_cross_entropy_with_logits_and_grad
    >>> loss, grad = softmax_cross_entropy_with_logits_and_grad([1.0, 0.0], [0.0, 0.0])
    >>> grad
    array([-0.5,  0.5])
    """
    z, x = _labels_and_logits(labels, logits, check_nan=False)
    shape = broadcast_shape((z, "labels"), (x, "logits"))
    stand_in = np.broadcast_to(np.False_, shape)
    axis = check_axis(stand_in, axis, "logits")
    check_class_axis_nonempty(stand_in, axis, "logits")
    loss, grad = softmax_xent_kernel(z, x, axis, want_grad=True)
    assert grad is not None
    return loss, grad


def sparse_softmax_cross_entropy_with_logits(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Softmax cross-entropy with class-index labels, as
    ``tf.nn.sparse_softmax_cross_entropy_with_logits``.

    .. math::

        \ell = -\log \operatorname{softmax}(x)_y = \operatorname{LSE}(x) - x_y

    The same value as :func:`softmax_cross_entropy_with_logits` with one-hot
    labels, without ever building the one-hot array.

    Parameters
    ----------
    labels : array_like of int, shape (...)
        Class indices :math:`y` in ``[0, K)``.
    logits : array_like, shape (..., K)
        Logits; the class axis is last.

    Returns
    -------
    ndarray, shape (...)
        One loss per example, in nats, in the logits' dtype.

    Raises
    ------
    ValueError
        A label that is negative, ``>= K`` or not an integer; ``labels`` whose
        shape does not match ``logits`` without its class axis; NaN logits.

    Notes
    -----
    Stability: the max-shift; only the log-sum-exp and one picked logit are
    needed.

    Examples
    --------
    >>> from core import sparse_softmax_cross_entropy_with_logits
    >>> float(sparse_softmax_cross_entropy_with_logits(0, [0.0, 0.0, 0.0, 0.0]))  # log 4
    1.3862943611198906
    """
    idx, x = _sparse_args(labels, logits)
    return sparse_softmax_xent_kernel(idx, x, want_grad=False)[0]


def sparse_softmax_cross_entropy_with_logits_and_grad(
    labels: ArrayLike, logits: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r""":func:`sparse_softmax_cross_entropy_with_logits` and its gradient
    :math:`\mathrm{softmax}(x) - \mathrm{onehot}(y)` in one pass.

    Examples
    --------
    >>> from core import sparse_softmax_cross_entropy_with_logits_and_grad
    >>> loss, grad = sparse_softmax_cross_entropy_with_logits_and_grad(1, [0.0, 0.0])
    >>> grad
    array([ 0.5, -0.5])
    """
    idx, x = _sparse_args(labels, logits)
    loss, grad = sparse_softmax_xent_kernel(idx, x, want_grad=True)
    assert grad is not None
    return loss, grad


def softmax_mean_squared_error(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Squared error of the softmax probabilities per example, mean over the classes.

    .. math::

        \ell = \frac{1}{K} \sum_i \left(\operatorname{softmax}(x)_i - p_i\right)^2

    What ``tf.compat.v1.losses.mean_squared_error(p, tf.nn.softmax(x))``
    returns for one example (unit weights, the default reduction). Its
    gradient is :func:`core.softmax_mean_squared_error_grad`.

    Parameters
    ----------
    labels : array_like, shape (..., K)
        Target distribution :math:`p`; broadcasts against ``logits``.
    logits : array_like, shape (..., K)
        Logits :math:`x`; the class axis is last.

    Returns
    -------
    ndarray, shape (...)
        One loss per example (unitless).

    Raises
    ------
    ValueError
        Shapes that do not broadcast, an empty class axis, NaN.

    Notes
    -----
    Stability: the probabilities come from the max-shifted softmax, so any
    finite logits give a loss in :math:`[0, \max(1, \max_i p_i^2)]`. Behind the
    saturating softmax this loss learns slowly: see
    :func:`core.softmax_mean_squared_error_grad`.

    Examples
    --------
    >>> from core import softmax_mean_squared_error
    >>> float(softmax_mean_squared_error([0.0, 1.0], [0.0, 0.0]))  # ((1/2)² + (1/2)²) / 2
    0.25
    >>> float(softmax_mean_squared_error([0.0, 0.0, 1.0], [123, 456, 789]))
    0.0
    """
    z, x = _labels_and_logits(labels, logits)
    shape = broadcast_shape((z, "labels"), (x, "logits"))
    stand_in = np.broadcast_to(np.False_, shape)
    check_class_axis_nonempty(stand_in, check_axis(stand_in, -1, "logits"), "logits")
    return squared_error_mean_kernel(z, np.broadcast_to(softmax_kernel(x), shape))


# --------------------------------------------------------------------------
# tf.compat.v1.losses: weighted and reduced
# --------------------------------------------------------------------------


def compute_weighted_loss(
    losses: ArrayLike,
    weights: ArrayLike = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""Weight and reduce per-element losses, as ``tf.compat.v1.losses.compute_weighted_loss``.

    With :math:`w` the weights broadcast to the losses' shape:

    .. math::

        S = \sum_i w_i \ell_i, \qquad
        \text{result} = S / d, \qquad
        d = \begin{cases}
            \sum_i w_i & \texttt{weighted\_mean} \\
            N & \texttt{weighted\_sum\_over\_batch\_size} \\
            \#\{i : w_i \ne 0\} & \texttt{weighted\_sum\_by\_nonzero\_weights}
            \end{cases}

    ``weighted_sum`` returns :math:`S`, ``none`` the weighted losses
    :math:`w_i\ell_i`. A zero denominator gives 0 (TensorFlow's ``div_no_nan``).

    Parameters
    ----------
    losses : array_like
        Per-element losses.
    weights : array_like, optional
        A scalar or an array that broadcasts to ``losses``' shape.
    reduction : Reduction or str, optional
        One of :class:`Reduction`; TensorFlow's default is
        ``weighted_sum_by_nonzero_weights``.

    Returns
    -------
    ndarray
        0-d, or the losses' shape for ``none``.

    Raises
    ------
    ValueError
        Weights that do not broadcast to the losses, NaN weights, an unknown
        reduction.

    Examples
    --------
    >>> from core import compute_weighted_loss
    >>> float(compute_weighted_loss([1.0, 2.0, 3.0], [1.0, 0.0, 1.0]))  # (1 + 3) / 2
    2.0
    >>> float(compute_weighted_loss([1.0, 2.0, 3.0], 0.0))  # nothing weighted: 0
    0.0
    """
    red = Reduction.parse(reduction)
    loss = as_float_array(losses, "losses")
    w = as_float_array(weights, "weights", loss.dtype)
    check_no_nan(w, "weights")
    try:
        wb = np.broadcast_to(w, loss.shape)
    except ValueError:
        raise ValueError(
            f"shape mismatch: weights {w.shape} do not broadcast to the losses' shape {loss.shape}"
        ) from None
    # Losses near the float limit may sum to inf: that is the value, not an error.
    with np.errstate(over="ignore"):
        weighted = loss * wb
        total = np.sum(weighted, dtype=loss.dtype)
    if red is Reduction.NONE:
        return weighted
    if red is Reduction.SUM:
        return total
    if red is Reduction.MEAN:
        with np.errstate(over="ignore"):
            denom = np.sum(wb, dtype=loss.dtype)
    elif red is Reduction.SUM_OVER_BATCH_SIZE:
        denom = loss.dtype.type(loss.size)
    else:
        denom = loss.dtype.type(np.count_nonzero(wb))
    if denom == 0:
        return loss.dtype.type(0)
    return total / denom


def weighted_loss_factor(
    weight: float,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
    num_elements: int = 1,
) -> float:
    r"""The factor a scalar weight and a reduction put on the sum of one example's losses.

    For one example whose loss has :math:`E` elements :math:`\ell_e` (E = 1
    for the softmax losses, K for the sigmoid losses and the squared error)
    and one scalar weight :math:`w`, every ``tf.compat.v1.losses`` reduction
    is a multiple of :math:`\sum_e \ell_e`:

    =================================  =============================
    reduction                          factor
    =================================  =============================
    ``weighted_sum``                   :math:`w`
    ``weighted_mean``                  :math:`1/E` (0 if :math:`w = 0`)
    ``weighted_sum_over_batch_size``   :math:`w/E`
    ``weighted_sum_by_nonzero_weights``:math:`w/E` (0 if :math:`w = 0`)
    ``none``                           :math:`w/E`
    =================================  =============================

    ``none`` returns the E weighted values :math:`w\ell_e`; the factor given
    for it makes their *mean*, the one number the explorer shows.
    :func:`compute_weighted_loss` is the general form (any weights, any batch).

    Parameters
    ----------
    weight : float
        The scalar ``weights`` argument, finite.
    reduction : Reduction or str, optional
    num_elements : int, optional
        E ≥ 1.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        A weight that is not a finite number, an unknown reduction, E < 1.

    Examples
    --------
    >>> from core import weighted_loss_factor
    >>> weighted_loss_factor(2.0, "weighted_sum", 4), weighted_loss_factor(2.0, "weighted_mean", 4)
    (2.0, 0.25)
    >>> weighted_loss_factor(0.0, "weighted_sum_by_nonzero_weights", 4)  # div_no_nan
    0.0
    """
    red = Reduction.parse(reduction)
    try:
        w = float(weight)
    except (TypeError, ValueError):
        raise ValueError(f"weight must be a number, got {weight!r}") from None
    if not np.isfinite(w):
        raise ValueError(f"weight must be finite, got {weight!r}")
    if isinstance(num_elements, bool) or int(num_elements) != num_elements or num_elements < 1:
        raise ValueError(f"num_elements must be a whole number >= 1, got {num_elements!r}")
    e = int(num_elements)
    if red is Reduction.SUM:
        return w
    if red is Reduction.MEAN:
        return 1.0 / e if w != 0 else 0.0
    return w / e


def sigmoid_cross_entropy(
    multi_class_labels: ArrayLike,
    logits: ArrayLike,
    weights: ArrayLike = 1.0,
    label_smoothing: float = 0.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""Weighted, reduced sigmoid cross-entropy, as ``tf.compat.v1.losses.sigmoid_cross_entropy``.

    Label smoothing towards 1/2 comes first:

    .. math::

        z' = z(1 - s) + \tfrac{1}{2}s

    then :func:`sigmoid_cross_entropy_with_logits` per element, then
    :func:`compute_weighted_loss`.

    Parameters
    ----------
    multi_class_labels : array_like, shape (..., K)
        Targets in [0, 1], one per logit.
    logits : array_like, shape (..., K)
        Logits.
    weights : array_like, optional
        Broadcasts to the per-element losses (scalar, per example or per class).
    label_smoothing : float, optional
        :math:`s \in [0, 1]`.
    reduction : Reduction or str, optional

    Returns
    -------
    ndarray
        0-d (nats), or per element for ``reduction="none"``.

    Raises
    ------
    ValueError
        label_smoothing outside [0, 1], an unknown reduction, shape mismatches.

    Examples
    --------
    >>> from core import sigmoid_cross_entropy
    >>> float(sigmoid_cross_entropy([[1.0, 0.0]], [[0.0, 0.0]]))  # mean of two log 2
    0.6931471805599453
    """
    s = check_label_smoothing(label_smoothing)
    red = Reduction.parse(reduction)
    z, x = _labels_and_logits(multi_class_labels, logits, "multi_class_labels")
    z = smooth_labels(z, s, 2)
    return compute_weighted_loss(sigmoid_xent_kernel(z, x), weights, red)


def softmax_cross_entropy(
    onehot_labels: ArrayLike,
    logits: ArrayLike,
    weights: ArrayLike = 1.0,
    label_smoothing: float = 0.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""Weighted, reduced softmax cross-entropy, as ``tf.compat.v1.losses.softmax_cross_entropy``.

    Label smoothing spreads :math:`s` evenly over the K classes first:

    .. math::

        p' = p(1 - s) + s / K

    then :func:`softmax_cross_entropy_with_logits` per example (class axis
    last), then :func:`compute_weighted_loss`.

    Parameters
    ----------
    onehot_labels : array_like, shape (..., K)
        One-hot or soft labels.
    logits : array_like, shape (..., K)
        Logits.
    weights : array_like, optional
        Broadcasts to the per-example losses, shape (...).
    label_smoothing : float, optional
        :math:`s \in [0, 1]`.
    reduction : Reduction or str, optional

    Returns
    -------
    ndarray
        0-d (nats), or per example for ``reduction="none"``.

    Raises
    ------
    ValueError
        label_smoothing outside [0, 1], an unknown reduction, shape mismatches.

    Examples
    --------
    >>> from core import softmax_cross_entropy
    >>> float(softmax_cross_entropy([[0.0, 1.0]], [[0.0, 0.0]], label_smoothing=0.2))
    0.6931471805599453
    """
    s = check_label_smoothing(label_smoothing)
    red = Reduction.parse(reduction)
    z, x = _labels_and_logits(onehot_labels, logits, "onehot_labels", check_nan=False)
    shape = broadcast_shape((z, "onehot_labels"), (x, "logits"))
    if len(shape) == 0 or shape[-1] == 0:
        raise ValueError("logits must have a non-empty class axis (the last one)")
    z = smooth_labels(z, s, shape[-1])
    losses = softmax_xent_kernel(z, x, -1, want_grad=False)[0]
    return compute_weighted_loss(losses, weights, red)


def sparse_softmax_cross_entropy(
    labels: ArrayLike,
    logits: ArrayLike,
    weights: ArrayLike = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""Weighted, reduced sparse softmax cross-entropy, as
    ``tf.compat.v1.losses.sparse_softmax_cross_entropy``.

    :func:`sparse_softmax_cross_entropy_with_logits` per example, then
    :func:`compute_weighted_loss`. (TensorFlow offers no label smoothing here:
    class indices cannot carry it.)

    Parameters
    ----------
    labels : array_like of int, shape (...)
        Class indices in ``[0, K)``.
    logits : array_like, shape (..., K)
    weights : array_like, optional
        Broadcasts to shape (...).
    reduction : Reduction or str, optional

    Returns
    -------
    ndarray
        0-d (nats), or per example for ``reduction="none"``.

    Examples
    --------
    >>> from core import sparse_softmax_cross_entropy
    >>> float(sparse_softmax_cross_entropy([0, 1], [[0.0, 0.0], [0.0, 0.0]], weights=[1.0, 0.0]))
    0.6931471805599453
    """
    red = Reduction.parse(reduction)
    idx, x = _sparse_args(labels, logits)
    losses = sparse_softmax_xent_kernel(idx, x, want_grad=False)[0]
    return compute_weighted_loss(losses, weights, red)


def mean_squared_error(
    labels: ArrayLike,
    predictions: ArrayLike,
    weights: ArrayLike = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""Weighted, reduced squared error, as ``tf.compat.v1.losses.mean_squared_error``.

    .. math::

        \ell_i = (\hat y_i - y_i)^2

    then :func:`compute_weighted_loss`; with the default reduction and unit
    weights this is the mean over all elements.

    Parameters
    ----------
    labels : array_like
        Targets :math:`y`.
    predictions : array_like
        Predictions :math:`\hat y` (probabilities, for a classifier); broadcasts
        with ``labels``.
    weights : array_like, optional
        Broadcasts to the squared errors.
    reduction : Reduction or str, optional

    Returns
    -------
    ndarray
        0-d, or per element for ``reduction="none"``.

    Notes
    -----
    Behind a saturating output (sigmoid, softmax) MSE learns slowly: its
    gradient carries a factor :math:`\sigma'(x)` that vanishes exactly when the
    prediction is confidently wrong. Cross-entropy's gradient,
    :math:`\sigma(x) - y`, does not (see :mod:`core.gradients`).

    Examples
    --------
    >>> from core import mean_squared_error
    >>> float(mean_squared_error([0.0, 1.0], [0.5, 0.5]))
    0.25
    """
    red = Reduction.parse(reduction)
    y_hat = as_float_array(predictions, "predictions")
    y = as_float_array(labels, "labels", y_hat.dtype)
    check_no_nan(y, "labels")
    check_no_nan(y_hat, "predictions")
    broadcast_shape((y, "labels"), (y_hat, "predictions"))
    with np.errstate(over="ignore"):
        losses = np.square(y_hat - y)
    return compute_weighted_loss(losses, weights, red)
