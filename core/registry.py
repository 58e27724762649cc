r"""The loss registry: every loss the explorer offers is one :class:`LossSpec` entry.

:data:`LOSSES` maps each :class:`LossKind` to its entry, in display order.
An entry says everything that is particular to its loss: the TensorFlow
function it reproduces (its key: :class:`LossKind`'s values are the full
TensorFlow names), the problem types it suits, the options that apply, the
public functions that reproduce it, whether it reduces over K elements or one
per example, the per-class terms it is made of, its smallest reachable value,
and the text the window shows. :func:`core.evaluate` holds no per-loss code: it
dispatches through the entry.

The entries, in display order (TensorFlow function; problem types; options):

* ``tf.nn.sigmoid_cross_entropy_with_logits``: binary, multilabel; none
  (the mean over the K elements, ``tf.reduce_mean``).
* ``tf.nn.weighted_cross_entropy_with_logits``: binary, multilabel;
  pos_weight (the mean over the K elements).
* ``tf.compat.v1.losses.sigmoid_cross_entropy``: binary, multilabel;
  weights, label_smoothing, reduction.
* ``tf.nn.softmax_cross_entropy_with_logits``: multiclass; none.
* ``tf.compat.v1.losses.softmax_cross_entropy``: multiclass; weights,
  label_smoothing, reduction.
* ``tf.nn.sparse_softmax_cross_entropy_with_logits``: multiclass, class index.
* ``tf.compat.v1.losses.sparse_softmax_cross_entropy``: multiclass, class
  index; weights, reduction.
* ``tf.compat.v1.losses.mean_squared_error`` of the output probabilities
  (softmax for multiclass, sigmoid otherwise): every problem type; weights,
  reduction.

Older scene files named five of them by short names ("softmax_cross_entropy",
…); :meth:`LossKind.parse` still reads those (:data:`LEGACY_NAMES`).

How to add a loss
-----------------
1. Write its mathematics where it belongs: the per-example function in
   :mod:`core.losses` and its gradient in :mod:`core.gradients` (public,
   checked, documented like the others), built on unchecked kernels.
2. Add a member to :class:`LossKind` whose value is the TensorFlow name. It is
   stored in saved scene files, so never change an existing value.
3. Add one :class:`LossSpec` to ``_ENTRIES`` below, at the position it should
   have in the window's list, with a ``summed`` and ``terms`` that compose the
   kernels (see :class:`LossSpec`) and a label and tip wrapped in :func:`N_`;
   and a line to the list above.
4. Add its tests to ``tests/core/test_registry.py``: independent references
   (scipy.special formulas, hand-derived values, finite differences).

Nothing else changes: :func:`core.evaluate`, the option widgets and the loss
list read the entry. A module-level check refuses a registry in which a
:class:`LossKind` has no entry.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from types import MappingProxyType
from typing import Literal

import numpy as np

from ._checks import check_label_smoothing, parse_enum
from .activations import max_shift, sigmoid, softmax_from_shifted, softmax_kernel
from .gradients import (
    sigmoid_cross_entropy_with_logits_grad,
    sigmoid_xent_grad_kernel,
    softmax_cross_entropy_with_logits_grad,
    softmax_mean_squared_error_grad,
    softmax_mse_grad_kernel,
    sparse_softmax_cross_entropy_with_logits_grad,
    weighted_cross_entropy_with_logits_grad,
    weighted_xent_grad_kernel,
)
from .information import cross_entropy_terms_from_log_q, entropy_terms
from .losses import (
    Reduction,
    log_sigmoid_pair_kernel,
    mean_squared_error,
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_with_logits,
    sigmoid_xent_kernel,
    smooth_labels,
    softmax_cross_entropy,
    softmax_cross_entropy_with_logits,
    softmax_mean_squared_error,
    softmax_xent_kernel,
    sparse_softmax_cross_entropy,
    sparse_softmax_cross_entropy_with_logits,
    sparse_softmax_xent_kernel,
    weighted_cross_entropy_with_logits,
    weighted_loss_factor,
    weighted_xent_kernel,
)

__all__ = [
    "N_",
    "LossKind",
    "LossOptions",
    "LossSpec",
    "LOSSES",
    "LEGACY_NAMES",
    "loss_spec",
    "losses_for",
    "PROBLEM_TYPES",
    "OPTION_NAMES",
]


def N_(text: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``text`` for translation without translating it: returns ``text``.

    A translation marker, as in gettext. The app's translation extractor
    collects the string literals passed to ``N_(...)``; the app translates
    them where it shows them. ``core`` itself never translates (it does not
    import Qt).

    Examples
    --------
    >>> N_("softmax cross-entropy")
    'softmax cross-entropy'
    """
    return text


#: Every problem type, in display order: one sigmoid output, a softmax over K
#: classes, K independent sigmoids.
PROBLEM_TYPES = ("binary", "multiclass", "multilabel")

#: Every option an entry may list: ``label_smoothing``, ``pos_weight`` and the
#: scalar ``weights`` and ``reduction`` of the ``tf.compat.v1.losses``.
OPTION_NAMES = frozenset({"label_smoothing", "pos_weight", "weights", "reduction"})

_ACTIVATIONS = ("softmax", "sigmoid")

#: The :class:`LossOptions` field of each option name.
_OPTION_FIELDS = {
    "label_smoothing": "label_smoothing",
    "pos_weight": "pos_weight",
    "weights": "weight",
    "reduction": "reduction",
}


class LossKind(str, Enum):
    """The loss the explorer reports in ``ExplorerResult.loss``.

    The values are the full TensorFlow names; they are stored in saved scene
    files and never change.
    """

    SIGMOID_XENT = "tf.nn.sigmoid_cross_entropy_with_logits"
    WEIGHTED_SIGMOID = "tf.nn.weighted_cross_entropy_with_logits"
    SIGMOID = "tf.compat.v1.losses.sigmoid_cross_entropy"
    SOFTMAX_XENT = "tf.nn.softmax_cross_entropy_with_logits"
    SOFTMAX = "tf.compat.v1.losses.softmax_cross_entropy"
    SPARSE_SOFTMAX_XENT = "tf.nn.sparse_softmax_cross_entropy_with_logits"
    SPARSE_SOFTMAX = "tf.compat.v1.losses.sparse_softmax_cross_entropy"
    MSE = "tf.compat.v1.losses.mean_squared_error"

    @classmethod
    def parse(cls, loss: LossKind | str, name: str = "loss") -> LossKind:
        """The member for ``loss``: a member, its TensorFlow name, or a
        :data:`LEGACY_NAMES` short name; else a ValueError naming ``name``."""
        if isinstance(loss, str) and not isinstance(loss, LossKind) and loss in LEGACY_NAMES:
            return LEGACY_NAMES[loss]
        return parse_enum(cls, loss, name)


#: The short names scene files of version 1 used, and the loss each meant.
LEGACY_NAMES: Mapping[str, LossKind] = MappingProxyType(
    {
        "softmax_cross_entropy": LossKind.SOFTMAX,
        "sparse_softmax_cross_entropy": LossKind.SPARSE_SOFTMAX,
        "sigmoid_cross_entropy": LossKind.SIGMOID,
        "weighted_cross_entropy": LossKind.WEIGHTED_SIGMOID,
        "mean_squared_error": LossKind.MSE,
    }
)


@dataclass(frozen=True)
class LossOptions:
    """The options a loss takes, validated. Each entry reads the ones its
    :attr:`LossSpec.options` lists and ignores the rest.

    Attributes
    ----------
    label_smoothing : float
        :math:`s \\in [0, 1]` (``tf.compat.v1.losses``' ``label_smoothing``).
    pos_weight : float
        Finite; the positive weight of ``tf.nn.weighted_cross_entropy_with_logits``.
    weight : float
        Finite; the scalar ``weights`` of the ``tf.compat.v1.losses``.
    reduction : Reduction
        Their ``reduction`` (a member or its string).

    Raises
    ------
    ValueError
        An option out of its range, naming it.

    Examples
    --------
    >>> LossOptions(label_smoothing=0.1).reduction.value
    'weighted_sum_by_nonzero_weights'
    """

    label_smoothing: float = 0.0
    pos_weight: float = 1.0
    weight: float = 1.0
    reduction: Reduction = Reduction.SUM_BY_NONZERO_WEIGHTS

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_smoothing", check_label_smoothing(self.label_smoothing))
        for name in ("pos_weight", "weight"):
            value = getattr(self, name)
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"{name} must be a number, got {value!r}") from None
            if not math.isfinite(v):
                raise ValueError(f"{name} must be finite, got {value!r}")
            object.__setattr__(self, name, v)
        object.__setattr__(self, "reduction", Reduction.parse(self.reduction))


#: ``summed(p, x, options, activation) -> (Σ_e ℓ_e (N,), its gradient (N, K))``.
Summed = Callable[[np.ndarray, np.ndarray, LossOptions, str], tuple[np.ndarray, np.ndarray]]
#: ``terms(p, x, options, activation) -> (K, 2)``; see :attr:`LossSpec.terms`.
Terms = Callable[[np.ndarray, np.ndarray, LossOptions, str], np.ndarray]
#: ``floor(p, options, activation) -> float | None``; see :attr:`LossSpec.floor`.
Floor = Callable[[np.ndarray, LossOptions, str], "float | None"]
#: ``surface(p, x, i, j, a, b, options, activation) -> (len(a), len(b))``;
#: see :attr:`LossSpec.surface`.
Surface = Callable[
    [np.ndarray, np.ndarray, int, int, np.ndarray, np.ndarray, LossOptions, str], np.ndarray
]


@dataclass(frozen=True)
class LossSpec:
    r"""One loss: what it reproduces, where it applies, and how to compute it.

    Attributes
    ----------
    kind : LossKind
        Its key in :data:`LOSSES` (and in saved scenes); ``kind.value`` is the
        TensorFlow name, also :attr:`tf_name`.
    label : str
        A short English name for the window, marked with :func:`N_`.
    tip : str
        An English tooltip with the formula, marked with :func:`N_`.
    activation : {"softmax", "sigmoid", None}
        What the loss applies to the logits; None for a loss of the output
        probabilities whatever they are (the squared error: softmax for a
        multiclass problem, sigmoid otherwise). ``"softmax"`` losses depend on
        the logits only through :math:`\mathrm{softmax}(x)`, so
        :func:`core.evaluate` passes the max-shifted rows :math:`x - \max x`.
    problem_types : frozenset of str
        The problem types it suits, from :data:`PROBLEM_TYPES`.
    options : frozenset of str
        The options that apply to it, from :data:`OPTION_NAMES`.
    needs_class_index : bool
        True if the target must be a class index (a one-hot p).
    elementwise : bool
        True if TensorFlow computes one loss per logit (E = K elements: the
        sigmoid losses and the squared error), False for one per example
        (E = 1: the softmax losses).
    counterpart : LossKind or None
        The loss of the other activation that a problem-type switch maps it
        to (softmax ↔ sigmoid cross-entropy, ``tf.nn`` to ``tf.nn``).
    tf_function : callable
        The public :mod:`core` function that reproduces the TensorFlow
        function with TensorFlow's arguments (``tf.nn`` ones per example,
        ``tf.compat.v1.losses`` ones with ``weights``, ``label_smoothing`` and
        ``reduction``).
    per_example, gradient : callable
        The public ``tf.nn``-style per-example function and its gradient with
        respect to the logits (no smoothing, weights or reduction).
    summed : callable
        ``summed(p, x, options, activation)``: the sum over the E elements of
        one example's losses and its gradient with respect to ``x``, before
        the weight and reduction, for N rows of logits at once: ``p`` (K,)
        the target, ``x`` (N, K) logits already divided by the temperature
        (max-shifted for softmax), ``activation`` the problem's output
        activation. Returns shapes (N,) and (N, K), new arrays.
    terms : callable
        ``terms(p, x, options, activation)`` for one row ``x`` (K,): the loss
        per class as a (K, 2) array, before the weight and reduction. Column 1
        is the part that comes from the positive label (:math:`-w\,p'_i\log
        \sigma(x_i)` for a sigmoid loss; every term of a softmax loss or of
        the squared error), column 0 the part from the negative label
        (:math:`-(1-p'_i)\log(1-\sigma(x_i))`). Their total is ``summed``.
    floor : callable
        ``floor(p, options, activation)``: the infimum of ``summed`` over all
        logits for this target, before the weight and reduction; None where
        it has no simple closed form. With label smoothing it is the entropy
        of the smoothed target, above 0 even for a one-hot p.
    surface : callable
        ``surface(p, x, i, j, a, b, options, activation)``: ``summed`` over a
        grid of two logits, before the weight and reduction. ``x`` (K,) the
        logits divided by the temperature, ``i ≠ j`` the two classes that
        vary, ``a`` and ``b`` their values (already divided by T). Returns
        shape ``(len(a), len(b))``: row ``m``, column ``n`` is the loss with
        :math:`x_i = a_m, x_j = b_n` and every other logit as in ``x``. The
        other logits enter only through a few sums (their logsumexp for a
        softmax, their own constant terms for sigmoids), so the cost is
        O(len(a)·len(b)), not O(len(a)·len(b)·K).

    Examples
    --------
    >>> import numpy as np
    >>> from core import LOSSES, LossKind, LossOptions
    >>> spec = LOSSES[LossKind.SOFTMAX]
    >>> spec.tf_name, sorted(spec.problem_types)
    ('tf.compat.v1.losses.softmax_cross_entropy', ['multiclass'])
    >>> loss, grad = spec.value_and_grad(np.array([1.0, 0.0]), np.zeros((1, 2)), LossOptions())
    >>> loss, grad  # log 2 and q - p
    (array([0.69314718]), array([[-0.5,  0.5]]))
    """

    kind: LossKind
    label: str
    tip: str
    activation: Literal["softmax", "sigmoid"] | None
    problem_types: frozenset[str]
    options: frozenset[str]
    needs_class_index: bool
    elementwise: bool
    counterpart: LossKind | None
    tf_function: Callable[..., np.ndarray]
    per_example: Callable[..., np.ndarray]
    gradient: Callable[..., np.ndarray]
    summed: Summed
    terms: Terms
    floor: Floor
    surface: Surface

    def __post_init__(self) -> None:
        # The registry is data that code relies on: refuse a malformed entry at import.
        if not isinstance(self.kind, LossKind):
            raise ValueError(f"kind must be a LossKind member, got {self.kind!r}")
        if self.activation is not None and self.activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {_ACTIVATIONS}, got {self.activation!r}")
        if not self.problem_types or not self.problem_types <= set(PROBLEM_TYPES):
            raise ValueError(
                f"problem_types must be a non-empty subset of {PROBLEM_TYPES}, "
                f"got {sorted(self.problem_types)}"
            )
        if not self.options <= OPTION_NAMES:
            raise ValueError(
                f"options must be a subset of {sorted(OPTION_NAMES)}, got {sorted(self.options)}"
            )

    @property
    def tf_name(self) -> str:
        """The full name of the TensorFlow function (``kind.value``)."""
        return self.kind.value

    @property
    def compat_v1(self) -> bool:
        """True for a ``tf.compat.v1.losses`` function (weights and a reduction)."""
        return "reduction" in self.options

    def output_activation(self, problem_type: str) -> str:
        """The activation this loss applies for ``problem_type``."""
        if self.activation is not None:
            return self.activation
        return "softmax" if problem_type == "multiclass" else "sigmoid"

    def num_elements(self, num_logits: int) -> int:
        """E, the number of losses TensorFlow computes for one example of K logits."""
        return num_logits if self.elementwise else 1

    def factor(self, options: LossOptions, num_logits: int) -> float:
        r"""What one example's :math:`\sum_e \ell_e` is multiplied by.

        The ``tf.compat.v1.losses`` weight and reduction
        (:func:`core.weighted_loss_factor`); for a ``tf.nn`` function
        :math:`1/E`, the ``tf.reduce_mean`` of its E per-element values.
        """
        e = self.num_elements(num_logits)
        if self.compat_v1:
            return weighted_loss_factor(options.weight, options.reduction, e)
        return 1.0 / e

    def own_options(self, options: LossOptions) -> LossOptions:
        """``options`` with every option this loss does not list at its neutral value
        (no label smoothing, pos_weight 1, weight 1, the default reduction): the
        options :attr:`summed`, :attr:`terms` and :attr:`floor` are to be given."""
        neutral = LossOptions()
        changes = {
            field: getattr(neutral, field)
            for option, field in _OPTION_FIELDS.items()
            if option not in self.options and getattr(options, field) != getattr(neutral, field)
        }
        return replace(options, **changes) if changes else options

    def value_and_grad(
        self,
        p: np.ndarray,
        x: np.ndarray,
        options: LossOptions,
        activation: str | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        r"""The loss of one example exactly as TensorFlow computes it (nats), for each
        of N rows of logits, and its gradient with respect to those logits.

        ``p`` (K,) the target (one-hot when :attr:`needs_class_index`); ``x``
        (N, K) logits divided by the temperature (for a softmax loss, max-shifted
        rows are as good); ``activation`` the problem's output activation (by
        default the loss's own, softmax for the squared error). Options the loss
        does not list are ignored (:meth:`own_options`). Returns (N,) and (N, K).
        Unchecked beyond ``options``; no RuntimeWarning for finite input.
        """
        act = activation or self.activation or "softmax"
        options = self.own_options(options)
        total, grad = self.summed(p, x, options, act)
        f = self.factor(options, x.shape[-1])
        if f != 1.0:
            with np.errstate(over="ignore", invalid="ignore"):
                total = total * f
                grad = grad * f
        return total, grad

    def value_surface(
        self,
        p: np.ndarray,
        x: np.ndarray,
        i: int,
        j: int,
        a: np.ndarray,
        b: np.ndarray,
        options: LossOptions,
        activation: str | None = None,
    ) -> np.ndarray:
        r"""The loss exactly as :meth:`value_and_grad` computes it, over a grid of
        two logits: shape ``(len(a), len(b))``, row ``m`` and column ``n`` for
        :math:`x_i = a_m`, :math:`x_j = b_n`, the other logits as in ``x`` (K,).
        Every argument is divided by the temperature already; ``i ≠ j``.
        Costs O(len(a)·len(b)) whatever K is (:attr:`surface`)."""
        act = activation or self.activation or "softmax"
        options = self.own_options(options)
        grid = self.surface(p, x, i, j, a, b, options, act)
        f = self.factor(options, x.shape[-1])
        if f != 1.0:
            with np.errstate(over="ignore", invalid="ignore"):
                grid = grid * f
        return grid


# --------------------------------------------------------------------------
# The losses as compositions of the kernels in core.activations, core.losses,
# core.information and core.gradients, nothing more.
# --------------------------------------------------------------------------


def _class_index(p: np.ndarray) -> int:
    """The class of a one-hot p, or a ValueError."""
    idx = int(np.argmax(p))
    if p[idx] != 1 or np.count_nonzero(p) != 1:
        raise ValueError("p must be one-hot (a class-index target) for a sparse loss")
    return idx


def _smoothed(p: np.ndarray, options: LossOptions, activation: str) -> np.ndarray:
    # Softmax spreads s over the K classes, sigmoid over the two outcomes of each element.
    return smooth_labels(p, options.label_smoothing, p.shape[-1] if activation == "softmax" else 2)


def _min_cross_entropy(weights: np.ndarray) -> float:
    r""":math:`\min_q -\sum_i c_i \log q_i = -\sum_i c_i \log(c_i / S)`, :math:`S = \sum_i c_i`,
    summed over the rows of ``weights`` (each row a distribution q is free to match)."""
    # Targets near the float limit overflow to inf (or inf - inf = nan), quietly.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        total = weights.sum(axis=-1)
        scale = np.where(total > 0, total * np.log(np.where(total > 0, total, 1)), 0)
        return float(entropy_terms(weights).sum() + scale.sum())


def _softmax_summed(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    loss, grad = softmax_xent_kernel(_smoothed(p, options, "softmax"), x, -1, want_grad=True)
    assert grad is not None
    return loss, grad


def _softmax_terms(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> np.ndarray:
    log_q = softmax_from_shifted(max_shift(x)[0])[1]
    out = np.zeros((x.shape[-1], 2))
    out[:, 1] = cross_entropy_terms_from_log_q(_smoothed(p, options, "softmax"), log_q)
    return out


def _softmax_floor(p: np.ndarray, options: LossOptions, activation: str) -> float | None:
    return _min_cross_entropy(_smoothed(p, options, "softmax"))


def _sparse_summed(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    loss, grad = sparse_softmax_xent_kernel(np.intp(_class_index(p)), x, want_grad=True)
    assert grad is not None
    return loss, grad


def _sparse_terms(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> np.ndarray:
    out = np.zeros((x.shape[-1], 2))
    c = _class_index(p)
    out[c, 1] = -softmax_from_shifted(max_shift(x)[0])[1][c]
    return out


def _sparse_floor(p: np.ndarray, options: LossOptions, activation: str) -> float | None:
    return 0.0


def _pos_weight(options: LossOptions, weighted: bool) -> float:
    return options.pos_weight if weighted else 1.0


def _sigmoid_summed(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    labels = _smoothed(p, options, "sigmoid")
    with np.errstate(over="ignore"):  # elements near the float limit sum to inf
        total = sigmoid_xent_kernel(labels, x).sum(axis=-1)
    return total, sigmoid_xent_grad_kernel(labels, x)


def _weighted_summed(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    w = options.pos_weight
    with np.errstate(over="ignore", invalid="ignore"):  # elements near the float limit
        total = weighted_xent_kernel(p, x, w).sum(axis=-1)
    return total, weighted_xent_grad_kernel(p, x, w)


def _bernoulli_terms(weighted: bool) -> Terms:
    def terms(p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str) -> np.ndarray:
        labels = _smoothed(p, options, "sigmoid")
        pairs = np.stack([1 - labels, _pos_weight(options, weighted) * labels], axis=-1)
        return cross_entropy_terms_from_log_q(pairs, log_sigmoid_pair_kernel(x))

    return terms


def _bernoulli_floor(weighted: bool) -> Floor:
    def floor(p: np.ndarray, options: LossOptions, activation: str) -> float | None:
        w = _pos_weight(options, weighted)
        if w < 0:
            return None
        labels = _smoothed(p, options, "sigmoid")
        return _min_cross_entropy(np.stack([1 - labels, w * labels], axis=-1))

    return floor


def _probabilities(x: np.ndarray, activation: str) -> np.ndarray:
    if activation == "softmax":
        return softmax_kernel(x)
    return sigmoid(x)


def _mse_summed(
    p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str
) -> tuple[np.ndarray, np.ndarray]:
    k = x.shape[-1]
    q = _probabilities(x, activation)
    r = q - p
    loss = np.einsum("...k,...k->...", r, r)
    if activation == "softmax":
        grad = softmax_mse_grad_kernel(p, q) * k  # the kernel's gradient is of the mean
    else:
        grad = 2 * r * q * sigmoid(-x)
    return loss, grad


def _mse_terms(p: np.ndarray, x: np.ndarray, options: LossOptions, activation: str) -> np.ndarray:
    out = np.zeros((x.shape[-1], 2))
    with np.errstate(over="ignore"):  # targets near the float limit: inf, quietly
        out[:, 1] = np.square(_probabilities(x, activation) - p)
    return out


def _mse_floor(p: np.ndarray, options: LossOptions, activation: str) -> float | None:
    # The output can approach any target in [0, 1] (sigmoid) or any distribution (softmax).
    with np.errstate(over="ignore"):  # targets near the float limit sum to inf
        total = float(p.sum())
    if activation == "softmax" and not math.isclose(total, 1.0, abs_tol=1e-9):
        return None
    return 0.0


def _others(k: int, i: int, j: int) -> np.ndarray:
    """A mask of the classes other than ``i`` and ``j``."""
    mask = np.ones(k, dtype=bool)
    mask[[i, j]] = False
    return mask


def _logsumexp_grid(a: np.ndarray, b: np.ndarray, rest: float) -> np.ndarray:
    r""":math:`\log(e^{a_m} + e^{b_n} + e^{r})` on the grid, max-shifted (``rest`` may be -inf)."""
    aa, bb = a[:, None], b[None, :]
    m = np.maximum(np.maximum(aa, bb), rest)
    with np.errstate(over="ignore"):  # a difference near the float limit: exp(−inf) = 0
        s = np.exp(aa - m) + np.exp(bb - m)
        if rest > -np.inf:
            s += np.exp(rest - m)
    return m + np.log(s)


def _logsumexp_of(values: np.ndarray) -> float:
    """Log Σ e^v over a 1-d array, max-shifted; -inf for an empty one."""
    if values.size == 0:
        return -math.inf
    m = float(values.max())
    if m == -math.inf:
        return m
    return m + math.log(float(np.exp(values - m).sum()))


def _softmax_surface(
    p: np.ndarray,
    x: np.ndarray,
    i: int,
    j: int,
    a: np.ndarray,
    b: np.ndarray,
    options: LossOptions,
    activation: str,
) -> np.ndarray:
    r"""The softmax cross-entropy :math:`-\sum_k c_k \log q_k` of the (smoothed) target
    :math:`c`, as :math:`(\sum_k c_k)\,\mathrm{LSE} - c_i a - c_j b - \sum_{k \ne i,j} c_k x_k`:
    the other logits enter through their logsumexp only."""
    c = _smoothed(p, options, "softmax")
    others = _others(x.shape[-1], i, j)
    lse = _logsumexp_grid(a, b, _logsumexp_of(x[others]))
    # 0 · (−inf) = 0: a class with no target mass adds nothing, even at q = 0.
    with np.errstate(over="ignore", invalid="ignore"):
        constant = float(np.where(c[others] != 0, c[others] * x[others], 0.0).sum())
        along_a = np.where(c[i] != 0, c[i] * a, 0.0)[:, None]
        along_b = np.where(c[j] != 0, c[j] * b, 0.0)[None, :]
        return float(c.sum()) * lse - along_a - along_b - constant


def _squared_error_softmax_surface(
    p: np.ndarray, x: np.ndarray, i: int, j: int, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    r""":math:`\sum_k (q_k - p_k)^2` of the softmax on the grid. The other classes'
    part :math:`\sum_o (e^{x_o - L} - p_o)^2 = e^{A - 2L} - 2e^{B - L} + \sum_o p_o^2`
    needs only :math:`A = \mathrm{LSE}(2x_o)` and :math:`B = \log \sum_o p_o e^{x_o}`."""
    others = _others(x.shape[-1], i, j)
    xo, po = x[others], p[others]
    lse = _logsumexp_grid(a, b, _logsumexp_of(xo))
    out = np.square(np.exp(a[:, None] - lse) - p[i]) + np.square(np.exp(b[None, :] - lse) - p[j])
    if xo.size:
        positive = po > 0
        big_a = _logsumexp_of(2 * xo)
        big_b = _logsumexp_of(xo[positive] + np.log(po[positive]))
        rest = np.exp(big_a - 2 * lse) - 2 * np.exp(big_b - lse) + float(po @ po)
        out += np.maximum(rest, 0.0)  # a sum of squares: rounding may not make it negative
    return out


def _separable_surface(summed: Summed) -> Surface:
    """Sigmoid outputs: each logit has its own loss, so the grid is a sum of a
    column, a row and the other logits' constant total."""

    def surface(
        p: np.ndarray,
        x: np.ndarray,
        i: int,
        j: int,
        a: np.ndarray,
        b: np.ndarray,
        options: LossOptions,
        activation: str,
    ) -> np.ndarray:
        along_a = summed(p[[i]], a[:, None], options, activation)[0]
        along_b = summed(p[[j]], b[:, None], options, activation)[0]
        others = _others(x.shape[-1], i, j)
        constant = 0.0
        if others.any():
            constant = float(summed(p[others], x[None, others], options, activation)[0][0])
        with np.errstate(over="ignore", invalid="ignore"):
            return along_a[:, None] + along_b[None, :] + constant

    return surface


def _mse_surface(
    p: np.ndarray,
    x: np.ndarray,
    i: int,
    j: int,
    a: np.ndarray,
    b: np.ndarray,
    options: LossOptions,
    activation: str,
) -> np.ndarray:
    if activation == "softmax":
        return _squared_error_softmax_surface(p, x, i, j, a, b)
    return _separable_surface(_mse_summed)(p, x, i, j, a, b, options, activation)


_SIGMOID_TYPES = frozenset({"binary", "multilabel"})
_MULTICLASS = frozenset({"multiclass"})
_COMPAT = frozenset({"weights", "reduction"})

_ENTRIES = (
    LossSpec(
        kind=LossKind.SIGMOID_XENT,
        label=N_("sigmoid cross-entropy"),
        tip=N_(
            "tf.nn.sigmoid_cross_entropy_with_logits, averaged over the K outputs:\n"
            "max(x, 0) − x·p + log(1 + e^−|x|) per output, x = z/T."
        ),
        activation="sigmoid",
        problem_types=_SIGMOID_TYPES,
        options=frozenset(),
        needs_class_index=False,
        elementwise=True,
        counterpart=LossKind.SOFTMAX_XENT,
        tf_function=sigmoid_cross_entropy_with_logits,
        per_example=sigmoid_cross_entropy_with_logits,
        gradient=sigmoid_cross_entropy_with_logits_grad,
        summed=_sigmoid_summed,
        terms=_bernoulli_terms(weighted=False),
        floor=_bernoulli_floor(weighted=False),
        surface=_separable_surface(_sigmoid_summed),
    ),
    LossSpec(
        kind=LossKind.WEIGHTED_SIGMOID,
        label=N_("weighted sigmoid cross-entropy"),
        tip=N_(
            "tf.nn.weighted_cross_entropy_with_logits, averaged over the K outputs:\n"
            "−w·p log σ(x) − (1 − p) log(1 − σ(x)); w > 1 makes a missed positive cost more."
        ),
        activation="sigmoid",
        problem_types=_SIGMOID_TYPES,
        options=frozenset({"pos_weight"}),
        needs_class_index=False,
        elementwise=True,
        counterpart=LossKind.SOFTMAX_XENT,
        tf_function=weighted_cross_entropy_with_logits,
        per_example=weighted_cross_entropy_with_logits,
        gradient=weighted_cross_entropy_with_logits_grad,
        summed=_weighted_summed,
        terms=_bernoulli_terms(weighted=True),
        floor=_bernoulli_floor(weighted=True),
        surface=_separable_surface(_weighted_summed),
    ),
    LossSpec(
        kind=LossKind.SIGMOID,
        label=N_("sigmoid cross-entropy, weighted and reduced"),
        tip=N_(
            "tf.compat.v1.losses.sigmoid_cross_entropy: the sigmoid cross-entropy of\n"
            "p′ = p(1 − s) + s/2 per output, times the weight, then the reduction."
        ),
        activation="sigmoid",
        problem_types=_SIGMOID_TYPES,
        options=_COMPAT | {"label_smoothing"},
        needs_class_index=False,
        elementwise=True,
        counterpart=LossKind.SOFTMAX,
        tf_function=sigmoid_cross_entropy,
        per_example=sigmoid_cross_entropy_with_logits,
        gradient=sigmoid_cross_entropy_with_logits_grad,
        summed=_sigmoid_summed,
        terms=_bernoulli_terms(weighted=False),
        floor=_bernoulli_floor(weighted=False),
        surface=_separable_surface(_sigmoid_summed),
    ),
    LossSpec(
        kind=LossKind.SOFTMAX_XENT,
        label=N_("softmax cross-entropy"),
        tip=N_(
            "tf.nn.softmax_cross_entropy_with_logits: −Σ pᵢ log softmax(z/T)ᵢ,\n"
            "for one-hot or soft labels."
        ),
        activation="softmax",
        problem_types=_MULTICLASS,
        options=frozenset(),
        needs_class_index=False,
        elementwise=False,
        counterpart=LossKind.SIGMOID_XENT,
        tf_function=softmax_cross_entropy_with_logits,
        per_example=softmax_cross_entropy_with_logits,
        gradient=softmax_cross_entropy_with_logits_grad,
        summed=_softmax_summed,
        terms=_softmax_terms,
        floor=_softmax_floor,
        surface=_softmax_surface,
    ),
    LossSpec(
        kind=LossKind.SOFTMAX,
        label=N_("softmax cross-entropy, weighted and reduced"),
        tip=N_(
            "tf.compat.v1.losses.softmax_cross_entropy: −Σ p′ᵢ log softmax(z/T)ᵢ with\n"
            "p′ = p(1 − s) + s/K, times the weight, then the reduction."
        ),
        activation="softmax",
        problem_types=_MULTICLASS,
        options=_COMPAT | {"label_smoothing"},
        needs_class_index=False,
        elementwise=False,
        counterpart=LossKind.SIGMOID,
        tf_function=softmax_cross_entropy,
        per_example=softmax_cross_entropy_with_logits,
        gradient=softmax_cross_entropy_with_logits_grad,
        summed=_softmax_summed,
        terms=_softmax_terms,
        floor=_softmax_floor,
        surface=_softmax_surface,
    ),
    LossSpec(
        kind=LossKind.SPARSE_SOFTMAX_XENT,
        label=N_("sparse softmax cross-entropy"),
        tip=N_(
            "tf.nn.sparse_softmax_cross_entropy_with_logits: −log softmax(z/T)ᵧ\n"
            "for the class index y (an int, not a one-hot vector)."
        ),
        activation="softmax",
        problem_types=_MULTICLASS,
        options=frozenset(),
        needs_class_index=True,
        elementwise=False,
        counterpart=LossKind.SIGMOID_XENT,
        tf_function=sparse_softmax_cross_entropy_with_logits,
        per_example=sparse_softmax_cross_entropy_with_logits,
        gradient=sparse_softmax_cross_entropy_with_logits_grad,
        summed=_sparse_summed,
        terms=_sparse_terms,
        floor=_sparse_floor,
        surface=_softmax_surface,  # the one-hot target's cross-entropy
    ),
    LossSpec(
        kind=LossKind.SPARSE_SOFTMAX,
        label=N_("sparse softmax cross-entropy, weighted and reduced"),
        tip=N_(
            "tf.compat.v1.losses.sparse_softmax_cross_entropy: −log softmax(z/T)ᵧ\n"
            "for the class index y, times the weight, then the reduction."
        ),
        activation="softmax",
        problem_types=_MULTICLASS,
        options=_COMPAT,
        needs_class_index=True,
        elementwise=False,
        counterpart=LossKind.SIGMOID,
        tf_function=sparse_softmax_cross_entropy,
        per_example=sparse_softmax_cross_entropy_with_logits,
        gradient=sparse_softmax_cross_entropy_with_logits_grad,
        summed=_sparse_summed,
        terms=_sparse_terms,
        floor=_sparse_floor,
        surface=_softmax_surface,  # the one-hot target's cross-entropy
    ),
    LossSpec(
        kind=LossKind.MSE,
        label=N_("mean squared error"),
        tip=N_(
            "tf.compat.v1.losses.mean_squared_error of the probabilities (softmax or\n"
            "sigmoid): (1/K) Σ (qᵢ − pᵢ)², times the weight, then the reduction."
        ),
        activation=None,
        problem_types=frozenset(PROBLEM_TYPES),
        options=_COMPAT,
        needs_class_index=False,
        elementwise=True,
        counterpart=None,
        tf_function=mean_squared_error,
        per_example=softmax_mean_squared_error,
        gradient=softmax_mean_squared_error_grad,
        summed=_mse_summed,
        terms=_mse_terms,
        floor=_mse_floor,
        surface=_mse_surface,
    ),
)


def _build(entries: tuple[LossSpec, ...]) -> Mapping[LossKind, LossSpec]:
    by_kind = {spec.kind: spec for spec in entries}
    if len(by_kind) != len(entries) or set(by_kind) != set(LossKind):
        raise ValueError("the loss registry needs exactly one entry per LossKind member")
    for spec in entries:
        twin = by_kind.get(spec.counterpart) if spec.counterpart is not None else None
        if twin is not None and twin.problem_types & spec.problem_types:
            raise ValueError(f"{spec.tf_name}: its counterpart must suit other problem types")
    return MappingProxyType(by_kind)


#: Every loss, keyed by :class:`LossKind`, in display order. Read-only.
LOSSES: Mapping[LossKind, LossSpec] = _build(_ENTRIES)


def loss_spec(kind: LossKind | str) -> LossSpec:
    """The registry entry for ``kind``.

    Parameters
    ----------
    kind : LossKind or str
        A member, its TensorFlow name, or a :data:`LEGACY_NAMES` short name.

    Returns
    -------
    LossSpec

    Raises
    ------
    ValueError
        If ``kind`` names no loss; the message names ``kind`` and lists the
        valid values.

    Examples
    --------
    >>> from core import loss_spec
    >>> loss_spec("tf.nn.sparse_softmax_cross_entropy_with_logits").needs_class_index
    True
    >>> loss_spec("weighted_cross_entropy").tf_name  # a version-1 scene's name
    'tf.nn.weighted_cross_entropy_with_logits'
    """
    return LOSSES[LossKind.parse(kind, "kind")]


def losses_for(problem_type: str) -> tuple[LossSpec, ...]:
    """The entries that suit ``problem_type``, in display order.

    Examples
    --------
    >>> from core.registry import losses_for
    >>> [spec.tf_name for spec in losses_for("binary")][:2]
    ['tf.nn.sigmoid_cross_entropy_with_logits', 'tf.nn.weighted_cross_entropy_with_logits']
    """
    if problem_type not in PROBLEM_TYPES:
        raise ValueError(f"problem_type must be one of {PROBLEM_TYPES}, got {problem_type!r}")
    return tuple(spec for spec in _ENTRIES if problem_type in spec.problem_types)
