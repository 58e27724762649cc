"""core.evaluate against independent scipy computations and finite differences.

Every expected quantity is recomputed here from the raw logits z with
scipy.special (x = z / T, q = softmax(x)); gradients are central differences
with respect to the *raw* logits z, so they carry the 1/T factor.
"""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from scipy import special

import core
from core import LossKind

pytestmark = pytest.mark.filterwarnings("error")

H = 1e-6
GRAD_TOL = {"rtol": 1e-6, "atol": 1e-8}

# (logits, target, temperature)
STATES = [
    ([2.0, 1.0, 0.1], 0, 1.0),
    ([2.0, 1.0, 0.1], 2, 0.5),
    ([0.3, -1.2, 2.5, 0.0], [0.1, 0.2, 0.3, 0.4], 1.0),
    ([0.3, -1.2, 2.5, 0.0], [0.0, 0.5, 0.5, 0.0], 2.5),
    ([1.0, -1.0], [0.3, 0.9], 0.8),  # unnormalised soft target, used as given
    ([-3.0, 4.0, 0.5, 1.5, -0.5], 1, 3.0),
    ([0.0], 0, 1.0),  # one class
]


# --------------------------------------------------------------------------
# Independent reference
# --------------------------------------------------------------------------


def target_distribution(target, k):
    if isinstance(target, int):
        return np.eye(k)[target]
    return np.asarray(target, dtype=np.float64)


def reference_loss(kind, z, p, t, target, smoothing=0.0, pos_weight=1.0):
    """The selected loss for one example, from its textbook definition."""
    z = np.asarray(z, dtype=np.float64)
    x = z / t
    k = z.shape[-1]
    if kind is LossKind.SOFTMAX:
        labels = p * (1 - smoothing) + smoothing / k
        return -np.sum(labels * special.log_softmax(x))
    if kind is LossKind.SPARSE_SOFTMAX:
        return -special.log_softmax(x)[target]
    if kind is LossKind.SIGMOID:
        labels = p * (1 - smoothing) + 0.5 * smoothing
        return np.mean(-labels * special.log_expit(x) - (1 - labels) * special.log_expit(-x))
    if kind is LossKind.WEIGHTED_SIGMOID:
        return np.mean(-pos_weight * p * special.log_expit(x) - (1 - p) * special.log_expit(-x))
    assert kind is LossKind.MSE
    return np.mean((special.softmax(x) - p) ** 2)


def ref_cross_entropy(z, p, t):
    return -np.sum(p * special.log_softmax(np.asarray(z, dtype=np.float64) / t))


def ref_mse(z, p, t):
    return np.mean((special.softmax(np.asarray(z, dtype=np.float64) / t) - p) ** 2)


def fd_grad(f, z, h=H):
    z = np.asarray(z, dtype=np.float64)
    g = np.empty_like(z)
    for i in range(z.size):
        zp, zm = z.copy(), z.copy()
        zp[i] += h
        zm[i] -= h
        g[i] = (f(zp) - f(zm)) / (2 * h)
    return g


def fd_along(f, z, c, value, h=H):
    """d f / d z_c at z with z_c set to value."""
    zp = np.array(z, dtype=np.float64)
    zm = zp.copy()
    zp[c] = value + h
    zm[c] = value - h
    return (f(zp) - f(zm)) / (2 * h)


def with_logit(z, c, value):
    out = np.array(z, dtype=np.float64)
    out[c] = value
    return out


# --------------------------------------------------------------------------
# Every field against scipy
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("logits", "target", "t"), STATES)
def test_fields_match_scipy(logits, target, t):
    z = np.asarray(logits, dtype=np.float64)
    k = z.size
    p = target_distribution(target, k)
    x = z / t
    q = special.softmax(x)
    log_q = special.log_softmax(x)

    r = core.evaluate(logits, target, t)

    assert r.num_classes == k
    assert r.temperature == t
    np.testing.assert_array_equal(r.logits, z)
    np.testing.assert_allclose(r.p, p, rtol=0, atol=0)
    assert r.target_class == (target if isinstance(target, int) else None)
    np.testing.assert_allclose(r.q, q, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(r.log_q, log_q, rtol=1e-13, atol=1e-14)

    h = special.entr(p).sum()
    ce = -np.sum(p * log_q)
    kl = special.rel_entr(p, q).sum()
    mse = np.mean((q - p) ** 2)
    assert r.entropy == pytest.approx(h, rel=1e-13, abs=1e-15)
    assert r.cross_entropy == pytest.approx(ce, rel=1e-13, abs=1e-15)
    assert r.kl == pytest.approx(kl, rel=1e-12, abs=1e-14)
    assert r.mse == pytest.approx(mse, rel=1e-13, abs=1e-16)
    assert r.cross_entropy == pytest.approx(-special.xlogy(p, q).sum(), rel=1e-12, abs=1e-14)

    assert r.entropy_bits == pytest.approx(h / math.log(2), rel=1e-13, abs=1e-15)
    assert r.cross_entropy_bits == pytest.approx(ce / math.log(2), rel=1e-13, abs=1e-15)
    assert r.kl_bits == pytest.approx(kl / math.log(2), rel=1e-12, abs=1e-14)
    assert r.p_sum == pytest.approx(p.sum(), rel=1e-15)

    # Per-class terms, against scipy and summing to the totals.
    np.testing.assert_allclose(r.entropy_terms, special.entr(p), rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(r.cross_entropy_terms, -p * log_q, rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(r.kl_terms, special.rel_entr(p, q), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(r.mse_terms, (q - p) ** 2 / k, rtol=1e-13, atol=1e-18)
    for terms in ("entropy_terms", "cross_entropy_terms", "kl_terms", "mse_terms"):
        assert getattr(r, terms).shape == (k,)
    assert r.entropy_terms.sum() == pytest.approx(r.entropy, rel=1e-13, abs=1e-15)
    assert r.cross_entropy_terms.sum() == pytest.approx(r.cross_entropy, rel=1e-13, abs=1e-15)
    assert r.kl_terms.sum() == pytest.approx(r.kl, rel=1e-13, abs=1e-15)
    assert r.mse_terms.sum() == pytest.approx(r.mse, rel=1e-13, abs=1e-16)

    # Gradients with respect to the raw logits (they include 1/T).
    np.testing.assert_allclose(
        r.grad_ce, fd_grad(lambda v: ref_cross_entropy(v, p, t), z), **GRAD_TOL
    )
    np.testing.assert_allclose(r.grad_mse, fd_grad(lambda v: ref_mse(v, p, t), z), **GRAD_TOL)


def test_gradient_carries_one_over_temperature():
    # For one-hot p and T = 2, dCE/dz = (q - p) / 2 with q = softmax(z / 2).
    z = np.array([2.0, 0.0, -2.0])
    r = core.evaluate(z, 1, 2.0)
    q = special.softmax(z / 2.0)
    np.testing.assert_allclose(r.grad_ce, (q - np.eye(3)[1]) / 2.0, rtol=1e-13)


# --------------------------------------------------------------------------
# Every LossKind: loss, its gradient and the sweep
# --------------------------------------------------------------------------

KIND_CASES = [
    (LossKind.SOFTMAX, {}),
    (LossKind.SOFTMAX, {"label_smoothing": 0.2}),
    (LossKind.SPARSE_SOFTMAX, {}),
    (LossKind.SIGMOID, {}),
    (LossKind.SIGMOID, {"label_smoothing": 0.3}),
    (LossKind.WEIGHTED_SIGMOID, {"pos_weight": 3.0}),
    (LossKind.WEIGHTED_SIGMOID, {"pos_weight": 0.5}),
    (LossKind.MSE, {}),
]

KIND_STATES = [
    ([2.0, 1.0, 0.1, -1.0], 1, 1.0),
    ([0.5, -2.0, 3.0], 0, 0.7),
    ([0.5, -2.0, 3.0], [0.2, 0.5, 0.3], 1.8),
]


# The sparse loss needs a class index; a soft target is an error (tested below).
KIND_PARAMS = [
    pytest.param(kind, options, *state, id=f"{kind.value}-{options}-{i}")
    for kind, options in KIND_CASES
    for i, state in enumerate(KIND_STATES)
    if not (kind is LossKind.SPARSE_SOFTMAX and not isinstance(state[1], int))
]


@pytest.mark.parametrize(("kind", "options", "logits", "target", "t"), KIND_PARAMS)
@pytest.mark.parametrize("spelling", ["member", "string"])
def test_every_loss_kind(kind, options, logits, target, t, spelling):
    z = np.asarray(logits, dtype=np.float64)
    k = z.size
    p = target_distribution(target, k)
    smoothing = options.get("label_smoothing", 0.0)
    pos_weight = options.get("pos_weight", 1.0)

    def loss_of(v):
        return reference_loss(kind, v, p, t, target, smoothing, pos_weight)

    loss_arg = kind if spelling == "member" else kind.value
    r = core.evaluate(logits, target, t, loss=loss_arg, sweep_points=101, **options)

    assert r.loss_kind is kind
    assert r.label_smoothing == smoothing
    assert r.pos_weight == pos_weight
    assert r.loss == pytest.approx(loss_of(z), rel=1e-12, abs=1e-14)
    np.testing.assert_allclose(r.grad_loss, fd_grad(loss_of, z), **GRAD_TOL)
    assert r.grad_loss.shape == (k,)

    # The sweep: the default swept logit is the target class or the largest p_i.
    c = target if isinstance(target, int) else int(np.argmax(p))
    assert r.sweep_class == c
    np.testing.assert_allclose(r.sweep_z, np.linspace(-10.0, 10.0, 101), rtol=0, atol=1e-14)
    for arr in (r.sweep_z, r.sweep_loss, r.sweep_loss_grad, r.sweep_mse, r.sweep_mse_grad):
        assert arr.shape == (101,)
    for i in (0, 17, 50, 83, 100):
        v = r.sweep_z[i]
        zi = with_logit(z, c, v)
        assert r.sweep_loss[i] == pytest.approx(loss_of(zi), rel=1e-12, abs=1e-14)
        assert r.sweep_mse[i] == pytest.approx(ref_mse(zi, p, t), rel=1e-12, abs=1e-16)
        assert r.sweep_loss_grad[i] == pytest.approx(fd_along(loss_of, z, c, v), rel=1e-6, abs=1e-8)
        assert r.sweep_mse_grad[i] == pytest.approx(
            fd_along(lambda w: ref_mse(w, p, t), z, c, v), rel=1e-6, abs=1e-8
        )


@pytest.mark.parametrize(("kind", "options"), KIND_CASES)
def test_sweep_gradient_matches_differences_along_the_sweep(kind, options):
    # A fine sweep (step 0.01): central differences of sweep_loss itself agree
    # with sweep_loss_grad to O(h^2).
    r = core.evaluate(
        [0.4, -1.0, 1.5],
        2,
        1.3,
        loss=kind,
        sweep_class=0,
        sweep_range=(-6.0, 6.0),
        sweep_points=1201,
        **options,
    )
    step = r.sweep_z[1] - r.sweep_z[0]
    assert step == pytest.approx(0.01, rel=1e-12)
    fd = (r.sweep_loss[2:] - r.sweep_loss[:-2]) / (2 * step)
    np.testing.assert_allclose(r.sweep_loss_grad[1:-1], fd, rtol=1e-3, atol=1e-5)
    fd_mse = (r.sweep_mse[2:] - r.sweep_mse[:-2]) / (2 * step)
    np.testing.assert_allclose(r.sweep_mse_grad[1:-1], fd_mse, rtol=1e-3, atol=1e-6)


def test_sweep_options():
    r = core.evaluate([1.0, 2.0, 3.0], 0, sweep_class=2, sweep_range=(-2.0, 4.0), sweep_points=7)
    assert r.sweep_class == 2
    np.testing.assert_allclose(r.sweep_z, [-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0], atol=1e-15)
    # At sweep point z_2 = 3 the state is the original one.
    assert r.sweep_loss[5] == pytest.approx(r.loss, rel=1e-14)
    assert r.sweep_loss_grad[5] == pytest.approx(r.grad_loss[2], rel=1e-12, abs=1e-15)
    assert r.sweep_mse[5] == pytest.approx(r.mse, rel=1e-14)
    # Default sweep: 256 points over [-10, 10].
    r = core.evaluate([1.0, 2.0, 3.0], 0)
    assert r.sweep_z.shape == (256,)
    assert r.sweep_z[0] == -10.0 and r.sweep_z[-1] == 10.0


def test_soft_target_default_sweep_class_is_largest_p():
    r = core.evaluate([0.0, 0.0, 0.0], [0.2, 0.1, 0.7])
    assert r.sweep_class == 2
    assert r.target_class is None


# --------------------------------------------------------------------------
# Seed examples
# --------------------------------------------------------------------------


# The quantities the issue lists for the result. (Fields added for teaching,
# such as a deliberately naive softmax, may legitimately hold inf or nan.)
CONTRACT_FIELDS = (
    "q",
    "log_q",
    "entropy",
    "cross_entropy",
    "kl",
    "mse",
    "entropy_terms",
    "cross_entropy_terms",
    "kl_terms",
    "mse_terms",
    "grad_ce",
    "grad_mse",
    "loss",
    "grad_loss",
    "sweep_z",
    "sweep_loss",
    "sweep_loss_grad",
    "sweep_mse",
    "sweep_mse_grad",
)


def assert_contract_fields_finite(r):
    for name in CONTRACT_FIELDS:
        assert np.all(np.isfinite(getattr(r, name))), name
    for name in ("entropy_bits", "cross_entropy_bits", "kl_bits"):
        assert math.isfinite(getattr(r, name)), name


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        (target, kind)
        for target in (0, 1, 2, [0.2, 0.3, 0.5])
        for kind in LossKind
        if not (kind is LossKind.SPARSE_SOFTMAX and not isinstance(target, int))
    ],
)
def test_seed_example_is_finite(target, kind):
    r = core.evaluate([123, 456, 789], target, loss=kind)
    assert_contract_fields_finite(r)
    np.testing.assert_allclose(r.log_q, [-666.0, -333.0, 0.0], rtol=1e-15)
    p = target_distribution(target, 3)
    # H(p, q) = -sum p_i log q_i with log q = [-666, -333, 0]
    assert r.cross_entropy == pytest.approx(666 * p[0] + 333 * p[1], rel=1e-14)


@pytest.mark.parametrize("kind", list(LossKind))
@pytest.mark.parametrize("target", [0, 1])
def test_extreme_logits_are_finite(kind, target):
    # Logits up to ±1e30 (float64) stay finite, everywhere in the result.
    r = core.evaluate([1e30, -1e30, 0.0], target, loss=kind, sweep_points=8)
    assert_contract_fields_finite(r)
    # log q = z - 1e30 (the other terms vanish): H(p, q) = 1e30 - z_target.
    expected = [0.0, 2e30][target]
    assert r.cross_entropy == pytest.approx(expected, rel=1e-15, abs=1e-300)


def test_float_limit_logits_follow_the_zero_log_zero_convention():
    # At the float limit z_1 - z_0 = -2·max overflows, so log q_1 = -inf and
    # q_1 = 0. With p = onehot(0): H(p, q) = -1·log q_0 - 0·log q_1 = 0 by the
    # 0·log 0 = 0 convention, and KL = 0 likewise; never NaN.
    m = float(np.finfo(np.float64).max)
    with warnings.catch_warnings():
        # Values only here; test_properties checks that no warning escapes.
        warnings.simplefilter("ignore", RuntimeWarning)
        r = core.evaluate([m, -m], 0)
    np.testing.assert_array_equal(r.q, [1.0, 0.0])
    assert r.cross_entropy == 0.0
    assert r.kl == 0.0
    assert r.entropy == 0.0
    assert r.loss == 0.0
    assert not np.any(np.isnan(r.cross_entropy_terms))
    assert not np.any(np.isnan(r.kl_terms))


def test_32_uniform_classes_is_five_bits():
    r = core.evaluate(np.zeros(32), np.full(32, 1 / 32))
    assert r.entropy_bits == pytest.approx(5.0, rel=1e-15, abs=0)
    assert r.cross_entropy_bits == pytest.approx(5.0, rel=1e-15, abs=0)
    assert r.kl == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(r.q, np.full(32, 1 / 32), rtol=1e-15)


# --------------------------------------------------------------------------
# Immutability
# --------------------------------------------------------------------------


def test_result_arrays_are_read_only():
    r = core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], 1.5, sweep_points=16)
    arrays = {
        f.name: getattr(r, f.name)
        for f in dataclasses.fields(r)
        if isinstance(getattr(r, f.name), np.ndarray)
    }
    assert {"q", "log_q", "p", "grad_ce", "grad_mse", "sweep_loss", "logits"} <= set(arrays)
    for name, arr in arrays.items():
        assert not arr.flags.writeable, name
        with pytest.raises(ValueError):
            arr[0] = 0.0


def test_result_is_frozen():
    r = core.evaluate([1.0, 2.0, 3.0], 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.loss = 0.0  # type: ignore[misc]


def test_inputs_are_neither_frozen_nor_shared():
    # The caller's arrays stay theirs: still writeable, and editing them later
    # does not change the (immutable) result.
    z = np.array([1.0, 2.0, 3.0])
    target = np.array([0.2, 0.3, 0.5])
    r = core.evaluate(z, target)
    assert z.flags.writeable
    assert target.flags.writeable
    z[0] = 100.0
    target[0] = 100.0
    np.testing.assert_array_equal(r.logits, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(r.p, [0.2, 0.3, 0.5])


def test_float32_state():
    z = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    r = core.evaluate(z, 1, 2.0)
    assert r.q.dtype == np.float32
    np.testing.assert_allclose(r.q, special.softmax(z.astype(np.float64) / 2.0), rtol=1e-6)
    assert r.cross_entropy == pytest.approx(-special.log_softmax([0.5, 1.0, 1.5])[1], rel=1e-6)


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize("target", [[0.2, 0.3, 0.5], np.array([0.0, 1.0, 0.0])])
def test_sparse_loss_with_soft_target_raises(target):
    with pytest.raises(ValueError, match="sparse"):
        core.evaluate([1.0, 2.0, 3.0], target, loss=LossKind.SPARSE_SOFTMAX)
    with pytest.raises(ValueError, match="target"):
        core.evaluate([1.0, 2.0, 3.0], target, loss="sparse_softmax_cross_entropy")


@pytest.mark.parametrize("target", [3, 10, -1, np.int64(3)])
def test_target_class_out_of_range_raises(target):
    with pytest.raises(ValueError, match="target"):
        core.evaluate([1.0, 2.0, 3.0], target)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"target": [0.5, 0.5]}, "target"),  # shape mismatch
        ({"target": [0.5, -0.1, 0.6]}, "target"),
        ({"target": [0.5, np.nan, 0.5]}, "target"),
        ({"temperature": 0.0}, "temperature"),
        ({"temperature": -1.0}, "temperature"),
        ({"temperature": np.inf}, "temperature"),
        ({"temperature": np.nan}, "temperature"),
        ({"label_smoothing": -0.1}, "label_smoothing"),
        ({"label_smoothing": 1.1}, "label_smoothing"),
        ({"loss": "hinge"}, "loss"),
        ({"pos_weight": np.inf}, "pos_weight"),
        ({"sweep_class": 3}, "sweep_class"),
        ({"sweep_class": -1}, "sweep_class"),
        ({"sweep_points": 1}, "sweep_points"),
        ({"sweep_range": (1.0, -1.0)}, "sweep_range"),
        ({"sweep_range": (0.0, np.inf)}, "sweep_range"),
        ({"logits": [[1.0, 2.0, 3.0]]}, "logits"),
        ({"logits": []}, "logits"),
        ({"logits": [1.0, np.nan, 3.0]}, "logits"),
    ],
)
def test_bad_arguments_raise_naming_them(kwargs, name):
    args = {"logits": [1.0, 2.0, 3.0], "target": 0}
    args.update(kwargs)
    logits = args.pop("logits")
    target = args.pop("target")
    with pytest.raises(ValueError, match=name):
        core.evaluate(logits, target, **args)


def test_two_class_softmax_is_the_sigmoid_of_the_logit_difference():
    r = core.evaluate([0.25, 1.75], 1, 0.5)
    assert r.two_class_log_odds == pytest.approx((1.75 - 0.25) / 0.5)
    assert r.two_class_sigmoid == pytest.approx(special.expit(3.0), rel=1e-15)
    assert r.two_class_sigmoid == pytest.approx(special.softmax([0.5, 3.5])[1], rel=1e-12)
    assert r.q_naive == pytest.approx(special.softmax([0.5, 3.5]))
    three = core.evaluate([0.0, 1.0, 2.0], 0)
    assert three.two_class_sigmoid is None and three.two_class_log_odds is None


def test_naive_softmax_field_shows_the_seed_overflow():
    r = core.evaluate([123.0, 456.0, 789.0], 0)
    assert r.naive_overflows
    np.testing.assert_array_equal(r.shifted, [-666.0, -333.0, 0.0])
    assert np.isnan(r.q_naive[2]) and r.q_naive[0] == 0.0
    assert not core.evaluate([1.0, 2.0, 3.0], 0).naive_overflows
