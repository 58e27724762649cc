r"""One call that computes everything the explorer window shows.

:func:`evaluate` takes the explorer's inputs (logits, the target as a class
index or a distribution, the temperature and the loss options) and returns one
immutable :class:`ExplorerResult`: q and log q, H(p), H(p,q), KL(p‖q) and MSE
with their per-class terms, the gradients with respect to the logits, the
selected TensorFlow loss, and a sweep of that loss and of MSE as one logit
varies. The sweep is one batched NumPy computation, not a loop.

It holds no mathematics of its own: the softmax, the information terms and
the MSE come from the kernels of :mod:`core.activations`,
:mod:`core.information`, :mod:`core.losses` and :mod:`core.gradients`, and the
selected loss from its entry in :mod:`core.registry` (no per-loss code here).

The temperature divides the logits before every computation, losses
included: with :math:`x = z / T`, :math:`q = \mathrm{softmax}(x)` and every
gradient is with respect to the raw logits :math:`z` (so it carries a factor
:math:`1/T`).
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_no_nan, check_probabilities, check_temperature
from .activations import max_shift, sigmoid, softmax_from_shifted, softmax_naive
from .gradients import softmax_mse_grad_kernel, softmax_xent_grad_from_probs
from .information import cross_entropy_terms_from_log_q, entropy_terms, kl_terms_from_log_q
from .losses import squared_error_mean_kernel, squared_error_terms
from .registry import LOSSES, LossKind, LossOptions, LossSpec

__all__ = ["LossKind", "ExplorerResult", "evaluate", "LN2"]

LN2 = math.log(2.0)


@dataclass(frozen=True, eq=False)
class ExplorerResult:
    """Everything derived from one explorer state. Arrays are read-only.

    Information quantities are in nats; the ``*_bits`` properties convert.
    Arrays of shape (K,) are per class; sweep arrays have shape (N,).
    """

    logits: np.ndarray  #: (K,) the raw logits z
    temperature: float  #: T; every computation uses z / T
    p: np.ndarray  #: (K,) the true distribution (one-hot for a class index)
    target_class: int | None  #: the class index, or None for a soft target
    q: np.ndarray  #: (K,) softmax(z / T)
    shifted: np.ndarray  #: (K,) (z − max z) / T, what the max-shift trick exponentiates
    q_naive: np.ndarray  #: (K,) the textbook exp/Σexp without the shift (may be nan)
    log_q: np.ndarray  #: (K,) log_softmax(z / T), finite for finite logits
    two_class_sigmoid: float | None  #: K = 2 only: σ((z₁ − z₀)/T), which equals q₁
    two_class_log_odds: float | None  #: K = 2 only: ln(q₁/q₀) = (z₁ − z₀)/T
    entropy: float  #: H(p)
    cross_entropy: float  #: H(p, q)
    kl: float  #: KL(p ‖ q) = H(p, q) − H(p)
    mse: float  #: mean over classes of (q_i − p_i)²
    entropy_terms: np.ndarray  #: (K,) −p_i log p_i
    cross_entropy_terms: np.ndarray  #: (K,) −p_i log q_i
    kl_terms: np.ndarray  #: (K,) p_i log(p_i / q_i)
    mse_terms: np.ndarray  #: (K,) (q_i − p_i)² / K
    grad_ce: np.ndarray  #: (K,) ∂H(p, q)/∂z
    grad_mse: np.ndarray  #: (K,) ∂MSE/∂z
    loss_kind: LossKind  #: the selected loss
    loss: float  #: its value for this one example, exactly as TensorFlow, nats
    grad_loss: np.ndarray  #: (K,) ∂loss/∂z
    label_smoothing: float
    pos_weight: float
    sweep_class: int  #: the logit that the sweep varies
    sweep_z: np.ndarray  #: (N,) its values
    sweep_loss: np.ndarray  #: (N,) the selected loss along the sweep
    sweep_loss_grad: np.ndarray  #: (N,) ∂loss/∂z_c along the sweep
    sweep_mse: np.ndarray  #: (N,) MSE along the sweep
    sweep_mse_grad: np.ndarray  #: (N,) ∂MSE/∂z_c along the sweep

    def __post_init__(self) -> None:
        # Views share state with the model; nobody may edit them in place.
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False

    @property
    def num_classes(self) -> int:
        return int(self.logits.shape[-1])

    @property
    def entropy_bits(self) -> float:
        return self.entropy / LN2

    @property
    def cross_entropy_bits(self) -> float:
        return self.cross_entropy / LN2

    @property
    def kl_bits(self) -> float:
        return self.kl / LN2

    @property
    def naive_overflows(self) -> bool:
        """True when the unshifted softmax breaks down (inf/inf = nan, or 0/0)."""
        return not bool(np.isfinite(self.q_naive).all()) or not self.q_naive.sum() > 0

    @property
    def p_sum(self) -> float:
        return float(self.p.sum())

    @property
    def loss_spec(self) -> LossSpec:
        """The registry entry of the selected loss (its TensorFlow name, label, tip, ...)."""
        return LOSSES[self.loss_kind]


def _target(target: int | ArrayLike, k: int, dtype: np.dtype) -> tuple[np.ndarray, int | None]:
    """The target as a distribution p of shape (K,), and its class index if it has one."""
    if isinstance(target, (int, np.integer)) and not isinstance(target, bool):
        idx = operator.index(target)
        if not 0 <= idx < k:
            raise ValueError(f"target class must be in [0, {k}), got {idx}")
        p = np.zeros(k, dtype=dtype)
        p[idx] = 1
        return p, idx
    p = as_float_array(target, "target", dtype).copy()  # the result owns (and freezes) it
    if p.shape != (k,):
        raise ValueError(
            f"shape mismatch: target {p.shape} must be a class index or have the logits' "
            f"shape ({k},)"
        )
    check_probabilities(p, "target")
    return p, None


def evaluate(
    logits: ArrayLike,
    target: int | ArrayLike,
    temperature: float = 1.0,
    *,
    loss: LossKind | str = LossKind.SOFTMAX,
    label_smoothing: float = 0.0,
    pos_weight: float = 1.0,
    sweep_class: int | None = None,
    sweep_range: tuple[float, float] = (-10.0, 10.0),
    sweep_points: int = 256,
) -> ExplorerResult:
    r"""Compute every quantity the explorer shows for one state.

    With :math:`x = z / T`, :math:`q = \mathrm{softmax}(x)` and the target
    distribution :math:`p`:

    .. math::

        H(p) = -\sum_i p_i \log p_i, \quad
        H(p, q) = -\sum_i p_i \log q_i, \quad
        \mathrm{KL}(p \| q) = \sum_i p_i \log \frac{p_i}{q_i}, \quad
        \mathrm{MSE} = \frac{1}{K} \sum_i (q_i - p_i)^2

    and the selected loss, computed by its registry entry
    (:attr:`core.LossSpec.value_and_grad`). Every gradient is with respect to
    the raw logits :math:`z`, so it carries a factor :math:`1/T`.

    Parameters
    ----------
    logits : array_like, shape (K,)
        The logits :math:`z`, K ≥ 1.
    target : int or array_like of shape (K,)
        A class index (p is then one-hot) or a distribution p (non-negative;
        used as given, even if it does not sum to 1).
    temperature : float, optional
        :math:`T > 0`; every computation uses :math:`x = z / T`.
    loss : LossKind or str, optional
        The loss reported as ``loss``: a key of :data:`core.LOSSES` (a member
        or its value, e.g. ``"softmax_cross_entropy"``), for this one example
        exactly as TensorFlow computes it (nats). The sigmoid losses treat the
        K classes as K binary problems and report the mean over them, as
        ``tf.compat.v1.losses.sigmoid_cross_entropy`` reduces one example;
        ``mean_squared_error`` is that of the softmax probabilities. A loss
        whose entry ``needs_class_index`` (the sparse one) needs a class-index
        ``target``.
    label_smoothing : float, optional
        In [0, 1]; used by the losses whose entry lists ``"label_smoothing"``
        in its ``options``.
    pos_weight : float, optional
        Finite; used by the losses whose entry lists ``"pos_weight"``.
    sweep_class : int, optional
        The logit the sweep varies; by default the target class (or the
        largest p_i).
    sweep_range : (float, float), optional
        The swept values of that logit, inclusive.
    sweep_points : int, optional
        Number of sweep points N ≥ 2.

    Returns
    -------
    ExplorerResult
        Arrays of shape (K,) for the state, (N,) for the sweep; read-only.

    Raises
    ------
    ValueError
        For any invalid argument, naming it.

    Notes
    -----
    The state and the N sweep points are N + 1 rows of one batched NumPy
    computation, not a loop. Stability: the softmax is taken of the
    max-shifted rows, so :math:`\log q` is finite for finite logits; the
    per-class terms use ``0 · log 0 = 0``; no RuntimeWarning escapes for
    finite input.

    Examples
    --------
    >>> from core import evaluate
    >>> r = evaluate([2.0, 1.0, 0.1], 0)
    >>> round(r.cross_entropy, 4), round(r.kl, 4), r.entropy
    (0.417, 0.417, 0.0)
    >>> r.sweep_z.shape, r.sweep_loss.shape
    ((256,), (256,))
    >>> round(evaluate([0.0, 0.0], 1, loss="sigmoid_cross_entropy").loss, 4)  # log 2
    0.6931
    """
    z = as_float_array(logits, "logits")
    if z.ndim != 1 or z.shape[0] < 1:
        raise ValueError(f"logits must be a 1-d array with at least one class, got {z.shape}")
    check_no_nan(z, "logits")
    k = z.shape[0]
    t = check_temperature(temperature)
    spec = LOSSES[LossKind.parse(loss)]
    options = LossOptions(label_smoothing=label_smoothing, pos_weight=pos_weight)
    p, target_class = _target(target, k, z.dtype)
    if spec.needs_class_index and target_class is None:
        raise ValueError(f"loss {spec.kind.value!r} needs a class-index target")
    if sweep_class is None:
        sweep_class = target_class if target_class is not None else int(np.argmax(p))
    if not 0 <= sweep_class < k:
        raise ValueError(f"sweep_class must be in [0, {k}), got {sweep_class}")
    n = operator.index(sweep_points)
    if n < 2:
        raise ValueError(f"sweep_points must be at least 2, got {n}")
    lo, hi = (float(v) for v in sweep_range)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"sweep_range must be two finite numbers, low < high; got {sweep_range}")

    # Row 0 is the state itself; rows 1..N are the sweep. One batched pass
    # computes q, MSE, the selected loss and their gradients for all of them.
    sweep_z = np.linspace(lo, hi, n, dtype=z.dtype)
    x = np.empty((n + 1, k), dtype=z.dtype)
    x[:] = z
    x[1:, sweep_class] = sweep_z
    s = max_shift(x, -1, t)[0]  # (z - max z) / T: shifted first, so z / T cannot overflow
    q_all, log_q_all = softmax_from_shifted(s)
    mse_all = squared_error_mean_kernel(p, q_all)
    grad_mse_all = _divided(softmax_mse_grad_kernel(p, q_all), t)  # d/dz = (d/dx) / T
    # The selected loss, through its registry entry.
    loss_all, grad_loss_all = spec.value_and_grad(
        p, s if spec.activation == "softmax" else _divided(x, t), options
    )
    grad_loss_all = _divided(grad_loss_all, t)

    q, log_q = q_all[0], log_q_all[0]
    with np.errstate(over="ignore"):
        q_naive = softmax_naive(z / t if t != 1.0 else z)
        # With two classes softmax is the sigmoid of the logit difference (the log-odds).
        log_odds = float((z[1] - z[0]) / t) if k == 2 else None
    two_class_sigmoid = float(sigmoid(log_odds)) if log_odds is not None else None
    h_terms = entropy_terms(p)
    # From log q, not q: 0·log 0 = 0 even where q underflowed (logits near the float limit).
    ce_terms = cross_entropy_terms_from_log_q(p, log_q)
    kl_terms = kl_terms_from_log_q(p, log_q)
    with np.errstate(over="ignore"):  # terms near the float limit may sum to inf
        h, ce, kl = float(h_terms.sum()), float(ce_terms.sum()), float(kl_terms.sum())
    return ExplorerResult(
        logits=z.copy(),
        temperature=t,
        p=p,
        target_class=target_class,
        q=q,
        shifted=s[0].copy(),
        q_naive=q_naive,
        log_q=log_q,
        two_class_sigmoid=two_class_sigmoid,
        two_class_log_odds=log_odds,
        entropy=h,
        cross_entropy=ce,
        kl=kl,
        mse=float(mse_all[0]),
        entropy_terms=h_terms,
        cross_entropy_terms=ce_terms,
        kl_terms=kl_terms,
        mse_terms=squared_error_terms(p, q),
        grad_ce=_divided(softmax_xent_grad_from_probs(p, q), t),
        grad_mse=grad_mse_all[0],
        loss_kind=spec.kind,
        loss=float(loss_all[0]),
        grad_loss=grad_loss_all[0],
        label_smoothing=options.label_smoothing,
        pos_weight=options.pos_weight,
        sweep_class=sweep_class,
        sweep_z=sweep_z,
        sweep_loss=loss_all[1:],
        sweep_loss_grad=grad_loss_all[1:, sweep_class],
        sweep_mse=mse_all[1:],
        sweep_mse_grad=grad_mse_all[1:, sweep_class],
    )


def _divided(x: np.ndarray, t: float) -> np.ndarray:
    """``x / T``, in place: ``x`` is a new array of evaluate's own. Near the float limit
    the quotient may be ±inf (no warning)."""
    if t != 1.0:
        with np.errstate(over="ignore"):
            x /= t
    return x
