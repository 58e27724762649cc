r"""The loss registry: every loss the explorer offers is one :class:`LossSpec` entry.

:data:`LOSSES` maps each :class:`LossKind` to its entry, in display order.
An entry says everything that is particular to its loss: the TensorFlow
function it reproduces, the problem types it suits, the options that apply,
the public per-example function and gradient, whether it works on the softmax
or on K independent sigmoids, whether it needs a class index, the one-example
loss and gradient that :func:`core.evaluate` calls, and the text the window
shows. :func:`core.evaluate` holds no per-loss code: it dispatches through the
entry.

The entries, in display order (``kind``: TensorFlow function; problem types;
options):

* ``softmax_cross_entropy``: ``tf.compat.v1.losses.softmax_cross_entropy``;
  multiclass; label_smoothing, weights, reduction.
* ``sparse_softmax_cross_entropy``:
  ``tf.compat.v1.losses.sparse_softmax_cross_entropy``; multiclass; weights,
  reduction; needs a class index.
* ``sigmoid_cross_entropy``: ``tf.compat.v1.losses.sigmoid_cross_entropy``;
  binary, multilabel; label_smoothing, weights, reduction.
* ``weighted_cross_entropy``: ``tf.nn.weighted_cross_entropy_with_logits``
  (mean over the K elements); binary, multilabel; pos_weight.
* ``mean_squared_error``: ``tf.compat.v1.losses.mean_squared_error`` of the
  softmax probabilities; binary, multiclass, multilabel; weights, reduction.

How to add a loss
-----------------
1. Write its mathematics where it belongs: the per-example function in
   :mod:`core.losses` and its gradient in :mod:`core.gradients` (public,
   checked, documented like the others), built on unchecked kernels.
2. Add a member to :class:`LossKind`. Its value is stored in saved scene
   files, so never change an existing value.
3. Add one :class:`LossSpec` to ``_ENTRIES`` below, at the position it should
   have in the window's list, with a ``value_and_grad`` that composes the
   kernels (see :attr:`LossSpec.value_and_grad` for its contract) and a label
   and tip wrapped in :func:`N_`; and a line to the list above.
4. Add its tests to ``tests/core/test_registry.py``: independent references
   (scipy.special formulas, hand-derived values, finite differences).

Nothing else changes: :func:`core.evaluate`, the option widgets and the loss
list read the entry. A module-level check refuses a registry in which a
:class:`LossKind` has no entry, or two entries share a TensorFlow name.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Literal

import numpy as np

from ._checks import check_label_smoothing, parse_enum
from .activations import softmax_kernel
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
from .losses import (
    sigmoid_cross_entropy_with_logits,
    sigmoid_xent_kernel,
    smooth_labels,
    softmax_cross_entropy_with_logits,
    softmax_mean_squared_error,
    softmax_xent_kernel,
    sparse_softmax_cross_entropy_with_logits,
    sparse_softmax_xent_kernel,
    squared_error_mean_kernel,
    weighted_cross_entropy_with_logits,
    weighted_xent_kernel,
)

__all__ = [
    "N_",
    "LossKind",
    "LossOptions",
    "LossSpec",
    "LOSSES",
    "loss_spec",
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


#: Every problem type an entry may list: one sigmoid output, a softmax over K
#: classes, K independent sigmoids.
PROBLEM_TYPES = frozenset({"binary", "multiclass", "multilabel"})

#: Every option an entry may list. ``label_smoothing`` and ``pos_weight`` are
#: :class:`LossOptions` fields; ``weights`` and ``reduction`` are the
#: ``tf.compat.v1.losses`` arguments, applied by
#: :func:`core.compute_weighted_loss` over a batch.
OPTION_NAMES = frozenset({"label_smoothing", "pos_weight", "weights", "reduction"})

_ACTIVATIONS = ("softmax", "sigmoid")


class LossKind(str, Enum):
    """The loss the explorer reports in ``ExplorerResult.loss`` (TensorFlow's names).

    The values are stored in saved scene files: they never change.
    """

    SOFTMAX = "softmax_cross_entropy"
    SPARSE_SOFTMAX = "sparse_softmax_cross_entropy"
    SIGMOID = "sigmoid_cross_entropy"
    WEIGHTED_SIGMOID = "weighted_cross_entropy"
    MSE = "mean_squared_error"

    @classmethod
    def parse(cls, loss: LossKind | str) -> LossKind:
        """The member for ``loss`` (a member or its value), or a ValueError naming ``loss``."""
        return parse_enum(cls, loss, "loss")


@dataclass(frozen=True)
class LossOptions:
    """The per-loss options :attr:`LossSpec.value_and_grad` takes, validated.

    Each entry reads the ones its :attr:`LossSpec.options` lists and ignores
    the rest.

    Attributes
    ----------
    label_smoothing : float
        :math:`s \\in [0, 1]` (``tf.compat.v1.losses``' ``label_smoothing``).
    pos_weight : float
        Finite; the positive weight :math:`q` of
        ``tf.nn.weighted_cross_entropy_with_logits``.

    Raises
    ------
    ValueError
        ``label_smoothing`` outside [0, 1] or ``pos_weight`` not a finite
        number, naming the argument.

    Examples
    --------
    >>> LossOptions(label_smoothing=0.1)
    LossOptions(label_smoothing=0.1, pos_weight=1.0)
    """

    label_smoothing: float = 0.0
    pos_weight: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "label_smoothing", check_label_smoothing(self.label_smoothing))
        try:
            w = float(self.pos_weight)
        except (TypeError, ValueError):
            raise ValueError(f"pos_weight must be a number, got {self.pos_weight!r}") from None
        if not math.isfinite(w):
            raise ValueError(f"pos_weight must be finite, got {self.pos_weight!r}")
        object.__setattr__(self, "pos_weight", w)


#: ``value_and_grad(p, x, options) -> (loss, grad)``; see :attr:`LossSpec.value_and_grad`.
ValueAndGrad = Callable[[np.ndarray, np.ndarray, LossOptions], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class LossSpec:
    r"""One loss: what it reproduces, where it applies, and how to compute it.

    Attributes
    ----------
    kind : LossKind
        Its key in :data:`LOSSES` (and in saved scenes).
    tf_name : str
        The full name of the TensorFlow function it reproduces, e.g.
        ``"tf.compat.v1.losses.softmax_cross_entropy"``.
    label : str
        A short English name for the window, marked with :func:`N_`.
    tip : str
        An English tooltip with the formula, marked with :func:`N_`.
    activation : {"softmax", "sigmoid"}
        What the loss applies to the logits. ``"softmax"``: the loss depends on
        the logits only through :math:`\mathrm{softmax}(x)`, so adding a
        constant to a row changes nothing, and :func:`core.evaluate` passes the
        max-shifted rows :math:`x - \max x`, which cannot overflow at any
        temperature. ``"sigmoid"``: K independent sigmoid units, one loss per
        element; the one-example loss is their mean (as
        ``tf.compat.v1.losses.sigmoid_cross_entropy`` reduces one example) and
        :func:`core.evaluate` passes :math:`x = z / T` itself.
    problem_types : frozenset of str
        The problem types it suits, from :data:`PROBLEM_TYPES`.
    options : frozenset of str
        The options that apply to it, from :data:`OPTION_NAMES`.
    needs_class_index : bool
        True if the target must be a class index (a one-hot p), as for the
        sparse loss.
    per_example : callable
        The public per-example function, ``tf.nn`` style:
        ``per_example(labels, logits, ...)``. It returns one loss per row for
        ``activation="softmax"`` and one per element for ``"sigmoid"``; the
        sparse loss takes class indices as its labels, the weighted loss
        ``pos_weight`` as its third argument. Label smoothing is not part of
        it (apply it to the labels first).
    gradient : callable
        The public gradient of ``per_example`` with respect to the logits,
        with the same arguments.
    value_and_grad : callable
        ``value_and_grad(p, x, options) -> (loss, grad)``, what
        :func:`core.evaluate` calls: the loss of one example exactly as
        TensorFlow computes it (nats), for each of N rows of logits at once,
        and its gradient with respect to those logits.

        * ``p``: ndarray, shape (K,), the target distribution (one-hot when
          ``needs_class_index``);
        * ``x``: ndarray, shape (N, K), float, of ``p``'s dtype: logits
          already divided by the temperature, one row per evaluation;
        * ``options``: :class:`LossOptions`;
        * returns ``loss`` of shape (N,) and ``grad`` :math:`\partial
          \mathrm{loss} / \partial x` of shape (N, K), new arrays.

        Unchecked beyond ``options`` (which validate themselves), like the
        kernels it composes; no RuntimeWarning escapes for finite input.

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
    tf_name: str
    label: str
    tip: str
    activation: Literal["softmax", "sigmoid"]
    problem_types: frozenset[str]
    options: frozenset[str]
    needs_class_index: bool
    per_example: Callable[..., np.ndarray]
    gradient: Callable[..., np.ndarray]
    value_and_grad: ValueAndGrad

    def __post_init__(self) -> None:
        # The registry is data that code relies on: refuse a malformed entry at import.
        if not isinstance(self.kind, LossKind):
            raise ValueError(f"kind must be a LossKind member, got {self.kind!r}")
        if self.activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {_ACTIVATIONS}, got {self.activation!r}")
        if not self.problem_types or not self.problem_types <= PROBLEM_TYPES:
            raise ValueError(
                f"problem_types must be a non-empty subset of {sorted(PROBLEM_TYPES)}, "
                f"got {sorted(self.problem_types)}"
            )
        if not self.options <= OPTION_NAMES:
            raise ValueError(
                f"options must be a subset of {sorted(OPTION_NAMES)}, got {sorted(self.options)}"
            )


# --------------------------------------------------------------------------
# One-example losses and gradients: compositions of the kernels in
# core.activations, core.losses and core.gradients, nothing more.
# --------------------------------------------------------------------------


def _mean_over_elements(loss: np.ndarray, grad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean over the K elements of one example and its gradient (the compat.v1 reduction)."""
    with np.errstate(over="ignore", invalid="ignore"):  # sums past the float limit: ±inf or nan
        mean = loss.mean(axis=-1)
    grad /= grad.shape[-1]
    return mean, grad


def _class_index(p: np.ndarray) -> int:
    """The class of a one-hot p, or a ValueError."""
    idx = int(np.argmax(p))
    if p[idx] != 1 or np.count_nonzero(p) != 1:
        raise ValueError("p must be one-hot (a class-index target) for a sparse loss")
    return idx


def _softmax_xent(
    p: np.ndarray, x: np.ndarray, options: LossOptions
) -> tuple[np.ndarray, np.ndarray]:
    labels = smooth_labels(p, options.label_smoothing, x.shape[-1])
    loss, grad = softmax_xent_kernel(labels, x, -1, want_grad=True)
    assert grad is not None
    return loss, grad


def _sparse_softmax_xent(
    p: np.ndarray, x: np.ndarray, options: LossOptions
) -> tuple[np.ndarray, np.ndarray]:
    loss, grad = sparse_softmax_xent_kernel(np.intp(_class_index(p)), x, want_grad=True)
    assert grad is not None
    return loss, grad


def _sigmoid_xent(
    p: np.ndarray, x: np.ndarray, options: LossOptions
) -> tuple[np.ndarray, np.ndarray]:
    labels = smooth_labels(p, options.label_smoothing, 2)
    return _mean_over_elements(sigmoid_xent_kernel(labels, x), sigmoid_xent_grad_kernel(labels, x))


def _weighted_xent(
    p: np.ndarray, x: np.ndarray, options: LossOptions
) -> tuple[np.ndarray, np.ndarray]:
    w = options.pos_weight
    return _mean_over_elements(weighted_xent_kernel(p, x, w), weighted_xent_grad_kernel(p, x, w))


def _softmax_mse(
    p: np.ndarray, x: np.ndarray, options: LossOptions
) -> tuple[np.ndarray, np.ndarray]:
    q = softmax_kernel(x)
    return squared_error_mean_kernel(p, q), softmax_mse_grad_kernel(p, q)


# --------------------------------------------------------------------------
# The entries, in display order
# --------------------------------------------------------------------------

_ENTRIES = (
    LossSpec(
        kind=LossKind.SOFTMAX,
        tf_name="tf.compat.v1.losses.softmax_cross_entropy",
        label=N_("softmax cross-entropy"),
        tip=N_(
            "tf.compat.v1.losses.softmax_cross_entropy: −Σ p′ᵢ log softmax(z/T)ᵢ,\n"
            "with p′ = p(1 − s) + s/K for label smoothing s."
        ),
        activation="softmax",
        problem_types=frozenset({"multiclass"}),
        options=frozenset({"label_smoothing", "weights", "reduction"}),
        needs_class_index=False,
        per_example=softmax_cross_entropy_with_logits,
        gradient=softmax_cross_entropy_with_logits_grad,
        value_and_grad=_softmax_xent,
    ),
    LossSpec(
        kind=LossKind.SPARSE_SOFTMAX,
        tf_name="tf.compat.v1.losses.sparse_softmax_cross_entropy",
        label=N_("sparse softmax cross-entropy"),
        tip=N_(
            "tf.compat.v1.losses.sparse_softmax_cross_entropy: "
            "−log softmax(z/T)ᵧ for class index y."
        ),
        activation="softmax",
        problem_types=frozenset({"multiclass"}),
        options=frozenset({"weights", "reduction"}),
        needs_class_index=True,
        per_example=sparse_softmax_cross_entropy_with_logits,
        gradient=sparse_softmax_cross_entropy_with_logits_grad,
        value_and_grad=_sparse_softmax_xent,
    ),
    LossSpec(
        kind=LossKind.SIGMOID,
        tf_name="tf.compat.v1.losses.sigmoid_cross_entropy",
        label=N_("sigmoid cross-entropy"),
        tip=N_(
            "tf.compat.v1.losses.sigmoid_cross_entropy: mean over classes of\n"
            "max(x,0) − x·p′ + log(1 + e^−|x|), x = z/T, p′ = p(1 − s) + s/2."
        ),
        activation="sigmoid",
        problem_types=frozenset({"binary", "multilabel"}),
        options=frozenset({"label_smoothing", "weights", "reduction"}),
        needs_class_index=False,
        per_example=sigmoid_cross_entropy_with_logits,
        gradient=sigmoid_cross_entropy_with_logits_grad,
        value_and_grad=_sigmoid_xent,
    ),
    LossSpec(
        kind=LossKind.WEIGHTED_SIGMOID,
        tf_name="tf.nn.weighted_cross_entropy_with_logits",
        label=N_("weighted sigmoid cross-entropy"),
        tip=N_(
            "tf.nn.weighted_cross_entropy_with_logits, mean over classes:\n"
            "(1 − p)x + (1 + (w − 1)p)(log(1 + e^−|x|) + max(−x, 0))."
        ),
        activation="sigmoid",
        problem_types=frozenset({"binary", "multilabel"}),
        options=frozenset({"pos_weight"}),
        needs_class_index=False,
        per_example=weighted_cross_entropy_with_logits,
        gradient=weighted_cross_entropy_with_logits_grad,
        value_and_grad=_weighted_xent,
    ),
    LossSpec(
        kind=LossKind.MSE,
        tf_name="tf.compat.v1.losses.mean_squared_error",
        label=N_("mean squared error"),
        tip=N_("tf.compat.v1.losses.mean_squared_error: (1/K) Σ (qᵢ − pᵢ)²."),
        activation="softmax",
        problem_types=frozenset({"binary", "multiclass", "multilabel"}),
        options=frozenset({"weights", "reduction"}),
        needs_class_index=False,
        per_example=softmax_mean_squared_error,
        gradient=softmax_mean_squared_error_grad,
        value_and_grad=_softmax_mse,
    ),
)


def _build(entries: tuple[LossSpec, ...]) -> Mapping[LossKind, LossSpec]:
    by_kind = {spec.kind: spec for spec in entries}
    if len(by_kind) != len(entries) or set(by_kind) != set(LossKind):
        raise ValueError("the loss registry needs exactly one entry per LossKind member")
    if len({spec.tf_name for spec in entries}) != len(entries):
        raise ValueError("two loss registry entries share a TensorFlow name")
    return MappingProxyType(by_kind)


#: Every loss, keyed by :class:`LossKind`, in display order. Read-only.
LOSSES: Mapping[LossKind, LossSpec] = _build(_ENTRIES)

_BY_TF_NAME = {spec.tf_name: spec for spec in _ENTRIES}


def loss_spec(kind: LossKind | str) -> LossSpec:
    """The registry entry for ``kind``.

    Parameters
    ----------
    kind : LossKind or str
        A member, its value (``"softmax_cross_entropy"``) or the entry's
        TensorFlow name (``"tf.compat.v1.losses.softmax_cross_entropy"``).

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
    >>> loss_spec("sparse_softmax_cross_entropy").needs_class_index
    True
    >>> loss_spec("tf.nn.weighted_cross_entropy_with_logits").kind.value
    'weighted_cross_entropy'
    """
    if isinstance(kind, LossKind):
        return LOSSES[kind]
    if isinstance(kind, str):
        if kind in _BY_TF_NAME:
            return _BY_TF_NAME[kind]
        try:
            return LOSSES[LossKind(kind)]
        except ValueError:
            pass
    valid = ", ".join(repr(k.value) for k in LossKind)
    raise ValueError(
        f"kind must name a loss: one of {valid} (or its TensorFlow name); got {kind!r}"
    )
