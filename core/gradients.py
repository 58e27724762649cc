r"""Gradients of the losses with respect to the logits, per element, before any reduction.

These are what a training step sees, and they explain the seed's claim that
cross-entropy trains better than MSE behind a saturating output. For one
sigmoid unit with target :math:`z` and :math:`\sigma = \sigma(x)`:

.. math::

    \frac{\partial}{\partial x}\,\mathrm{CE} = \sigma - z, \qquad
    \frac{\partial}{\partial x}\,(\sigma - z)^2 = 2(\sigma - z)\,\sigma(1 - \sigma).

The cross-entropy gradient is the plain error; the squared-error gradient is
multiplied by :math:`\sigma(1-\sigma) \le 1/4`, which vanishes when the unit
saturates, even if it is saturated at the *wrong* answer.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    as_float_array,
    broadcast_shape,
    check_axis,
    check_class_axis_nonempty,
    check_no_nan,
)
from .activations import sigmoid, softmax_kernel
from .losses import (
    _labels_and_logits,
    _sparse_args,
    softmax_xent_kernel,
    sparse_softmax_xent_kernel,
)

__all__ = [
    "sigmoid_cross_entropy_with_logits_grad",
    "weighted_cross_entropy_with_logits_grad",
    "softmax_cross_entropy_with_logits_grad",
    "sparse_softmax_cross_entropy_with_logits_grad",
    "softmax_mean_squared_error_grad",
    "sigmoid_squared_error_grad",
]


# --------------------------------------------------------------------------
# Kernels: unchecked, float arrays in, shared by the public gradients below,
# the loss registry and the explorer's evaluation.
# --------------------------------------------------------------------------


def sigmoid_xent_grad_kernel(z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``sigmoid(x) - z``: the sigmoid cross-entropy gradient, unchecked."""
    return sigmoid(x) - z


def weighted_xent_grad_kernel(z: np.ndarray, x: np.ndarray, q: np.ndarray | float) -> np.ndarray:
    """``(1 - z) - (1 + (q - 1)·z)·sigmoid(-x)``: the weighted cross-entropy gradient, unchecked.

    Products near the float limit overflow to ±inf (or NaN) quietly, as in the loss kernel.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return (1 - z) - (1 + (q - 1) * z) * sigmoid(-x)


def softmax_xent_grad_from_probs(labels: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``q·Σp - p`` (class axis last): the softmax cross-entropy gradient from q = softmax(x).

    The same as the gradient :func:`core.losses.softmax_xent_kernel` computes
    from the logits, for callers that already hold the probabilities.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # labels near the float limit
        return q * np.sum(labels, axis=-1, keepdims=True) - labels


def softmax_mse_grad_kernel(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The softmax-MSE gradient from q = softmax(x) (class axis last), unchecked."""
    r = q - p
    inner = np.sum(r * q, axis=-1, keepdims=True)
    return (2.0 / q.shape[-1]) * q * (r - inner)


# --------------------------------------------------------------------------
# Public gradients
# --------------------------------------------------------------------------


def sigmoid_cross_entropy_with_logits_grad(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`core.sigmoid_cross_entropy_with_logits` with respect to the logits.

    .. math::

        \frac{\partial \ell}{\partial x} = \sigma(x) - z

    Parameters
    ----------
    labels, logits : array_like
        As for the loss; they broadcast.

    Returns
    -------
    ndarray, the broadcast shape

    Examples
    --------
    >>> from core import sigmoid_cross_entropy_with_logits_grad
    >>> sigmoid_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 0.0])
    array([-0.5,  0.5])
    """
    z, x = _labels_and_logits(labels, logits)
    return sigmoid_xent_grad_kernel(z, x)


def weighted_cross_entropy_with_logits_grad(
    labels: ArrayLike, logits: ArrayLike, pos_weight: ArrayLike
) -> np.ndarray:
    r"""Gradient of :func:`core.weighted_cross_entropy_with_logits` with respect to the logits.

    .. math::

        \frac{\partial \ell}{\partial x} = (1 - z) - (1 + (q - 1)z)\,\sigma(-x)

    which is :math:`\sigma(x) - z` when :math:`q = 1`.

    Examples
    --------
    >>> from core import weighted_cross_entropy_with_logits_grad
    >>> weighted_cross_entropy_with_logits_grad([1.0], [0.0], pos_weight=3.0)
    array([-1.5])
    """
    z, x = _labels_and_logits(labels, logits)
    q = as_float_array(pos_weight, "pos_weight", x.dtype)
    check_no_nan(q, "pos_weight")
    broadcast_shape((z, "labels"), (x, "logits"), (q, "pos_weight"))
    return weighted_xent_grad_kernel(z, x, q)


def softmax_cross_entropy_with_logits_grad(
    labels: ArrayLike, logits: ArrayLike, axis: int = -1
) -> np.ndarray:
    r"""Gradient of :func:`core.softmax_cross_entropy_with_logits` with respect to the logits.

    .. math::

        \frac{\partial \ell}{\partial x_i} = q_i \sum_j p_j - p_i,
        \qquad q = \operatorname{softmax}(x)

    For labels that sum to 1 this is TensorFlow's :math:`q_i - p_i`; for
    unnormalised labels it is the exact derivative of the loss TensorFlow
    returns.

    Returns
    -------
    ndarray, the broadcast shape (..., K)

    Examples
    --------
    >>> from core import softmax_cross_entropy_with_logits_grad
    >>> softmax_cross_entropy_with_logits_grad([0.0, 1.0], [0.0, 0.0])
    array([ 0.5, -0.5])
    """
    z, x = _labels_and_logits(labels, logits, check_nan=False)
    stand_in = np.broadcast_to(np.False_, broadcast_shape((z, "labels"), (x, "logits")))
    axis = check_axis(stand_in, axis, "logits")
    check_class_axis_nonempty(stand_in, axis, "logits")
    grad = softmax_xent_kernel(z, x, axis, want_grad=True)[1]
    assert grad is not None
    return grad


def sparse_softmax_cross_entropy_with_logits_grad(
    labels: ArrayLike, logits: ArrayLike
) -> np.ndarray:
    r"""Gradient of :func:`core.sparse_softmax_cross_entropy_with_logits`.

    .. math::

        \frac{\partial \ell}{\partial x_i} = q_i - [i = y]

    Examples
    --------
    >>> from core import sparse_softmax_cross_entropy_with_logits_grad
    >>> sparse_softmax_cross_entropy_with_logits_grad(0, [0.0, 0.0])
    array([-0.5,  0.5])
    """
    idx, x = _sparse_args(labels, logits)
    grad = sparse_softmax_xent_kernel(idx, x, want_grad=True)[1]
    assert grad is not None
    return grad


def softmax_mean_squared_error_grad(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Gradient of the mean over classes of :math:`(\mathrm{softmax}(x)_i - p_i)^2`,
    :func:`core.softmax_mean_squared_error`, with respect to the logits.

    .. math::

        L = \frac{1}{K}\sum_i (q_i - p_i)^2, \qquad
        \frac{\partial L}{\partial x_j}
            = \frac{2}{K}\, q_j \Big((q_j - p_j) - \sum_i (q_i - p_i)\, q_i\Big)

    The factor :math:`q_j` (and the softmax Jacobian behind it) makes the
    gradient vanish when the softmax saturates, even at a wrong answer.

    Parameters
    ----------
    labels : array_like, shape (..., K)
        Target distribution :math:`p`.
    logits : array_like, shape (..., K)
        Logits; the class axis is last.

    Returns
    -------
    ndarray, the broadcast shape (..., K)

    Examples
    --------
    >>> from core import softmax_mean_squared_error_grad
    >>> softmax_mean_squared_error_grad([0.0, 1.0], [0.0, 0.0])
    array([ 0.25, -0.25])
    """
    z, x = _labels_and_logits(labels, logits)
    stand_in = np.broadcast_to(np.False_, broadcast_shape((z, "labels"), (x, "logits")))
    check_class_axis_nonempty(stand_in, check_axis(stand_in, -1, "logits"), "logits")
    return softmax_mse_grad_kernel(z, np.broadcast_to(softmax_kernel(x), stand_in.shape))


def sigmoid_squared_error_grad(labels: ArrayLike, logits: ArrayLike) -> np.ndarray:
    r"""Gradient of :math:`(\sigma(x) - z)^2` per element.

    .. math::

        \frac{\partial}{\partial x}(\sigma(x) - z)^2 = 2(\sigma(x) - z)\,\sigma(x)(1 - \sigma(x))

    Examples
    --------
    >>> from core import sigmoid_squared_error_grad
    >>> sigmoid_squared_error_grad([1.0], [0.0])
    array([-0.25])
    >>> float(sigmoid_squared_error_grad([1.0], [-20.0])[0])  # confidently wrong, yet ~0
    -4.122e-09
    """
    z, x = _labels_and_logits(labels, logits)
    s = sigmoid(x)
    return 2 * (s - z) * s * sigmoid(-x)
