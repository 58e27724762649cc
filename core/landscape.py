r"""Why cross-entropy trains better: the loss over two logits, gradient descent on
it, and the sigmoid's curves.

* :func:`loss_surface`: the selected loss (or MSE) over a grid of two logits,
  the others held fixed, in one vectorised call whose cost does not grow with K.
* :func:`descend`: plain gradient descent on the logits, under the selected
  loss or under MSE, step by step and deterministic.
* :func:`sigmoid_curves`: σ, its slope σ′ = σ(1 − σ), and the binary
  cross-entropy and squared error for y = 1 and y = 0 with their gradients,
  against the logit.

Sign convention: every gradient is :math:`\partial L / \partial z` with
respect to the raw logits :math:`z` (with :math:`x = z/T`, it carries a factor
:math:`1/T`), and a descent step is :math:`z \leftarrow z - \eta\,\nabla_z L`.
Behind a sigmoid, :math:`\partial\,\mathrm{BCE}/\partial x = \sigma(x) - y` while
:math:`\partial (\sigma(x) - y)^2/\partial x = 2(\sigma(x) - y)\,\sigma'(x)`: the
squared error's gradient is the cross-entropy's times :math:`2\sigma'(x)`, which
vanishes when σ saturates, even at the wrong answer.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array, check_no_nan, check_temperature
from .activations import sigmoid
from .explorer import DEFAULT_LOSS, _problem_type, _rows, _target
from .losses import Reduction, sigmoid_xent_kernel
from .registry import LOSSES, LossKind, LossOptions, LossSpec

__all__ = ["QUANTITIES", "loss_surface", "Descent", "descend", "SigmoidCurves", "sigmoid_curves"]

#: What :func:`loss_surface` and :func:`descend` can follow: the selected loss or MSE.
QUANTITIES = ("loss", "mse")


@dataclass(frozen=True)
class _Setting:
    z: np.ndarray
    p: np.ndarray
    t: float
    ptype: str
    spec: LossSpec
    options: LossOptions

    @property
    def sigmoids(self) -> bool:
        return self.ptype != "multiclass"


def _setting(
    logits: ArrayLike,
    target: int | ArrayLike,
    temperature: float,
    problem_type: str,
    loss: LossKind | str | None,
    label_smoothing: float,
    pos_weight: float,
    weight: float,
    reduction: Reduction | str,
) -> _Setting:
    z = np.array(as_float_array(logits, "logits"), dtype=np.float64)
    if z.ndim != 1 or z.shape[0] < 1:
        raise ValueError(f"logits must be a 1-d array with at least one class, got {z.shape}")
    check_no_nan(z, "logits")
    if not np.isfinite(z).all():
        raise ValueError("logits must be finite")
    ptype = _problem_type(problem_type, z.shape[0])
    t = check_temperature(temperature)
    spec = LOSSES[LossKind.parse(DEFAULT_LOSS[ptype] if loss is None else loss)]
    if ptype not in spec.problem_types:
        suits = " or ".join(sorted(spec.problem_types))
        raise ValueError(f"loss {spec.tf_name} suits {suits} problems, not {ptype}")
    p, target_class = _target(target, z.shape[0], z.dtype)
    if ptype != "multiclass" and (p > 1).any():
        raise ValueError("target values of sigmoid outputs must lie in [0, 1]")
    if spec.needs_class_index and target_class is None:
        raise ValueError(f"loss {spec.tf_name} needs a class-index target")
    options = spec.own_options(LossOptions(label_smoothing, pos_weight, weight, reduction))
    return _Setting(z, p, t, ptype, spec, options)


def _quantity(quantity: str, name: str = "quantity") -> str:
    if quantity not in QUANTITIES:
        raise ValueError(f"{name} must be one of {QUANTITIES}, got {quantity!r}")
    return quantity


def loss_surface(
    logits: ArrayLike,
    target: int | ArrayLike,
    x_class: int,
    y_class: int,
    x_values: ArrayLike,
    y_values: ArrayLike,
    temperature: float = 1.0,
    *,
    quantity: str = "loss",
    problem_type: str = "multiclass",
    loss: LossKind | str | None = None,
    label_smoothing: float = 0.0,
    pos_weight: float = 1.0,
    weight: float = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
) -> np.ndarray:
    r"""The selected loss, or MSE, over a grid of two logits, the others fixed.

    .. math::

        S_{mn} = L(z) \quad\text{with}\quad z_i = a_m,\; z_j = b_n

    for :math:`i` = ``x_class``, :math:`j` = ``y_class``, :math:`a` =
    ``x_values`` and :math:`b` = ``y_values``; every other logit keeps its value.
    ``quantity="loss"`` gives the selected loss exactly as :func:`core.evaluate`
    reports it (``readout_loss``); ``"mse"`` the mean over the outputs of
    :math:`(q_k - p_k)^2`.

    Parameters
    ----------
    logits : array_like, shape (K,)
        The logits, K ≥ 2 (a binary problem has one logit: no surface).
    target, temperature, problem_type, loss, label_smoothing, pos_weight, weight, reduction
        As for :func:`core.evaluate`.
    x_class, y_class : int
        The two logits that vary, different classes in [0, K).
    x_values, y_values : array_like, shapes (M,) and (N,)
        Their values (raw logits: the temperature divides them as it does z).
    quantity : {"loss", "mse"}, optional
        What the surface shows.

    Returns
    -------
    ndarray, shape (M, N)
        ``out[m, n]`` is the value at ``(x_values[m], y_values[n])``: the x
        axis first, as pyqtgraph's ``ImageItem`` takes an image by default.

    Notes
    -----
    One vectorised call per grid, O(M·N) whatever K is: under a softmax the
    other logits enter only through their logsumexp (and a few sums like it),
    and sigmoid outputs are separable (:attr:`core.LossSpec.surface`). The
    grid's logsumexp is max-shifted, so no value overflows for finite logits.

    Examples
    --------
    >>> import numpy as np
    >>> from core.landscape import loss_surface
    >>> s = loss_surface([0.0, 0.0, 0.0], 0, 0, 1, [0.0, np.log(2)], [0.0])
    >>> np.round(s, 4)  # log 3, then −log(2/4) = log 2
    array([[1.0986],
           [0.6931]])
    """
    st = _setting(
        logits,
        target,
        temperature,
        problem_type,
        loss,
        label_smoothing,
        pos_weight,
        weight,
        reduction,
    )
    kind = _quantity(quantity)
    k = st.z.shape[0]
    if k < 2:
        raise ValueError("a surface needs at least two logits")
    i, j = operator.index(x_class), operator.index(y_class)
    for name, c in (("x_class", i), ("y_class", j)):
        if not 0 <= c < k:
            raise ValueError(f"{name} must be in [0, {k}), got {c}")
    if i == j:
        raise ValueError(f"x_class and y_class must differ, both are {i}")
    a = np.array(as_float_array(x_values, "x_values"), dtype=np.float64).ravel()
    b = np.array(as_float_array(y_values, "y_values"), dtype=np.float64).ravel()
    for name, v in (("x_values", a), ("y_values", b)):
        if v.size == 0 or not np.isfinite(v).all():
            raise ValueError(f"{name} must be a non-empty array of finite numbers")
    activation = "sigmoid" if st.sigmoids else "softmax"
    z = st.z
    if not st.sigmoids:
        # A softmax ignores a common shift: take the largest value out before dividing
        # by T, so that z/T cannot overflow (as evaluate does).
        m = max(float(z.max()), float(a.max()), float(b.max()))
        with np.errstate(over="ignore"):  # −2·10³⁰⁸ is −inf: a probability of 0
            z, a, b = z - m, a - m, b - m
    with np.errstate(over="ignore"):  # sigmoid outputs near the float limit: ±inf, quietly
        x, a, b = z / st.t, a / st.t, b / st.t
    if kind == "loss":
        return st.spec.value_surface(st.p, x, i, j, a, b, st.options, activation)
    # MSE, the window's: the mean over the K outputs of the squared error.
    mse = LOSSES[LossKind.MSE]
    with np.errstate(over="ignore"):
        return mse.surface(st.p, x, i, j, a, b, LossOptions(), activation) / k


@dataclass(frozen=True, eq=False)
class Descent:
    """Positions of gradient descent and what they give. Arrays are read-only.

    Row 0 is the start; row s is after s steps.
    """

    logits: np.ndarray  #: (S + 1, K) the logits z
    loss: np.ndarray  #: (S + 1,) the selected loss there
    mse: np.ndarray  #: (S + 1,) MSE there
    q: np.ndarray  #: (S + 1, K) the output probabilities: softmax(z/T) or σ(z/T)

    def __post_init__(self) -> None:
        for value in vars(self).values():
            value.flags.writeable = False


def descend(
    logits: ArrayLike,
    target: int | ArrayLike,
    temperature: float = 1.0,
    *,
    objective: str = "loss",
    learning_rate: float = 1.0,
    steps: int = 1,
    problem_type: str = "multiclass",
    loss: LossKind | str | None = None,
    label_smoothing: float = 0.0,
    pos_weight: float = 1.0,
    weight: float = 1.0,
    reduction: Reduction | str = Reduction.SUM_BY_NONZERO_WEIGHTS,
    limit: float = 1e6,
) -> Descent:
    r"""Plain gradient descent on the logits of one example.

    .. math::

        z^{(s+1)} = z^{(s)} - \eta\, \nabla_z L\big(z^{(s)}\big)

    with :math:`L` the selected loss (``objective="loss"``, exactly as
    :func:`core.evaluate` computes it and its gradient ``grad_loss``) or MSE
    (``objective="mse"``, the gradient ``grad_mse``).

    Parameters
    ----------
    logits : array_like, shape (K,)
        The start.
    objective : {"loss", "mse"}, optional
        What the descent minimises.
    learning_rate : float, optional
        :math:`\eta > 0`.
    steps : int, optional
        The number of steps S ≥ 0.
    limit : float, optional
        A step never takes a logit past ±``limit`` (a diverging run is held
        there, so nothing becomes inf or NaN).
    target, temperature, problem_type, loss, label_smoothing, pos_weight, weight, reduction
        As for :func:`core.evaluate`.

    Returns
    -------
    Descent
        Positions 0..S with the loss, MSE and output probabilities at each.

    Notes
    -----
    Deterministic: a step depends only on the position, so S steps at once
    equal S calls of one step each, bit for bit.

    Examples
    --------
    >>> from core.landscape import descend
    >>> d = descend([-8.0], [1.0], problem_type="binary", steps=3)
    >>> [round(float(v), 3) for v in d.logits[:, 0]]  # each step adds 1 − σ(z) ≈ 1
    [-8.0, -7.0, -6.001, -5.004]
    >>> m = descend([-8.0], [1.0], problem_type="binary", objective="mse", steps=3)
    >>> round(float(m.logits[-1, 0]), 4)  # 2(1 − σ)σ′ ≈ 0.0007 per step: it crawls
    -7.998
    """
    st = _setting(
        logits,
        target,
        temperature,
        problem_type,
        loss,
        label_smoothing,
        pos_weight,
        weight,
        reduction,
    )
    kind = _quantity(objective, "objective")
    eta = float(learning_rate)
    if not (math.isfinite(eta) and eta > 0):
        raise ValueError(f"learning_rate must be a positive finite number, got {learning_rate!r}")
    n = operator.index(steps)
    if n < 0:
        raise ValueError(f"steps must be at least 0, got {n}")
    bound = float(limit)
    if not (math.isfinite(bound) and bound > 0):
        raise ValueError(f"limit must be a positive finite number, got {limit!r}")
    k = st.z.shape[0]
    positions = np.empty((n + 1, k))
    losses, mses, qs = np.empty(n + 1), np.empty(n + 1), np.empty((n + 1, k))
    z = st.z.copy()
    for s in range(n + 1):
        rows = _rows(z[None, :], st.p, st.t, st.spec, st.options, st.sigmoids)
        positions[s], losses[s], mses[s], qs[s] = z, rows.loss[0], rows.mse[0], rows.q[0]
        if s == n:
            break
        grad = rows.grad_loss[0] if kind == "loss" else rows.grad_mse[0]
        z = np.clip(z - eta * grad, -bound, bound)
    return Descent(positions, losses, mses, qs)


@dataclass(frozen=True, eq=False)
class SigmoidCurves:
    r"""The sigmoid's curves against the logit :math:`x`, each of shape (N,). Read-only.

    ``bce_pos``/``bce_neg`` are the binary cross-entropy for y = 1 and y = 0
    (:math:`-\log\sigma(x)` and :math:`-\log(1-\sigma(x))`), ``se_pos``/``se_neg``
    the squared error :math:`(\sigma(x) - y)^2`; the ``*_grad`` arrays are
    their derivatives with respect to :math:`x`.
    """

    x: np.ndarray
    sigma: np.ndarray  #: σ(x)
    slope: np.ndarray  #: σ′(x) = σ(x)(1 − σ(x))
    bce_pos: np.ndarray
    bce_neg: np.ndarray
    se_pos: np.ndarray
    se_neg: np.ndarray
    bce_pos_grad: np.ndarray  #: σ − 1
    bce_neg_grad: np.ndarray  #: σ
    se_pos_grad: np.ndarray  #: 2(σ − 1)σ′
    se_neg_grad: np.ndarray  #: 2σσ′

    def __post_init__(self) -> None:
        for value in vars(self).values():
            value.flags.writeable = False


def sigmoid_curves(x: ArrayLike) -> SigmoidCurves:
    r"""σ, σ′ = σ(1 − σ), and BCE and the squared error for y = 1 and y = 0, with
    their gradients, at the logits ``x``.

    .. math::

        \frac{\partial\,\mathrm{BCE}}{\partial x} = \sigma(x) - y, \qquad
        \frac{\partial (\sigma(x) - y)^2}{\partial x} = 2(\sigma(x) - y)\,\sigma'(x)

    Parameters
    ----------
    x : array_like, shape (N,)
        Finite logits.

    Returns
    -------
    SigmoidCurves

    Notes
    -----
    BCE uses TensorFlow's stable form :math:`\max(x, 0) - xy + \log(1 + e^{-|x|})`
    and σ′ is :math:`\sigma(x)\,\sigma(-x)` (no cancellation in :math:`1 - \sigma`).

    Examples
    --------
    >>> from core.landscape import sigmoid_curves
    >>> c = sigmoid_curves([-8.0, 0.0])
    >>> [round(float(v), 5) for v in c.bce_pos_grad], [round(float(v), 5) for v in c.se_pos_grad]
    ([-0.99966, -0.5], [-0.00067, -0.25])
    """
    v = np.array(as_float_array(x, "x"), dtype=np.float64).ravel()
    if not np.isfinite(v).all():
        raise ValueError("x must be finite")
    s, s_neg = sigmoid(v), sigmoid(-v)
    slope = s * s_neg
    return SigmoidCurves(
        x=v,
        sigma=s,
        slope=slope,
        bce_pos=sigmoid_xent_kernel(np.float64(1.0), v),
        bce_neg=sigmoid_xent_kernel(np.float64(0.0), v),
        se_pos=np.square(s_neg),
        se_neg=np.square(s),
        bce_pos_grad=-s_neg,
        bce_neg_grad=s.copy(),
        se_pos_grad=-2 * s_neg * slope,
        se_neg_grad=2 * s * slope,
    )
