"""Hypothesis properties of softmax, the information measures and the losses."""

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

import core

pytestmark = pytest.mark.filterwarnings("error")

SETTINGS = settings(max_examples=100, deadline=None)

BIG64 = 1e30
BIG32 = 3e4


def finite(lo, hi, width=64):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, width=width)


@st.composite
def batches(draw, elements, dtype=np.float64, min_classes=1, max_classes=8):
    b = draw(st.integers(1, 4))
    k = draw(st.integers(min_classes, max_classes))
    return draw(hnp.arrays(dtype, (b, k), elements=elements))


@st.composite
def distributions(draw, k, positive=False):
    lo = 1e-3 if positive else 0.0
    w = draw(hnp.arrays(np.float64, (k,), elements=finite(lo, 1.0)))
    assume(w.sum() > 1e-6)
    return w / w.sum()


@st.composite
def pairs_of_distributions(draw, q_positive=True):
    k = draw(st.integers(1, 10))
    return draw(distributions(k)), draw(distributions(k, positive=q_positive))


# --------------------------------------------------------------------------
# softmax
# --------------------------------------------------------------------------


@SETTINGS
@given(batches(finite(-BIG64, BIG64)), finite(0.01, 100.0))
def test_softmax_sums_to_one(z, temperature):
    q = core.softmax(z, temperature=temperature)
    assert np.all((q >= 0) & (q <= 1))
    np.testing.assert_allclose(q.sum(axis=-1), 1.0, rtol=0, atol=1e-12)


@SETTINGS
@given(batches(finite(-100.0, 100.0)), finite(-100.0, 100.0))
def test_softmax_invariant_to_adding_a_constant(z, c):
    # Adding c rounds z + c by at most ulp(200) ≈ 3e-14 per entry.
    np.testing.assert_allclose(core.softmax(z + c), core.softmax(z), rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(core.log_softmax(z + c), core.log_softmax(z), rtol=1e-11, atol=1e-12)
    np.testing.assert_allclose(core.logsumexp(z + c), core.logsumexp(z) + c, rtol=1e-13, atol=1e-12)


@SETTINGS
@given(finite(-50.0, 50.0), finite(-50.0, 50.0))
def test_two_class_softmax_is_sigmoid_of_difference(a, b):
    q = core.softmax([a, b])
    d = b - a
    np.testing.assert_allclose(q[1], special.expit(d), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(q[1], core.sigmoid(d), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(q[0], special.expit(-d), rtol=1e-12, atol=1e-300)


@SETTINGS
@given(batches(finite(-BIG64, BIG64)))
def test_softmax_matches_scipy_at_any_scale(z):
    np.testing.assert_allclose(
        core.softmax(z), special.softmax(z, axis=-1), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        core.log_softmax(z), special.log_softmax(z, axis=-1), rtol=1e-12, atol=1e-12
    )


# --------------------------------------------------------------------------
# Information inequalities
# --------------------------------------------------------------------------


@SETTINGS
@given(pairs_of_distributions())
def test_gibbs_inequality_and_decomposition(pq):
    p, q = pq
    h = float(core.entropy(p))
    hpq = float(core.cross_entropy(p, q))
    kl = float(core.kl_divergence(p, q))
    assert hpq >= h - 1e-12
    assert kl >= -1e-12
    np.testing.assert_allclose(hpq, h + kl, rtol=1e-10, atol=1e-12)
    # Same in bits.
    np.testing.assert_allclose(
        float(core.cross_entropy(p, q, base=2)),
        float(core.entropy(p, base=2)) + float(core.kl_divergence(p, q, base=2)),
        rtol=1e-10,
        atol=1e-12,
    )


@SETTINGS
@given(st.integers(1, 10).flatmap(distributions))
def test_kl_of_a_distribution_with_itself_is_zero(p):
    assert float(core.kl_divergence(p, p)) == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(float(core.cross_entropy(p, p)), float(core.entropy(p)), rtol=1e-13)


@SETTINGS
@given(pairs_of_distributions(q_positive=False))
def test_kl_is_non_negative_or_inf(pq):
    p, q = pq
    kl = float(core.kl_divergence(p, q))
    expected_inf = bool(np.any((p > 0) & (q == 0)))
    assert (kl == np.inf) == expected_inf
    assert kl >= -1e-12


# --------------------------------------------------------------------------
# Sparse labels equal dense one-hot labels
# --------------------------------------------------------------------------


@st.composite
def sparse_problems(draw, elements):
    b = draw(st.integers(1, 5))
    k = draw(st.integers(1, 8))
    x = draw(hnp.arrays(np.float64, (b, k), elements=elements))
    y = draw(hnp.arrays(np.int64, (b,), elements=st.integers(0, k - 1)))
    return x, y


@SETTINGS
@given(sparse_problems(finite(-1e3, 1e3)))
def test_sparse_equals_dense_one_hot(data):
    x, y = data
    onehot = np.eye(x.shape[-1])[y]
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits(y, x),
        core.softmax_cross_entropy_with_logits(onehot, x),
        rtol=1e-12,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits_grad(y, x),
        core.softmax_cross_entropy_with_logits_grad(onehot, x),
        rtol=1e-12,
        atol=1e-15,
    )
    w = np.linspace(0.0, 2.0, x.shape[0])
    for reduction in core.Reduction:
        np.testing.assert_allclose(
            core.sparse_softmax_cross_entropy(y, x, weights=w, reduction=reduction),
            core.softmax_cross_entropy(onehot, x, weights=w, reduction=reduction),
            rtol=1e-12,
            atol=1e-12,
        )


@SETTINGS
@given(sparse_problems(finite(-1e3, 1e3)))
def test_sparse_loss_matches_scipy(data):
    x, y = data
    expected = -special.log_softmax(x, axis=-1)[np.arange(x.shape[0]), y]
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits(y, x), expected, rtol=1e-12, atol=1e-12
    )


# --------------------------------------------------------------------------
# Extreme logits: finite, correct and quiet
# --------------------------------------------------------------------------


def _reference_softmax_ce(p, x):
    return -np.sum(p * special.log_softmax(x.astype(np.float64), axis=-1), axis=-1)


def _reference_sigmoid_ce(z, x, q=1.0):
    x = x.astype(np.float64)
    return -q * z * special.log_expit(x) - (1 - z) * special.log_expit(-x)


@st.composite
def extreme_problem(draw, big, dtype, width):
    x = draw(batches(finite(-big, big, width=width), dtype=dtype))
    # Mix in the extremes themselves.
    mask = draw(hnp.arrays(np.int8, x.shape, elements=st.integers(-1, 2)))
    x = np.where(mask == -1, -big, np.where(mask == 1, big, x)).astype(dtype)
    z = draw(hnp.arrays(np.float64, x.shape, elements=finite(0.0, 1.0))).astype(dtype)
    y = draw(hnp.arrays(np.int64, x.shape[:1], elements=st.integers(0, x.shape[-1] - 1)))
    return x, z, y


def _assert_close(actual, expected, scale, rtol, name):
    """|actual - expected| <= rtol·(|expected| + 1 + scale), element-wise.

    ``scale`` is the size of the logits the value was computed from: an
    absolute error of a few ulp of the logits is the best any formula can do.
    """
    actual = np.asarray(actual, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    bound = rtol * (np.abs(expected) + 1.0 + scale)
    err = np.abs(actual - expected)
    assert np.all(err <= bound), f"{name}: max error {np.max(err - bound) + np.max(bound)}"


def _check_extreme(x, z, y, rtol):
    dtype = x.dtype
    outputs = {
        "softmax": core.softmax(x),
        "log_softmax": core.log_softmax(x),
        "logsumexp": core.logsumexp(x),
        "sigmoid": core.sigmoid(x),
        "sigmoid_ce": core.sigmoid_cross_entropy_with_logits(z, x),
        "weighted_ce": core.weighted_cross_entropy_with_logits(z, x, 3.0),
        "softmax_ce": core.softmax_cross_entropy_with_logits(z, x),
        "sparse_ce": core.sparse_softmax_cross_entropy_with_logits(y, x),
        "sigmoid_ce_reduced": core.sigmoid_cross_entropy(z, x, label_smoothing=0.1),
        "softmax_ce_reduced": core.softmax_cross_entropy(z, x, label_smoothing=0.1),
        "sparse_ce_reduced": core.sparse_softmax_cross_entropy(y, x),
        "sigmoid_ce_grad": core.sigmoid_cross_entropy_with_logits_grad(z, x),
        "weighted_ce_grad": core.weighted_cross_entropy_with_logits_grad(z, x, 3.0),
        "softmax_ce_grad": core.softmax_cross_entropy_with_logits_grad(z, x),
        "sparse_ce_grad": core.sparse_softmax_cross_entropy_with_logits_grad(y, x),
        "softmax_mse_grad": core.softmax_mean_squared_error_grad(z, x),
        "sigmoid_se_grad": core.sigmoid_squared_error_grad(z, x),
    }
    for name, out in outputs.items():
        out = np.asarray(out)
        assert np.all(np.isfinite(out)), name
        assert out.dtype == dtype, name

    x64 = x.astype(np.float64)
    z64 = z.astype(np.float64)
    ax = np.abs(x64)  # element-wise scale
    row = ax.max(axis=-1)  # per-example scale
    rows = np.arange(x.shape[0])
    q = special.softmax(x64, axis=-1)
    checks = [
        ("softmax", q, 0.0),
        ("log_softmax", special.log_softmax(x64, axis=-1), row[:, None]),
        ("logsumexp", special.logsumexp(x64, axis=-1), row),
        ("sigmoid", special.expit(x64), 0.0),
        ("sigmoid_ce", _reference_sigmoid_ce(z64, x64), ax),
        ("weighted_ce", _reference_sigmoid_ce(z64, x64, 3.0), ax),
        ("softmax_ce", _reference_softmax_ce(z64, x64), row),
        ("sparse_ce", -special.log_softmax(x64, axis=-1)[rows, y], row),
        ("sigmoid_ce_grad", special.expit(x64) - z64, 0.0),
        ("softmax_ce_grad", q * z64.sum(axis=-1, keepdims=True) - z64, 0.0),
        ("sparse_ce_grad", q - np.eye(x.shape[-1])[y], 0.0),
    ]
    for name, expected, scale in checks:
        _assert_close(outputs[name], expected, scale, rtol, name)


@SETTINGS
@given(extreme_problem(BIG64, np.float64, 64))
def test_extreme_logits_float64_finite_and_correct(data):
    x, z, y = data
    _check_extreme(x, z, y, rtol=1e-12)


@SETTINGS
@given(extreme_problem(BIG32, np.float32, 32))
def test_extreme_logits_float32_finite_and_correct(data):
    x, z, y = data
    _check_extreme(x, z, y, rtol=1e-5)


ANY_FINITE = st.floats(allow_nan=False, allow_infinity=False)
FMAX = float(np.finfo(np.float64).max)


@SETTINGS
@given(batches(ANY_FINITE), finite(1e-3, 1e3))
def test_softmax_valid_for_any_finite_input(z, temperature):
    # Any finite float64, up to the largest one: the probabilities stay valid
    # and no RuntimeWarning escapes (pytestmark turns warnings into errors).
    q = core.softmax(z, temperature=temperature)
    np.testing.assert_allclose(q.sum(axis=-1), 1.0, atol=1e-12)
    assert np.all(core.log_softmax(z, temperature=temperature) <= 0)
    s = core.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))


# Every loss with every problem type it suits (a sigmoid loss never runs in multiclass).
_KIND_PROBLEMS = [
    (kind, ptype)
    for kind, spec in core.LOSSES.items()
    for ptype in ("binary", "multiclass", "multilabel")
    if ptype in spec.problem_types
]


def _half(z):
    return np.full(z.shape, 0.5)


def _first(z):
    return np.zeros(z.shape[0], dtype=np.int64)


# Every public function, called with logits z (B, K), labels 1/2 or class 0.
QUIET_FUNCTIONS = {
    "softmax": lambda z, t: core.softmax(z, temperature=t),
    "log_softmax": lambda z, t: core.log_softmax(z, temperature=t),
    "logsumexp": lambda z, t: core.logsumexp(z),
    "sigmoid": lambda z, t: core.sigmoid(z),
    "sigmoid_ce": lambda z, t: core.sigmoid_cross_entropy_with_logits(_half(z), z),
    "weighted_ce": lambda z, t: core.weighted_cross_entropy_with_logits(_half(z), z, 2.0),
    "softmax_ce": lambda z, t: core.softmax_cross_entropy_with_logits(_half(z), z),
    "sparse_ce": lambda z, t: core.sparse_softmax_cross_entropy_with_logits(_first(z), z),
    "sigmoid_ce_reduced": lambda z, t: core.sigmoid_cross_entropy(_half(z), z, label_smoothing=0.1),
    "softmax_ce_reduced": lambda z, t: core.softmax_cross_entropy(_half(z), z, label_smoothing=0.1),
    "sparse_ce_reduced": lambda z, t: core.sparse_softmax_cross_entropy(_first(z), z),
    "mean_squared_error": lambda z, t: core.mean_squared_error(_half(z), z),
    "sigmoid_ce_grad": lambda z, t: core.sigmoid_cross_entropy_with_logits_grad(_half(z), z),
    "weighted_ce_grad": lambda z, t: core.weighted_cross_entropy_with_logits_grad(_half(z), z, 2.0),
    "softmax_ce_grad": lambda z, t: core.softmax_cross_entropy_with_logits_grad(_half(z), z),
    "sparse_ce_grad": lambda z, t: core.sparse_softmax_cross_entropy_with_logits_grad(_first(z), z),
    "softmax_mse_grad": lambda z, t: core.softmax_mean_squared_error_grad(_half(z), z),
    "sigmoid_se_grad": lambda z, t: core.sigmoid_squared_error_grad(_half(z), z),
    "evaluate_class": lambda z, t: [
        core.evaluate(z[0], 0, t, problem_type=ptype, loss=kind, sweep_points=8)
        for kind, ptype in _KIND_PROBLEMS
        if ptype != "binary"
    ],
    "evaluate_soft": lambda z, t: [
        core.evaluate(z[0], _half(z[0]), t, problem_type=ptype, loss=kind, sweep_points=8)
        for kind, ptype in _KIND_PROBLEMS
        if ptype != "binary" and not core.LOSSES[kind].needs_class_index
    ],
    "evaluate_binary": lambda z, t: [
        core.evaluate(z[0, :1], [y], t, problem_type="binary", loss=kind, sweep_points=8)
        for kind, ptype in _KIND_PROBLEMS
        if ptype == "binary"
        for y in (0.0, 0.5, 1.0)
    ],
    "evaluate_float32_pitfalls": lambda z, t: [
        core.evaluate(z[0], 0, t, dtype="float32", sweep_points=8),
        core.evaluate(z[0], _half(z[0]), t, problem_type="multilabel", dtype="float32"),
    ],
    "evaluate_weighted": lambda z, t: [
        core.evaluate(z[0], 0, t, loss=kind, weight=w, reduction=red, sweep_points=8)
        for kind in (core.LossKind.SOFTMAX, core.LossKind.SPARSE_SOFTMAX, core.LossKind.MSE)
        for w in (0.0, -2.0, 1e300)
        for red in core.Reduction
    ],
}


@pytest.mark.parametrize("name", list(QUIET_FUNCTIONS))
@settings(max_examples=40, deadline=None)
# Cases near the float limit, found by Hypothesis and kept so that every run
# tries them: sums of per-class or per-example terms that exceed the largest
# float, and z / T overflowing to inf.
@example(z=np.array([[9e307, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]]), temperature=1.0)
@example(z=np.array([[0.0, FMAX, 0.0], [0.0, FMAX, 0.0]]), temperature=1.0)
@example(z=np.array([[1.7e308, 1.7e308, 1.7e308, 1.7e308]]), temperature=1.0)
@example(z=np.array([[FMAX, -FMAX]]), temperature=1.0)
@example(z=np.array([[9e307]]), temperature=0.5)
@given(z=batches(ANY_FINITE), temperature=finite(1e-3, 1e3))
def test_no_runtime_warning_for_any_finite_input(name, z, temperature):
    # ARCHITECTURE.md conventions: no RuntimeWarning escapes for any finite input.
    # pytestmark turns any warning into an error.
    QUIET_FUNCTIONS[name](z, temperature)
