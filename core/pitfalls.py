r"""Three mistakes practitioners make with these losses, computed so they can be shown.

:func:`evaluate_pitfalls` computes, in a chosen float precision, the right
number beside the wrong one for:

* **applying the activation twice**: a model that already ends in a softmax
  (or sigmoid) whose output goes through the activation again. Probabilities
  lie in [0, 1], so a second softmax sees logits that differ by at most 1 and
  squeezes the prediction towards uniform: :math:`\mathrm{softmax}(q)` instead
  of :math:`q`.
* **passing probabilities where logits are expected**: feeding :math:`q` to
  ``tf.nn.softmax_cross_entropy_with_logits(labels=p, logits=q)``. The loss
  applies its own softmax again, so even a perfect prediction :math:`q = p`
  leaves a loss well above its minimum (for a one-hot p over K classes,
  :math:`\log(1 + (K - 1)/e)`).
* **the naive softmax**: :math:`e^{x_i} / \sum_j e^{x_j}` without the max
  shift. ``exp`` overflows above :math:`\ln(\text{largest float})`, about
  88.72 in float32 and 709.78 in float64; then :math:`\infty/\infty` is NaN.
  For a sigmoid output the naive :math:`1/(1 + e^{-x})` cannot overflow into
  NaN, but it rounds to exactly 1 (or 0), and the textbook
  :math:`-y\log\sigma - (1 - y)\log(1 - \sigma)` then takes :math:`\log 0`.

Everything here is computed in the chosen dtype, so float32 shows its own
rounding. The wrong numbers may be ``inf`` or ``nan``: that is the point; no
RuntimeWarning escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_no_nan, check_temperature
from .activations import max_shift, sigmoid, softmax
from .losses import sigmoid_cross_entropy_with_logits, softmax_cross_entropy_with_logits

__all__ = ["Pitfalls", "evaluate_pitfalls", "DTYPES", "exp_overflow_limit"]

#: The precisions the pitfalls can be computed in.
DTYPES = ("float64", "float32")


def exp_overflow_limit(dtype: str) -> float:
    """The largest x whose ``exp`` is finite in ``dtype``: ln(largest float).

    Examples
    --------
    >>> from core.pitfalls import exp_overflow_limit
    >>> round(exp_overflow_limit("float32"), 2), round(exp_overflow_limit("float64"), 2)
    (88.72, 709.78)
    """
    return float(np.log(np.finfo(_dtype(dtype)).max))


def _dtype(dtype: str) -> np.dtype:
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {DTYPES}, got {dtype!r}")
    return np.dtype(dtype)


@dataclass(frozen=True, eq=False)
class Pitfalls:
    """The right and the wrong numbers of each pitfall, in one dtype. Arrays are read-only.

    Probability vectors have the shape the window shows: K classes for a
    softmax (multiclass) or K independent sigmoids (multilabel), the two
    outcomes [1 − σ, σ] for one sigmoid (binary). Losses are the ``tf.nn``
    cross-entropy of the problem type (for sigmoids, the mean over the
    outputs), in nats.
    """

    dtype: str  #: "float64" or "float32"
    exp_limit: float  #: exp(x) overflows for x above this (88.72 or 709.78)
    largest_exponent: float  #: the largest argument the naive formula exponentiates
    true_index: int  #: the class (or outcome) whose probability the readouts quote
    q: np.ndarray  #: the probabilities, computed stably
    q_twice: np.ndarray  #: the activation applied twice
    q_naive: np.ndarray  #: the textbook formula without the stability trick (may hold nan)
    loss: float  #: the cross-entropy of the logits: right
    loss_probabilities_as_logits: float  #: the same function fed q as its logits: wrong
    loss_perfect_as_logits: float  #: ... fed a perfect prediction q = p as its logits
    loss_naive: float  #: the textbook cross-entropy of q_naive (may be inf or nan)

    def __post_init__(self) -> None:
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False

    @property
    def naive_overflows(self) -> bool:
        """True when the naive formula's result is unusable (not finite)."""
        return not (np.isfinite(self.q_naive).all() and np.isfinite(self.loss_naive))


def evaluate_pitfalls(
    logits: ArrayLike,
    target: ArrayLike,
    temperature: float = 1.0,
    problem_type: str = "multiclass",
    dtype: str = "float64",
) -> Pitfalls:
    r"""The right and wrong numbers of the three pitfalls for one example.

    With :math:`x = z / T` in ``dtype``:

    * multiclass: :math:`q = \mathrm{softmax}(x)`, twice
      :math:`\mathrm{softmax}(q)`, naive :math:`e^{x}/\sum e^{x}`; the loss is
      ``softmax_cross_entropy_with_logits(p, x)``, the wrong one
      ``softmax_cross_entropy_with_logits(p, q)``, the perfect-but-wrong one
      ``softmax_cross_entropy_with_logits(p, p)``, the naive one
      :math:`-\sum p_i \log q^{naive}_i`.
    * binary and multilabel: the same with :math:`\sigma` per output
      (``sigmoid_cross_entropy_with_logits``, averaged over the outputs).

    Parameters
    ----------
    logits : array_like, shape (K,)
        The logits z (K = 1 for binary).
    target : array_like, shape (K,)
        The distribution p (multiclass) or the targets in [0, 1] (sigmoids).
    temperature : float, optional
        T > 0.
    problem_type : {"multiclass", "binary", "multilabel"}, optional
    dtype : {"float64", "float32"}, optional

    Returns
    -------
    Pitfalls

    Raises
    ------
    ValueError
        An unknown problem type or dtype, a bad temperature, shapes that differ.

    Examples
    --------
    >>> from core.pitfalls import evaluate_pitfalls
    >>> pit = evaluate_pitfalls([123.0, 456.0, 789.0], [0.0, 0.0, 1.0])
    >>> pit.q.tolist(), pit.q_naive.tolist()  # the seed's overflow example
    ([0.0, 0.0, 1.0], [0.0, 0.0, nan])
    >>> round(evaluate_pitfalls([0.0, 9.0], [0.0, 1.0]).loss_perfect_as_logits, 4)  # log(1 + 1/e)
    0.3133
    """
    dt = _dtype(dtype)
    if problem_type not in ("multiclass", "binary", "multilabel"):
        raise ValueError(
            f"problem_type must be binary, multiclass or multilabel, got {problem_type!r}"
        )
    t = check_temperature(temperature)
    z = as_float_array(logits, "logits")
    check_no_nan(z, "logits")
    p = as_float_array(target, "target")
    if z.ndim != 1 or p.shape != z.shape:
        raise ValueError(f"logits and target must be 1-d of one shape, got {z.shape} and {p.shape}")
    with np.errstate(all="ignore"):
        x = (z / t).astype(dt)  # the naive formula's exponents: z/T may overflow to inf
        labels = p.astype(dt)
        if problem_type == "multiclass":
            # The stable numbers from (z − max z)/T ≤ 0 (softmax ignores the shift).
            s = max_shift(z, -1, t)[0].astype(dt)
            q = softmax(s)
            q_twice = softmax(q)
            e = np.exp(x)
            q_naive = e / np.sum(e)
            loss = softmax_cross_entropy_with_logits(labels, s)
            as_logits = softmax_cross_entropy_with_logits(labels, q)
            perfect = softmax_cross_entropy_with_logits(labels, labels)
            naive = -np.sum(labels * np.log(q_naive))
            largest = float(np.max(x))
            true_index = int(np.argmax(p))
        else:
            s = sigmoid(x)
            s_twice = sigmoid(s)
            s_naive = 1 / (1 + np.exp(-x))
            loss = np.mean(sigmoid_cross_entropy_with_logits(labels, x))
            as_logits = np.mean(sigmoid_cross_entropy_with_logits(labels, s))
            perfect = np.mean(sigmoid_cross_entropy_with_logits(labels, labels))
            naive = np.mean(-labels * np.log(s_naive) - (1 - labels) * np.log(1 - s_naive))
            largest = float(np.max(-x))
            if problem_type == "binary":
                q = np.concatenate([sigmoid(-x), s])
                q_twice = np.concatenate([1 - s_twice, s_twice])
                q_naive = np.concatenate([1 - s_naive, s_naive])
                true_index = 1 if p[0] >= 0.5 else 0
            else:
                q, q_twice, q_naive = s, s_twice, s_naive
                true_index = int(np.argmax(p))
    return Pitfalls(
        dtype=dt.name,
        exp_limit=exp_overflow_limit(dt.name),
        largest_exponent=largest,
        true_index=true_index,
        q=np.asarray(q),
        q_twice=np.asarray(q_twice),
        q_naive=np.asarray(q_naive),
        loss=float(loss),
        loss_probabilities_as_logits=float(as_logits),
        loss_perfect_as_logits=float(perfect),
        loss_naive=float(naive),
    )
