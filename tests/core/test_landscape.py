"""core.landscape, LossSpec.surface/value_surface and the explorer's sweep KL and
selected log-odds, against independent references.

Every expected value is recomputed here from the raw logits z, point by point,
with scipy.special (softmax, log_softmax, logsumexp, expit, log_expit,
rel_entr): the TensorFlow definitions of the eight losses, their weights and
reductions worked out by hand, MSE as the mean over the outputs of (q − p)²,
the gradients derived by hand (and checked against central differences of the
reference losses), and gradient descent stepped by hand. The implementation is
compared with itself only where two documented paths must agree (the surface at
the current point and ``core.evaluate``; one long descent and many short ones).
"""

import math
import time
import tracemalloc
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

import core
from core import LOSSES, LossKind, LossOptions, Reduction, descend, loss_surface, sigmoid_curves
from core.landscape import QUANTITIES, Descent, SigmoidCurves

pytestmark = pytest.mark.filterwarnings("error")

RTOL, ATOL = 1e-9, 1e-12
FD_TOL = {"rtol": 1e-6, "atol": 1e-8}
H = 1e-6

K_ = LossKind
# Written out here, not read from the registry.
DENSE_SOFTMAX = {K_.SOFTMAX_XENT, K_.SOFTMAX}
SPARSE = {K_.SPARSE_SOFTMAX_XENT, K_.SPARSE_SOFTMAX}
SIGMOID_LOSSES = {K_.SIGMOID_XENT, K_.WEIGHTED_SIGMOID, K_.SIGMOID}
COMPAT_V1 = {K_.SIGMOID, K_.SOFTMAX, K_.SPARSE_SOFTMAX, K_.MSE}
SMOOTHS = {K_.SIGMOID, K_.SOFTMAX}
POS_WEIGHTED = {K_.WEIGHTED_SIGMOID}
SUITS = {
    K_.SIGMOID_XENT: ("binary", "multilabel"),
    K_.WEIGHTED_SIGMOID: ("binary", "multilabel"),
    K_.SIGMOID: ("binary", "multilabel"),
    K_.SOFTMAX_XENT: ("multiclass",),
    K_.SOFTMAX: ("multiclass",),
    K_.SPARSE_SOFTMAX_XENT: ("multiclass",),
    K_.SPARSE_SOFTMAX: ("multiclass",),
    K_.MSE: ("binary", "multiclass", "multilabel"),
}
# Every (loss, problem type) pair that has a surface: K >= 2, so not binary.
SURFACE_PAIRS = [(kind, ptype) for kind in LossKind for ptype in SUITS[kind] if ptype != "binary"]
DEFAULT_RED = Reduction.SUM_BY_NONZERO_WEIGHTS


# --------------------------------------------------------------------------
# Independent references: one example, raw logits z of shape (K,)
# --------------------------------------------------------------------------


def opts(label_smoothing=0.0, pos_weight=1.0, weight=1.0, reduction=DEFAULT_RED):
    return {
        "label_smoothing": label_smoothing,
        "pos_weight": pos_weight,
        "weight": weight,
        "reduction": Reduction(reduction),
    }


def p_of(target, k):
    if isinstance(target, int):
        return np.eye(k)[target]
    return np.asarray(target, dtype=np.float64)


def ref_q(z, t, ptype):
    x = np.asarray(z, dtype=np.float64) / t
    return special.softmax(x) if ptype == "multiclass" else special.expit(x)


def ref_elements(kind, z, p, t, ptype, o):
    """The E per-element losses TensorFlow computes for one example, before the weight."""
    x = np.asarray(z, dtype=np.float64) / t
    s = o["label_smoothing"] if kind in SMOOTHS else 0.0
    w = o["pos_weight"] if kind in POS_WEIGHTED else 1.0
    if kind in DENSE_SOFTMAX:
        c = p * (1 - s) + s / x.size  # smoothed over the K classes
        return np.array([-np.sum(c * special.log_softmax(x))])
    if kind in SPARSE:
        return np.array([-special.log_softmax(x)[int(np.argmax(p))]])
    if kind in SIGMOID_LOSSES:
        y = p * (1 - s) + s / 2  # smoothed towards 1/2, per element
        return -w * y * special.log_expit(x) - (1 - y) * special.log_expit(-x)
    assert kind is K_.MSE
    return (ref_q(z, t, ptype) - p) ** 2


def ref_reduce(kind, elements, o):
    """One example's value as TensorFlow returns it: tf.nn values averaged
    (tf.reduce_mean); compat.v1 ones times the scalar weight (broadcast to the E
    elements), then reduced (the mean of the E weighted values for "none")."""
    e = elements.size
    if kind not in COMPAT_V1:
        return float(np.mean(elements))
    weights = np.full(e, o["weight"])
    weighted = weights * elements
    red = o["reduction"]
    if red is Reduction.NONE:
        return float(np.mean(weighted))
    if red is Reduction.SUM:
        return float(weighted.sum())
    if red is Reduction.MEAN:
        denominator = weights.sum()
    elif red is Reduction.SUM_OVER_BATCH_SIZE:
        denominator = e
    else:  # SUM_BY_NONZERO_WEIGHTS: the number of non-zero weights of the E elements
        denominator = np.count_nonzero(weights)
    return float(weighted.sum() / denominator) if denominator != 0 else 0.0  # div_no_nan


def ref_loss(kind, z, p, t, ptype, o):
    return ref_reduce(kind, ref_elements(kind, z, p, t, ptype, o), o)


def ref_mse(z, p, t, ptype):
    return float(np.mean((ref_q(z, t, ptype) - p) ** 2))


def num_elements(kind, k):
    return k if (kind in SIGMOID_LOSSES or kind is K_.MSE) else 1


def ref_factor(kind, k, o):
    """What Σ_e ℓ_e is multiplied by: the reduction of unit losses, per unit."""
    e = num_elements(kind, k)
    return ref_reduce(kind, np.ones(e), o) / e


def ref_squared_error_sum_grad(x, p, ptype):
    """d/dx Σ_k (q_k − p_k)², by hand."""
    if ptype == "multiclass":
        q = special.softmax(x)
        jacobian = np.diag(q) - np.outer(q, q)  # dq/dx of the softmax, symmetric
        return jacobian @ (2 * (q - p))
    q = special.expit(x)
    return 2 * (q - p) * q * special.expit(-x)


def ref_grad(kind, objective, z, p, t, ptype, o):
    """∂L/∂z by hand (the chain rule through x = z/T gives the factor 1/T)."""
    x = np.asarray(z, dtype=np.float64) / t
    k = x.size
    if objective == "mse":
        return ref_squared_error_sum_grad(x, p, ptype) / k / t
    s = o["label_smoothing"] if kind in SMOOTHS else 0.0
    if kind in DENSE_SOFTMAX:
        c = p * (1 - s) + s / k
        g = special.softmax(x) * c.sum() - c
    elif kind in SPARSE:
        g = special.softmax(x) - np.eye(k)[int(np.argmax(p))]
    elif kind is K_.WEIGHTED_SIGMOID:
        w = o["pos_weight"]
        g = -w * p * special.expit(-x) + (1 - p) * special.expit(x)
    elif kind in SIGMOID_LOSSES:
        g = special.expit(x) - (p * (1 - s) + s / 2)
    else:
        g = ref_squared_error_sum_grad(x, p, ptype)
    return ref_factor(kind, k, o) * g / t


def fd_grad(f, z, h=H):
    z = np.asarray(z, dtype=np.float64)
    g = np.empty_like(z)
    for n in range(z.size):
        zp, zm = z.copy(), z.copy()
        zp[n] += h
        zm[n] -= h
        g[n] = (f(zp) - f(zm)) / (2 * h)
    return g


def brute_surface(f, z, i, j, a, b):
    """f at every grid point, one point at a time."""
    out = np.empty((len(a), len(b)))
    for m, am in enumerate(a):
        for n, bn in enumerate(b):
            v = np.array(z, dtype=np.float64)
            v[i], v[j] = am, bn
            out[m, n] = f(v)
    return out


# --------------------------------------------------------------------------
# loss_surface: every loss, every problem type it suits, K = 2, 3, 10, 100
# --------------------------------------------------------------------------


def option_sets(kind):
    sets = [opts()]
    if kind in SMOOTHS:
        sets += [opts(label_smoothing=0.2), opts(label_smoothing=1.0)]
    if kind in POS_WEIGHTED:
        sets += [opts(pos_weight=3.0), opts(pos_weight=0.25), opts(pos_weight=-1.5)]
    if kind in COMPAT_V1:
        sets += [opts(weight=2.5, reduction=red) for red in Reduction]
        sets += [
            opts(weight=0.0),
            opts(weight=0.0, reduction="weighted_mean"),
            opts(weight=-0.5, reduction="weighted_mean"),
            opts(weight=-0.5),
        ]
        if kind in SMOOTHS:
            sets.append(opts(label_smoothing=0.1, weight=3.0, reduction="weighted_sum"))
    return sets


def targets_for(kind, ptype, k, rng):
    """Index targets and soft ones, as each loss and problem type takes them."""
    out = [int(rng.integers(k))]
    if kind in SPARSE:
        return out
    if ptype == "multiclass":
        out.append(rng.dirichlet(np.ones(k)))  # a distribution
        if kind is not K_.MSE:
            out.append(rng.uniform(0.0, 0.7, k))  # used as given even if not normalised
    else:
        y = rng.uniform(0.0, 1.0, k)
        y[: min(2, k)] = [0.0, 1.0][: min(2, k)]  # hard labels too
        out.append(y)
    return out


def grid_through(value, rng, size):
    """Random raw logits, sorted, with ``value`` (the current logit) among them."""
    out = np.sort(np.append(rng.normal(0.0, 5.0, size - 1), value))
    return out, int(np.flatnonzero(out == value)[0])


def surface_cases():
    rng = np.random.default_rng(20250101)
    temperatures = (1.0, 0.6, 2.5)
    n = 0
    for kind, ptype in SURFACE_PAIRS:
        for k in (2, 3, 10, 100):
            for o in option_sets(kind):
                for target in targets_for(kind, ptype, k, rng):
                    z = rng.normal(0.0, 3.0, k)
                    i, j = (int(c) for c in rng.choice(k, 2, replace=False))
                    if isinstance(target, int) and n % 3 == 0:
                        i = target if target != j else i  # the target class on an axis
                    t = temperatures[n % 3]
                    a, b = grid_through(z[i], rng, 6), grid_through(z[j], rng, 5)
                    n += 1
                    name = (
                        f"{kind.name}-{ptype}-K{k}-{'idx' if isinstance(target, int) else 'soft'}"
                        f"-T{t}-s{o['label_smoothing']}-pw{o['pos_weight']}-w{o['weight']}"
                        f"-{o['reduction'].value}"
                    )
                    yield pytest.param(kind, ptype, z, target, i, j, t, o, a, b, id=name)


SURFACE_CASES = list(surface_cases())


@pytest.mark.parametrize(
    ("kind", "ptype", "z", "target", "i", "j", "t", "o", "a_m0", "b_n0"), SURFACE_CASES
)
def test_loss_surface_matches_tensorflows_definition_point_by_point(
    kind, ptype, z, target, i, j, t, o, a_m0, b_n0
):
    (a, m0), (b, n0) = a_m0, b_n0
    p = p_of(target, z.size)
    kwargs = dict(problem_type=ptype, loss=kind, **o)

    got = loss_surface(z, target, i, j, a, b, t, **kwargs)

    assert got.shape == (a.size, b.size)
    expected = brute_surface(lambda v: ref_loss(kind, v, p, t, ptype, o), z, i, j, a, b)
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)
    # The current point is on the grid: the value core.evaluate reports there.
    r = core.evaluate(z, target, t, **kwargs)
    assert got[m0, n0] == pytest.approx(r.loss, rel=1e-12, abs=1e-14)

    mse = loss_surface(z, target, i, j, a, b, t, quantity="mse", **kwargs)
    expected_mse = brute_surface(lambda v: ref_mse(v, p, t, ptype), z, i, j, a, b)
    np.testing.assert_allclose(mse, expected_mse, rtol=RTOL, atol=ATOL)
    assert mse[m0, n0] == pytest.approx(r.mse, rel=1e-12, abs=1e-16)


def test_loss_surface_docstring_example_by_hand():
    # softmax([0, 0, 0]) = 1/3 each: log 3; softmax([log 2, 0, 0]) gives class 0 2/4.
    s = loss_surface([0.0, 0.0, 0.0], 0, 0, 1, [0.0, math.log(2)], [0.0])
    np.testing.assert_allclose(s, [[math.log(3)], [math.log(2)]], rtol=1e-15)


def test_loss_surface_hand_values():
    log2, log3 = math.log(2), math.log(3)
    # Temperature 2: raw [2 log 3, 0] is x = [log 3, 0], q = [3/4, 1/4]; the target is class 1.
    s = loss_surface([0.0, 0.0], 1, 0, 1, [2 * log3], [0.0], 2.0)
    assert s[0, 0] == pytest.approx(math.log(4), rel=1e-15)
    # ... and its MSE: mean of (3/4)², (1/4 − 1)² = 9/16.
    s = loss_surface([0.0, 0.0], 1, 0, 1, [2 * log3], [0.0], 2.0, quantity="mse")
    assert s[0, 0] == pytest.approx(9 / 16, rel=1e-15)
    # Multilabel: σ(0) = 1/2 on both outputs, each log 2; the mean is log 2.
    s = loss_surface([5.0, 5.0], [1.0, 0.0], 1, 0, [0.0], [0.0], problem_type="multilabel")
    assert s[0, 0] == pytest.approx(log2, rel=1e-15)
    # Weighted, w = 3: −3·log σ(0) on output 0, −log(1 − σ(0)) on output 1; mean 2 log 2.
    s = loss_surface(
        [0.0, 0.0],
        [1.0, 0.0],
        0,
        1,
        [0.0],
        [0.0],
        problem_type="multilabel",
        loss=K_.WEIGHTED_SIGMOID,
        pos_weight=3.0,
    )
    assert s[0, 0] == pytest.approx(2 * log2, rel=1e-15)
    # Compat softmax, weight 2, weighted_sum, s = 1 over K = 4: p′ uniform, q uniform: 2 log 4.
    s = loss_surface(
        [0.0, 0.0, 0.0, 0.0],
        2,
        3,
        0,
        [0.0, 7.0],
        [0.0],
        loss=K_.SOFTMAX,
        label_smoothing=1.0,
        weight=2.0,
        reduction="weighted_sum",
    )
    assert s[0, 0] == pytest.approx(2 * math.log(4), rel=1e-15)
    # p′ uniform against softmax([0, 0, 0, 7]): 2(log(3 + e⁷) − 7/4).
    assert s[1, 0] == pytest.approx(2 * (math.log(3 + math.exp(7)) - 7 / 4), rel=1e-14)


def test_x_axis_comes_first():
    # out[m, n] is at (x_values[m], y_values[n]): a non-square grid tells the axes apart.
    z = np.array([0.3, -1.0, 2.0])
    a, b = np.array([-1.0, 0.0, 4.0]), np.array([2.0, -3.0])
    s = loss_surface(z, 1, 2, 0, a, b)
    assert s.shape == (3, 2)
    assert s[2, 1] == pytest.approx(-special.log_softmax([-3.0, -1.0, 4.0])[1], rel=1e-14)


def test_loss_surface_leaves_its_inputs_alone():
    z, p = np.array([0.5, -1.0, 2.0]), np.array([0.2, 0.3, 0.5])
    a, b = np.array([0.0, 1.0]), np.array([3.0])
    before = [v.copy() for v in (z, p, a, b)]
    loss_surface(z, p, 0, 2, a, b, 0.5, quantity="mse")
    loss_surface(z, p, 0, 2, a, b, 0.5)
    for v, w in zip((z, p, a, b), before, strict=True):
        np.testing.assert_array_equal(v, w)


def test_grid_values_may_be_lists_scalars_or_2d():
    s = loss_surface([0.0, 1.0, 2.0], 0, 0, 1, 0.5, [[1.0, 2.0]])
    assert s.shape == (1, 2)
    expected = -special.log_softmax([0.5, 2.0, 2.0])[0]
    assert s[0, 1] == pytest.approx(expected, rel=1e-14)


# --------------------------------------------------------------------------
# The registry's surface and value_surface
# --------------------------------------------------------------------------


def registry_cases():
    rng = np.random.default_rng(7)
    for spec in LOSSES.values():
        activations = ("softmax", "sigmoid") if spec.activation is None else (spec.activation,)
        for act in activations:
            ptype = "multiclass" if act == "softmax" else "multilabel"
            for k in (2, 5):
                for o in option_sets(spec.kind)[:: 2 if spec.kind in COMPAT_V1 else 1]:
                    target = targets_for(spec.kind, ptype, k, rng)[-1]
                    yield pytest.param(spec, act, ptype, k, p_of(target, k), o)


@pytest.mark.parametrize(("spec", "act", "ptype", "k", "p", "o"), list(registry_cases()))
def test_value_surface_is_factor_times_surface_of_the_summed_elements(spec, act, ptype, k, p, o):
    rng = np.random.default_rng(k)
    x = rng.normal(0.0, 2.0, k)  # already divided by T
    i, j = k - 1, 0
    a, b = rng.normal(0.0, 4.0, 4), rng.normal(0.0, 4.0, 3)
    options = LossOptions(o["label_smoothing"], o["pos_weight"], o["weight"], o["reduction"])
    own = spec.own_options(options)

    raw = spec.surface(p, x, i, j, a, b, own, act)
    total = brute_surface(
        lambda v: ref_elements(spec.kind, v, p, 1.0, ptype, o).sum(), x, i, j, a, b
    )
    np.testing.assert_allclose(raw, total, rtol=RTOL, atol=ATOL)

    value = spec.value_surface(p, x, i, j, a, b, options, act)
    expected = brute_surface(lambda v: ref_loss(spec.kind, v, p, 1.0, ptype, o), x, i, j, a, b)
    np.testing.assert_allclose(value, expected, rtol=RTOL, atol=ATOL)


def test_value_surface_default_activation():
    # The squared error's default is the softmax; a sigmoid loss uses its own.
    x, p = np.array([0.5, -1.0, 2.0]), np.array([0.0, 1.0, 0.0])
    a, b = np.array([0.0, 1.0]), np.array([-2.0])
    got = LOSSES[K_.MSE].value_surface(p, x, 0, 1, a, b, LossOptions())
    expected = brute_surface(lambda v: np.mean((special.softmax(v) - p) ** 2), x, 0, 1, a, b)
    np.testing.assert_allclose(got, expected, rtol=1e-13)
    got = LOSSES[K_.SIGMOID_XENT].value_surface(p, x, 0, 1, a, b, LossOptions())
    expected = brute_surface(
        lambda v: np.mean(-p * special.log_expit(v) - (1 - p) * special.log_expit(-v)),
        x,
        0,
        1,
        a,
        b,
    )
    np.testing.assert_allclose(got, expected, rtol=1e-13)


# --------------------------------------------------------------------------
# Hypothesis: random states, grids, temperatures and losses
# --------------------------------------------------------------------------

FINITE = {"allow_nan": False, "allow_infinity": False}


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_loss_surface_property(data):
    kind, ptype = data.draw(st.sampled_from(SURFACE_PAIRS), label="loss")
    k = data.draw(st.integers(2, 9), label="K")
    z = data.draw(hnp.arrays(np.float64, k, elements=st.floats(-30, 30, **FINITE)), label="z")
    i = data.draw(st.integers(0, k - 1), label="i")
    j = data.draw(st.integers(0, k - 2), label="j")
    j += j >= i
    t = data.draw(st.floats(0.25, 4.0), label="T")
    if kind in SPARSE or data.draw(st.booleans(), label="index target"):
        target = data.draw(st.integers(0, k - 1), label="class")
    else:
        target = data.draw(hnp.arrays(np.float64, k, elements=st.floats(0, 1)), label="p")
    values = hnp.arrays(np.float64, st.integers(1, 4), elements=st.floats(-40, 40, **FINITE))
    a, b = data.draw(values, label="a"), data.draw(values, label="b")
    o = opts(
        label_smoothing=data.draw(st.sampled_from([0.0, 0.3, 1.0]), label="s"),
        pos_weight=data.draw(st.sampled_from([1.0, 2.5, 0.5]), label="pos_weight"),
        weight=data.draw(st.sampled_from([1.0, 0.0, -2.0, 0.75]), label="weight"),
        reduction=data.draw(st.sampled_from(list(Reduction)), label="reduction"),
    )
    quantity = data.draw(st.sampled_from(QUANTITIES), label="quantity")
    p = p_of(target, k)

    got = loss_surface(
        z, target, i, j, a, b, t, quantity=quantity, problem_type=ptype, loss=kind, **o
    )

    if quantity == "loss":
        expected = brute_surface(lambda v: ref_loss(kind, v, p, t, ptype, o), z, i, j, a, b)
    else:
        expected = brute_surface(lambda v: ref_mse(v, p, t, ptype), z, i, j, a, b)
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)


# --------------------------------------------------------------------------
# Extreme logits: finite, no warning, still the definition
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "ptype"), SURFACE_PAIRS)
@pytest.mark.parametrize("k", [3, 100])
@pytest.mark.parametrize("t", [1.0, 0.05])
@pytest.mark.parametrize("quantity", QUANTITIES)
def test_extreme_logits_give_finite_values_without_warnings(kind, ptype, k, t, quantity):
    z = np.where(np.arange(k) % 2 == 0, 1000.0, -1000.0)
    target = 1 if kind in SPARSE else (0.5 * (np.arange(k) % 3 == 1)).astype(float)
    if kind is K_.SOFTMAX_XENT and k == 100:
        target = 0  # an index target, sitting on one of the two axes
    a = np.linspace(-50.0, 50.0, 11)
    b = np.linspace(-50.0, 50.0, 7)
    p = p_of(target, k)
    o = opts(label_smoothing=0.1 if kind in SMOOTHS else 0.0, pos_weight=2.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = loss_surface(
            z, target, 0, k - 1, a, b, t, quantity=quantity, problem_type=ptype, loss=kind, **o
        )
    assert np.isfinite(got).all()
    if quantity == "loss":
        expected = brute_surface(lambda v: ref_loss(kind, v, p, t, ptype, o), z, 0, k - 1, a, b)
    else:
        expected = brute_surface(lambda v: ref_mse(v, p, t, ptype), z, 0, k - 1, a, b)
    # Values reach 2·10⁴/T: absolute rounding of the logsumexp is of that size times ε.
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-16 * 2000 / t)


@pytest.mark.parametrize(
    ("z", "target", "i", "j", "a", "b", "t", "expected"),
    [
        # z₁/T overflows although z₁ is finite; class 1 takes all the mass: loss 0.
        ([0.0, 1e308, 1.0], 1, 0, 2, [0.0, 5.0], [0.0], 0.5, [[0.0], [0.0]]),
        # Grid values at ±1e308: a − max(a, b) overflows; class 0 takes all the mass.
        ([1.0, 0.0, 1.0], 0, 0, 1, [1e308], [-1e308], 1.0, [[0.0]]),
    ],
)
def test_float_limit_logits_give_the_limit_without_warnings(z, target, i, j, a, b, t, expected):
    # What core.evaluate gives for the same state, quietly.
    v = np.array(z)
    v[i], v[j] = a[0], b[0]
    assert core.evaluate(v, target, t).loss == expected[0][0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = loss_surface(z, target, i, j, a, b, t)
    np.testing.assert_array_equal(got, expected)


# --------------------------------------------------------------------------
# Cost: O(grid), whatever K
# --------------------------------------------------------------------------

COST_PAIRS = [(kind, ptype, "loss") for kind, ptype in SURFACE_PAIRS] + [
    (K_.SOFTMAX_XENT, "multiclass", "mse"),
    (K_.SIGMOID_XENT, "multilabel", "mse"),
]


def cost_call(kind, ptype, quantity, k, a, b):
    rng = np.random.default_rng(k)
    z = rng.normal(0.0, 2.0, k)
    target = 0 if kind in SPARSE else rng.uniform(0.0, 1.0, k)
    if ptype == "multiclass" and kind not in SPARSE:
        target = target / target.sum()
    return lambda: loss_surface(
        z, target, 1, 0, a, b, quantity=quantity, problem_type=ptype, loss=kind
    ), (z, target)


@pytest.mark.parametrize(("kind", "ptype", "quantity"), COST_PAIRS)
def test_no_array_of_grid_times_k_is_ever_made(kind, ptype, quantity):
    # An (M, N, K) float64 array would be 40·40·20000·8 B = 256 MB; O(M·N + K) is ~1 MB.
    k = 20_000
    a, b = np.linspace(-5.0, 5.0, 40), np.linspace(-4.0, 4.0, 40)
    call, _ = cost_call(kind, ptype, quantity, k, a, b)
    tracemalloc.start()
    try:
        call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16e6, f"peak allocation {peak / 1e6:.1f} MB"


@pytest.mark.parametrize(("kind", "ptype", "quantity"), COST_PAIRS)
def test_time_does_not_grow_with_k(kind, ptype, quantity):
    a, b = np.linspace(-5.0, 5.0, 200), np.linspace(-4.0, 4.0, 200)

    def best(k):
        call, _ = cost_call(kind, ptype, quantity, k, a, b)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return min(times)

    best(10)  # warm up
    # O(M·N·K) would make K = 1000 a hundred times slower than K = 10.
    assert best(1000) < 5 * best(10) + 1e-3

    # ... and K = 1000 is still the definition.
    small_a, small_b = a[::50], b[::40]
    call, (z, target) = cost_call(kind, ptype, quantity, 1000, small_a, small_b)
    p = p_of(target, z.size)
    if quantity == "loss":
        ref = lambda v: ref_loss(kind, v, p, 1.0, ptype, opts())  # noqa: E731
    else:
        ref = lambda v: ref_mse(v, p, 1.0, ptype)  # noqa: E731
    expected = brute_surface(ref, z, 1, 0, small_a, small_b)
    np.testing.assert_allclose(call(), expected, rtol=RTOL, atol=ATOL)


# --------------------------------------------------------------------------
# Argument errors
# --------------------------------------------------------------------------

Z3 = [0.5, -1.0, 2.0]


@pytest.mark.parametrize(
    ("args", "kwargs", "name"),
    [
        ((Z3, 0, 1, 1, [0.0], [0.0]), {}, "x_class and y_class"),
        ((Z3, 0, 3, 1, [0.0], [0.0]), {}, "x_class"),
        ((Z3, 0, -1, 1, [0.0], [0.0]), {}, "x_class"),
        ((Z3, 0, 0, 3, [0.0], [0.0]), {}, "y_class"),
        ((Z3, 0, 0, -4, [0.0], [0.0]), {}, "y_class"),
        ((Z3, 0, 0, 1, [], [0.0]), {}, "x_values"),
        ((Z3, 0, 0, 1, [0.0], []), {}, "y_values"),
        ((Z3, 0, 0, 1, [0.0, np.nan], [0.0]), {}, "x_values"),
        ((Z3, 0, 0, 1, [0.0], [np.inf]), {}, "y_values"),
        ((Z3, 0, 0, 1, [0.0], [-np.inf]), {}, "y_values"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"quantity": "kl"}, "quantity"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"quantity": "LOSS"}, "quantity"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"loss": K_.SIGMOID_XENT}, "loss"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"loss": "no_such_loss"}, "loss"),
        (
            (Z3, [0.2, 0.3, 0.5], 0, 1, [0.0], [0.0]),
            {"problem_type": "multilabel", "loss": K_.SOFTMAX},
            "loss",
        ),
        ((Z3, [0.2, 0.3, 0.5], 0, 1, [0.0], [0.0]), {"loss": K_.SPARSE_SOFTMAX}, "class-index"),
        ((Z3, 3, 0, 1, [0.0], [0.0]), {}, "target"),
        ((Z3, [0.5, 0.5], 0, 1, [0.0], [0.0]), {}, "target"),
        ((Z3, [0.5, 1.5, 0.0], 0, 1, [0.0], [0.0]), {"problem_type": "multilabel"}, "target"),
        (([0.5, np.inf, 2.0], 0, 0, 1, [0.0], [0.0]), {}, "logits"),
        (([0.5, np.nan, 2.0], 0, 0, 1, [0.0], [0.0]), {}, "logits"),
        (([[0.5, 1.0]], 0, 0, 1, [0.0], [0.0]), {}, "logits"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"problem_type": "binary"}, "logit"),
        ((Z3, 0, 0, 1, [0.0], [0.0], 0.0), {}, "temperature"),
        ((Z3, 0, 0, 1, [0.0], [0.0], -1.0), {}, "temperature"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"problem_type": "ternary"}, "problem_type"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"loss": K_.SOFTMAX, "label_smoothing": 2.0}, "smoothing"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"loss": K_.SOFTMAX, "weight": np.inf}, "weight"),
        ((Z3, 0, 0, 1, [0.0], [0.0]), {"loss": K_.SOFTMAX, "reduction": "avg"}, "reduction"),
    ],
)
def test_loss_surface_bad_arguments_raise_naming_them(args, kwargs, name):
    with pytest.raises(ValueError, match=name):
        loss_surface(*args, **kwargs)


@pytest.mark.parametrize("kind", [k for k in LossKind if "binary" in SUITS[k]])
@pytest.mark.parametrize("quantity", QUANTITIES)
def test_binary_has_no_surface(kind, quantity):
    # A binary problem has one logit: there is no second logit to vary.
    with pytest.raises(ValueError, match="logits"):
        loss_surface(
            [0.5], [1.0], 0, 1, [0.0], [0.0], quantity=quantity, problem_type="binary", loss=kind
        )


def test_a_single_class_multiclass_problem_has_no_surface():
    with pytest.raises(ValueError, match="logits"):
        loss_surface([0.5], 0, 0, 1, [0.0], [0.0])


# --------------------------------------------------------------------------
# descend: gradient steps taken by hand
# --------------------------------------------------------------------------

# (loss, objective, problem type, z, target, T, options, learning rate, steps)
DESCENT_CASES = [
    (K_.SOFTMAX_XENT, "loss", "multiclass", [2.0, -1.0, 0.5, 0.0], [0.1, 0.6, 0.3, 0.0], 0.7, {}),
    (K_.SOFTMAX_XENT, "loss", "multiclass", [2.0, -1.0, 0.5], [0.2, 0.3, 0.1], 1.0, {}),
    (
        K_.SOFTMAX,
        "loss",
        "multiclass",
        [2.0, -1.0, 0.5, 0.0],
        1,
        1.5,
        {"label_smoothing": 0.1, "weight": 2.0, "reduction": "weighted_sum"},
    ),
    (K_.SOFTMAX, "loss", "multiclass", [0.0, 3.0, -2.0], 0, 1.0, {"weight": 0.0}),
    (K_.SPARSE_SOFTMAX_XENT, "loss", "multiclass", [1.0, 0.0, -1.0, 4.0, 2.0], 2, 2.0, {}),
    (
        K_.SPARSE_SOFTMAX,
        "loss",
        "multiclass",
        [1.0, 0.0, -1.0],
        2,
        0.5,
        {"weight": 0.5, "reduction": "weighted_mean"},
    ),
    (K_.MSE, "loss", "multiclass", [1.0, 0.0, -1.0], [0.0, 0.2, 0.8], 1.0, {}),
    (
        K_.MSE,
        "loss",
        "multiclass",
        [3.0, 0.0],
        1,
        0.5,
        {"weight": 4.0, "reduction": "weighted_sum"},
    ),
    (K_.SOFTMAX_XENT, "mse", "multiclass", [2.0, -1.0, 0.5, 0.0], 1, 0.8, {}),
    (K_.SIGMOID_XENT, "loss", "multilabel", [2.0, -3.0, 0.5], [1.0, 1.0, 0.0], 1.0, {}),
    (
        K_.WEIGHTED_SIGMOID,
        "loss",
        "multilabel",
        [2.0, -3.0, 0.5],
        [1.0, 0.3, 0.0],
        0.5,
        {"pos_weight": 3.0},
    ),
    (
        K_.SIGMOID,
        "loss",
        "multilabel",
        [2.0, -3.0, 0.5, 1.0],
        [1.0, 0.3, 0.0, 1.0],
        2.0,
        {"label_smoothing": 0.2, "weight": 1.5, "reduction": "weighted_sum_over_batch_size"},
    ),
    (K_.MSE, "loss", "multilabel", [2.0, -3.0, 0.5], [1.0, 0.3, 0.0], 1.0, {"weight": 3.0}),
    (K_.SIGMOID_XENT, "mse", "multilabel", [2.0, -3.0, 0.5], [1.0, 0.3, 0.0], 0.5, {}),
    (K_.SIGMOID_XENT, "loss", "binary", [-8.0], [1.0], 1.0, {}),
    (K_.WEIGHTED_SIGMOID, "loss", "binary", [-2.0], [0.7], 0.5, {"pos_weight": 4.0}),
    (K_.SIGMOID, "loss", "binary", [3.0], [0.0], 1.0, {"label_smoothing": 0.3}),
    (K_.MSE, "loss", "binary", [-1.0], [1.0], 1.0, {"reduction": "weighted_sum"}),
    (K_.SIGMOID_XENT, "mse", "binary", [-1.0], [1.0], 2.0, {}),
]


def descent_params():
    for kind, objective, ptype, z, target, t, extra in DESCENT_CASES:
        for eta, steps in ((0.5, 6), (2.0, 3)):
            o = opts(**extra)
            case_id = f"{kind.name}-{objective}-{ptype}-K{len(z)}-T{t}-eta{eta}-{sorted(extra)}"
            yield pytest.param(kind, objective, ptype, z, target, t, o, eta, steps, id=case_id)


DESCENT_PARAMS = list(descent_params())


@pytest.mark.parametrize(
    ("kind", "objective", "ptype", "z", "target", "t", "o", "eta", "steps"), DESCENT_PARAMS
)
def test_descend_equals_manual_gradient_steps(kind, objective, ptype, z, target, t, o, eta, steps):
    k = len(z)
    p = p_of(target, k)
    z0 = np.array(z, dtype=np.float64)
    kwargs = dict(problem_type=ptype, loss=kind, **o)

    d = descend(z0, target, t, objective=objective, learning_rate=eta, steps=steps, **kwargs)

    assert isinstance(d, Descent)
    assert d.logits.shape == (steps + 1, k) and d.q.shape == (steps + 1, k)
    assert d.loss.shape == (steps + 1,) and d.mse.shape == (steps + 1,)
    np.testing.assert_array_equal(d.logits[0], z0)
    np.testing.assert_array_equal(z0, np.array(z, dtype=np.float64))  # the input is untouched

    def objective_value(v):
        if objective == "mse":
            return ref_mse(v, p, t, ptype)
        return ref_loss(kind, v, p, t, ptype, o)

    manual = [z0]
    for _ in range(steps):
        g = ref_grad(kind, objective, manual[-1], p, t, ptype, o)
        manual.append(manual[-1] - eta * g)
    np.testing.assert_allclose(d.logits, np.array(manual), rtol=1e-10, atol=1e-12)

    for s in range(steps + 1):
        position = d.logits[s]
        # The hand gradient is the derivative of the reference objective.
        np.testing.assert_allclose(
            ref_grad(kind, objective, position, p, t, ptype, o),
            fd_grad(objective_value, position),
            **FD_TOL,
        )
        assert d.loss[s] == pytest.approx(ref_loss(kind, position, p, t, ptype, o), 1e-12, 1e-14)
        assert d.mse[s] == pytest.approx(ref_mse(position, p, t, ptype), rel=1e-12, abs=1e-16)
        np.testing.assert_allclose(d.q[s], ref_q(position, t, ptype), rtol=1e-13, atol=1e-16)
        if s < steps:
            # The step taken is −η times a central difference of the objective.
            np.testing.assert_allclose(
                (d.logits[s] - d.logits[s + 1]) / eta, fd_grad(objective_value, position), **FD_TOL
            )

    # The start's loss and MSE are core.evaluate's.
    r = core.evaluate(z0, target, t, **kwargs)
    assert d.loss[0] == r.loss and d.mse[0] == r.mse


@pytest.mark.parametrize(
    ("kind", "objective", "ptype", "z", "target", "t", "o", "eta", "steps"), DESCENT_PARAMS[::2]
)
def test_descend_in_chunks_is_bit_for_bit_one_descent(
    kind, objective, ptype, z, target, t, o, eta, steps
):
    kwargs = dict(objective=objective, learning_rate=eta, problem_type=ptype, loss=kind, **o)
    whole = descend(z, target, t, steps=10, **kwargs)
    again = descend(z, target, t, steps=10, **kwargs)
    position, logits, losses, mses, qs = np.array(z, dtype=float), [], [], [], []
    for _ in range(10):
        one = descend(position, target, t, steps=1, **kwargs)
        logits.append(one.logits[0])
        losses.append(one.loss[0])
        mses.append(one.mse[0])
        qs.append(one.q[0])
        position = one.logits[1]
    last = descend(position, target, t, steps=0, **kwargs)
    for field, chunks in (
        ("logits", logits + [last.logits[0]]),
        ("loss", losses + [last.loss[0]]),
        ("mse", mses + [last.mse[0]]),
        ("q", qs + [last.q[0]]),
    ):
        np.testing.assert_array_equal(getattr(whole, field), np.array(chunks), err_msg=field)
        np.testing.assert_array_equal(getattr(whole, field), getattr(again, field))
    # Chunks of 3, 3 and 4 as well.
    position, parts = np.array(z, dtype=float), []
    for n in (3, 3, 4):
        part = descend(position, target, t, steps=n, **kwargs)
        parts.append(part.logits[:-1])
        position = part.logits[-1]
    np.testing.assert_array_equal(whole.logits, np.vstack(parts + [position[None, :]]))


def test_zero_steps_is_the_start():
    d = descend([1.0, -2.0, 0.5], 0, 2.0, steps=0)
    np.testing.assert_array_equal(d.logits, [[1.0, -2.0, 0.5]])
    x = np.array([1.0, -2.0, 0.5]) / 2.0
    assert d.loss[0] == pytest.approx(-special.log_softmax(x)[0], rel=1e-14)
    np.testing.assert_allclose(d.q[0], special.softmax(x), rtol=1e-14)


def test_descend_docstring_example_by_hand():
    # Binary CE at z = −8, y = 1: each step adds 1 − σ(z).
    d = descend([-8.0], [1.0], problem_type="binary", steps=3)
    z = [-8.0]
    for _ in range(3):
        z.append(z[-1] + special.expit(-z[-1]))
    np.testing.assert_allclose(d.logits[:, 0], z, rtol=1e-14)


def test_limit_holds_a_step_at_the_bound():
    # y = 1 at z = 0: the step is +η/2 = +50, clamped to +10; σ(10) − 1 ≈ −4.5e-5 keeps it there.
    d = descend([0.0], [1.0], problem_type="binary", learning_rate=100.0, steps=4, limit=10.0)
    np.testing.assert_array_equal(d.logits[:, 0], [0.0, 10.0, 10.0, 10.0, 10.0])
    assert d.q[1, 0] == pytest.approx(special.expit(10.0), rel=1e-15)
    # y = 0 goes the other way; the other logit of a multilabel problem is clamped on its own.
    d = descend(
        [0.0, 0.25],
        [0.0, 1.0],
        problem_type="multilabel",
        learning_rate=100.0,
        steps=1,
        limit=10.0,
    )
    # Output 1 steps by −100·(σ(0.25) − 1)/2 = 50(1 − σ(0.25)) ≈ 21.9: clamped at 10 too.
    np.testing.assert_array_equal(d.logits[1], [-10.0, 10.0])
    # An unclamped step is left alone.
    d = descend([0.0, 0.0], [0.0, 1.0], problem_type="multilabel", learning_rate=4.0, limit=10.0)
    np.testing.assert_allclose(d.logits[1], [-1.0, 1.0], rtol=1e-15)


def test_a_diverging_descent_is_held_at_the_limit_and_stays_finite():
    # pos_weight −2 with y = 1: the loss 2·log σ(z) falls without bound as z → −∞.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = descend(
            [0.0, 1.0],
            [1.0, 1.0],
            problem_type="multilabel",
            loss=K_.WEIGHTED_SIGMOID,
            pos_weight=-2.0,
            learning_rate=1e7,
            steps=5,
        )
    np.testing.assert_array_equal(d.logits[1:], -1e6)
    for field in ("logits", "loss", "mse", "q"):
        assert np.isfinite(getattr(d, field)).all(), field
    # At z = −10⁶: 2·log σ(−10⁶) = −2·10⁶ per output, mean −2·10⁶.
    assert d.loss[-1] == pytest.approx(-2e6, rel=1e-12)


def test_descent_arrays_are_read_only():
    d = descend([1.0, 0.0], 0, steps=2)
    for field in ("logits", "loss", "mse", "q"):
        with pytest.raises(ValueError):
            getattr(d, field)[0] = 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": -0.1}, "learning_rate"),
        ({"learning_rate": np.inf}, "learning_rate"),
        ({"learning_rate": np.nan}, "learning_rate"),
        ({"steps": -1}, "steps"),
        ({"limit": 0.0}, "limit"),
        ({"limit": -5.0}, "limit"),
        ({"limit": np.inf}, "limit"),
        ({"limit": np.nan}, "limit"),
        ({"loss": K_.SIGMOID_XENT}, "loss"),
        ({"loss": K_.SPARSE_SOFTMAX, "target": [0.5, 0.5]}, "class-index"),
        ({"problem_type": "binary"}, "logit"),
        ({"temperature": 0.0}, "temperature"),
        ({"logits": [0.0, np.inf]}, "logits"),
        ({"target": 2}, "target"),
    ],
)
def test_descend_bad_arguments_raise_naming_them(kwargs, name):
    args = {"logits": [0.5, -1.0], "target": 0, **kwargs}
    with pytest.raises(ValueError, match=name):
        descend(**args)


def test_descend_unknown_objective_names_objective():
    with pytest.raises(ValueError, match="objective"):
        descend([0.5, -1.0], 0, objective="kl")


def test_descend_unknown_objective_raises():
    with pytest.raises(ValueError, match="kl"):
        descend([0.5, -1.0], 0, objective="kl")


@settings(max_examples=40, deadline=None)
@given(
    z=hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-20, 20, **FINITE)),
    # η/T² ≤ 8 keeps each step's rounding from being amplified past the tolerance.
    eta=st.floats(0.01, 2.0),
    t=st.floats(0.5, 3.0),
    objective=st.sampled_from(QUANTITIES),
    n=st.integers(0, 6),
    cut=st.integers(0, 6),
)
def test_descend_property_manual_steps_and_chunks(z, eta, t, objective, n, cut):
    k = z.size
    ptype = "binary" if k == 1 else "multiclass"
    target = [0.8] if k == 1 else 0
    kind = K_.SIGMOID_XENT if k == 1 else K_.SOFTMAX_XENT
    p = p_of(target, k)
    d = descend(z, target, t, objective=objective, learning_rate=eta, steps=n, problem_type=ptype)
    position = z.copy()
    for s in range(n):
        position = position - eta * ref_grad(kind, objective, position, p, t, ptype, opts())
        np.testing.assert_allclose(d.logits[s + 1], position, rtol=1e-9, atol=1e-9)
    cut = min(cut, n)
    head = descend(
        z, target, t, objective=objective, learning_rate=eta, steps=cut, problem_type=ptype
    )
    tail = descend(
        head.logits[-1],
        target,
        t,
        objective=objective,
        learning_rate=eta,
        steps=n - cut,
        problem_type=ptype,
    )
    np.testing.assert_array_equal(d.logits, np.vstack([head.logits[:-1], tail.logits]))
    np.testing.assert_array_equal(d.loss, np.concatenate([head.loss[:-1], tail.loss]))


# --------------------------------------------------------------------------
# The seed's argument: binary, z = −8, y = 1
# --------------------------------------------------------------------------


def test_squared_error_gradient_is_cross_entropy_gradient_times_two_sigma_prime():
    z = -8.0
    sigma, sigma_neg = special.expit(z), special.expit(-z)
    sigma_prime = sigma * sigma_neg
    ce_grad = sigma - 1.0  # ∂BCE/∂z for y = 1
    se_grad = 2 * (sigma - 1.0) * sigma_prime  # ∂(σ − 1)²/∂z

    c = sigmoid_curves([z])
    assert c.bce_pos_grad[0] == pytest.approx(ce_grad, rel=1e-14)
    assert c.se_pos_grad[0] == pytest.approx(se_grad, rel=1e-14)
    assert c.se_pos_grad[0] == pytest.approx(c.bce_pos_grad[0] * 2 * c.slope[0], rel=1e-14)
    assert c.slope[0] == pytest.approx(sigma_prime, rel=1e-14)

    ce = descend([z], [1.0], problem_type="binary", learning_rate=1.0, steps=20)
    se = descend([z], [1.0], problem_type="binary", objective="mse", learning_rate=1.0, steps=20)
    # The first step is −η times the gradient at z = −8.
    g_ce = ce.logits[0, 0] - ce.logits[1, 0]
    g_se = se.logits[0, 0] - se.logits[1, 0]
    assert g_ce == pytest.approx(ce_grad, rel=1e-12)
    assert g_se == pytest.approx(se_grad, rel=1e-9)
    assert g_se == pytest.approx(g_ce * 2 * sigma_prime, rel=1e-9)
    assert 2 * sigma_prime < 1e-3  # the squared error's gradient is a thousand times smaller

    # Twenty steps: cross-entropy gets there, the squared error crawls.
    assert ce.q[-1, 0] > 0.9 and special.expit(ce.logits[-1, 0]) > 0.9
    assert se.q[-1, 0] < 0.01 and special.expit(se.logits[-1, 0]) < 0.01
    assert ce.loss[-1] < ce.loss[0]
    assert se.mse[-1] < se.mse[0]


# --------------------------------------------------------------------------
# sigmoid_curves
# --------------------------------------------------------------------------

CURVE_X = np.concatenate([np.linspace(-12.0, 12.0, 49), [-40.0, -8.0, 0.0, 1e-9, 35.0]])


def ref_curves(x):
    s, s_neg = special.expit(x), special.expit(-x)
    return {
        "sigma": s,
        "slope": s * s_neg,
        "bce_pos": -special.log_expit(x),
        "bce_neg": -special.log_expit(-x),
        "se_pos": s_neg**2,  # (σ − 1)², with 1 − σ(x) = σ(−x) and no cancellation
        "se_neg": s**2,
    }


def test_sigmoid_curves_match_scipy():
    c = sigmoid_curves(CURVE_X)
    assert isinstance(c, SigmoidCurves)
    np.testing.assert_array_equal(c.x, CURVE_X)
    for name, expected in ref_curves(CURVE_X).items():
        assert getattr(c, name).shape == CURVE_X.shape, name
        np.testing.assert_allclose(
            getattr(c, name), expected, rtol=1e-13, atol=1e-300, err_msg=name
        )
    s, s_neg = special.expit(CURVE_X), special.expit(-CURVE_X)  # σ − 1 = −σ(−x)
    for name, expected in {
        "bce_pos_grad": -s_neg,
        "bce_neg_grad": s,
        "se_pos_grad": -2 * s_neg * s * s_neg,
        "se_neg_grad": 2 * s * s * s_neg,
    }.items():
        np.testing.assert_allclose(
            getattr(c, name), expected, rtol=1e-12, atol=1e-300, err_msg=name
        )


@pytest.mark.parametrize(
    ("curve", "grad"),
    [
        ("sigma", "slope"),
        ("bce_pos", "bce_pos_grad"),
        ("bce_neg", "bce_neg_grad"),
        ("se_pos", "se_pos_grad"),
        ("se_neg", "se_neg_grad"),
    ],
)
def test_sigmoid_curves_gradients_are_finite_differences_of_the_curves(curve, grad):
    x = np.linspace(-10.0, 10.0, 41)
    c = sigmoid_curves(x)
    h = 1e-5
    difference = (ref_curves(x + h)[curve] - ref_curves(x - h)[curve]) / (2 * h)
    np.testing.assert_allclose(getattr(c, grad), difference, rtol=1e-6, atol=1e-10)
    # And of the module's own curves, sampled at x ± h.
    up, down = sigmoid_curves(x + h), sigmoid_curves(x - h)
    own = (getattr(up, curve) - getattr(down, curve)) / (2 * h)
    np.testing.assert_allclose(getattr(c, grad), own, rtol=1e-6, atol=1e-10)


def test_sigmoid_curves_hand_values():
    c = sigmoid_curves([0.0, math.log(3)])
    np.testing.assert_allclose(c.sigma, [0.5, 0.75], rtol=1e-15)
    np.testing.assert_allclose(c.slope, [0.25, 0.1875], rtol=1e-15)
    np.testing.assert_allclose(c.bce_pos, [math.log(2), math.log(4 / 3)], rtol=1e-15)
    np.testing.assert_allclose(c.bce_neg, [math.log(2), math.log(4)], rtol=1e-15)
    np.testing.assert_allclose(c.se_pos, [0.25, 1 / 16], rtol=1e-15)
    np.testing.assert_allclose(c.se_neg, [0.25, 9 / 16], rtol=1e-15)
    np.testing.assert_allclose(c.se_pos_grad, [-0.25, 2 * (-0.25) * 0.1875], rtol=1e-15)
    np.testing.assert_allclose(c.se_neg_grad, [0.25, 2 * 0.75 * 0.1875], rtol=1e-15)


def test_sigmoid_curves_at_extreme_logits():
    x = np.array([-1e308, -1000.0, -50.0, 50.0, 1000.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = sigmoid_curves(x)
    for name in ("sigma", "slope", "bce_pos", "bce_neg", "se_pos", "se_neg"):
        assert np.isfinite(getattr(c, name)).all(), name
    # −log σ(x) = −x for x ≪ 0 and 0 for x ≫ 0; σ′ underflows to 0 at both ends.
    np.testing.assert_allclose(
        c.bce_pos, [1e308, 1000.0, 50.0, 0.0, 0.0, 0.0], rtol=1e-15, atol=3e-22
    )
    np.testing.assert_allclose(
        c.bce_neg, [0.0, 0.0, 0.0, 50.0, 1000.0, 1e308], rtol=1e-15, atol=3e-22
    )
    np.testing.assert_allclose(c.slope, special.expit(x) * special.expit(-x), rtol=1e-13, atol=0)
    np.testing.assert_array_equal(c.se_pos_grad[[0, 1, -2, -1]], 0.0)


@settings(max_examples=60, deadline=None)
@given(x=hnp.arrays(np.float64, st.integers(1, 8), elements=st.floats(-700, 700, **FINITE)))
def test_sigmoid_curves_property(x):
    c = sigmoid_curves(x)
    ref = ref_curves(x)
    for name in ("sigma", "slope", "bce_pos", "bce_neg", "se_pos", "se_neg"):
        np.testing.assert_allclose(
            getattr(c, name), ref[name], rtol=1e-12, atol=1e-300, err_msg=name
        )
    # The squared error's gradient is the cross-entropy's times 2σ′, for y = 1 and y = 0.
    np.testing.assert_allclose(c.se_pos_grad, c.bce_pos_grad * 2 * c.slope, rtol=1e-13, atol=0)
    np.testing.assert_allclose(c.se_neg_grad, c.bce_neg_grad * 2 * c.slope, rtol=1e-13, atol=0)


def test_sigmoid_curves_arguments():
    c = sigmoid_curves(2.0)
    assert c.x.shape == (1,)
    assert sigmoid_curves([]).sigma.shape == (0,)
    for bad in ([0.0, np.nan], [np.inf], [-np.inf, 0.0]):
        with pytest.raises(ValueError, match="x"):
            sigmoid_curves(bad)


def test_sigmoid_curves_are_read_only_and_leave_the_input_alone():
    x = np.array([-1.0, 0.0, 2.0])
    c = sigmoid_curves(x)
    for name in vars(c):
        with pytest.raises(ValueError):
            getattr(c, name)[0] = 1.0
    np.testing.assert_array_equal(x, [-1.0, 0.0, 2.0])
    x[0] = 5.0  # the curves do not share the caller's array
    assert c.x[0] == -1.0


# --------------------------------------------------------------------------
# ExplorerResult.sweep_kl and selected_log_odds
# --------------------------------------------------------------------------

# (problem type, z, target, T, sweep class)
KL_STATES = [
    ("multiclass", [2.0, 1.0, 0.1], 0, 1.0, None),
    ("multiclass", [2.0, 1.0, 0.1], 2, 0.5, 1),
    ("multiclass", [0.3, -1.2, 2.5, 0.0], [0.1, 0.2, 0.3, 0.4], 1.7, None),
    ("multiclass", [0.3, -1.2, 2.5, 0.0], [0.0, 0.5, 0.5, 0.0], 1.0, 0),
    ("multiclass", [1.0, -1.0], [0.3, 0.9], 0.8, 1),  # unnormalised, used as given
    ("binary", [0.7], [1.0], 1.0, None),
    ("binary", [-2.0], [0.0], 0.5, None),
    ("binary", [1.5], [0.3], 2.0, None),
    ("multilabel", [0.5, -1.0, 2.0], [1.0, 0.4, 0.0], 1.0, None),
    ("multilabel", [0.5, -1.0, 2.0, 3.0], [1.0, 0.4, 0.0, 0.9], 0.6, 2),
]


def bernoulli_kl(y, x):
    """Σ over outputs of KL([1 − y, y] ‖ [1 − σ(x), σ(x)])."""
    return np.sum(
        special.rel_entr(y, special.expit(x)) + special.rel_entr(1 - y, special.expit(-x))
    )


@pytest.mark.parametrize(("ptype", "z", "target", "t", "c"), KL_STATES)
def test_sweep_kl_is_the_kl_at_every_sweep_point(ptype, z, target, t, c):
    z = np.array(z)
    p = p_of(target, z.size)
    r = core.evaluate(z, target, t, problem_type=ptype, sweep_class=c, sweep_points=64)
    assert r.sweep_kl.shape == (64,)
    assert not r.sweep_kl.flags.writeable
    expected = np.empty(64)
    for n, value in enumerate(r.sweep_z):
        v = z.copy()
        v[r.sweep_class] = value
        x = v / t
        if ptype == "multiclass":
            expected[n] = special.rel_entr(p, special.softmax(x)).sum()
        else:
            expected[n] = bernoulli_kl(p, x)
    np.testing.assert_allclose(r.sweep_kl, expected, rtol=RTOL, atol=ATOL)
    # The sweep point through the current logit has the state's KL.
    at = np.flatnonzero(r.sweep_z == z[r.sweep_class])
    if at.size:
        assert r.sweep_kl[at[0]] == pytest.approx(r.kl, rel=1e-12, abs=1e-14)


def test_sweep_kl_hand_values():
    # Binary y = 1: KL = −log σ(x); the sweep −10..10 at 3 points passes x = 0: log 2.
    r = core.evaluate([0.0], [1.0], problem_type="binary", sweep_points=3)
    np.testing.assert_allclose(
        r.sweep_kl, [math.log1p(math.exp(10)), math.log(2), math.log1p(math.exp(-10))], rtol=1e-14
    )
    # Two classes with p = [1/2, 1/2]: q = [1/2, 1/2] at z₀ = z₁ = 0, KL 0.
    r = core.evaluate([0.0, 0.0], [0.5, 0.5], sweep_class=0, sweep_points=3)
    assert r.sweep_kl[1] == pytest.approx(0.0, abs=1e-16)


@pytest.mark.parametrize("ptype", ["multiclass", "binary", "multilabel"])
def test_sweep_kl_is_finite_far_out(ptype):
    z = np.array([0.5]) if ptype == "binary" else np.array([0.5, -1.0, 2.0])
    target = [0.3] if ptype == "binary" else [0.2, 0.3, 0.5]
    p = np.asarray(target)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = core.evaluate(
            z, target, 0.1, problem_type=ptype, sweep_range=(-1e4, 1e4), sweep_points=5
        )
    assert np.isfinite(r.sweep_kl).all()
    for n, value in enumerate(r.sweep_z):
        v = z.copy()
        v[r.sweep_class] = value
        x = v / 0.1
        if ptype == "multiclass":  # from log q: q itself underflows out here
            expected = np.sum(special.xlogy(p, p) - p * special.log_softmax(x))
        else:
            expected = np.sum(
                special.xlogy(p, p)
                + special.xlogy(1 - p, 1 - p)
                - p * special.log_expit(x)
                - (1 - p) * special.log_expit(-x)
            )
        assert r.sweep_kl[n] == pytest.approx(expected, rel=1e-12, abs=1e-12)


def ref_log_odds(z, t, c, ptype):
    x = np.asarray(z, dtype=np.float64) / t
    if ptype != "multiclass":
        return x[c]
    return x[c] - special.logsumexp(np.delete(x, c))


@pytest.mark.parametrize(("ptype", "z", "target", "t", "c"), KL_STATES)
def test_selected_log_odds_is_the_logit_of_the_selected_output(ptype, z, target, t, c):
    r = core.evaluate(z, target, t, problem_type=ptype, sweep_class=c)
    chosen = r.sweep_class
    assert r.selected_log_odds == pytest.approx(ref_log_odds(z, t, chosen, ptype), rel=1e-13)
    q = ref_q(z, t, ptype)[chosen]
    assert special.expit(r.selected_log_odds) == pytest.approx(q, rel=1e-13)
    # Against what the window shows: q of the class (binary: the positive outcome).
    shown = r.q[1] if ptype == "binary" else r.q[chosen]
    assert special.expit(r.selected_log_odds) == pytest.approx(shown, rel=1e-13)


@pytest.mark.parametrize(
    ("ptype", "z", "target"),
    [
        ("multiclass", [2.0, -1.0, 0.5, 3.0, 0.0], 1),
        ("multiclass", [2.0, -1.0], [0.4, 0.6]),
        ("multilabel", [2.0, -1.0, 0.5, 3.0], [1.0, 0.0, 0.5, 1.0]),
    ],
)
def test_sweep_class_moves_the_selected_log_odds(ptype, z, target):
    t = 1.3
    q = ref_q(z, t, ptype)
    values = []
    for c in range(len(z)):
        r = core.evaluate(z, target, t, problem_type=ptype, sweep_class=c)
        assert r.sweep_class == c
        assert special.expit(r.selected_log_odds) == pytest.approx(q[c], rel=1e-13)
        assert r.selected_log_odds == pytest.approx(ref_log_odds(z, t, c, ptype), rel=1e-13)
        values.append(r.selected_log_odds)
    assert len(set(values)) == len(z)
    # By default it is the target class (or the largest p).
    default = core.evaluate(z, target, t, problem_type=ptype)
    expected_class = target if isinstance(target, int) else int(np.argmax(target))
    assert default.selected_log_odds == values[expected_class]


def test_selected_log_odds_hand_values():
    # softmax([log 3, 0, 0])₀ = 3/5: log-odds log(3/2).
    r = core.evaluate([math.log(3), 0.0, 0.0], 0)
    assert r.selected_log_odds == pytest.approx(math.log(1.5), rel=1e-14)
    # Two classes: the log-odds is the logit difference over T.
    r = core.evaluate([1.0, -2.0], 0, 2.0)
    assert r.selected_log_odds == pytest.approx(1.5, rel=1e-14)
    # One class: q = 1, infinite log-odds.
    r = core.evaluate([0.3], 0)
    assert r.selected_log_odds == math.inf and special.expit(r.selected_log_odds) == r.q[0] == 1.0
    # Binary: z/T itself.
    r = core.evaluate([-3.0], [1.0], 1.5, problem_type="binary")
    assert r.selected_log_odds == -2.0


def test_selected_log_odds_at_extreme_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = core.evaluate([1000.0, -1000.0, 999.0], 2, sweep_class=2)
    # x₂ − log(e¹⁰⁰⁰ + e⁻¹⁰⁰⁰) = −1 to double precision.
    assert r.selected_log_odds == pytest.approx(-1.0, rel=1e-15)
    assert special.expit(r.selected_log_odds) == pytest.approx(r.q[2], rel=1e-13)
