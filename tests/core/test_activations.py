"""Activations against scipy.special: sigmoid, logit, softmax, log_softmax, logsumexp.

Every reference value comes from scipy.special (or from a hand-derived
number), never from ``core`` itself.
"""

import math
import warnings

import numpy as np
import pytest
from scipy import special

import core

RNG_SEEDS = [0, 1, 2, 3]

HAND_PICKED = [
    [0.0],
    [0.0, 0.0],
    [1.0, 2.0, 3.0],
    [-1.0, 0.5, 2.0, -3.0],
    [123.0, 456.0, 789.0],
    [-50.0, 50.0],
    [1e-8, -1e-8, 0.0],
    [700.0, 710.0, 720.0],  # exp would overflow without the max shift
]


def random_logits(seed, shape=(4, 5, 6), scale=10.0):
    return np.random.default_rng(seed).normal(scale=scale, size=shape)


# --------------------------------------------------------------------------
# softmax, log_softmax, logsumexp against scipy
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("z", HAND_PICKED)
def test_softmax_hand_picked_matches_scipy(z):
    z = np.asarray(z)
    np.testing.assert_allclose(core.softmax(z), special.softmax(z), rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(core.log_softmax(z), special.log_softmax(z), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(core.logsumexp(z), special.logsumexp(z), rtol=1e-14, atol=1e-14)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("seed", RNG_SEEDS)
@pytest.mark.parametrize("axis", [-1, 0, 1, 2, -2])
def test_softmax_random_any_axis_matches_scipy(seed, axis):
    z = random_logits(seed)
    np.testing.assert_allclose(
        core.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        core.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=1e-12, atol=1e-12
    )
    np.testing.assert_allclose(
        core.logsumexp(z, axis=axis), special.logsumexp(z, axis=axis), rtol=1e-13, atol=1e-13
    )
    assert core.logsumexp(z, axis=axis).shape == special.logsumexp(z, axis=axis).shape


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("seed", RNG_SEEDS)
@pytest.mark.parametrize("temperature", [0.05, 0.5, 1.0, 2.0, 7.5, 1e3])
@pytest.mark.parametrize("axis", [-1, 0])
def test_softmax_temperature_matches_scipy(seed, temperature, axis):
    z = random_logits(seed, shape=(3, 7))
    np.testing.assert_allclose(
        core.softmax(z, axis=axis, temperature=temperature),
        special.softmax(z / temperature, axis=axis),
        rtol=1e-12,
        atol=1e-300,
    )
    np.testing.assert_allclose(
        core.log_softmax(z, axis=axis, temperature=temperature),
        special.log_softmax(z / temperature, axis=axis),
        rtol=1e-12,
        atol=1e-12,
    )


def test_softmax_temperature_hand_value():
    # softmax([1, 2, 3] / 2) = e^{[0.5, 1, 1.5]} / sum, worked out from the formula.
    e = [math.exp(0.5), math.exp(1.0), math.exp(1.5)]
    expected = [v / sum(e) for v in e]
    np.testing.assert_allclose(core.softmax([1.0, 2.0, 3.0], temperature=2.0), expected, rtol=1e-14)


# --------------------------------------------------------------------------
# The seed's example and softmax_naive
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_seed_example_softmax_is_finite_and_matches_scipy():
    z = [123, 456, 789]
    q = core.softmax(z)
    assert np.all(np.isfinite(q))
    np.testing.assert_allclose(q, special.softmax(np.array(z, dtype=float)), rtol=1e-12, atol=0)
    # log q_i = z_i - 789 exactly (the other terms vanish in float64).
    np.testing.assert_allclose(core.log_softmax(z), [-666.0, -333.0, 0.0], rtol=1e-15, atol=0)
    assert float(core.logsumexp(z)) == pytest.approx(789.0, rel=1e-15)


def test_softmax_naive_overflows_quietly_on_seed_example():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning becomes an exception
        q = core.softmax_naive([123, 456, 789])
    # exp(789) = inf in float64: the sum is inf, finite/inf = 0 and inf/inf = nan.
    assert q[0] == 0.0 and q[1] == 0.0
    assert np.isnan(q[2])
    np.testing.assert_array_equal(q, [0.0, 0.0, np.nan])


@pytest.mark.filterwarnings("error")
def test_softmax_naive_is_correct_for_small_logits():
    z = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 0.5]])
    np.testing.assert_allclose(core.softmax_naive(z), special.softmax(z, axis=-1), rtol=1e-14)
    np.testing.assert_allclose(
        core.softmax_naive(z, axis=0), special.softmax(z, axis=0), rtol=1e-14
    )


@pytest.mark.filterwarnings("error")
def test_softmax_naive_float32_overflows_above_88():
    # exp overflows float32 above about 88.72.
    q = core.softmax_naive(np.array([0.0, 100.0], dtype=np.float32))
    assert q.dtype == np.float32
    assert q[0] == 0.0 and np.isnan(q[1])


# --------------------------------------------------------------------------
# sigmoid and logit
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_sigmoid_matches_expit(seed):
    x = random_logits(seed, shape=(50,), scale=20.0)
    x = np.concatenate([x, [0.0, -1000.0, 1000.0, -745.0, 36.0, -36.0]])
    # atol: at x = -745 the true value e^-745 is a subnormal that expit rounds to 0.
    np.testing.assert_allclose(core.sigmoid(x), special.expit(x), rtol=1e-14, atol=1e-320)


@pytest.mark.filterwarnings("error")
def test_sigmoid_hand_values():
    # sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, sigmoid(-ln 3) = 1/4.
    np.testing.assert_allclose(
        core.sigmoid([0.0, math.log(3.0), -math.log(3.0)]), [0.5, 0.75, 0.25], rtol=1e-15
    )


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_log_of_sigmoid_matches_log_expit(seed):
    # Moderate x, where sigmoid does not underflow, so log(sigmoid) is accurate.
    x = random_logits(seed, shape=(100,), scale=8.0)
    # atol: log(sigmoid) rounds sigmoid near 1 first, an absolute error of ~1 ulp of 1.
    np.testing.assert_allclose(
        np.log(core.sigmoid(x)), special.log_expit(x), rtol=1e-12, atol=1e-15
    )


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_logit_matches_scipy(seed):
    p = np.random.default_rng(seed).uniform(size=100)
    p = np.concatenate([p, [0.5, 1e-300, 1 - 1e-16, 0.25, 0.75]])
    np.testing.assert_allclose(core.logit(p), special.logit(p), rtol=1e-12, atol=1e-15)


@pytest.mark.filterwarnings("error")
def test_logit_hand_values_and_endpoints():
    out = core.logit([0.5, 0.75, 0.25, 0.0, 1.0])
    # logit(3/4) = ln(3/4 / 1/4) = ln 3
    np.testing.assert_allclose(out[:3], [0.0, math.log(3.0), -math.log(3.0)], rtol=1e-15)
    assert out[3] == -np.inf
    assert out[4] == np.inf


@pytest.mark.filterwarnings("error")
def test_logit_inverts_sigmoid():
    # Only where sigmoid is well conditioned (for large x, expit(x) rounds near 1
    # and no inverse can recover x).
    x = np.linspace(-30, 2, 65)
    np.testing.assert_allclose(core.logit(special.expit(x)), x, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("bad", [-0.1, 1.1, -1e-300, 1 + 1e-15, np.nan, np.inf, -np.inf])
def test_logit_outside_unit_interval_raises(bad):
    with pytest.raises(ValueError, match=r"\bp\b"):
        core.logit(bad)
    with pytest.raises(ValueError, match=r"\bp\b"):
        core.logit([0.5, bad])


# --------------------------------------------------------------------------
# Temperature validation
# --------------------------------------------------------------------------


@pytest.mark.parametrize("temperature", [0.0, -0.0, -1.0, -1e-300, np.inf, -np.inf, np.nan])
@pytest.mark.parametrize("fn", [core.softmax, core.log_softmax])
def test_bad_temperature_raises(fn, temperature):
    with pytest.raises(ValueError, match="temperature"):
        fn([1.0, 2.0, 3.0], temperature=temperature)


@pytest.mark.parametrize("fn", [core.softmax, core.log_softmax])
def test_non_numeric_temperature_raises(fn):
    with pytest.raises(ValueError, match="temperature"):
        fn([1.0, 2.0], temperature="hot")


# --------------------------------------------------------------------------
# dtypes
# --------------------------------------------------------------------------


def _activations_with_args():
    return [
        ("sigmoid", lambda a: core.sigmoid(a), [-1.0, 0.0, 2.0]),
        ("logit", lambda a: core.logit(a), [0.25, 0.5, 0.75]),
        ("softmax", lambda a: core.softmax(a), [1.0, 2.0, 3.0]),
        ("softmax_T", lambda a: core.softmax(a, temperature=2.0), [1.0, 2.0, 3.0]),
        ("log_softmax", lambda a: core.log_softmax(a), [1.0, 2.0, 3.0]),
        ("log_softmax_T", lambda a: core.log_softmax(a, temperature=0.5), [1.0, 2.0, 3.0]),
        ("logsumexp", lambda a: core.logsumexp(a), [1.0, 2.0, 3.0]),
        ("softmax_naive", lambda a: core.softmax_naive(a), [1.0, 2.0, 3.0]),
    ]


@pytest.mark.parametrize(("name", "fn", "values"), _activations_with_args())
def test_float32_in_float32_out(name, fn, values):
    out = np.asarray(fn(np.asarray(values, dtype=np.float32)))
    assert out.dtype == np.float32, name


@pytest.mark.parametrize(("name", "fn", "values"), _activations_with_args())
def test_float64_in_float64_out(name, fn, values):
    out = np.asarray(fn(np.asarray(values, dtype=np.float64)))
    assert out.dtype == np.float64, name


@pytest.mark.parametrize(
    ("fn", "values"),
    [
        (core.sigmoid, [-1, 0, 2]),
        (core.logit, [0, 1]),
        (core.softmax, [1, 2, 3]),
        (core.log_softmax, [1, 2, 3]),
        (core.logsumexp, [1, 2, 3]),
        (core.softmax_naive, [1, 2, 3]),
    ],
)
@pytest.mark.parametrize("kind", ["list", "int32", "int64"])
def test_ints_and_lists_compute_in_float64(fn, values, kind):
    arg = values if kind == "list" else np.asarray(values, dtype=kind)
    out = np.asarray(fn(arg))
    assert out.dtype == np.float64


def test_int_input_values_match_scipy():
    np.testing.assert_allclose(core.softmax([1, 2, 3]), special.softmax([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(core.sigmoid([-1, 0, 2]), special.expit([-1.0, 0.0, 2.0]))


@pytest.mark.filterwarnings("error")
def test_float32_values_match_scipy():
    z = random_logits(7, shape=(6, 9)).astype(np.float32)
    z64 = z.astype(np.float64)
    np.testing.assert_allclose(core.softmax(z), special.softmax(z64, axis=-1), rtol=2e-6, atol=1e-7)
    np.testing.assert_allclose(
        core.log_softmax(z), special.log_softmax(z64, axis=-1), rtol=2e-6, atol=1e-5
    )
    np.testing.assert_allclose(core.logsumexp(z), special.logsumexp(z64, axis=-1), rtol=2e-6)
    np.testing.assert_allclose(core.sigmoid(z), special.expit(z64), rtol=2e-6, atol=1e-30)


# --------------------------------------------------------------------------
# Extreme logits: finite, correct, quiet
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_extreme_logits_float64():
    big = 1e30
    z = np.array([-big, 0.0, big])
    q = core.softmax(z)
    assert q.dtype == np.float64
    np.testing.assert_array_equal(q, [0.0, 0.0, 1.0])
    # log q = z - max z - log(1 + e^{-1e30} + e^{-2e30}) = z - 1e30
    np.testing.assert_allclose(core.log_softmax(z), [-2 * big, -big, 0.0], rtol=1e-15, atol=0)
    assert float(core.logsumexp(z)) == big
    np.testing.assert_array_equal(core.sigmoid(z), [0.0, 0.5, 1.0])
    np.testing.assert_allclose(core.log_softmax(z), special.log_softmax(z), rtol=1e-15)
    np.testing.assert_allclose(core.softmax(z, temperature=1e-3), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(core.softmax(z, temperature=1e3), special.softmax(z / 1e3))
    # Equal huge logits: uniform.
    np.testing.assert_allclose(core.softmax([big, big]), [0.5, 0.5], rtol=1e-15)
    np.testing.assert_allclose(core.softmax([-big, -big]), [0.5, 0.5], rtol=1e-15)


@pytest.mark.filterwarnings("error")
def test_extreme_logits_float32():
    big = np.float32(3e4)
    z = np.array([-big, 0.0, big], dtype=np.float32)
    q = core.softmax(z)
    assert q.dtype == np.float32
    np.testing.assert_array_equal(q, [0.0, 0.0, 1.0])
    lq = core.log_softmax(z)
    assert lq.dtype == np.float32
    np.testing.assert_allclose(lq, [-6e4, -3e4, 0.0], rtol=1e-7, atol=0)
    lse = core.logsumexp(z)
    assert lse.dtype == np.float32
    assert float(lse) == 3e4
    s = core.sigmoid(z)
    assert s.dtype == np.float32
    np.testing.assert_array_equal(s, [0.0, 0.5, 1.0])
    assert np.all(np.isfinite(core.log_softmax(z, temperature=0.01)))


@pytest.mark.filterwarnings("error")
def test_finite_inputs_near_float_max_raise_no_warning():
    f = np.finfo(np.float64).max
    z = np.array([-f, 0.0, f])
    q = core.softmax(z)
    np.testing.assert_array_equal(q, [0.0, 0.0, 1.0])
    assert np.all(core.log_softmax(z) <= 0)
    assert float(core.logsumexp(np.array([f, f]))) == f
    np.testing.assert_array_equal(core.sigmoid(z), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(core.softmax(np.array([0.0, 1e300]), temperature=1e-10), [0, 1])


# --------------------------------------------------------------------------
# Other argument errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [core.softmax, core.log_softmax, core.logsumexp])
def test_bad_axis_raises(fn):
    with pytest.raises(ValueError, match="axis"):
        fn(np.zeros((2, 3)), axis=2)
    with pytest.raises(ValueError, match="axis"):
        fn(np.zeros((2, 3)), axis=1.5)


@pytest.mark.parametrize("fn", [core.softmax, core.log_softmax, core.logsumexp])
def test_nan_logits_raise(fn):
    with pytest.raises(ValueError, match="logits"):
        fn([1.0, np.nan])


@pytest.mark.parametrize("fn", [core.softmax, core.log_softmax, core.logsumexp])
def test_empty_class_axis_raises(fn):
    with pytest.raises(ValueError, match="logits"):
        fn(np.zeros((3, 0)))
