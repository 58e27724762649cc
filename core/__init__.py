"""Logit Lab's numerical core: pure NumPy, no Qt.

Activations, information measures, TensorFlow-compatible losses (``tf.nn`` and
``tf.compat.v1.losses``) and their gradients with respect to the logits, the
loss registry (:data:`LOSSES`: one :class:`LossSpec` per loss the explorer
offers), plus :func:`evaluate`, which computes everything the explorer shows
in one call, and :mod:`core.landscape`: the loss over two logits, gradient
descent, and the sigmoid's curves.

Conventions shared by every function: NumPy broadcasting; the class axis is
the last unless ``axis`` says otherwise; float inputs keep their dtype while
integers and lists compute in float64; ``0 · log 0 = 0``; no RuntimeWarning
escapes for finite input; bad arguments raise ``ValueError`` naming the
argument.
"""

from . import editing
from .activations import log_softmax, logit, logsumexp, sigmoid, softmax, softmax_naive
from .explorer import LN2, ExplorerResult, evaluate
from .gradients import (
    sigmoid_cross_entropy_with_logits_grad,
    sigmoid_squared_error_grad,
    softmax_cross_entropy_with_logits_grad,
    softmax_mean_squared_error_grad,
    sparse_softmax_cross_entropy_with_logits_grad,
    weighted_cross_entropy_with_logits_grad,
)
from .information import cross_entropy, entropy, kl_divergence
from .landscape import Descent, SigmoidCurves, descend, loss_surface, sigmoid_curves
from .losses import (
    Reduction,
    compute_weighted_loss,
    mean_squared_error,
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_with_logits,
    softmax_cross_entropy,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_and_grad,
    softmax_mean_squared_error,
    sparse_softmax_cross_entropy,
    sparse_softmax_cross_entropy_with_logits,
    sparse_softmax_cross_entropy_with_logits_and_grad,
    weighted_cross_entropy_with_logits,
    weighted_loss_factor,
)
from .registry import LOSSES, LossKind, LossOptions, LossSpec, loss_spec

__all__ = [
    # activations
    "sigmoid",
    "logit",
    "softmax",
    "log_softmax",
    "logsumexp",
    "softmax_naive",
    # information
    "entropy",
    "cross_entropy",
    "kl_divergence",
    # tf.nn losses
    "sigmoid_cross_entropy_with_logits",
    "weighted_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits",
    "sparse_softmax_cross_entropy_with_logits",
    "softmax_cross_entropy_with_logits_and_grad",
    "sparse_softmax_cross_entropy_with_logits_and_grad",
    "softmax_mean_squared_error",
    # tf.compat.v1.losses
    "Reduction",
    "compute_weighted_loss",
    "weighted_loss_factor",
    "sigmoid_cross_entropy",
    "softmax_cross_entropy",
    "sparse_softmax_cross_entropy",
    "mean_squared_error",
    # gradients
    "sigmoid_cross_entropy_with_logits_grad",
    "weighted_cross_entropy_with_logits_grad",
    "softmax_cross_entropy_with_logits_grad",
    "sparse_softmax_cross_entropy_with_logits_grad",
    "softmax_mean_squared_error_grad",
    "sigmoid_squared_error_grad",
    # the loss registry
    "LossKind",
    "LossSpec",
    "LossOptions",
    "LOSSES",
    "loss_spec",
    # the explorer's single evaluation
    "ExplorerResult",
    "evaluate",
    "LN2",
    # why cross-entropy trains better: surfaces, descent, the sigmoid's curves
    "loss_surface",
    "descend",
    "Descent",
    "sigmoid_curves",
    "SigmoidCurves",
    # edits the explorer makes to its inputs
    "editing",
]
