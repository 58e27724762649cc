"""Gradients with respect to the logits against central finite differences (float64).

Each gradient is compared with the central difference of the corresponding
loss, perturbing one logit at a time. Because examples are independent, the
derivative of the *sum* of the per-example losses with respect to one logit is
that logit's per-element gradient.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

import core

pytestmark = pytest.mark.filterwarnings("error")

SETTINGS = settings(max_examples=60, deadline=None)
H = 1e-5
RTOL = 1e-6
ATOL = 1e-7


def central_difference(loss_total, x, h=H):
    """d(loss_total)/dx_i for every element of x, by central differences."""
    x = np.array(x, dtype=np.float64)
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (loss_total(xp) - loss_total(xm)) / (2 * h)
    return grad


# --------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------

moderate = st.floats(-8.0, 8.0, allow_nan=False, allow_infinity=False)
unit = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)


@st.composite
def logits_and_labels(draw, min_classes=1):
    b = draw(st.integers(1, 4))
    k = draw(st.integers(min_classes, 6))
    x = draw(hnp.arrays(np.float64, (b, k), elements=moderate))
    z = draw(hnp.arrays(np.float64, (b, k), elements=unit))
    return x, z


@st.composite
def logits_and_sparse_labels(draw):
    b = draw(st.integers(1, 4))
    k = draw(st.integers(1, 6))
    x = draw(hnp.arrays(np.float64, (b, k), elements=moderate))
    y = draw(hnp.arrays(np.int64, (b,), elements=st.integers(0, k - 1)))
    return x, y


def normalised(z):
    s = z.sum(axis=-1, keepdims=True)
    return np.where(s > 0, z / np.where(s > 0, s, 1.0), 1.0 / z.shape[-1])


# --------------------------------------------------------------------------
# The tf.nn losses' gradients
# --------------------------------------------------------------------------


@SETTINGS
@given(logits_and_labels())
def test_sigmoid_cross_entropy_grad_matches_fd(data):
    x, z = data
    grad = core.sigmoid_cross_entropy_with_logits_grad(z, x)
    fd = central_difference(lambda v: core.sigmoid_cross_entropy_with_logits(z, v).sum(), x)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)
    # and against the textbook loss -z log sigma(x) - (1 - z) log(1 - sigma(x)), via scipy
    fd_ref = central_difference(
        lambda v: np.sum(-z * special.log_expit(v) - (1 - z) * special.log_expit(-v)), x
    )
    np.testing.assert_allclose(grad, fd_ref, rtol=RTOL, atol=ATOL)


@SETTINGS
@given(
    logits_and_labels(),
    st.floats(0.1, 10.0),
    st.booleans(),
)
def test_weighted_cross_entropy_grad_matches_fd(data, pos_weight, per_class):
    x, z = data
    q = np.linspace(0.5, 1.5, x.shape[-1]) * pos_weight if per_class else pos_weight
    grad = core.weighted_cross_entropy_with_logits_grad(z, x, q)
    fd = central_difference(lambda v: core.weighted_cross_entropy_with_logits(z, v, q).sum(), x)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)
    # textbook: -q z log sigma(x) - (1 - z) log(1 - sigma(x))
    fd_ref = central_difference(
        lambda v: np.sum(-q * z * special.log_expit(v) - (1 - z) * special.log_expit(-v)), x
    )
    np.testing.assert_allclose(grad, fd_ref, rtol=RTOL, atol=ATOL)


@SETTINGS
@given(logits_and_labels(), st.booleans())
def test_softmax_cross_entropy_grad_matches_fd(data, normalise):
    x, p = data
    if normalise:
        p = normalised(p)
    grad = core.softmax_cross_entropy_with_logits_grad(p, x)
    assert grad.shape == x.shape
    fd = central_difference(lambda v: core.softmax_cross_entropy_with_logits(p, v).sum(), x)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)
    # textbook: -sum_i p_i log softmax(x)_i, via scipy
    fd_ref = central_difference(lambda v: -np.sum(p * special.log_softmax(v, axis=-1)), x)
    np.testing.assert_allclose(grad, fd_ref, rtol=RTOL, atol=ATOL)


@SETTINGS
@given(logits_and_labels(min_classes=2))
def test_softmax_cross_entropy_grad_other_axis_matches_fd(data):
    x, p = data
    xt, pt = x.T.copy(), normalised(p).T.copy()  # class axis first
    grad = core.softmax_cross_entropy_with_logits_grad(pt, xt, axis=0)
    fd = central_difference(lambda v: -np.sum(pt * special.log_softmax(v, axis=0)), xt)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)


@SETTINGS
@given(logits_and_sparse_labels())
def test_sparse_softmax_cross_entropy_grad_matches_fd(data):
    x, y = data
    grad = core.sparse_softmax_cross_entropy_with_logits_grad(y, x)
    assert grad.shape == x.shape
    fd = central_difference(lambda v: core.sparse_softmax_cross_entropy_with_logits(y, v).sum(), x)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)
    rows = np.arange(x.shape[0])
    fd_ref = central_difference(lambda v: -np.sum(special.log_softmax(v, axis=-1)[rows, y]), x)
    np.testing.assert_allclose(grad, fd_ref, rtol=RTOL, atol=ATOL)


@SETTINGS
@given(logits_and_labels(), st.booleans())
def test_softmax_mean_squared_error_grad_matches_fd(data, normalise):
    x, p = data
    if normalise:
        p = normalised(p)
    grad = core.softmax_mean_squared_error_grad(p, x)
    assert grad.shape == x.shape

    def mse(v):
        # mean over classes of (softmax(v) - p)^2, summed over examples
        return np.sum(np.mean((special.softmax(v, axis=-1) - p) ** 2, axis=-1))

    np.testing.assert_allclose(grad, central_difference(mse, x), rtol=RTOL, atol=ATOL)


@SETTINGS
@given(logits_and_labels())
def test_sigmoid_squared_error_grad_matches_fd(data):
    x, z = data
    grad = core.sigmoid_squared_error_grad(z, x)
    fd = central_difference(lambda v: np.sum((special.expit(v) - z) ** 2), x)
    np.testing.assert_allclose(grad, fd, rtol=RTOL, atol=ATOL)


# --------------------------------------------------------------------------
# Hand values and the seed's point
# --------------------------------------------------------------------------


def test_gradient_hand_values():
    # sigmoid CE: sigma(x) - z; sigma(ln 3) = 3/4
    np.testing.assert_allclose(
        core.sigmoid_cross_entropy_with_logits_grad([1.0, 0.0], [math.log(3), math.log(3)]),
        [-0.25, 0.75],
        rtol=1e-14,
    )
    # softmax CE: q - p with q = [1, 3]/4
    np.testing.assert_allclose(
        core.softmax_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, math.log(3)]),
        [-0.75, 0.75],
        rtol=1e-14,
    )
    # unnormalised labels [1, 1]: q_i · 2 - p_i = [1/2 - 1, 3/2 - 1]
    np.testing.assert_allclose(
        core.softmax_cross_entropy_with_logits_grad([1.0, 1.0], [0.0, math.log(3)]),
        [-0.5, 0.5],
        rtol=1e-14,
    )
    # sparse: q - onehot(1) with q = [1, 3]/4
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits_grad(1, [0.0, math.log(3)]),
        [0.25, -0.25],
        rtol=1e-14,
    )
    # weighted, z = 1, q = 3, x = 0: (1 - z) - (1 + 2z) sigma(-x) = -3/2
    np.testing.assert_allclose(
        core.weighted_cross_entropy_with_logits_grad([1.0], [0.0], 3.0), [-1.5], rtol=1e-15
    )
    # (sigma - z)^2 at x = 0, z = 1: 2 (1/2 - 1) (1/2)(1/2) = -1/4
    np.testing.assert_allclose(core.sigmoid_squared_error_grad([1.0], [0.0]), [-0.25])


def test_saturated_wrong_sigmoid_ce_gradient_is_large_mse_gradient_vanishes():
    # Confidently wrong: x = -10 (sigma ≈ 4.5e-5) while the target is 1.
    x, z = -10.0, 1.0
    s = special.expit(x)
    ce = core.sigmoid_cross_entropy_with_logits_grad([z], [x])[0]
    se = core.sigmoid_squared_error_grad([z], [x])[0]
    assert abs(ce) == pytest.approx(1.0, abs=1e-4)  # sigma - z ≈ -1
    assert abs(se) < 1e-3  # 2 (sigma - z) sigma (1 - sigma) ≈ -9e-5
    np.testing.assert_allclose(ce, s - z, rtol=1e-14)
    np.testing.assert_allclose(se, 2 * (s - z) * s * (1 - s), rtol=1e-12)
    assert abs(ce) > 1000 * abs(se)


def test_saturated_wrong_softmax_ce_gradient_is_large_mse_gradient_vanishes():
    # Two classes, logits [10, -10], target class 1: q_1 ≈ 2e-9.
    p = np.array([0.0, 1.0])
    x = np.array([10.0, -10.0])
    ce = core.softmax_cross_entropy_with_logits_grad(p, x)
    mse = core.softmax_mean_squared_error_grad(p, x)
    np.testing.assert_allclose(np.abs(ce), [1.0, 1.0], atol=1e-6)
    assert np.max(np.abs(mse)) < 1e-3


# --------------------------------------------------------------------------
# dtypes, broadcasting and argument errors
# --------------------------------------------------------------------------

GRADS = [
    lambda lab, x: core.sigmoid_cross_entropy_with_logits_grad(lab, x),
    lambda lab, x: core.weighted_cross_entropy_with_logits_grad(lab, x, 2.0),
    lambda lab, x: core.softmax_cross_entropy_with_logits_grad(lab, x),
    lambda lab, x: core.softmax_mean_squared_error_grad(lab, x),
    lambda lab, x: core.sigmoid_squared_error_grad(lab, x),
]


@pytest.mark.parametrize("grad", GRADS)
def test_gradient_dtype_follows_logits(grad):
    labels = [[1.0, 0.0, 0.0]]
    assert grad(labels, np.array([[1.0, 2.0, 3.0]], dtype=np.float32)).dtype == np.float32
    assert grad(labels, np.array([[1.0, 2.0, 3.0]])).dtype == np.float64
    assert grad([[1, 0, 0]], [[1, 2, 3]]).dtype == np.float64
    sparse = core.sparse_softmax_cross_entropy_with_logits_grad
    assert sparse([0], np.array([[1.0, 2.0]], dtype=np.float32)).dtype == np.float32


@pytest.mark.parametrize("grad", GRADS)
def test_gradient_broadcasts_labels(grad):
    # NumPy broadcasting (ARCHITECTURE.md, conventions): one label row (K,) against a batch (B, K)
    # is the same as that row repeated, and likewise for one logit row.
    x = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -3.0]])
    labels = np.array([0.0, 1.0, 0.0])
    np.testing.assert_allclose(grad(labels, x), grad(np.tile(labels, (2, 1)), x), rtol=1e-15)
    labels2 = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    np.testing.assert_allclose(
        grad(labels2, x[0]), grad(labels2, np.tile(x[0], (2, 1))), rtol=1e-15
    )


@pytest.mark.parametrize("grad", GRADS)
def test_gradient_shape_mismatch_raises(grad):
    with pytest.raises(ValueError, match="shape mismatch"):
        grad(np.ones((2, 3)), np.zeros((2, 4)))


@pytest.mark.parametrize("grad", GRADS)
def test_gradient_nan_raises(grad):
    with pytest.raises(ValueError, match="logits"):
        grad([[1.0, 0.0]], [[np.nan, 0.0]])
    with pytest.raises(ValueError, match="labels"):
        grad([[np.nan, 0.0]], [[0.0, 0.0]])


def test_weighted_grad_rejects_what_the_loss_rejects():
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 0.0], [1.0, 2.0, 3.0])
    # The loss rejects a NaN pos_weight; its gradient must too.
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits([1.0], [0.0], np.nan)
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits_grad([1.0], [0.0], np.nan)


@pytest.mark.parametrize(("labels", "problem"), [([3], "<"), ([-1], ">= 0"), ([1.5], "integer")])
def test_sparse_grad_bad_labels_raise(labels, problem):
    with pytest.raises(ValueError, match="labels") as info:
        core.sparse_softmax_cross_entropy_with_logits_grad(labels, np.zeros((1, 3)))
    assert problem in str(info.value)


@pytest.mark.parametrize("order", ["C", "F"])
def test_sparse_grad_for_any_memory_layout(order):
    # The gradient is softmax(x) - onehot(y) whatever the logits' layout; a
    # Fortran-ordered array once lost the "- 1" (it went to a reshaped copy).
    x = np.asarray(np.random.default_rng(5).normal(size=(4, 3)), order=order)
    y = np.array([0, 1, 2, 0])
    expected = special.softmax(x, axis=-1) - np.eye(3)[y]
    grad = core.sparse_softmax_cross_entropy_with_logits_grad(y, x)
    np.testing.assert_allclose(grad, expected, rtol=1e-13, atol=1e-16)
    _, grad2 = core.sparse_softmax_cross_entropy_with_logits_and_grad(y, x)
    np.testing.assert_allclose(grad2, expected, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits_grad(y, x[:, ::-1]),
        special.softmax(x[:, ::-1], axis=-1) - np.eye(3)[y],
        rtol=1e-13,
        atol=1e-16,
    )
