"""core.pitfalls against independent scipy computations and hand-derived values.

The three pitfalls: applying the activation twice, passing probabilities where
logits are expected, and the naive softmax (or sigmoid) without the stability
trick, each in float64 and float32.
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import special

import core
from core.pitfalls import DTYPES, Pitfalls, evaluate_pitfalls, exp_overflow_limit

pytestmark = pytest.mark.filterwarnings("error")


def softmax_xent(p, x):
    return -np.sum(p * special.log_softmax(x))


def sigmoid_xent(y, x):
    return np.mean(-y * special.log_expit(x) - (1 - y) * special.log_expit(-x))


# --------------------------------------------------------------------------
# The naive softmax and the float limit
# --------------------------------------------------------------------------


def test_exp_overflow_limit_is_the_log_of_the_largest_float():
    assert exp_overflow_limit("float32") == pytest.approx(88.72283935546875, rel=1e-7)
    assert exp_overflow_limit("float64") == pytest.approx(709.782712893384, rel=1e-15)
    assert exp_overflow_limit("float64") == pytest.approx(math.log(np.finfo(np.float64).max))
    assert exp_overflow_limit("float32") == pytest.approx(
        math.log(float(np.finfo(np.float32).max)), rel=1e-7
    )
    # Just below the limit exp is finite, just above it is not.
    for dtype in DTYPES:
        limit = exp_overflow_limit(dtype)
        with np.errstate(over="ignore"):
            assert np.isfinite(np.exp(np.array(limit * (1 - 1e-6), dtype=dtype)))
            assert np.isinf(np.exp(np.array(limit * (1 + 1e-6), dtype=dtype)))
    assert DTYPES == ("float64", "float32")


def test_seed_example_naive_softmax_is_nan_while_the_stable_q_is_finite():
    z = np.array([123.0, 456.0, 789.0])
    pit = evaluate_pitfalls(z, [0.0, 0.0, 1.0])
    assert pit.dtype == "float64"
    assert np.isnan(pit.q_naive[2])  # exp(789) = inf, inf/inf = nan
    np.testing.assert_array_equal(pit.q_naive[:2], [0.0, 0.0])
    assert np.all(np.isfinite(pit.q))
    np.testing.assert_allclose(pit.q, special.softmax(z), rtol=1e-15, atol=0)
    assert pit.naive_overflows
    assert pit.largest_exponent == 789.0 > pit.exp_limit
    assert np.isnan(pit.loss_naive)
    assert pit.loss == pytest.approx(softmax_xent(np.array([0.0, 0.0, 1.0]), z), abs=1e-15)
    assert pit.true_index == 2


def test_float32_overflows_at_90_where_float64_does_not():
    z, p = [90.0, 0.0], [1.0, 0.0]
    f32 = evaluate_pitfalls(z, p, dtype="float32")
    f64 = evaluate_pitfalls(z, p, dtype="float64")
    assert f32.exp_limit == pytest.approx(88.72, abs=5e-3)
    assert f64.exp_limit == pytest.approx(709.78, abs=5e-3)
    assert f32.largest_exponent == 90.0 > f32.exp_limit
    assert f64.largest_exponent == 90.0 < f64.exp_limit
    assert f32.naive_overflows and not f64.naive_overflows
    assert np.isnan(f32.q_naive[0])
    np.testing.assert_allclose(f64.q_naive, special.softmax(z), rtol=1e-15)
    # The stable numbers survive in both precisions, in their own dtype.
    assert f32.q.dtype == np.float32 and f64.q.dtype == np.float64
    np.testing.assert_allclose(f32.q, special.softmax(z), rtol=1e-6)
    np.testing.assert_allclose(f64.q, special.softmax(z), rtol=1e-15)
    assert f32.loss == pytest.approx(softmax_xent(np.array(p), np.array(z)), abs=1e-7)
    assert f32.dtype == "float32"


def test_temperature_divides_before_the_naive_exponent():
    # 60 is fine in float32, 60 / 0.5 = 120 is not.
    pit = evaluate_pitfalls([60.0, 0.0], [1.0, 0.0], temperature=0.5, dtype="float32")
    assert pit.largest_exponent == 120.0
    assert pit.naive_overflows
    np.testing.assert_allclose(pit.q, special.softmax([120.0, 0.0]), rtol=1e-6, atol=1e-38)
    assert not evaluate_pitfalls([60.0, 0.0], [1.0, 0.0], dtype="float32").naive_overflows


def test_logits_whose_quotient_by_t_overflows_keep_the_stable_numbers():
    # z / T overflows to inf: only the naive formula may break.
    pit = evaluate_pitfalls([9e307, 0.0], [1.0, 0.0], temperature=0.5)
    np.testing.assert_array_equal(pit.q, [1.0, 0.0])
    assert pit.loss == 0.0
    assert pit.naive_overflows
    # In float32 logits beyond its largest float (3.4e38) likewise.
    pit32 = evaluate_pitfalls([1e39, 0.0], [0.0, 1.0], dtype="float32")
    np.testing.assert_array_equal(pit32.q, [1.0, 0.0])
    assert math.isinf(pit32.loss) or pit32.loss > 1e38
    assert pit32.naive_overflows


# --------------------------------------------------------------------------
# The activation applied twice; probabilities passed as logits
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("z", "p", "t"),
    [
        ([2.0, 1.0, 0.1], [1.0, 0.0, 0.0], 1.0),
        ([5.0, -3.0, 0.0, 1.0], [0.1, 0.2, 0.3, 0.4], 0.7),
        ([0.0, 9.0], [0.0, 1.0], 2.0),
    ],
)
@pytest.mark.parametrize("dtype", DTYPES)
def test_multiclass_pitfalls_against_scipy(z, p, t, dtype):
    z, p = np.array(z), np.array(p)
    x = z / t
    q = special.softmax(x)
    rtol = 1e-14 if dtype == "float64" else 2e-6
    pit = evaluate_pitfalls(z, p, t, "multiclass", dtype)
    np.testing.assert_allclose(pit.q, q, rtol=rtol)
    np.testing.assert_allclose(pit.q_twice, special.softmax(special.softmax(x)), rtol=rtol)
    np.testing.assert_allclose(pit.q_naive, q, rtol=rtol)
    assert pit.loss == pytest.approx(softmax_xent(p, x), rel=rtol)
    # probabilities fed to a function that expects logits: a second softmax inside.
    assert pit.loss_probabilities_as_logits == pytest.approx(softmax_xent(p, q), rel=rtol)
    assert pit.loss_perfect_as_logits == pytest.approx(softmax_xent(p, p), rel=rtol)
    assert pit.loss_naive == pytest.approx(-np.sum(p * np.log(q)), rel=rtol)
    assert not pit.naive_overflows
    assert pit.true_index == int(np.argmax(p))
    # A second softmax squeezes towards uniform: the largest probability shrinks.
    assert pit.q_twice.max() < pit.q.max()


@pytest.mark.parametrize("k", [2, 3, 5, 10, 100])
def test_a_perfect_prediction_passed_as_logits_costs_log_one_plus_k_minus_one_over_e(k):
    # softmax of a one-hot p is e/(e + K - 1) at the true class: the loss cannot reach 0.
    p = np.eye(k)[k - 1]
    z = np.eye(k)[k - 1] * 40.0
    pit = evaluate_pitfalls(z, p)
    expected = math.log(1 + (k - 1) / math.e)
    assert pit.loss_perfect_as_logits == pytest.approx(expected, rel=1e-14)
    assert pit.loss_perfect_as_logits == pytest.approx(softmax_xent(p, p), rel=1e-14)
    # ... and the near-perfect probabilities as logits cost about as much; the right loss ≈ 0.
    assert pit.loss_probabilities_as_logits == pytest.approx(expected, rel=1e-12)
    assert pit.loss < 1e-15


@pytest.mark.parametrize(("z", "y", "t"), [(1.5, 1.0, 1.0), (-0.7, 0.3, 0.5), (4.0, 0.0, 2.0)])
@pytest.mark.parametrize("dtype", DTYPES)
def test_binary_pitfalls_against_scipy(z, y, t, dtype):
    x = z / t
    s = special.expit(x)
    rtol = 1e-14 if dtype == "float64" else 2e-6
    pit = evaluate_pitfalls([z], [y], t, "binary", dtype)
    np.testing.assert_allclose(pit.q, [special.expit(-x), s], rtol=rtol)
    s2 = special.expit(s)
    np.testing.assert_allclose(pit.q_twice, [1 - s2, s2], rtol=rtol)
    np.testing.assert_allclose(pit.q_naive, [1 - s, s], rtol=rtol)
    assert pit.loss == pytest.approx(sigmoid_xent(y, x), rel=rtol)
    assert pit.loss_probabilities_as_logits == pytest.approx(sigmoid_xent(y, s), rel=rtol)
    assert pit.loss_perfect_as_logits == pytest.approx(sigmoid_xent(y, y), rel=rtol)
    assert pit.loss_naive == pytest.approx(sigmoid_xent(y, x), rel=10 * rtol)
    assert pit.true_index == (1 if y >= 0.5 else 0)
    assert pit.largest_exponent == pytest.approx(-x, rel=1e-7)


def test_binary_perfect_prediction_as_logits():
    # y = 1 fed as a logit: -log σ(1) = log(1 + 1/e); y = 0: -log(1 - σ(0)) = log 2.
    assert evaluate_pitfalls([3.0], [1.0], problem_type="binary").loss_perfect_as_logits == (
        pytest.approx(math.log(1 + 1 / math.e), rel=1e-15)
    )
    assert evaluate_pitfalls([-3.0], [0.0], problem_type="binary").loss_perfect_as_logits == (
        pytest.approx(math.log(2), rel=1e-15)
    )


@pytest.mark.parametrize("dtype", DTYPES)
def test_multilabel_pitfalls_against_scipy(dtype):
    z, y, t = np.array([1.5, -0.7, 3.0, 0.0]), np.array([1.0, 0.0, 0.6, 0.2]), 0.8
    x = z / t
    s = special.expit(x)
    rtol = 1e-14 if dtype == "float64" else 2e-6
    pit = evaluate_pitfalls(z, y, t, "multilabel", dtype)
    np.testing.assert_allclose(pit.q, s, rtol=rtol)
    np.testing.assert_allclose(pit.q_twice, special.expit(s), rtol=rtol)
    np.testing.assert_allclose(pit.q_naive, s, rtol=rtol)
    assert pit.loss == pytest.approx(sigmoid_xent(y, x), rel=rtol)
    assert pit.loss_probabilities_as_logits == pytest.approx(sigmoid_xent(y, s), rel=rtol)
    assert pit.loss_perfect_as_logits == pytest.approx(sigmoid_xent(y, y), rel=rtol)
    assert pit.true_index == 0
    # σ of a probability lies in [1/2, σ(1)]: never confident.
    assert np.all((pit.q_twice >= 0.5) & (pit.q_twice <= special.expit(1.0) + 1e-7))


def test_naive_sigmoid_rounds_to_one_and_takes_log_zero():
    # σ(40) is exactly 1 in float64 (σ(17) in float32): the textbook loss takes log 0.
    pit = evaluate_pitfalls([40.0], [0.0], problem_type="binary")
    np.testing.assert_array_equal(pit.q_naive, [0.0, 1.0])
    assert math.isinf(pit.loss_naive)
    assert pit.loss == pytest.approx(40.0 + math.log1p(math.exp(-40.0)), rel=1e-15)
    assert pit.naive_overflows
    pit32 = evaluate_pitfalls([20.0], [0.0], problem_type="binary", dtype="float32")
    assert pit32.q_naive[1] == 1.0 and math.isinf(pit32.loss_naive)
    assert pit32.loss == pytest.approx(20.0, rel=1e-6)
    # Far below: exp(-x) overflows in the naive formula; σ = 0 and the stable loss is -x.
    low = evaluate_pitfalls([-800.0], [1.0], problem_type="binary")
    np.testing.assert_array_equal(low.q_naive, [1.0, 0.0])
    assert low.largest_exponent == 800.0 > low.exp_limit
    assert low.loss == pytest.approx(800.0, rel=1e-15)
    assert math.isinf(low.loss_naive)


# --------------------------------------------------------------------------
# Arguments, immutability, no warnings
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"dtype": "float16"}, "dtype"),
        ({"problem_type": "regression"}, "problem_type"),
        ({"temperature": 0.0}, "temperature"),
        ({"logits": [1.0, np.nan]}, "logits"),
        ({"target": [1.0, 0.0, 0.0]}, "shape"),
        ({"logits": [[1.0, 2.0]], "target": [[1.0, 0.0]]}, "1-d"),
    ],
)
def test_bad_arguments_raise_naming_them(kwargs, name):
    args = {"logits": [1.0, 2.0], "target": [1.0, 0.0]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        evaluate_pitfalls(**args)
    with pytest.raises(ValueError, match="dtype"):
        exp_overflow_limit("int8")


def test_arrays_are_read_only():
    pit = evaluate_pitfalls([1.0, 2.0], [0.0, 1.0])
    assert isinstance(pit, Pitfalls)
    for name in ("q", "q_twice", "q_naive"):
        arr = getattr(pit, name)
        assert not arr.flags.writeable, name
        with pytest.raises(ValueError):
            arr[0] = 0.5


FMAX = float(np.finfo(np.float64).max)


@settings(max_examples=60, deadline=None)
@example(z=[FMAX, -FMAX, 0.0], p=1.0, t=1.0)
@example(z=[9e307], p=0.5, t=0.5)
@example(z=[1e39, -1e39], p=1.0, t=1e-3)
@example(z=[-800.0, 800.0], p=0.0, t=1.0)
@given(
    z=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=4),
    p=st.floats(0.0, 1.0),
    t=st.floats(1e-3, 1e3),
)
def test_no_runtime_warning_escapes(z, p, t):
    # pytestmark turns warnings into errors; the wrong numbers may be inf or nan.
    target = np.full(len(z), p)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for dtype in DTYPES:
            evaluate_pitfalls(z, target, t, "multiclass", dtype)
            evaluate_pitfalls(z, target, t, "multilabel", dtype)
            evaluate_pitfalls(z[:1], target[:1], t, "binary", dtype)
            core.evaluate(z, target, t, dtype=dtype, sweep_points=3)
