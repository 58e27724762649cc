r"""One call that computes everything the explorer window shows.

:func:`evaluate` takes the explorer's inputs (logits, the target, the problem
type, the temperature and the loss with its options) and returns one immutable
:class:`ExplorerResult`: the output probabilities q, H(p), H(p,q), KL(p‖q) and
MSE with their per-class terms, the gradients with respect to the logits, the
selected TensorFlow loss with its per-class terms, its floor and its value
under every reduction, the equivalences the window checks, the pitfalls, and a
sweep of the loss and of MSE as one logit varies. The sweep is one batched
NumPy computation, not a loop.

Problem types (the output activation):

* ``"multiclass"``: K logits, :math:`q = \mathrm{softmax}(z/T)`, p a class
  index or a distribution.
* ``"binary"``: one logit, :math:`\sigma(z/T)`, a target :math:`y \in [0, 1]`.
  The window shows the two outcomes: :math:`q = [1 - \sigma, \sigma]` against
  :math:`p = [1 - y, y]`; H, H(p,q), KL and MSE are those of these two-outcome
  distributions (the same numbers as a 2-class softmax of :math:`[0, z]`).
* ``"multilabel"``: K independent sigmoids, :math:`q_i = \sigma(z_i/T)`, a target
  :math:`t_i \in [0, 1]` per class (they need not sum to 1). H, H(p,q) and KL
  are sums over the classes of the Bernoulli terms of
  :math:`[1 - t_i, t_i]` against :math:`[1 - q_i, q_i]`; MSE is the mean of
  :math:`(q_i - t_i)^2`.

It holds no mathematics of its own: the activations, the information terms and
the MSE come from the kernels of :mod:`core.activations`,
:mod:`core.information`, :mod:`core.losses` and :mod:`core.gradients`, the
selected loss from its entry in :mod:`core.registry` (no per-loss code here),
and the pitfalls from :mod:`core.pitfalls`.

The temperature divides the logits before every computation, losses
included: with :math:`x = z / T`, every gradient is with respect to the raw
logits :math:`z` (so it carries a factor :math:`1/T`).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_no_nan, check_probabilities, check_temperature
from .activations import (
    logsumexp,
    max_shift,
    sigmoid,
    softmax,
    softmax_from_shifted,
    softmax_naive,
)
from .gradients import softmax_mse_grad_kernel, softmax_xent_grad_from_probs
from .information import cross_entropy_terms_from_log_q, entropy_terms, kl_terms_from_log_q
from .losses import (
    Reduction,
    compute_weighted_loss,
    log_sigmoid_pair_kernel,
    smooth_labels,
    softmax_cross_entropy_with_logits,
    sparse_softmax_cross_entropy_with_logits,
    squared_error_mean_kernel,
    squared_error_terms,
)
from .pitfalls import Pitfalls, evaluate_pitfalls
from .registry import LOSSES, PROBLEM_TYPES, LossKind, LossOptions, LossSpec

__all__ = ["LossKind", "ExplorerResult", "evaluate", "LN2", "DEFAULT_LOSS"]

LN2 = math.log(2.0)

#: The loss of each problem type when none is named: the ``tf.nn`` cross-entropy.
DEFAULT_LOSS = MappingProxyType(
    {
        "binary": LossKind.SIGMOID_XENT,
        "multiclass": LossKind.SOFTMAX_XENT,
        "multilabel": LossKind.SIGMOID_XENT,
    }
)


@dataclass(frozen=True, eq=False)
class ExplorerResult:
    """Everything derived from one explorer state. Arrays are read-only.

    Information quantities are in nats; the ``*_bits`` properties convert.
    "Per output" arrays have the window's shape: K classes (multiclass,
    multilabel) or the two outcomes [negative, positive] (binary). "Per logit"
    arrays have the logits' shape. Sweep arrays have shape (N,).
    """

    problem_type: str  #: "binary", "multiclass" or "multilabel"
    logits: np.ndarray  #: per logit: the raw logits z
    temperature: float  #: T; every computation uses z / T
    p: np.ndarray  #: per output: the true distribution or targets (one-hot for a class index)
    target_class: int | None  #: the class index, or None for a soft target
    q: np.ndarray  #: per output: softmax(z / T), or the sigmoid probabilities
    p_smoothed: np.ndarray  #: per output: the target the selected loss compares q with
    shifted: np.ndarray  #: per logit: (z − max z) / T for softmax, z / T for sigmoids
    q_naive: np.ndarray  #: per output: the textbook formula without the stability trick
    log_q: np.ndarray  #: per output: log q, finite for finite logits
    two_class_sigmoid: float | None  #: K = 2 or binary: σ of the log-odds
    two_class_softmax: float | None  #: K = 2 or binary: softmax([0, log-odds])₁, the same number
    two_class_log_odds: float | None  #: K = 2: (z₁ − z₀)/T; binary: z/T
    entropy: float  #: H(p)
    cross_entropy: float  #: H(p, q)
    kl: float  #: KL(p ‖ q) = H(p, q) − H(p)
    mse: float  #: mean over the classes (or outputs) of (q − p)²
    entropy_terms: np.ndarray  #: per output: the terms of H(p)
    cross_entropy_terms: np.ndarray  #: per output: the terms of H(p, q)
    kl_terms: np.ndarray  #: per output: the terms of KL(p ‖ q)
    mse_terms: np.ndarray  #: per output: the terms of MSE
    grad_ce: np.ndarray  #: per logit: ∂H(p, q)/∂z
    grad_mse: np.ndarray  #: per logit: ∂MSE/∂z
    loss_kind: LossKind  #: the selected loss
    loss: float  #: its value for this one example, exactly as TensorFlow, nats
    grad_loss: np.ndarray  #: per logit: ∂loss/∂z
    loss_terms: np.ndarray  #: per output: where the loss comes from; sums to ``loss``
    loss_terms_split: np.ndarray  #: per logit × [negative label, positive label]
    loss_factor: float  #: the weight and reduction's factor on the sum of the elements
    loss_floor: float | None  #: the smallest value the loss can approach for this target
    reductions: Mapping[str, float]  #: compat.v1 losses: the value under every reduction
    sparse_loss: float | None  #: class index: the sparse tf.nn loss ...
    onehot_loss: float | None  #: ... and the dense one of the one-hot p (equal)
    label_smoothing: float
    pos_weight: float
    weight: float
    reduction: Reduction
    pitfalls: Pitfalls  #: the three pitfalls' right and wrong numbers
    sweep_class: int  #: the logit that the sweep varies
    sweep_z: np.ndarray  #: (N,) its values
    sweep_loss: np.ndarray  #: (N,) the selected loss along the sweep
    sweep_loss_grad: np.ndarray  #: (N,) ∂loss/∂z_c along the sweep
    sweep_mse: np.ndarray  #: (N,) MSE along the sweep
    sweep_mse_grad: np.ndarray  #: (N,) ∂MSE/∂z_c along the sweep
    sweep_kl: np.ndarray  #: (N,) KL(p ‖ q) along the sweep, nats
    #: the log-odds x of class c's output, q_c = σ(x): x_c for sigmoids,
    #: x_c − log Σ_{k≠c} e^{x_k} under a softmax (x = z/T)
    selected_log_odds: float

    def __post_init__(self) -> None:
        # Views share state with the model; nobody may edit them in place.
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False

    @property
    def num_classes(self) -> int:
        """The number of outputs the window shows (2 for binary: the two outcomes)."""
        return int(self.q.shape[-1])

    @property
    def num_logits(self) -> int:
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
    def sigmoid_outputs(self) -> bool:
        """True for binary and multilabel: independent sigmoids, q need not sum to 1."""
        return self.problem_type != "multiclass"

    @property
    def smoothing_applied(self) -> bool:
        """True when the selected loss smooths its labels (it takes label smoothing, s > 0)."""
        return "label_smoothing" in self.loss_spec.options and self.label_smoothing > 0

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


def _problem_type(problem_type: str, k: int) -> str:
    if problem_type not in PROBLEM_TYPES:
        raise ValueError(f"problem_type must be one of {PROBLEM_TYPES}, got {problem_type!r}")
    if problem_type == "binary" and k != 1:
        raise ValueError(f"a binary problem has one logit, got {k}")
    return problem_type


def evaluate(
    logits: ArrayLike,
    target: int | ArrayLike,
    temperature: float = 1.0,
    *,
    problem_type: str = "multiclass",
    loss: LossKind | str | None = None,
    label_smoothing: float = 0.0,
    pos_weight: float = 1.0,
    weight: float = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
    dtype: str = "float64",
    sweep_class: int | None = None,
    sweep_range: tuple[float, float] = (-10.0, 10.0),
    sweep_points: int = 256,
) -> ExplorerResult:
    r"""Compute every quantity the explorer shows for one state.

    With :math:`x = z / T`, the output probabilities q (see the module's
    problem types) and the target distribution :math:`p`:

    .. math::

        H(p) = -\sum_i p_i \log p_i, \quad
        H(p, q) = -\sum_i p_i \log q_i, \quad
        \mathrm{KL}(p \| q) = \sum_i p_i \log \frac{p_i}{q_i}, \quad
        \mathrm{MSE} = \frac{1}{K} \sum_i (q_i - p_i)^2

    (for sigmoid outputs, sums of the per-output Bernoulli terms) and the
    selected loss, computed by its registry entry
    (:meth:`core.LossSpec.value_and_grad`). Every gradient is with respect to
    the raw logits :math:`z`, so it carries a factor :math:`1/T`.

    Parameters
    ----------
    logits : array_like, shape (K,)
        The logits :math:`z`: K ≥ 1, exactly 1 for a binary problem.
    target : int or array_like of shape (K,)
        A class index (p is then one-hot), or the target: a distribution
        (multiclass; non-negative, used as given even if it does not sum to 1)
        or one value in [0, 1] per logit (binary, multilabel).
    temperature : float, optional
        :math:`T > 0`; every computation uses :math:`x = z / T`.
    problem_type : {"multiclass", "binary", "multilabel"}, optional
        The output activation: softmax, one sigmoid, K sigmoids.
    loss : LossKind or str, optional
        The loss reported as ``loss``: a key of :data:`core.LOSSES` (a member
        or its TensorFlow name) that suits the problem type; by default its
        ``tf.nn`` cross-entropy. Its value is that of one example exactly as
        TensorFlow computes it (nats): for a ``tf.nn`` sigmoid function the
        mean of its K per-output values, for a ``tf.compat.v1.losses`` one
        with ``weight`` and ``reduction`` (for ``"none"``, the mean of the
        weighted values it returns).
    label_smoothing, pos_weight, weight : float, optional
        The options of the losses whose entry lists them.
    reduction : Reduction or str, optional
        TensorFlow's reduction string, for the ``tf.compat.v1.losses``.
    dtype : {"float64", "float32"}, optional
        The precision of the pitfalls (everything else is float64).
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
        Read-only arrays.

    Raises
    ------
    ValueError
        For any invalid argument, naming it; a loss that does not suit the
        problem type; a sparse loss without a class index.

    Notes
    -----
    The state and the N sweep points are N + 1 rows of one batched NumPy
    computation, not a loop. Stability: the softmax is taken of the
    max-shifted rows and log σ from :math:`-|x|`, so :math:`\log q` is finite
    for finite logits; the per-class terms use ``0 · log 0 = 0``; no
    RuntimeWarning escapes for finite input.

    Examples
    --------
    >>> from core import evaluate
    >>> r = evaluate([2.0, 1.0, 0.1], 0)
    >>> round(r.cross_entropy, 4), round(r.kl, 4), r.entropy
    (0.417, 0.417, 0.0)
    >>> r.sweep_z.shape, r.sweep_loss.shape
    ((256,), (256,))
    >>> b = evaluate([0.0], [1.0], problem_type="binary")
    >>> b.q.tolist(), round(b.loss, 4)  # σ(0) = 1/2 and log 2
    ([0.5, 0.5], 0.6931)
    """
    z = as_float_array(logits, "logits")
    if z.ndim != 1 or z.shape[0] < 1:
        raise ValueError(f"logits must be a 1-d array with at least one class, got {z.shape}")
    check_no_nan(z, "logits")
    k = z.shape[0]
    ptype = _problem_type(problem_type, k)
    t = check_temperature(temperature)
    spec = LOSSES[LossKind.parse(DEFAULT_LOSS[ptype] if loss is None else loss)]
    if ptype not in spec.problem_types:
        suits = " or ".join(sorted(spec.problem_types))
        raise ValueError(f"loss {spec.tf_name} suits {suits} problems, not {ptype}")
    given = LossOptions(label_smoothing, pos_weight, weight, reduction)
    options = spec.own_options(given)  # what the loss reads: the others at neutral values
    p, target_class = _target(target, k, z.dtype)
    sigmoids = ptype != "multiclass"
    if sigmoids and (p > 1).any():
        raise ValueError("target values of sigmoid outputs must lie in [0, 1]")
    if spec.needs_class_index and target_class is None:
        raise ValueError(f"loss {spec.tf_name} needs a class-index target")
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
    # computes the outputs, MSE, the selected loss and their gradients for all of them.
    sweep_z = np.linspace(lo, hi, n, dtype=z.dtype)
    x = np.empty((n + 1, k), dtype=z.dtype)
    x[:] = z
    x[1:, sweep_class] = sweep_z
    activation = "sigmoid" if sigmoids else "softmax"
    rows = _rows(x, p, t, spec, options, sigmoids)
    loss_x, mse_all, grad_mse_all = rows.x, rows.mse, rows.grad_mse
    loss_all, grad_loss_all = rows.loss, rows.grad_loss
    two_sigmoid = two_softmax = log_odds = None
    if not sigmoids:
        q_all, log_q_all = rows.q, rows.log_q
        q, log_q, p_shown = q_all[0], log_q_all[0], p
        with np.errstate(over="ignore"):
            q_naive = softmax_naive(z / t if t != 1.0 else z)
            # With two classes softmax is the sigmoid of the logit difference (the log-odds).
            log_odds = float((z[1] - z[0]) / t) if k == 2 else None
        if log_odds is not None:
            two_sigmoid, two_softmax = float(sigmoid(log_odds)), float(q[1])
        h_terms = entropy_terms(p)
        # From log q, not q: 0·log 0 = 0 even where q underflowed (logits near the float limit).
        ce_terms = cross_entropy_terms_from_log_q(p, log_q)
        kl_terms = kl_terms_from_log_q(p, log_q)
        with np.errstate(over="ignore"):
            sweep_kl = kl_terms_from_log_q(p, log_q_all[1:]).sum(-1)
        mse_terms = squared_error_terms(p, q)
        grad_ce = _divided(softmax_xent_grad_from_probs(p, q), t)
        # q_c = σ(x_c − log Σ_{k≠c} e^{x_k}): softmax is a sigmoid of class c's log-odds.
        rest = np.delete(loss_x[0], sweep_class)
        selected_log_odds = float(loss_x[0, sweep_class] - logsumexp(rest)) if k > 1 else math.inf
    else:
        sig_all = rows.q
        r = sig_all - p
        # Each output is a two-outcome distribution: [1 − t, t] against [1 − σ, σ].
        pairs = np.stack([1 - p, p], axis=-1)
        log_pairs_all = log_sigmoid_pair_kernel(loss_x)
        log_pairs = log_pairs_all[0]
        h2 = entropy_terms(pairs)
        ce2 = cross_entropy_terms_from_log_q(pairs, log_pairs)
        kl2 = kl_terms_from_log_q(pairs, log_pairs)
        with np.errstate(over="ignore"):
            sweep_kl = kl_terms_from_log_q(pairs, log_pairs_all[1:]).sum((-1, -2))
            naive = 1 / (1 + np.exp(-loss_x[0]))
        if ptype == "binary":
            p_shown, q = pairs[0], np.array([sigmoid(-loss_x[0, 0]), sig_all[0, 0]])
            log_q, q_naive = log_pairs[0], np.array([1 - naive[0], naive[0]])
            h_terms, ce_terms, kl_terms = h2[0], ce2[0], kl2[0]
            mse_terms = np.full(2, mse_all[0] / 2)
            log_odds = float(loss_x[0, 0])
            # softmax([0, z]/T), shifted before the division: z/T itself may overflow
            two_sigmoid, two_softmax = float(q[1]), float(softmax([0.0, z[0]], temperature=t)[1])
        else:
            p_shown, q, log_q, q_naive = p, sig_all[0].copy(), log_pairs[:, 1].copy(), naive
            h_terms, ce_terms, kl_terms = h2.sum(-1), ce2.sum(-1), kl2.sum(-1)
            mse_terms = squared_error_terms(p, q)
        grad_ce = _divided(r[0].copy(), t)
        selected_log_odds = float(loss_x[0, sweep_class])

    # The selected loss's extras, through its registry entry.
    factor = spec.factor(options, k)
    raw_terms = spec.terms(p, loss_x[0], options, activation)  # (K, 2), before the factor
    with np.errstate(over="ignore", invalid="ignore"):
        split = raw_terms * factor
    shown_terms = split[0] if ptype == "binary" else split.sum(-1)
    floor = spec.floor(p, options, activation)
    reductions = _reductions(spec, raw_terms, options)
    p_smoothed = smooth_labels(p_shown, options.label_smoothing, k if not sigmoids else 2)
    sparse_loss = onehot_loss = None
    if target_class is not None and not sigmoids:
        xt = loss_x[0]  # (z − max z)/T: z/T may overflow, and softmax losses ignore the shift
        sparse_loss = float(sparse_softmax_cross_entropy_with_logits(target_class, xt))
        onehot_loss = float(softmax_cross_entropy_with_logits(p, xt))

    with np.errstate(over="ignore"):  # terms near the float limit may sum to inf
        h, ce, kl = float(h_terms.sum()), float(ce_terms.sum()), float(kl_terms.sum())
    return ExplorerResult(
        problem_type=ptype,
        logits=z.copy(),
        temperature=t,
        p=p_shown if p_shown is not p else p,
        target_class=target_class,
        q=q,
        p_smoothed=np.array(p_smoothed, dtype=z.dtype),
        shifted=loss_x[0].copy(),
        q_naive=q_naive,
        log_q=log_q,
        two_class_sigmoid=two_sigmoid,
        two_class_softmax=two_softmax,
        two_class_log_odds=log_odds,
        entropy=h,
        cross_entropy=ce,
        kl=kl,
        mse=float(mse_all[0]),
        entropy_terms=h_terms,
        cross_entropy_terms=ce_terms,
        kl_terms=kl_terms,
        mse_terms=mse_terms,
        grad_ce=grad_ce,
        grad_mse=grad_mse_all[0],
        loss_kind=spec.kind,
        loss=float(loss_all[0]),
        grad_loss=grad_loss_all[0],
        loss_terms=np.array(shown_terms),
        loss_terms_split=split,
        loss_factor=factor,
        # A negative factor (a negative weight) turns the floor into a ceiling: no floor.
        loss_floor=None if floor is None or factor < 0 else floor * factor,
        reductions=reductions,
        sparse_loss=sparse_loss,
        onehot_loss=onehot_loss,
        label_smoothing=given.label_smoothing,
        pos_weight=given.pos_weight,
        weight=given.weight,
        reduction=given.reduction,
        pitfalls=evaluate_pitfalls(z, p, t, ptype, dtype),
        sweep_class=sweep_class,
        sweep_z=sweep_z,
        sweep_loss=loss_all[1:],
        sweep_loss_grad=grad_loss_all[1:, sweep_class],
        sweep_mse=mse_all[1:],
        sweep_mse_grad=grad_mse_all[1:, sweep_class],
        sweep_kl=sweep_kl,
        selected_log_odds=selected_log_odds,
    )


def _reductions(spec: LossSpec, raw_terms: np.ndarray, options: LossOptions) -> Mapping[str, float]:
    """A ``tf.compat.v1.losses`` loss under every reduction, worked out by
    :func:`core.compute_weighted_loss` from the per-element losses and the weight.
    For ``none`` (E weighted values) the mean, the one number the window shows."""
    if not spec.compat_v1:
        return MappingProxyType({})
    out = {}
    # Elements near the float limit: sums overflow to inf and inf·0 is nan, quietly.
    with np.errstate(over="ignore", invalid="ignore"):
        per_class = raw_terms.sum(-1)
        elements = per_class if spec.elementwise else per_class.sum(keepdims=True)
        for red in Reduction:
            value = compute_weighted_loss(elements, options.weight, red)
            out[red.value] = float(np.mean(value))
    return MappingProxyType(out)


@dataclass(frozen=True, eq=False)
class Rows:
    """The outputs, MSE and the selected loss with their gradients for N rows of logits."""

    x: np.ndarray  #: (N, K) what the loss is given: (z − max z)/T for softmax, z/T for sigmoids
    q: np.ndarray  #: (N, K) softmax(z/T) or σ(z/T)
    log_q: np.ndarray | None  #: (N, K) log softmax (None for sigmoid outputs)
    mse: np.ndarray  #: (N,) mean over the outputs of (q − p)²
    grad_mse: np.ndarray  #: (N, K) ∂MSE/∂z
    loss: np.ndarray  #: (N,) the selected loss, exactly as TensorFlow
    grad_loss: np.ndarray  #: (N, K) ∂loss/∂z


def _rows(
    z: np.ndarray, p: np.ndarray, t: float, spec: LossSpec, options: LossOptions, sigmoids: bool
) -> Rows:
    """Everything per row that :func:`evaluate` and :func:`core.landscape.descend` need,
    for the rows ``z`` (N, K) of raw logits in one batched pass. Gradients are with
    respect to the raw logits (÷ T)."""
    k = z.shape[-1]
    log_q = None
    if not sigmoids:
        x = max_shift(z, -1, t)[0]  # (z - max z) / T: shifted first, so z / T cannot overflow
        q, log_q = softmax_from_shifted(x)
        mse = squared_error_mean_kernel(p, q)
        grad_mse = _divided(softmax_mse_grad_kernel(p, q), t)  # d/dz = (d/dx) / T
    else:
        x = _divided(np.array(z, dtype=z.dtype), t)
        q = sigmoid(x)
        mse = squared_error_mean_kernel(p, q)
        grad_mse = _divided(2 * (q - p) * q * sigmoid(-x) / k, t)
    loss, grad_loss = spec.value_and_grad(p, x, options, "sigmoid" if sigmoids else "softmax")
    grad_loss = _divided(np.array(grad_loss, dtype=z.dtype), t)
    return Rows(x, q, log_q, mse, grad_mse, loss, grad_loss)


def _divided(x: np.ndarray, t: float) -> np.ndarray:
    """``x / T``, in place: ``x`` is a new array of evaluate's own. Near the float limit
    the quotient may be ±inf (no warning)."""
    if t != 1.0:
        with np.errstate(over="ignore"):
            x /= t
    return x
