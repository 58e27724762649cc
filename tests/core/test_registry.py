"""The loss registry (core.registry) against independent references.

Every entry's ``value_and_grad`` is checked against losses and gradients
written out here from scipy.special (softmax, log_softmax, expit, log_expit),
against TensorFlow's reductions worked out by hand, against values derived by
hand, and against central finite differences of the scipy reference. The
implementation is never its own only reference.
"""

import ast
import inspect
import math
import textwrap
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import special

import core
import core.explorer
import core.registry
from core import LOSSES, LossKind, LossOptions, LossSpec, Reduction, loss_spec
from core.registry import LEGACY_NAMES, OPTION_NAMES, PROBLEM_TYPES, losses_for

pytestmark = pytest.mark.filterwarnings("error")

H = 1e-6
RTOL, ATOL = 1e-12, 1e-14
FD_TOL = {"rtol": 1e-6, "atol": 1e-8}

K_ = LossKind
# Which entries read which option (written out here, not read from the registry).
TAKES_SMOOTHING = {K_.SIGMOID, K_.SOFTMAX}
TAKES_POS_WEIGHT = {K_.WEIGHTED_SIGMOID}
COMPAT_V1 = {K_.SIGMOID, K_.SOFTMAX, K_.SPARSE_SOFTMAX, K_.MSE}
SIGMOID_KINDS = {K_.SIGMOID_XENT, K_.WEIGHTED_SIGMOID, K_.SIGMOID}
SOFTMAX_KINDS = {K_.SOFTMAX_XENT, K_.SOFTMAX, K_.SPARSE_SOFTMAX_XENT, K_.SPARSE_SOFTMAX}
SPARSE_KINDS = {K_.SPARSE_SOFTMAX_XENT, K_.SPARSE_SOFTMAX}


# --------------------------------------------------------------------------
# Independent references: one example, one row x of shape (K,)
# --------------------------------------------------------------------------


def smoothed(p, s, n):
    return p * (1 - s) + s / n


def ref_elements(kind, p, x, options, activation="softmax"):
    """The E per-element losses TensorFlow computes for one example, before the weight."""
    s = options.label_smoothing if kind in TAKES_SMOOTHING else 0.0
    w = options.pos_weight if kind in TAKES_POS_WEIGHT else 1.0
    if kind in (K_.SOFTMAX_XENT, K_.SOFTMAX):
        return np.array([-np.sum(smoothed(p, s, x.size) * special.log_softmax(x))])
    if kind in SPARSE_KINDS:
        return np.array([-special.log_softmax(x)[int(np.argmax(p))]])
    if kind in SIGMOID_KINDS:
        y = smoothed(p, s, 2)
        # -w·y·log σ(x) - (1 - y)·log(1 - σ(x)), with 1 - σ(x) = σ(-x)
        return -w * y * special.log_expit(x) - (1 - y) * special.log_expit(-x)
    assert kind is K_.MSE
    q = special.softmax(x) if activation == "softmax" else special.expit(x)
    return (q - p) ** 2


def ref_reduce(kind, elements, options):
    """One example's value as TensorFlow returns it: a tf.nn function's values
    averaged (tf.reduce_mean), a compat.v1 function's weighted and reduced (the
    mean of the weighted values for "none"); div_no_nan as TensorFlow's."""
    if kind not in COMPAT_V1:
        return np.mean(elements)
    w, e = options.weight, elements.size
    weighted = w * elements
    red = options.reduction
    if red is Reduction.NONE:
        return np.mean(weighted)
    if red is Reduction.SUM:
        return weighted.sum()
    if red is Reduction.MEAN:
        denominator = w * e
    elif red is Reduction.SUM_OVER_BATCH_SIZE:
        denominator = e
    else:
        denominator = e if w != 0 else 0
    return weighted.sum() / denominator if denominator != 0 else 0.0


def ref_loss(kind, p, x, options, activation="softmax"):
    return ref_reduce(kind, ref_elements(kind, p, x, options, activation), options)


def ref_sum_grad(kind, p, x, options, activation="softmax"):
    """The gradient of the sum of the per-element losses, by hand."""
    s = options.label_smoothing if kind in TAKES_SMOOTHING else 0.0
    if kind in (K_.SOFTMAX_XENT, K_.SOFTMAX):
        labels = smoothed(p, s, x.size)
        return special.softmax(x) * labels.sum() - labels
    if kind in SPARSE_KINDS:
        return special.softmax(x) - np.eye(x.size)[int(np.argmax(p))]
    if kind in (K_.SIGMOID_XENT, K_.SIGMOID):
        return special.expit(x) - smoothed(p, s, 2)
    if kind is K_.WEIGHTED_SIGMOID:
        # d/dx [-w p log σ(x) - (1 - p) log σ(-x)] = -w p σ(-x) + (1 - p) σ(x)
        w = options.pos_weight
        return -w * p * special.expit(-x) + (1 - p) * special.expit(x)
    assert kind is K_.MSE
    if activation == "softmax":
        # Chain rule through the softmax Jacobian J = diag(q) - q qᵀ (symmetric).
        q = special.softmax(x)
        return (np.diag(q) - np.outer(q, q)) @ (2 * (q - p))
    q = special.expit(x)
    return 2 * (q - p) * q * (1 - q)


def ref_grad(kind, p, x, options, activation="softmax"):
    # Every reduction is linear in the elements: reduce the gradients of the elements.
    e = 1 if kind in SOFTMAX_KINDS else x.size
    return ref_factor(kind, options, e) * ref_sum_grad(kind, p, x, options, activation)


def ref_factor(kind, options, e):
    """What one example's Σ_e ℓ_e is multiplied by, from ref_reduce of unit losses."""
    return ref_reduce(kind, np.ones(e), options) / e if kind in COMPAT_V1 else 1.0 / e


def fd_grad(f, x, h=H):
    g = np.empty_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def activations_of(spec):
    return ("softmax", "sigmoid") if spec.activation is None else (spec.activation,)


# --------------------------------------------------------------------------
# Random cases: every entry, every target type it takes, its options
# --------------------------------------------------------------------------


def targets(spec, k, rng):
    """Target distributions p of shape (K,) this entry accepts."""
    out = [np.eye(k)[rng.integers(k)]]
    if not spec.needs_class_index:
        out.append(rng.dirichlet(np.ones(k)))  # a soft label
        out.append(rng.uniform(0.0, 1.0, k))  # multi-label targets, not normalised
    return out


def option_sets(spec):
    sets = [LossOptions()]
    if spec.kind in TAKES_SMOOTHING:
        sets += [LossOptions(label_smoothing=0.2), LossOptions(label_smoothing=1.0)]
    if spec.kind in TAKES_POS_WEIGHT:
        sets += [LossOptions(pos_weight=3.0), LossOptions(pos_weight=0.25)]
    if spec.kind in COMPAT_V1:
        sets += [LossOptions(weight=2.5, reduction=red) for red in Reduction]
        sets += [LossOptions(weight=0.0), LossOptions(weight=-0.5, reduction="weighted_mean")]
        if spec.kind in TAKES_SMOOTHING:
            sets.append(LossOptions(label_smoothing=0.1, weight=3.0, reduction="weighted_sum"))
    return sets


def cases():
    rng = np.random.default_rng(20240611)
    for spec in LOSSES.values():
        for k in (1, 2, 3, 7):
            x = rng.normal(0.0, 3.0, size=(4, k))
            for j, p in enumerate(targets(spec, k, rng)):
                for options in option_sets(spec):
                    for act in activations_of(spec):
                        case_id = (
                            f"{spec.kind.value}-{act}-K{k}-p{j}-s{options.label_smoothing}"
                            f"-pw{options.pos_weight}-w{options.weight}-{options.reduction.value}"
                        )
                        yield pytest.param(spec, p, x, options, act, id=case_id)


CASES = list(cases())


@pytest.mark.parametrize(("spec", "p", "x", "options", "activation"), CASES)
def test_value_and_grad_matches_scipy_and_finite_differences(spec, p, x, options, activation):
    loss, grad = spec.value_and_grad(p, x.copy(), options, activation)
    assert loss.shape == (x.shape[0],)
    assert grad.shape == x.shape
    for row in range(x.shape[0]):
        xi = x[row]
        expected = ref_loss(spec.kind, p, xi, options, activation)
        assert loss[row] == pytest.approx(expected, rel=RTOL, abs=ATOL)
        np.testing.assert_allclose(
            grad[row], ref_grad(spec.kind, p, xi, options, activation), rtol=1e-11, atol=1e-15
        )
        np.testing.assert_allclose(
            grad[row],
            fd_grad(lambda v: ref_loss(spec.kind, p, v, options, activation), xi),
            **FD_TOL,
        )


@pytest.mark.parametrize(("spec", "p", "x", "options", "activation"), CASES)
def test_value_and_grad_leaves_its_inputs_alone(spec, p, x, options, activation):
    p_before, x_before = p.copy(), x.copy()
    spec.value_and_grad(p, x, options, activation)
    np.testing.assert_array_equal(p, p_before)
    np.testing.assert_array_equal(x, x_before)


def test_value_and_grad_default_activation():
    # The squared error's default is the softmax; the others use their own activation.
    x = np.array([[0.5, -1.0, 2.0]])
    p = np.array([0.0, 1.0, 0.0])
    mse = LOSSES[K_.MSE]
    default = mse.value_and_grad(p, x, LossOptions())
    softmax = mse.value_and_grad(p, x, LossOptions(), "softmax")
    np.testing.assert_array_equal(default[0], softmax[0])
    assert default[0][0] == pytest.approx(np.mean((special.softmax(x[0]) - p) ** 2), rel=1e-14)
    sig = LOSSES[K_.SIGMOID_XENT].value_and_grad(p, x, LossOptions())[0][0]
    assert sig == pytest.approx(np.mean(ref_elements(K_.SIGMOID_XENT, p, x[0], LossOptions())))


# --------------------------------------------------------------------------
# Hand-derived values
# --------------------------------------------------------------------------

LOG2, LOG3, LOG4 = math.log(2), math.log(3), math.log(4)

# (kind, p, x (one row), options, activation, loss, grad)
HAND_CASES = [
    # softmax of [0, log 3] is [1/4, 3/4]: -log(3/4); grad q - p.
    (K_.SOFTMAX_XENT, [0, 1], [0, LOG3], {}, None, math.log(4 / 3), [0.25, -0.25]),
    # tf.nn.softmax_cross_entropy_with_logits has no label smoothing: 0.2 is ignored.
    (K_.SOFTMAX_XENT, [1, 0], [0, 0], {"label_smoothing": 0.2}, None, LOG2, [-0.5, 0.5]),
    # softmax of [0, 0] is [1/2, 1/2]: -log(1/2) = log 2; q - p.
    (K_.SOFTMAX, [1, 0], [0, 0], {}, None, LOG2, [-0.5, 0.5]),
    # x = [log 3, 0]: q = [3/4, 1/4], loss = -log(3/4).
    (K_.SOFTMAX, [1, 0], [LOG3, 0], {}, None, math.log(4 / 3), [-0.25, 0.25]),
    # Smoothing 0.2 over K = 2: p' = [0.9, 0.1], loss still log 2 at x = 0, grad q - p'.
    (K_.SOFTMAX, [1, 0], [0, 0], {"label_smoothing": 0.2}, None, LOG2, [-0.4, 0.4]),
    # Weight 2, weighted_sum: 2 log 2 and twice the gradient.
    (
        K_.SOFTMAX,
        [1, 0],
        [0, 0],
        {"weight": 2.0, "reduction": "weighted_sum"},
        None,
        2 * LOG2,
        [-1.0, 1.0],
    ),
    # Weight 0: div_no_nan gives 0, and so does the gradient.
    (K_.SOFTMAX, [1, 0], [LOG3, 0], {"weight": 0.0}, None, 0.0, [0.0, 0.0]),
    # softmax [1/4, 1/4, 1/2]: -log(1/2) = log 2; grad q - onehot(2).
    (K_.SPARSE_SOFTMAX_XENT, [0, 0, 1], [0, 0, LOG2], {}, None, LOG2, [0.25, 0.25, -0.5]),
    # Four equal logits: -log(1/4); grad 1/4 - onehot.
    (K_.SPARSE_SOFTMAX, [1, 0, 0, 0], [0, 0, 0, 0], {}, None, LOG4, [-0.75, 0.25, 0.25, 0.25]),
    # Weight 1/2, weighted_sum: (1/2) log 4 = log 2.
    (
        K_.SPARSE_SOFTMAX,
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        {"weight": 0.5, "reduction": "weighted_sum"},
        None,
        LOG2,
        [-0.375, 0.125, 0.125, 0.125],
    ),
    # Each element log 2 at x = 0, mean log 2; grad (σ(0) - z) / K.
    (K_.SIGMOID_XENT, [1, 0], [0, 0], {}, None, LOG2, [-0.25, 0.25]),
    # One logit: σ(log 3) = 3/4, -log(3/4); grad σ - 1.
    (K_.SIGMOID_XENT, [1], [LOG3], {}, None, math.log(4 / 3), [-0.25]),
    (K_.SIGMOID, [1, 0], [0, 0], {}, None, LOG2, [-0.25, 0.25]),
    # Full smoothing: every label 1/2. σ(log 3) = 3/4: element 0 is
    # -(1/2)log(3/4) - (1/2)log(1/4) = (1/2)log(16/3); element 1 is log 2.
    (
        K_.SIGMOID,
        [1, 0],
        [LOG3, 0],
        {"label_smoothing": 1.0},
        None,
        (0.5 * math.log(16 / 3) + LOG2) / 2,
        [(0.75 - 0.5) / 2, 0.0],
    ),
    # Weight 3 over two elements of log 2 each: weighted_sum 6 log 2, grad 3(σ - z).
    (
        K_.SIGMOID,
        [1, 0],
        [0, 0],
        {"weight": 3.0, "reduction": "weighted_sum"},
        None,
        6 * LOG2,
        [-1.5, 1.5],
    ),
    # weighted_mean: 6 log 2 / (3 + 3) = log 2, whatever the weight.
    (
        K_.SIGMOID,
        [1, 0],
        [0, 0],
        {"weight": 3.0, "reduction": "weighted_mean"},
        None,
        LOG2,
        [-0.25, 0.25],
    ),
    # weighted_sum_over_batch_size: 6 log 2 / 2 elements.
    (
        K_.SIGMOID,
        [1, 0],
        [0, 0],
        {"weight": 3.0, "reduction": "weighted_sum_over_batch_size"},
        None,
        3 * LOG2,
        [-0.75, 0.75],
    ),
    # none: the weighted values [3 log 2, 3 log 2], shown as their mean.
    (
        K_.SIGMOID,
        [1, 0],
        [0, 0],
        {"weight": 3.0, "reduction": "none"},
        None,
        3 * LOG2,
        [-0.75, 0.75],
    ),
    # pos_weight 3: the positive element costs 3 log 2, the negative log 2; mean 2 log 2.
    # grad: (-3·1·σ(0)) / 2 and (σ(0)) / 2.
    (K_.WEIGHTED_SIGMOID, [1, 0], [0, 0], {"pos_weight": 3.0}, None, 2 * LOG2, [-0.75, 0.25]),
    # q = [1/2, 1/2] against p = [0, 1]: ((1/2)² + (1/2)²) / 2 = 1/4.
    # grad_j = (2/K) q_j ((q_j - p_j) - Σ (q_i - p_i) q_i) = q_j (q_j - p_j) here.
    (K_.MSE, [0, 1], [0, 0], {}, None, 0.25, [0.25, -0.25]),
    # weighted_sum of weight 2: 2 · (1/4 + 1/4) = 1, and 2·K times that gradient.
    (
        K_.MSE,
        [0, 1],
        [0, 0],
        {"weight": 2.0, "reduction": "weighted_sum"},
        "softmax",
        1.0,
        [1.0, -1.0],
    ),
    # Sigmoid outputs σ(0) = 1/2 each: the same 1/4; grad 2(σ - p)σ(1 - σ) / K.
    (K_.MSE, [0, 1], [0, 0], {}, "sigmoid", 0.25, [0.125, -0.125]),
]


@pytest.mark.parametrize(("kind", "p", "x", "options", "activation", "loss", "grad"), HAND_CASES)
def test_hand_derived_values(kind, p, x, options, activation, loss, grad):
    got_loss, got_grad = LOSSES[kind].value_and_grad(
        np.array(p, dtype=np.float64),
        np.array([x], dtype=np.float64),
        LossOptions(**options),
        activation,
    )
    assert got_loss[0] == pytest.approx(loss, rel=1e-15, abs=1e-16)
    np.testing.assert_allclose(got_grad[0], grad, rtol=1e-15, atol=1e-16)


def test_every_entry_has_a_hand_derived_case():
    assert {case[0] for case in HAND_CASES} == set(LOSSES)


# --------------------------------------------------------------------------
# The weight and the reduction: weighted_loss_factor and LossSpec.factor
# --------------------------------------------------------------------------


def hand_factor(w, reduction, e):
    """The factor on Σ_e ℓ_e, worked out from TensorFlow's definitions."""
    return {
        "weighted_sum": w,  # Σ w ℓ
        "weighted_mean": (1 / e) if w != 0 else 0.0,  # Σ w ℓ / Σ w = Σ ℓ / E; 0/0 → 0
        "weighted_sum_over_batch_size": w / e,  # Σ w ℓ / E
        "weighted_sum_by_nonzero_weights": (w / e) if w != 0 else 0.0,  # Σ w ℓ / #(w ≠ 0)
        "none": w / e,  # the mean of the E values w ℓ_e
    }[reduction]


@pytest.mark.parametrize("reduction", [r.value for r in Reduction])
@pytest.mark.parametrize("w", [1.0, 2.5, -0.5, 0.0])
@pytest.mark.parametrize("e", [1, 2, 5])
def test_weighted_loss_factor_by_hand_and_against_compute_weighted_loss(reduction, w, e):
    factor = core.weighted_loss_factor(w, reduction, e)
    assert factor == pytest.approx(hand_factor(w, reduction, e), rel=1e-15, abs=0)
    assert core.weighted_loss_factor(w, Reduction(reduction), e) == factor
    assert type(factor) is float
    losses = np.random.default_rng(e).uniform(0.1, 3.0, e)
    reduced = np.mean(core.compute_weighted_loss(losses, w, reduction))
    assert reduced == pytest.approx(factor * losses.sum(), rel=1e-14, abs=1e-300)


def test_weighted_loss_factor_hand_values():
    # Weight 2 over E = 4 elements, as in the docstring, and weight 0 (div_no_nan).
    assert core.weighted_loss_factor(2.0, "weighted_sum", 4) == 2.0
    assert core.weighted_loss_factor(2.0, "weighted_mean", 4) == 0.25
    assert core.weighted_loss_factor(2.0, "weighted_sum_over_batch_size", 4) == 0.5
    assert core.weighted_loss_factor(2.0, "weighted_sum_by_nonzero_weights", 4) == 0.5
    assert core.weighted_loss_factor(2.0, "none", 4) == 0.5
    assert core.weighted_loss_factor(2.0) == 2.0  # default: by non-zero weights, E = 1
    for red in Reduction:
        assert core.weighted_loss_factor(0.0, red, 4) == 0.0
        assert core.compute_weighted_loss([1.0, 2.0, 3.0, 4.0], 0.0, red).sum() == 0.0


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((float("inf"), "weighted_sum", 1), "weight"),
        ((float("nan"), "weighted_sum", 1), "weight"),
        (("heavy", "weighted_sum", 1), "weight"),
        ((1.0, "average", 1), "reduction"),
        ((1.0, "weighted_sum", 0), "num_elements"),
        ((1.0, "weighted_sum", 1.5), "num_elements"),
        ((1.0, "weighted_sum", True), "num_elements"),
    ],
)
def test_weighted_loss_factor_rejects_bad_arguments(args, name):
    with pytest.raises(ValueError, match=name):
        core.weighted_loss_factor(*args)


@pytest.mark.parametrize("kind", list(LossKind))
@pytest.mark.parametrize("k", [1, 4])
def test_spec_factor(kind, k):
    spec = LOSSES[kind]
    e = 1 if kind in SOFTMAX_KINDS else k
    assert spec.num_elements(k) == e
    assert spec.elementwise is (kind not in SOFTMAX_KINDS)
    for options in [
        LossOptions(),
        LossOptions(weight=3.0, reduction="weighted_sum"),
        LossOptions(weight=0.0),
        LossOptions(weight=-2.0, reduction="none"),
    ]:
        assert spec.factor(options, k) == pytest.approx(ref_factor(kind, options, e), rel=1e-15)


# --------------------------------------------------------------------------
# The TensorFlow function of each entry, called as TensorFlow would be
# --------------------------------------------------------------------------


def call_tf_function(spec, p, x, options, activation):
    """One example's value from ``spec.tf_function`` called with TensorFlow's arguments:
    labels and logits of shape (1, K); the mean of what a tf.nn sigmoid function or
    reduction "none" returns."""
    labels, logits = p[None, :], x[None, :]
    fn, kind = spec.tf_function, spec.kind
    compat = {"weights": options.weight, "reduction": options.reduction.value}
    index = np.array([int(np.argmax(p))])
    if kind is K_.SIGMOID_XENT:
        out = fn(labels, logits)
    elif kind is K_.WEIGHTED_SIGMOID:
        out = fn(labels, logits, options.pos_weight)
    elif kind is K_.SOFTMAX_XENT:
        out = fn(labels, logits)
    elif kind is K_.SPARSE_SOFTMAX_XENT:
        out = fn(index, logits)
    elif kind is K_.SIGMOID:
        out = fn(labels, logits, label_smoothing=options.label_smoothing, **compat)
    elif kind is K_.SOFTMAX:
        out = fn(labels, logits, label_smoothing=options.label_smoothing, **compat)
    elif kind is K_.SPARSE_SOFTMAX:
        out = fn(index, logits, **compat)
    else:
        assert kind is K_.MSE
        # The predictions are the output probabilities, tf.nn.softmax or tf.sigmoid.
        q = special.softmax(logits, axis=-1) if activation == "softmax" else special.expit(logits)
        out = fn(labels, q, **compat)
    return float(np.mean(out))


@pytest.mark.parametrize(("spec", "p", "x", "options", "activation"), CASES)
def test_value_and_grad_is_the_tf_function(spec, p, x, options, activation):
    loss, _ = spec.value_and_grad(p, x, options, activation)
    for row in range(x.shape[0]):
        expected = call_tf_function(spec, p, x[row], options, activation)
        assert loss[row] == pytest.approx(expected, rel=1e-13, abs=1e-15)


def call_public(fn, spec, p, x, options):
    """Call the entry's per_example / gradient the way its kind takes arguments."""
    rows = x.shape[0]
    if spec.needs_class_index:
        return fn(np.full(rows, int(np.argmax(p))), x)
    # Label smoothing is applied to the labels before the tf.nn-style function.
    outcomes = 2 if spec.activation == "sigmoid" else x.shape[-1]
    s = options.label_smoothing if spec.kind in TAKES_SMOOTHING else 0.0
    labels = np.broadcast_to(smoothed(p, s, outcomes), x.shape)
    if spec.kind in TAKES_POS_WEIGHT:
        return fn(labels, x, options.pos_weight)
    return fn(labels, x)


# The squared error's per-example function is that of the softmax probabilities.
PER_EXAMPLE_CASES = [
    c for c in CASES if not (c.values[0].kind is K_.MSE and c.values[4] != "softmax")
]


@pytest.mark.parametrize(("spec", "p", "x", "options", "activation"), PER_EXAMPLE_CASES)
def test_per_example_and_gradient_agree_with_value_and_grad(spec, p, x, options, activation):
    loss, grad = spec.value_and_grad(p, x, options, activation)
    per_example = call_public(spec.per_example, spec, p, x, options)
    public_grad = call_public(spec.gradient, spec, p, x, options)
    k = x.shape[-1]
    if spec.kind in SIGMOID_KINDS:
        # One loss per element: the example's Σ_e ℓ_e is their sum.
        assert per_example.shape == x.shape
        total, total_grad = per_example.sum(axis=-1), public_grad
    elif spec.kind is K_.MSE:
        # softmax_mean_squared_error is the mean over the K elements.
        assert per_example.shape == (x.shape[0],)
        total, total_grad = k * per_example, k * public_grad
    else:
        assert per_example.shape == (x.shape[0],)
        total, total_grad = per_example, public_grad
    f = ref_factor(spec.kind, options, 1 if spec.kind in SOFTMAX_KINDS else k)
    np.testing.assert_allclose(loss, f * total, rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(grad, f * total_grad, rtol=1e-13, atol=1e-15)


def test_softmax_mean_squared_error_matches_the_compat_v1_loss():
    # The MSE entry's per-example function is tf.compat.v1.losses.mean_squared_error
    # of the softmax probabilities, one example at a time.
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 4))
    p = rng.dirichlet(np.ones(4), size=5)
    expected = [core.mean_squared_error(p[i], special.softmax(x[i])) for i in range(5)]
    np.testing.assert_allclose(core.softmax_mean_squared_error(p, x), expected, rtol=1e-14)


# --------------------------------------------------------------------------
# evaluate(...).loss: every entry × every problem type it suits × its options
# --------------------------------------------------------------------------

EVAL_Z = {
    "binary": [0.7],
    "multiclass": [1.5, -0.5, 0.25, 2.0],
    "multilabel": [1.5, -0.5, 0.25, 2.0],
}
EVAL_TARGETS = {
    "binary": [[0.3], [1.0], [0.0]],
    "multiclass": [3, [0.1, 0.2, 0.3, 0.4]],
    "multilabel": [[1.0, 0.0, 0.5, 0.8], 2],
}


def matrix_options(kind):
    """Each entry's options: its own over their ranges, and others it must ignore."""
    if kind in COMPAT_V1:
        smoothings = (0.0, 0.1) if kind in TAKES_SMOOTHING else (0.0,)
        out = [
            {"label_smoothing": s, "weight": w, "reduction": red.value}
            for s in smoothings
            for w in (1.0, 2.5, 0.0, -0.5)
            for red in Reduction
        ]
        out.append({"pos_weight": 4.0})  # not this entry's: ignored
        return out
    if kind in TAKES_POS_WEIGHT:
        out = [{"pos_weight": pw} for pw in (1.0, 3.0, 0.25, 0.0)]
        out.append({"pos_weight": 3.0, "label_smoothing": 0.2, "weight": 5.0})  # the last two
        return out
    # tf.nn functions with no options: whatever else is set is ignored.
    return [{}, {"label_smoothing": 0.2, "pos_weight": 3.0, "weight": 0.0, "reduction": "none"}]


def matrix_cases():
    for kind in LossKind:
        spec = LOSSES[kind]
        for ptype in PROBLEM_TYPES:
            if ptype not in spec.problem_types:
                continue
            for target in EVAL_TARGETS[ptype]:
                if spec.needs_class_index and not isinstance(target, int):
                    continue
                for options in matrix_options(kind):
                    yield pytest.param(
                        kind, ptype, target, options, id=f"{kind.value}-{ptype}-{target}-{options}"
                    )


def parsed(options):
    return LossOptions(**options)


@pytest.mark.parametrize(("kind", "ptype", "target", "options"), list(matrix_cases()))
@pytest.mark.parametrize("t", [1.0, 0.6])
def test_evaluate_loss_is_the_tensorflow_function_and_scipy(kind, ptype, target, options, t):
    z = np.array(EVAL_Z[ptype])
    k = z.size
    p = np.eye(k)[target] if isinstance(target, int) else np.array(target, dtype=np.float64)
    r = core.evaluate(z, target, t, problem_type=ptype, loss=kind, sweep_points=2, **options)
    assert r.loss_kind is kind
    spec = LOSSES[kind]
    activation = "softmax" if ptype == "multiclass" else "sigmoid"
    opts = parsed(options)
    tf_value = call_tf_function(spec, p, z / t, opts, activation)
    scipy_value = ref_loss(kind, p, z / t, opts, activation)
    assert tf_value == pytest.approx(scipy_value, rel=1e-13, abs=1e-15)
    assert r.loss == pytest.approx(tf_value, rel=1e-13, abs=1e-15)
    # The gradient with respect to z: the reference's, carrying 1/T.
    np.testing.assert_allclose(
        r.grad_loss, ref_grad(kind, p, z / t, opts, activation) / t, rtol=1e-11, atol=1e-15
    )


# --------------------------------------------------------------------------
# What each entry declares
# --------------------------------------------------------------------------

EXPECTED = {
    # kind: (problem types, options, needs_class_index, activation, elementwise, counterpart,
    #        tf_function)
    K_.SIGMOID_XENT: (
        {"binary", "multilabel"},
        set(),
        False,
        "sigmoid",
        True,
        K_.SOFTMAX_XENT,
        core.sigmoid_cross_entropy_with_logits,
    ),
    K_.WEIGHTED_SIGMOID: (
        {"binary", "multilabel"},
        {"pos_weight"},
        False,
        "sigmoid",
        True,
        K_.SOFTMAX_XENT,
        core.weighted_cross_entropy_with_logits,
    ),
    K_.SIGMOID: (
        {"binary", "multilabel"},
        {"label_smoothing", "weights", "reduction"},
        False,
        "sigmoid",
        True,
        K_.SOFTMAX,
        core.sigmoid_cross_entropy,
    ),
    K_.SOFTMAX_XENT: (
        {"multiclass"},
        set(),
        False,
        "softmax",
        False,
        K_.SIGMOID_XENT,
        core.softmax_cross_entropy_with_logits,
    ),
    K_.SOFTMAX: (
        {"multiclass"},
        {"label_smoothing", "weights", "reduction"},
        False,
        "softmax",
        False,
        K_.SIGMOID,
        core.softmax_cross_entropy,
    ),
    K_.SPARSE_SOFTMAX_XENT: (
        {"multiclass"},
        set(),
        True,
        "softmax",
        False,
        K_.SIGMOID_XENT,
        core.sparse_softmax_cross_entropy_with_logits,
    ),
    K_.SPARSE_SOFTMAX: (
        {"multiclass"},
        {"weights", "reduction"},
        True,
        "softmax",
        False,
        K_.SIGMOID,
        core.sparse_softmax_cross_entropy,
    ),
    K_.MSE: (
        {"binary", "multiclass", "multilabel"},
        {"weights", "reduction"},
        False,
        None,
        True,
        None,
        core.mean_squared_error,
    ),
}


@pytest.mark.parametrize("kind", list(LossKind))
def test_entry_declarations(kind):
    spec = LOSSES[kind]
    problem_types, options, needs_index, activation, elementwise, counterpart, tf_function = (
        EXPECTED[kind]
    )
    assert spec.kind is kind
    assert spec.tf_name == kind.value
    assert spec.problem_types == frozenset(problem_types)
    assert isinstance(spec.problem_types, frozenset) and isinstance(spec.options, frozenset)
    assert spec.options == frozenset(options)
    assert spec.needs_class_index is needs_index
    assert spec.activation == activation
    assert spec.elementwise is elementwise
    assert spec.counterpart is counterpart
    assert spec.tf_function is tf_function
    assert spec.compat_v1 is (kind in COMPAT_V1)
    assert spec.compat_v1 is spec.tf_name.startswith("tf.compat.v1.losses.")
    for ptype in problem_types:
        expected = activation or ("softmax" if ptype == "multiclass" else "sigmoid")
        assert spec.output_activation(ptype) == expected


def test_counterparts_suit_the_other_problem_types():
    for spec in LOSSES.values():
        if spec.counterpart is not None:
            twin = LOSSES[spec.counterpart]
            assert not twin.problem_types & spec.problem_types
            assert twin.activation != spec.activation


def test_public_functions_of_each_entry():
    pairs = {
        K_.SIGMOID_XENT: (
            core.sigmoid_cross_entropy_with_logits,
            core.sigmoid_cross_entropy_with_logits_grad,
        ),
        K_.WEIGHTED_SIGMOID: (
            core.weighted_cross_entropy_with_logits,
            core.weighted_cross_entropy_with_logits_grad,
        ),
        K_.SIGMOID: (
            core.sigmoid_cross_entropy_with_logits,
            core.sigmoid_cross_entropy_with_logits_grad,
        ),
        K_.SOFTMAX_XENT: (
            core.softmax_cross_entropy_with_logits,
            core.softmax_cross_entropy_with_logits_grad,
        ),
        K_.SOFTMAX: (
            core.softmax_cross_entropy_with_logits,
            core.softmax_cross_entropy_with_logits_grad,
        ),
        K_.SPARSE_SOFTMAX_XENT: (
            core.sparse_softmax_cross_entropy_with_logits,
            core.sparse_softmax_cross_entropy_with_logits_grad,
        ),
        K_.SPARSE_SOFTMAX: (
            core.sparse_softmax_cross_entropy_with_logits,
            core.sparse_softmax_cross_entropy_with_logits_grad,
        ),
        K_.MSE: (core.softmax_mean_squared_error, core.softmax_mean_squared_error_grad),
    }
    assert set(pairs) == set(LOSSES)
    for kind, (per_example, gradient) in pairs.items():
        assert LOSSES[kind].per_example is per_example, kind
        assert LOSSES[kind].gradient is gradient, kind


def test_registry_order_and_loss_kind_values():
    # Display order, and the values saved scene files use: never change them.
    assert [kind.value for kind in LOSSES] == [
        "tf.nn.sigmoid_cross_entropy_with_logits",
        "tf.nn.weighted_cross_entropy_with_logits",
        "tf.compat.v1.losses.sigmoid_cross_entropy",
        "tf.nn.softmax_cross_entropy_with_logits",
        "tf.compat.v1.losses.softmax_cross_entropy",
        "tf.nn.sparse_softmax_cross_entropy_with_logits",
        "tf.compat.v1.losses.sparse_softmax_cross_entropy",
        "tf.compat.v1.losses.mean_squared_error",
    ]
    assert list(LOSSES) == list(LossKind)
    assert core.LossKind is core.registry.LossKind is core.explorer.LossKind
    assert LossKind.parse("tf.compat.v1.losses.mean_squared_error") is K_.MSE


def test_legacy_names_still_parse():
    # Scene files of version 1 used short names; each still means the same loss.
    assert dict(LEGACY_NAMES) == {
        "softmax_cross_entropy": K_.SOFTMAX,
        "sparse_softmax_cross_entropy": K_.SPARSE_SOFTMAX,
        "sigmoid_cross_entropy": K_.SIGMOID,
        "weighted_cross_entropy": K_.WEIGHTED_SIGMOID,
        "mean_squared_error": K_.MSE,
    }
    for name, kind in LEGACY_NAMES.items():
        assert LossKind.parse(name) is kind
        assert loss_spec(name) is LOSSES[kind]
    with pytest.raises(TypeError):
        LEGACY_NAMES["hinge"] = K_.MSE  # type: ignore[index]


def test_losses_for_each_problem_type():
    names = {ptype: [spec.kind for spec in losses_for(ptype)] for ptype in PROBLEM_TYPES}
    sigmoid_list = [K_.SIGMOID_XENT, K_.WEIGHTED_SIGMOID, K_.SIGMOID, K_.MSE]
    assert names["binary"] == sigmoid_list
    assert names["multilabel"] == sigmoid_list
    assert names["multiclass"] == [
        K_.SOFTMAX_XENT,
        K_.SOFTMAX,
        K_.SPARSE_SOFTMAX_XENT,
        K_.SPARSE_SOFTMAX,
        K_.MSE,
    ]
    assert PROBLEM_TYPES == ("binary", "multiclass", "multilabel")
    with pytest.raises(ValueError, match="problem_type"):
        losses_for("regression")


def test_labels_and_tips():
    labels = [spec.label for spec in LOSSES.values()]
    assert labels == [
        "sigmoid cross-entropy",
        "weighted sigmoid cross-entropy",
        "sigmoid cross-entropy, weighted and reduced",
        "softmax cross-entropy",
        "softmax cross-entropy, weighted and reduced",
        "sparse softmax cross-entropy",
        "sparse softmax cross-entropy, weighted and reduced",
        "mean squared error",
    ]
    assert len(set(labels)) == len(labels)
    for spec in LOSSES.values():
        assert spec.tip.startswith(spec.tf_name), spec.kind
    assert "p′ = p(1 − s) + s/K" in LOSSES[K_.SOFTMAX].tip
    assert "p′ = p(1 − s) + s/2" in LOSSES[K_.SIGMOID].tip
    assert "(1/K) Σ (qᵢ − pᵢ)²" in LOSSES[K_.MSE].tip


def test_labels_and_tips_are_marked_for_translation():
    # The translation extractor collects string literals passed to N_(...):
    # every label and tip in the registry's source must be such a call.
    tree = ast.parse(inspect.getsource(core.registry))
    found = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "LossSpec":
            for kw in node.keywords:
                if kw.arg in ("label", "tip"):
                    found += 1
                    value = kw.value
                    assert isinstance(value, ast.Call) and value.func.id == "N_", kw.arg
                    assert len(value.args) == 1 and isinstance(value.args[0], ast.Constant)
    assert found == 2 * len(LOSSES)
    assert core.registry.N_("text") == "text"


# --------------------------------------------------------------------------
# loss_spec, LossOptions, LossSpec validation, immutability
# --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(LossKind))
def test_loss_spec_accepts_member_value_and_tensorflow_name(kind):
    spec = LOSSES[kind]
    assert loss_spec(kind) is spec
    assert loss_spec(kind.value) is spec
    assert loss_spec(spec.tf_name) is spec


@pytest.mark.parametrize("bad", ["nonsense", "", "SOFTMAX", "tf.nn.softmax", None, 3])
def test_loss_spec_rejects_unknown_names(bad):
    # The message names the argument, kind, and lists the valid names.
    with pytest.raises(ValueError, match=r"^kind must be one of .*tf\.nn\.softmax_cross_entropy_"):
        loss_spec(bad)
    with pytest.raises(ValueError, match=r"^loss must be one of"):
        LossKind.parse(bad)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"label_smoothing": -0.1}, "label_smoothing"),
        ({"label_smoothing": 1.5}, "label_smoothing"),
        ({"label_smoothing": float("nan")}, "label_smoothing"),
        ({"label_smoothing": "a"}, "label_smoothing"),
        ({"pos_weight": float("inf")}, "pos_weight"),
        ({"pos_weight": float("nan")}, "pos_weight"),
        ({"pos_weight": "heavy"}, "pos_weight"),
        ({"weight": float("-inf")}, "weight"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": None}, "weight"),
        ({"reduction": "average"}, "reduction"),
        ({"reduction": "SUM"}, "reduction"),
    ],
)
def test_loss_options_validate(kwargs, name):
    with pytest.raises(ValueError, match=name):
        LossOptions(**kwargs)


def test_loss_options_are_plain_floats_and_members():
    options = LossOptions(
        label_smoothing=np.float32(0.5), pos_weight=2, weight=np.int64(3), reduction="none"
    )
    assert type(options.label_smoothing) is float and type(options.pos_weight) is float
    assert type(options.weight) is float and options.weight == 3.0
    assert options.reduction is Reduction.NONE
    default = LossOptions()
    assert (default.label_smoothing, default.pos_weight, default.weight) == (0.0, 1.0, 1.0)
    assert default.reduction is Reduction.SUM_BY_NONZERO_WEIGHTS


@pytest.mark.parametrize("kind", list(LossKind))
def test_own_options_keeps_the_listed_and_neutralises_the_rest(kind):
    spec = LOSSES[kind]
    given = LossOptions(label_smoothing=0.3, pos_weight=4.0, weight=2.0, reduction="weighted_sum")
    own = spec.own_options(given)
    assert own.label_smoothing == (0.3 if "label_smoothing" in spec.options else 0.0)
    assert own.pos_weight == (4.0 if "pos_weight" in spec.options else 1.0)
    assert own.weight == (2.0 if "weights" in spec.options else 1.0)
    expected = Reduction.SUM if "reduction" in spec.options else Reduction.SUM_BY_NONZERO_WEIGHTS
    assert own.reduction is expected
    assert spec.own_options(LossOptions()) == LossOptions()
    assert OPTION_NAMES == {"label_smoothing", "pos_weight", "weights", "reduction"}


def test_sparse_entry_needs_a_one_hot_target():
    for kind in SPARSE_KINDS:
        spec = LOSSES[kind]
        with pytest.raises(ValueError, match="one-hot"):
            spec.value_and_grad(np.array([0.5, 0.5]), np.zeros((1, 2)), LossOptions())


def test_malformed_entries_are_refused():
    good = LOSSES[K_.SOFTMAX]
    fields = {name: getattr(good, name) for name in LossSpec.__dataclass_fields__}
    for change, message in [
        ({"problem_types": frozenset({"regression"})}, "problem_types"),
        ({"problem_types": frozenset()}, "problem_types"),
        ({"options": frozenset({"temperature"})}, "options"),
        ({"activation": "relu"}, "activation"),
        ({"kind": "softmax_cross_entropy"}, "kind"),
    ]:
        with pytest.raises(ValueError, match=message):
            LossSpec(**{**fields, **change})


def test_a_registry_without_every_kind_or_with_a_same_type_counterpart_is_refused():
    entries = tuple(LOSSES.values())
    with pytest.raises(ValueError, match="exactly one entry"):
        core.registry._build(entries[:-1])
    with pytest.raises(ValueError, match="exactly one entry"):
        core.registry._build(entries + entries[:1])
    fields = {name: getattr(entries[0], name) for name in LossSpec.__dataclass_fields__}
    bad = LossSpec(**{**fields, "counterpart": K_.SIGMOID})  # a sigmoid twin of a sigmoid loss
    with pytest.raises(ValueError, match="counterpart"):
        core.registry._build((bad,) + entries[1:])


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        LOSSES[K_.SOFTMAX] = LOSSES[K_.MSE]  # type: ignore[index]
    with pytest.raises(AttributeError):
        LOSSES[K_.SOFTMAX].label = "hinge"  # type: ignore[misc]


# --------------------------------------------------------------------------
# Options an entry does not list change nothing; dtypes; extreme logits
# --------------------------------------------------------------------------


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
def test_unlisted_options_are_ignored(spec):
    rng = np.random.default_rng(11)
    x = rng.normal(size=(3, 4))
    p = np.eye(4)[2]
    unlisted = {}
    if "label_smoothing" not in spec.options:
        unlisted["label_smoothing"] = 0.3
    if "pos_weight" not in spec.options:
        unlisted["pos_weight"] = 4.0
    if "weights" not in spec.options:
        unlisted["weight"] = 5.0
    if "reduction" not in spec.options:
        unlisted["reduction"] = "weighted_sum"
    for act in activations_of(spec):
        base = spec.value_and_grad(p, x, LossOptions(), act)
        other = spec.value_and_grad(p, x, LossOptions(**unlisted), act)
        np.testing.assert_array_equal(other[0], base[0])
        np.testing.assert_array_equal(other[1], base[1])


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
def test_float32_in_float32_out(spec):
    x = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]], dtype=np.float32)
    p = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    options = LossOptions(label_smoothing=0.1, pos_weight=2.0, weight=1.5, reduction="weighted_sum")
    for act in activations_of(spec):
        loss, grad = spec.value_and_grad(p, x, options, act)
        assert loss.dtype == np.float32 and grad.dtype == np.float32
        loss64, grad64 = spec.value_and_grad(
            p.astype(np.float64), x.astype(np.float64), options, act
        )
        np.testing.assert_allclose(loss, loss64, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(grad, grad64, rtol=1e-5, atol=1e-6)


FMAX = float(np.finfo(np.float64).max)


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
@pytest.mark.parametrize(
    "row", [[1e30, -1e30, 0.0], [FMAX, -FMAX, 0.0], [FMAX, FMAX, FMAX], [-FMAX, 0.0, 5.0]]
)
def test_extreme_finite_logits_raise_no_warning(spec, row):
    # pytestmark turns any RuntimeWarning into an error. Rows are not max-shifted.
    x = np.array([row], dtype=np.float64)
    for act in activations_of(spec):
        options = LossOptions(label_smoothing=0.1, weight=2.0, reduction="weighted_sum")
        loss, grad = spec.value_and_grad(np.eye(3)[0], x, options, act)
        assert loss.shape == (1,) and grad.shape == (1, 3)
        assert not np.isnan(loss).any()


def test_extreme_logits_give_the_limiting_values():
    # Logits ±1e30: softmax is exactly one-hot, each sigmoid exactly 0 or 1.
    x = np.array([[1e30, -1e30]])
    p = np.array([1.0, 0.0])
    opts = LossOptions()
    for kind in LossKind:
        for act in activations_of(LOSSES[kind]):
            assert LOSSES[kind].value_and_grad(p, x, opts, act)[0][0] == 0.0, (kind, act)
    # The wrong way round: -log q_y = 2e30, and the sigmoid loss mean(1e30, 1e30).
    wrong = np.array([0.0, 1.0])
    for kind in (K_.SOFTMAX, K_.SOFTMAX_XENT, K_.SPARSE_SOFTMAX, K_.SPARSE_SOFTMAX_XENT):
        assert LOSSES[kind].value_and_grad(wrong, x, opts)[0][0] == 2e30
    for kind in (K_.SIGMOID, K_.SIGMOID_XENT, K_.WEIGHTED_SIGMOID):
        assert LOSSES[kind].value_and_grad(wrong, x, opts)[0][0] == 1e30
    assert LOSSES[K_.MSE].value_and_grad(wrong, x, opts)[0][0] == 1.0
    assert LOSSES[K_.MSE].value_and_grad(wrong, x, opts, "sigmoid")[0][0] == 1.0


# --------------------------------------------------------------------------
# evaluate dispatches through the registry
# --------------------------------------------------------------------------

EVALUATE_STATES = [
    ([2.0, 1.0, 0.1, -1.0], 1, 1.0),
    ([0.5, -2.0, 3.0], 0, 0.7),
    ([0.5, -2.0, 3.0], [0.2, 0.5, 0.3], 1.8),
    ([1e30, -1e30, 0.0], 0, 1.0),
    ([0.8], [0.25], 0.5),  # one logit: the binary problem
]


def evaluate_params():
    for spec in LOSSES.values():
        for i, (logits, target, t) in enumerate(EVALUATE_STATES):
            for ptype in sorted(spec.problem_types):
                if (ptype == "binary") != (len(logits) == 1):
                    continue
                # An entry that needs a class index takes no soft target (tested below).
                if spec.needs_class_index and not isinstance(target, int):
                    continue
                yield pytest.param(
                    spec, ptype, logits, target, t, id=f"{spec.kind.value}-{ptype}-{i}"
                )


@pytest.mark.parametrize(("spec", "ptype", "logits", "target", "t"), list(evaluate_params()))
def test_evaluate_gives_the_entry_loss(spec, ptype, logits, target, t):
    z = np.asarray(logits, dtype=np.float64)
    k = z.size
    p = np.eye(k)[target] if isinstance(target, int) else np.asarray(target, dtype=np.float64)
    options = {"label_smoothing": 0.15, "pos_weight": 2.5, "weight": 1.5, "reduction": "none"}
    r = core.evaluate(z, target, t, problem_type=ptype, loss=spec.kind, sweep_points=9, **options)
    assert r.loss_kind is spec.kind
    assert r.loss_spec is spec
    activation = "softmax" if ptype == "multiclass" else "sigmoid"

    # The state and every sweep row, computed by the entry from x = z / T.
    rows = np.tile(z, (10, 1))
    rows[1:, r.sweep_class] = r.sweep_z
    loss, grad = spec.value_and_grad(p, rows / t, LossOptions(**options), activation)
    assert r.loss == pytest.approx(loss[0], rel=1e-12, abs=1e-14)
    np.testing.assert_allclose(r.grad_loss, grad[0] / t, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.sweep_loss, loss[1:], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(
        r.sweep_loss_grad, grad[1:, r.sweep_class] / t, rtol=1e-12, atol=1e-15
    )
    # ... and the independent reference agrees.
    if abs(z).max() < 1e3:
        expected = ref_loss(spec.kind, p, z / t, LossOptions(**options), activation)
        assert r.loss == pytest.approx(expected, rel=1e-12, abs=1e-14)


def test_evaluate_has_no_per_loss_branches():
    # ARCHITECTURE.md: evaluate dispatches through the registry. Its body names no
    # LossKind member (the signature's default is the only mention).
    source = textwrap.dedent(inspect.getsource(core.explorer.evaluate))
    func = ast.parse(source).body[0]
    for stmt in func.body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "LossKind":
                assert node.attr == "parse", f"evaluate names LossKind.{node.attr}"


def test_evaluate_rejects_a_soft_target_for_an_entry_that_needs_a_class_index():
    for spec in LOSSES.values():
        ptype = "multiclass" if "multiclass" in spec.problem_types else "multilabel"
        if spec.needs_class_index:
            with pytest.raises(ValueError, match=f"{spec.tf_name} needs a class-index target"):
                core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], loss=spec.kind)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], problem_type=ptype, loss=spec.kind)


HUGE = st.floats(min_value=0.0, max_value=FMAX, allow_nan=False)


@settings(max_examples=80, deadline=None)
@example(z=[0.0], p=[2.55634816e305], t=1.0, s=0.0, w=1.0, weight=1.0)
@example(z=[0.0, 0.0, 0.0], p=[3.3e307, 3.3e307, 3.3e307], t=1.0, s=0.0, w=1.0, weight=1.0)
@example(z=[1.8e305, 0.0, 0.0], p=[1.8e305, 0.0, 0.0], t=0.001, s=0.0, w=0.0, weight=0.0)
@example(z=[10.0, 10.0], p=[1.8e307, 1.8e307], t=1.0, s=0.0, w=1.0, weight=1.0)
@example(z=[1.0, -2.0], p=[1e300, 0.0], t=1.0, s=0.0, w=1e300, weight=-1e300)
@example(z=[FMAX, FMAX, FMAX], p=[0.0, 0.0, 0.0], t=0.5, s=0.1, w=1e300, weight=1e300)
@given(
    z=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=5),
    p=st.lists(HUGE, min_size=5, max_size=5),
    t=st.floats(1e-3, 1e3),
    s=st.floats(0.0, 1.0),
    w=st.floats(-1e308, 1e308),
    weight=st.floats(-1e308, 1e308),
)
def test_evaluate_quiet_for_any_finite_soft_target(z, p, t, s, w, weight):
    # ARCHITECTURE.md conventions: no RuntimeWarning escapes for any finite input, and a soft
    # target (or pos_weight, or weight) near the float limit is finite input. pytestmark
    # turns warnings into errors. Sigmoid outputs take targets in [0, 1].
    target = np.array(p[: len(z)])
    for spec in LOSSES.values():
        if spec.needs_class_index:
            continue
        for ptype in spec.problem_types:
            logits, y = (z[:1], target[:1]) if ptype == "binary" else (z, target)
            if ptype != "multiclass":
                y = np.minimum(y, 1.0)
            for red in ("weighted_sum", "weighted_mean"):
                core.evaluate(
                    logits,
                    y,
                    t,
                    problem_type=ptype,
                    loss=spec.kind,
                    label_smoothing=s,
                    pos_weight=w,
                    weight=weight,
                    reduction=red,
                    sweep_points=4,
                )
