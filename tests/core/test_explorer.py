"""core.evaluate against independent scipy computations and finite differences.

Every expected quantity is recomputed here from the raw logits z with
scipy.special and scipy.stats (x = z / T; q = softmax(x) for a multiclass
problem, σ(x) per output for binary and multilabel ones); gradients are
central differences with respect to the *raw* logits z, so they carry the 1/T
factor; loss floors are minima found by scipy.optimize.
"""

import dataclasses
import math
import re
import warnings

import numpy as np
import pytest
from scipy import optimize, special, stats

import core
from core import LOSSES, LossKind, Reduction
from core.explorer import DEFAULT_LOSS

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


COMPAT_V1 = {LossKind.SIGMOID, LossKind.SOFTMAX, LossKind.SPARSE_SOFTMAX, LossKind.MSE}


def bce(y, x):
    """Per-output binary cross-entropy -y log σ(x) - (1 - y) log(1 - σ(x))."""
    y, x = np.asarray(y, dtype=np.float64), np.asarray(x, dtype=np.float64)
    return -y * special.log_expit(x) - (1 - y) * special.log_expit(-x)


def outputs(x, problem_type):
    return special.softmax(x) if problem_type == "multiclass" else special.expit(x)


def reference_elements(kind, z, p, t, target, smoothing=0.0, pos_weight=1.0, ptype="multiclass"):
    """The per-element losses TensorFlow computes for one example, from their definitions."""
    x = np.asarray(z, dtype=np.float64) / t
    k = x.shape[-1]
    if kind is LossKind.SOFTMAX_XENT:
        return np.array([-np.sum(p * special.log_softmax(x))])
    if kind is LossKind.SOFTMAX:
        labels = p * (1 - smoothing) + smoothing / k
        return np.array([-np.sum(labels * special.log_softmax(x))])
    if kind in (LossKind.SPARSE_SOFTMAX, LossKind.SPARSE_SOFTMAX_XENT):
        return np.array([-special.log_softmax(x)[target]])
    if kind is LossKind.SIGMOID_XENT:
        return bce(p, x)
    if kind is LossKind.SIGMOID:
        return bce(p * (1 - smoothing) + 0.5 * smoothing, x)
    if kind is LossKind.WEIGHTED_SIGMOID:
        return -pos_weight * p * special.log_expit(x) - (1 - p) * special.log_expit(-x)
    assert kind is LossKind.MSE
    return (outputs(x, ptype) - p) ** 2


def reduce_by_hand(elements, weight, reduction):
    """tf.compat.v1.losses.compute_weighted_loss of one scalar weight, by hand."""
    e = elements.size
    total = np.sum(weight * elements)
    if reduction == "none":
        return np.mean(weight * elements)
    if reduction == "weighted_sum":
        return total
    denominator = {
        "weighted_mean": weight * e,
        "weighted_sum_over_batch_size": e,
        "weighted_sum_by_nonzero_weights": e if weight != 0 else 0,
    }[reduction]
    return total / denominator if denominator != 0 else 0.0


def reference_loss(
    kind,
    z,
    p,
    t,
    target,
    smoothing=0.0,
    pos_weight=1.0,
    ptype="multiclass",
    weight=1.0,
    reduction="weighted_sum_by_nonzero_weights",
):
    """The selected loss for one example, from its textbook definition."""
    elements = reference_elements(kind, z, p, t, target, smoothing, pos_weight, ptype)
    if kind in COMPAT_V1:
        return reduce_by_hand(elements, weight, reduction)
    return np.mean(elements)


def ref_cross_entropy(z, p, t, ptype="multiclass"):
    x = np.asarray(z, dtype=np.float64) / t
    if ptype == "multiclass":
        return -np.sum(p * special.log_softmax(x))
    return np.sum(bce(p, x))  # each output a two-outcome distribution


def ref_mse(z, p, t, ptype="multiclass"):
    return np.mean((outputs(np.asarray(z, dtype=np.float64) / t, ptype) - p) ** 2)


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

# (kind, options, problem type). A sigmoid loss runs in the multilabel problem: K
# logits, one target per class.
KIND_CASES = [
    (LossKind.SOFTMAX_XENT, {}, "multiclass"),
    (LossKind.SOFTMAX, {}, "multiclass"),
    (LossKind.SOFTMAX, {"label_smoothing": 0.2}, "multiclass"),
    (
        LossKind.SOFTMAX,
        {"label_smoothing": 0.1, "weight": 2.0, "reduction": "weighted_sum"},
        "multiclass",
    ),
    (LossKind.SPARSE_SOFTMAX_XENT, {}, "multiclass"),
    (LossKind.SPARSE_SOFTMAX, {}, "multiclass"),
    (LossKind.SPARSE_SOFTMAX, {"weight": 0.5, "reduction": "none"}, "multiclass"),
    (LossKind.SIGMOID_XENT, {}, "multilabel"),
    (LossKind.SIGMOID, {}, "multilabel"),
    (LossKind.SIGMOID, {"label_smoothing": 0.3}, "multilabel"),
    (LossKind.SIGMOID, {"weight": 3.0, "reduction": "weighted_sum_over_batch_size"}, "multilabel"),
    (LossKind.WEIGHTED_SIGMOID, {"pos_weight": 3.0}, "multilabel"),
    (LossKind.WEIGHTED_SIGMOID, {"pos_weight": 0.5}, "multilabel"),
    (LossKind.MSE, {}, "multiclass"),
    (LossKind.MSE, {}, "multilabel"),
    (LossKind.MSE, {"weight": 2.0, "reduction": "weighted_sum"}, "multilabel"),
]

KIND_STATES = [
    ([2.0, 1.0, 0.1, -1.0], 1, 1.0),
    ([0.5, -2.0, 3.0], 0, 0.7),
    ([0.5, -2.0, 3.0], [0.2, 0.5, 0.3], 1.8),
]


# The sparse loss needs a class index; a soft target is an error (tested below).
KIND_PARAMS = [
    pytest.param(kind, options, ptype, *state, id=f"{kind.value}-{ptype}-{options}-{i}")
    for kind, options, ptype in KIND_CASES
    for i, state in enumerate(KIND_STATES)
    if not (LOSSES[kind].needs_class_index and not isinstance(state[1], int))
]


def reference_of(kind, options, ptype, p, t, target):
    def loss_of(v):
        return reference_loss(
            kind,
            v,
            p,
            t,
            target,
            options.get("label_smoothing", 0.0),
            options.get("pos_weight", 1.0),
            ptype,
            options.get("weight", 1.0),
            options.get("reduction", "weighted_sum_by_nonzero_weights"),
        )

    return loss_of


@pytest.mark.parametrize(("kind", "options", "ptype", "logits", "target", "t"), KIND_PARAMS)
@pytest.mark.parametrize("spelling", ["member", "string"])
def test_every_loss_kind(kind, options, ptype, logits, target, t, spelling):
    z = np.asarray(logits, dtype=np.float64)
    k = z.size
    p = target_distribution(target, k)
    smoothing = options.get("label_smoothing", 0.0)
    pos_weight = options.get("pos_weight", 1.0)
    loss_of = reference_of(kind, options, ptype, p, t, target)

    loss_arg = kind if spelling == "member" else kind.value
    r = core.evaluate(
        logits, target, t, problem_type=ptype, loss=loss_arg, sweep_points=101, **options
    )

    assert r.loss_kind is kind
    assert r.problem_type == ptype
    assert r.label_smoothing == smoothing
    assert r.pos_weight == pos_weight
    assert r.weight == options.get("weight", 1.0)
    assert r.reduction is Reduction(options.get("reduction", "weighted_sum_by_nonzero_weights"))
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
        assert r.sweep_mse[i] == pytest.approx(ref_mse(zi, p, t, ptype), rel=1e-12, abs=1e-16)
        assert r.sweep_loss_grad[i] == pytest.approx(fd_along(loss_of, z, c, v), rel=1e-6, abs=1e-8)
        assert r.sweep_mse_grad[i] == pytest.approx(
            fd_along(lambda w: ref_mse(w, p, t, ptype), z, c, v), rel=1e-6, abs=1e-8
        )


@pytest.mark.parametrize(("kind", "options", "ptype"), KIND_CASES)
def test_sweep_gradient_matches_differences_along_the_sweep(kind, options, ptype):
    # A fine sweep (step 0.01): central differences of sweep_loss itself agree
    # with sweep_loss_grad to O(h^2).
    r = core.evaluate(
        [0.4, -1.0, 1.5],
        2,
        1.3,
        problem_type=ptype,
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


def problem_of(kind):
    """The problem a loss runs in here: multiclass if it suits it, else multilabel."""
    return "multiclass" if "multiclass" in LOSSES[kind].problem_types else "multilabel"


KIND_PROBLEMS = [
    pytest.param(kind, ptype, id=f"{kind.value}-{ptype}")
    for kind in LossKind
    for ptype in ("multiclass", "multilabel")
    if ptype in LOSSES[kind].problem_types
]


@pytest.mark.parametrize(
    ("target", "kind", "ptype"),
    [
        (target, *param.values)
        for target in (0, 1, 2, [0.2, 0.3, 0.5])
        for param in KIND_PROBLEMS
        if not (LOSSES[param.values[0]].needs_class_index and not isinstance(target, int))
    ],
)
def test_seed_example_is_finite(target, kind, ptype):
    z = np.array([123.0, 456.0, 789.0])
    r = core.evaluate(z, target, loss=kind, problem_type=ptype)
    assert_contract_fields_finite(r)
    p = target_distribution(target, 3)
    if ptype == "multiclass":
        np.testing.assert_allclose(r.log_q, [-666.0, -333.0, 0.0], rtol=1e-15)
        # H(p, q) = -sum p_i log q_i with log q = [-666, -333, 0]
        assert r.cross_entropy == pytest.approx(666 * p[0] + 333 * p[1], rel=1e-14)
    else:
        # Independent sigmoids: log σ(z) ≈ -e^{-z}, and H(p, q) = Σ_i BCE_i = Σ_i (1 - p_i) z_i.
        np.testing.assert_allclose(r.log_q, special.log_expit(z), rtol=1e-15, atol=0)
        assert r.cross_entropy == pytest.approx(np.sum(bce(p, z)), rel=1e-14)
        assert r.cross_entropy == pytest.approx(np.sum((1 - p) * z), rel=1e-14)
    assert r.loss == pytest.approx(reference_loss(kind, z, p, 1.0, target, ptype=ptype), rel=1e-14)


@pytest.mark.parametrize(("kind", "ptype"), KIND_PROBLEMS)
@pytest.mark.parametrize("target", [0, 1])
def test_extreme_logits_are_finite(kind, ptype, target):
    # Logits up to ±1e30 (float64) stay finite, everywhere in the result.
    r = core.evaluate([1e30, -1e30, 0.0], target, loss=kind, problem_type=ptype, sweep_points=8)
    assert_contract_fields_finite(r)
    if ptype == "multiclass":
        # log q = z - 1e30 (the other terms vanish): H(p, q) = 1e30 - z_target.
        expected = [0.0, 2e30][target]
    else:
        # Σ_i BCE_i: class 2 (z = 0, y = 0) costs log 2; the others 0 or 1e30 each.
        expected = [math.log(2), 2e30][target]
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
    for kind in (LossKind.SPARSE_SOFTMAX, LossKind.SPARSE_SOFTMAX_XENT):
        with pytest.raises(ValueError, match=re.escape(f"{kind.value} needs a class-index target")):
            core.evaluate([1.0, 2.0, 3.0], target, loss=kind)
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
        ({"loss": "hinge"}, "^loss must be one of"),
        ({"pos_weight": np.inf}, "pos_weight"),
        ({"weight": np.nan}, "weight"),
        ({"weight": "heavy"}, "weight"),
        ({"reduction": "average"}, "reduction"),
        ({"problem_type": "regression"}, "problem_type"),
        ({"problem_type": "binary"}, "one logit"),
        ({"dtype": "float16"}, "dtype"),
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


# --------------------------------------------------------------------------
# Problem types: the default loss, and losses that do not suit them
# --------------------------------------------------------------------------


def test_default_loss_is_the_tf_nn_cross_entropy_of_the_problem():
    assert dict(DEFAULT_LOSS) == {
        "binary": LossKind.SIGMOID_XENT,
        "multiclass": LossKind.SOFTMAX_XENT,
        "multilabel": LossKind.SIGMOID_XENT,
    }
    assert core.evaluate([0.3], [0.2], problem_type="binary").loss_kind is LossKind.SIGMOID_XENT
    assert core.evaluate([0.3, 1.0], 1).loss_kind is LossKind.SOFTMAX_XENT
    multilabel = core.evaluate([0.3, 1.0], [0.2, 1.0], problem_type="multilabel")
    assert multilabel.loss_kind is LossKind.SIGMOID_XENT
    assert multilabel.loss == pytest.approx(np.mean(bce(np.array([0.2, 1.0]), [0.3, 1.0])))


@pytest.mark.parametrize(
    "kind", [k for k in LossKind if "multiclass" not in LOSSES[k].problem_types]
)
def test_a_sigmoid_loss_in_a_multiclass_problem_is_rejected(kind):
    with pytest.raises(ValueError, match=re.escape(kind.value) + ".*not multiclass"):
        core.evaluate([1.0, 2.0, 3.0], 0, loss=kind)
    with pytest.raises(ValueError, match=re.escape(kind.value)):
        core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], loss=kind.value, problem_type="multiclass")


@pytest.mark.parametrize("kind", [k for k in LossKind if "binary" not in LOSSES[k].problem_types])
@pytest.mark.parametrize("ptype", ["binary", "multilabel"])
def test_a_softmax_loss_in_a_sigmoid_problem_is_rejected(kind, ptype):
    z, y = ([0.5], [1.0]) if ptype == "binary" else ([0.5, 1.0], [1.0, 0.0])
    with pytest.raises(ValueError, match=re.escape(kind.value) + f".*not {ptype}"):
        core.evaluate(z, y, problem_type=ptype, loss=kind)


@pytest.mark.parametrize("logits", [[0.0, 1.0], [0.0, 1.0, 2.0]])
def test_binary_needs_exactly_one_logit(logits):
    with pytest.raises(ValueError, match="one logit"):
        core.evaluate(logits, [0.5] * len(logits), problem_type="binary")


@pytest.mark.parametrize("ptype", ["binary", "multilabel"])
@pytest.mark.parametrize("bad", [1.5, -0.2, np.nan])
def test_sigmoid_targets_must_lie_in_zero_one(ptype, bad):
    z = [0.5] if ptype == "binary" else [0.5, 1.0]
    y = [bad] if ptype == "binary" else [0.5, bad]
    with pytest.raises(ValueError, match="target"):
        core.evaluate(z, y, problem_type=ptype)


# --------------------------------------------------------------------------
# Binary: one logit, two outcomes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("z", [-3.0, -0.4, 0.0, 1.7, 25.0])
@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("t", [1.0, 0.7])
def test_binary_shows_two_outcomes(z, y, t):
    x = z / t
    q = np.array([special.expit(-x), special.expit(x)])
    log_q = np.array([special.log_expit(-x), special.log_expit(x)])
    p = np.array([1 - y, y])
    r = core.evaluate([z], [y], t, problem_type="binary")

    assert r.problem_type == "binary" and r.sigmoid_outputs
    assert r.num_classes == 2 and r.num_logits == 1
    np.testing.assert_allclose(r.q, q, rtol=1e-15, atol=0)
    np.testing.assert_allclose(r.log_q, log_q, rtol=1e-15, atol=0)
    np.testing.assert_array_equal(r.p, p)
    np.testing.assert_array_equal(r.logits, [z])

    h = stats.entropy(p)
    ce = -np.sum(p * log_q)
    assert r.entropy == pytest.approx(h, rel=1e-14, abs=1e-16)
    assert r.cross_entropy == pytest.approx(ce, rel=1e-14, abs=1e-16)
    assert r.cross_entropy == pytest.approx(float(bce(y, x)), rel=1e-14, abs=1e-16)
    assert r.kl == pytest.approx(stats.entropy(p, q), rel=1e-9, abs=1e-14)
    assert r.kl == pytest.approx(ce - h, rel=1e-12, abs=1e-14)
    # σ(x) - y rounds where σ(x) is near 1: an absolute error of a few |σ - y|·ulp(1).
    assert r.mse == pytest.approx(np.mean((q - p) ** 2), rel=1e-14, abs=1e-26)
    assert r.mse == pytest.approx((special.expit(x) - y) ** 2, rel=1e-14, abs=1e-26)
    np.testing.assert_allclose(r.entropy_terms, special.entr(p), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(r.cross_entropy_terms, -p * log_q, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(r.kl_terms, special.rel_entr(p, q), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(r.mse_terms, (q - p) ** 2 / 2, rtol=1e-14, atol=1e-26)

    # The two-class equivalence: σ(x) = softmax([0, x])₁, both reported.
    assert r.two_class_log_odds == pytest.approx(x, rel=1e-15)
    assert r.two_class_sigmoid == pytest.approx(special.expit(x), rel=1e-15)
    assert r.two_class_softmax == pytest.approx(special.softmax([0.0, x])[1], rel=1e-14)
    assert r.two_class_sigmoid == pytest.approx(r.two_class_softmax, rel=1e-14)
    # The default loss is tf.nn.sigmoid_cross_entropy_with_logits of the one logit.
    assert r.loss == pytest.approx(float(bce(y, x)), rel=1e-14, abs=1e-16)


@pytest.mark.parametrize("z", [-3.0, 0.0, 1.7])
@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("t", [1.0, 2.5])
def test_binary_equals_the_two_class_softmax_of_zero_and_z(z, y, t):
    # The seed's equivalence: one sigmoid of z is the 2-class softmax of [0, z].
    b = core.evaluate([z], [y], t, problem_type="binary")
    m = core.evaluate([0.0, z], [1 - y, y], t)
    np.testing.assert_allclose(b.q, m.q, rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(b.p, m.p, rtol=0, atol=0)
    for name in ("entropy", "cross_entropy", "kl", "mse", "loss"):
        assert getattr(b, name) == pytest.approx(getattr(m, name), rel=1e-12, abs=1e-15), name
    for name in ("entropy_terms", "cross_entropy_terms", "kl_terms", "mse_terms"):
        np.testing.assert_allclose(getattr(b, name), getattr(m, name), rtol=1e-12, atol=1e-15)
    # The binary logit plays the part of z₁ (z₀ = 0 is fixed).
    assert b.grad_ce[0] == pytest.approx(m.grad_ce[1], rel=1e-12, abs=1e-15)
    assert b.grad_mse[0] == pytest.approx(m.grad_mse[1], rel=1e-12, abs=1e-15)
    assert b.grad_loss[0] == pytest.approx(m.grad_loss[1], rel=1e-12, abs=1e-15)
    assert b.two_class_sigmoid == pytest.approx(m.two_class_sigmoid, rel=1e-14)
    assert b.two_class_log_odds == pytest.approx(m.two_class_log_odds, rel=1e-14)


def test_binary_two_class_softmax_when_z_over_t_overflows():
    # z/T beyond the largest float: softmax([0, z]/T) is shifted before the division.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = core.evaluate([1e308], [1.0], 0.5, problem_type="binary")
    assert r.two_class_softmax == 1.0 and r.two_class_sigmoid == 1.0


# --------------------------------------------------------------------------
# Multilabel: K independent sigmoids
# --------------------------------------------------------------------------

MULTILABEL_STATES = [
    ([0.5, -1.0, 2.0], [1.0, 0.0, 0.5], 1.0),
    ([0.5, -1.0, 2.0, 0.0], [1.0, 1.0, 0.2, 0.9], 0.6),  # Σt > 1: targets, not a distribution
    ([3.0, -3.0], [0.0, 0.0], 2.0),
    ([0.0], [0.25], 1.0),
]


@pytest.mark.parametrize(("logits", "target", "t"), MULTILABEL_STATES)
def test_multilabel_against_per_class_bernoulli_terms(logits, target, t):
    z = np.array(logits)
    y = np.array(target)
    x = z / t
    k = z.size
    r = core.evaluate(z, y, t, problem_type="multilabel")
    assert r.problem_type == "multilabel" and r.sigmoid_outputs
    assert r.num_classes == k == r.num_logits
    np.testing.assert_allclose(r.q, special.expit(x), rtol=1e-15)
    np.testing.assert_allclose(r.log_q, special.log_expit(x), rtol=1e-15)
    np.testing.assert_array_equal(r.p, y)

    bce_i = bce(y, x)
    h_i = np.array([stats.entropy([1 - yi, yi]) for yi in y])
    kl_i = np.array(
        [
            stats.entropy([1 - yi, yi], [1 - qi, qi])
            for yi, qi in zip(y, special.expit(x), strict=True)
        ]
    )
    np.testing.assert_allclose(r.cross_entropy_terms, bce_i, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(r.entropy_terms, h_i, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(r.kl_terms, kl_i, rtol=1e-9, atol=1e-14)
    assert r.cross_entropy == pytest.approx(bce_i.sum(), rel=1e-14)
    assert r.entropy == pytest.approx(h_i.sum(), rel=1e-14, abs=1e-16)
    assert r.kl == pytest.approx(r.cross_entropy - r.entropy, rel=1e-12, abs=1e-14)
    assert r.kl == pytest.approx(kl_i.sum(), rel=1e-9, abs=1e-14)
    assert r.mse == pytest.approx(np.mean((special.expit(x) - y) ** 2), rel=1e-14)
    np.testing.assert_allclose(r.mse_terms, (special.expit(x) - y) ** 2 / k, rtol=1e-14)
    # The default loss: tf.nn.sigmoid_cross_entropy_with_logits, the mean over the K outputs.
    assert r.loss == pytest.approx(bce_i.mean(), rel=1e-14)
    assert r.two_class_sigmoid is None and r.two_class_softmax is None


def test_multilabel_is_k_binary_problems():
    z, y, t = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.0, 0.4]), 1.5
    r = core.evaluate(z, y, t, problem_type="multilabel")
    binaries = [
        core.evaluate([zi], [yi], t, problem_type="binary") for zi, yi in zip(z, y, strict=True)
    ]
    for name in ("entropy", "cross_entropy", "kl"):
        np.testing.assert_allclose(
            getattr(r, f"{name}_terms"), [getattr(b, name) for b in binaries], rtol=1e-14
        )
    np.testing.assert_allclose(r.grad_ce, [b.grad_ce[0] for b in binaries], rtol=1e-14)
    assert r.loss == pytest.approx(np.mean([b.loss for b in binaries]), rel=1e-14)


# --------------------------------------------------------------------------
# Gradients of sigmoid outputs against finite differences, with T ≠ 1
# --------------------------------------------------------------------------

SIGMOID_GRADIENT_CASES = [
    (LossKind.SIGMOID_XENT, {}),
    (LossKind.WEIGHTED_SIGMOID, {"pos_weight": 3.0}),
    (LossKind.SIGMOID, {"label_smoothing": 0.2, "weight": 1.5, "reduction": "weighted_sum"}),
    (LossKind.SIGMOID, {"weight": 2.0, "reduction": "none"}),
    (LossKind.MSE, {"weight": 0.5, "reduction": "weighted_sum_over_batch_size"}),
]


@pytest.mark.parametrize(("kind", "options"), SIGMOID_GRADIENT_CASES)
@pytest.mark.parametrize(
    ("ptype", "logits", "target", "t"),
    [
        ("binary", [0.8], [0.3], 0.7),
        ("binary", [-2.0], [1.0], 1.8),
        ("multilabel", [0.8, -1.5, 2.2], [1.0, 0.0, 0.35], 0.7),
        ("multilabel", [0.8, -1.5, 2.2, 0.1], [0.5, 0.9, 1.0, 0.0], 2.5),
    ],
)
def test_sigmoid_gradients_match_finite_differences(kind, options, ptype, logits, target, t):
    z = np.array(logits)
    y = np.array(target)
    r = core.evaluate(z, y, t, problem_type=ptype, loss=kind, **options)
    loss_of = reference_of(kind, options, ptype, y, t, None)
    assert r.loss == pytest.approx(loss_of(z), rel=1e-13)
    np.testing.assert_allclose(r.grad_loss, fd_grad(loss_of, z), **GRAD_TOL)
    np.testing.assert_allclose(
        r.grad_ce, fd_grad(lambda v: ref_cross_entropy(v, y, t, ptype), z), **GRAD_TOL
    )
    np.testing.assert_allclose(
        r.grad_mse, fd_grad(lambda v: ref_mse(v, y, t, ptype), z), **GRAD_TOL
    )
    # Cross-entropy's gradient is (σ(x) - y)/T, MSE's 2(σ - y)σ(1 - σ)/(K T).
    s = special.expit(z / t)
    np.testing.assert_allclose(r.grad_ce, (s - y) / t, rtol=1e-14, atol=1e-17)
    np.testing.assert_allclose(r.grad_mse, 2 * (s - y) * s * (1 - s) / (z.size * t), rtol=1e-13)


# --------------------------------------------------------------------------
# The loss under every reduction, its terms, its floor, the smoothed target
# --------------------------------------------------------------------------

REDUCTION_CASES = [
    # (kind, problem type, logits, target, options)
    (LossKind.SIGMOID, "multilabel", [0.5, -1.0, 2.0, 0.3], [1.0, 0.0, 0.5, 1.0], {}),
    (LossKind.SIGMOID, "multilabel", [0.5, -1.0, 2.0], [1.0, 0.0, 0.5], {"label_smoothing": 0.2}),
    (LossKind.SIGMOID, "binary", [1.2], [0.25], {"label_smoothing": 0.1}),
    (LossKind.SOFTMAX, "multiclass", [0.5, -1.0, 2.0], 1, {"label_smoothing": 0.1}),
    (LossKind.SOFTMAX, "multiclass", [0.5, -1.0, 2.0], [0.2, 0.3, 0.5], {}),
    (LossKind.SPARSE_SOFTMAX, "multiclass", [0.5, -1.0, 2.0, 0.0], 3, {}),
    (LossKind.MSE, "multiclass", [0.5, -1.0, 2.0], 2, {}),
    (LossKind.MSE, "multilabel", [0.5, -1.0, 2.0], [1.0, 0.0, 0.5], {}),
    (LossKind.MSE, "binary", [0.5], [1.0], {}),
]


@pytest.mark.parametrize(("kind", "ptype", "logits", "target", "options"), REDUCTION_CASES)
@pytest.mark.parametrize("weight", [1.0, 2.5, 0.0, -0.5])
@pytest.mark.parametrize("reduction", [r.value for r in Reduction])
@pytest.mark.parametrize("t", [1.0, 1.6])
def test_reductions_by_hand(kind, ptype, logits, target, options, weight, reduction, t):
    z = np.array(logits)
    p = target_distribution(target, z.size)
    r = core.evaluate(
        z, target, t, problem_type=ptype, loss=kind, weight=weight, reduction=reduction, **options
    )
    elements = reference_elements(
        kind, z, p, t, target, options.get("label_smoothing", 0.0), ptype=ptype
    )
    e = elements.size
    assert e == (1 if kind in (LossKind.SOFTMAX, LossKind.SPARSE_SOFTMAX) else z.size)
    weighted = weight * elements
    nonzero = e if weight != 0 else 0
    expected = {
        "weighted_sum": weighted.sum(),
        "weighted_mean": weighted.sum() / (weight * e) if weight != 0 else 0.0,
        "weighted_sum_over_batch_size": weighted.sum() / e,
        "weighted_sum_by_nonzero_weights": weighted.sum() / nonzero if nonzero else 0.0,
        "none": weighted.mean(),
    }
    assert set(r.reductions) == set(expected)
    for name, value in expected.items():
        assert r.reductions[name] == pytest.approx(value, rel=1e-13, abs=1e-15), name
    assert r.loss == pytest.approx(expected[reduction], rel=1e-13, abs=1e-15)
    assert r.loss == pytest.approx(r.reductions[reduction], rel=1e-14, abs=1e-16)
    # The factor on Σ_e ℓ_e.
    assert r.loss_factor * elements.sum() == pytest.approx(r.loss, rel=1e-13, abs=1e-15)
    assert r.weight == weight and r.reduction is Reduction(reduction)


def test_weighted_sum_by_nonzero_weights_is_tensorflows_default():
    r = core.evaluate(
        [0.5, -1.0, 2.0],
        [1.0, 0.0, 0.5],
        problem_type="multilabel",
        loss=LossKind.SIGMOID,
        weight=3.0,
    )
    elements = bce(np.array([1.0, 0.0, 0.5]), np.array([0.5, -1.0, 2.0]))
    assert r.reduction is Reduction.SUM_BY_NONZERO_WEIGHTS
    assert r.loss == pytest.approx(3.0 * elements.sum() / 3, rel=1e-14)


@pytest.mark.parametrize(
    "kind",
    [
        LossKind.SIGMOID_XENT,
        LossKind.WEIGHTED_SIGMOID,
        LossKind.SOFTMAX_XENT,
        LossKind.SPARSE_SOFTMAX_XENT,
    ],
)
def test_tf_nn_losses_have_no_reductions(kind):
    ptype = problem_of(kind)
    r = core.evaluate(
        [0.5, -1.0, 2.0], 2, problem_type=ptype, loss=kind, weight=3.0, reduction="weighted_sum"
    )
    assert dict(r.reductions) == {}
    # Neither the weight nor the reduction apply: the tf.nn value (a mean over outputs).
    p = np.eye(3)[2]
    assert r.loss == pytest.approx(
        np.mean(reference_elements(kind, [0.5, -1.0, 2.0], p, 1.0, 2, ptype=ptype)), rel=1e-14
    )
    assert r.weight == 3.0 and r.reduction is Reduction.SUM


TERM_CASES = [
    (kind, ptype, logits, target, options)
    for kind, ptype in [(param.values[0], param.values[1]) for param in KIND_PROBLEMS]
    + [(k, "binary") for k in LossKind if "binary" in LOSSES[k].problem_types]
    for logits, target in (
        [([0.7], [0.3]), ([-2.0], [1.0])]
        if ptype == "binary"
        else [([0.5, -1.0, 2.0], 0), ([0.5, -1.0, 2.0], [0.2, 0.3, 0.5])]
    )
    if not (LOSSES[kind].needs_class_index and not isinstance(target, int))
    for options in (
        {},
        {"label_smoothing": 0.2, "pos_weight": 2.5, "weight": 1.5, "reduction": "weighted_sum"},
    )
]


@pytest.mark.parametrize(("kind", "ptype", "logits", "target", "options"), TERM_CASES)
@pytest.mark.parametrize("t", [1.0, 0.8])
def test_loss_terms_sum_to_the_loss(kind, ptype, logits, target, options, t):
    r = core.evaluate(logits, target, t, problem_type=ptype, loss=kind, **options)
    assert r.loss_terms.shape == (r.num_classes,)
    assert r.loss_terms_split.shape == (r.num_logits, 2)
    assert r.loss_terms.sum() == pytest.approx(r.loss, rel=1e-13, abs=1e-15)
    assert r.loss_terms_split.sum() == pytest.approx(r.loss, rel=1e-13, abs=1e-15)
    # The terms themselves, from their definitions (independent of the sums).
    z = np.array(logits)
    x = z / t
    p = target_distribution(target, z.size)
    spec = LOSSES[kind]
    s = options.get("label_smoothing", 0.0) if "label_smoothing" in spec.options else 0.0
    w = options.get("pos_weight", 1.0) if "pos_weight" in spec.options else 1.0
    f = r.loss_factor
    if kind is LossKind.MSE:
        expected = np.stack([np.zeros_like(x), (outputs(x, ptype) - p) ** 2], axis=-1)
    elif ptype == "multiclass":
        labels = p * (1 - s) + s / z.size
        if spec.needs_class_index:
            labels = p
        expected = np.stack([np.zeros_like(x), -labels * special.log_softmax(x)], axis=-1)
    else:
        y = p * (1 - s) + s / 2
        expected = np.stack(
            [-(1 - y) * special.log_expit(-x), -w * y * special.log_expit(x)], axis=-1
        )
    np.testing.assert_allclose(r.loss_terms_split, f * expected, rtol=1e-13, atol=1e-15)


def loss_of_logits(kind, ptype, p, options):
    """The loss as a function of x, from scipy (for the minimiser)."""
    return reference_of(kind, options, ptype, p, 1.0, int(np.argmax(p)))


FLOOR_CASES = [
    # (kind, problem type, target, options, closed form of the floor)
    # "Why does my loss stop at 0.6?": smoothing 0.1 over 25 classes, one-hot → H(p′).
    (
        LossKind.SOFTMAX,
        "multiclass",
        np.eye(25)[3],
        {"label_smoothing": 0.1},
        stats.entropy(np.eye(25)[3] * 0.9 + 0.1 / 25),
    ),
    (
        LossKind.SOFTMAX,
        "multiclass",
        np.eye(4)[0],
        {"label_smoothing": 0.1},
        stats.entropy(np.eye(4)[0] * 0.9 + 0.1 / 4),
    ),
    (LossKind.SOFTMAX, "multiclass", np.array([0.2, 0.3, 0.5]), {}, stats.entropy([0.2, 0.3, 0.5])),
    (
        LossKind.SOFTMAX,
        "multiclass",
        np.eye(3)[1],
        {"label_smoothing": 0.3, "weight": 2.0, "reduction": "weighted_sum"},
        2.0 * stats.entropy(np.eye(3)[1] * 0.7 + 0.1),
    ),
    # pos_weight 3: per output min over σ of -3y log σ - (1 - y) log(1 - σ) at σ = 3y/(3y + 1 - y).
    (
        LossKind.WEIGHTED_SIGMOID,
        "multilabel",
        np.array([0.5, 0.2, 0.9]),
        {"pos_weight": 3.0},
        np.mean([(1 + 2 * y) * stats.entropy([1 - y, 3 * y]) for y in (0.5, 0.2, 0.9)]),
    ),
    (
        LossKind.WEIGHTED_SIGMOID,
        "binary",
        np.array([0.4]),
        {"pos_weight": 3.0},
        1.8 * stats.entropy([0.6, 1.2]),
    ),
    # compat sigmoid, smoothing 0.2 of one-hot targets: every output's label is 0.9 or 0.1.
    (
        LossKind.SIGMOID,
        "multilabel",
        np.array([1.0, 0.0, 0.0]),
        {"label_smoothing": 0.2},
        stats.entropy([0.9, 0.1]),
    ),
    (
        LossKind.SIGMOID,
        "binary",
        np.array([1.0]),
        {"label_smoothing": 0.2, "weight": 3.0, "reduction": "weighted_sum"},
        3.0 * stats.entropy([0.9, 0.1]),
    ),
    (
        LossKind.SIGMOID_XENT,
        "multilabel",
        np.array([0.3, 0.6]),
        {},
        np.mean([stats.entropy([0.7, 0.3]), stats.entropy([0.4, 0.6])]),
    ),
    (LossKind.MSE, "multilabel", np.array([0.3, 0.6]), {}, 0.0),
    (LossKind.MSE, "multiclass", np.array([0.2, 0.3, 0.5]), {}, 0.0),
]


@pytest.mark.parametrize(("kind", "ptype", "p", "options", "closed_form"), FLOOR_CASES)
def test_loss_floor_is_the_numerical_minimum(kind, ptype, p, options, closed_form):
    target = p if ptype != "multiclass" or p.max() < 1 else int(np.argmax(p))
    r = core.evaluate(np.zeros(p.size), target, problem_type=ptype, loss=kind, **options)
    assert r.loss_floor == pytest.approx(closed_form, rel=1e-12, abs=1e-15)
    f = loss_of_logits(kind, ptype, p, options)
    best = optimize.minimize(f, np.zeros(p.size), method="BFGS", options={"gtol": 1e-10})
    assert best.fun == pytest.approx(r.loss_floor, rel=1e-7, abs=1e-8)
    # Nowhere below the floor: random logits and the sweep.
    rng = np.random.default_rng(5)
    for x in rng.normal(0.0, 3.0, size=(50, p.size)):
        assert f(x) >= r.loss_floor - 1e-12
    assert np.all(r.sweep_loss >= r.loss_floor - 1e-12)


@pytest.mark.parametrize(
    ("kind", "ptype", "target"),
    [
        (LossKind.SOFTMAX, "multiclass", 0),
        (LossKind.SIGMOID, "multilabel", [1.0, 0.0, 0.0]),
        (LossKind.SIGMOID, "binary", [1.0]),
    ],
)
def test_label_smoothing_lifts_the_floor_of_a_one_hot_target_above_zero(kind, ptype, target):
    z = [0.0] if ptype == "binary" else [0.0, 0.0, 0.0]
    without = core.evaluate(z, target, problem_type=ptype, loss=kind)
    assert without.loss_floor == pytest.approx(0.0, abs=1e-15)
    r = core.evaluate(z, target, problem_type=ptype, loss=kind, label_smoothing=0.1)
    assert r.loss_floor > 0.05
    # A very confident correct prediction stays above it.
    confident = np.where(np.array(target_distribution(target, len(z))) > 0, 30.0, -30.0)
    if ptype == "multiclass":
        confident = np.eye(3)[target] * 30.0
    assert (
        core.evaluate(confident, target, problem_type=ptype, loss=kind, label_smoothing=0.1).loss
        > r.loss_floor
    )


def test_floor_of_the_sparse_and_tf_nn_losses():
    assert core.evaluate([0.5, 1.0], 1, loss=LossKind.SPARSE_SOFTMAX_XENT).loss_floor == 0.0
    assert core.evaluate([0.5, 1.0], 1, loss=LossKind.SPARSE_SOFTMAX, weight=2.0).loss_floor == 0.0
    # tf.nn.softmax_cross_entropy_with_logits takes no smoothing: floor 0 for a one-hot p.
    r = core.evaluate([0.5, 1.0], 1, loss=LossKind.SOFTMAX_XENT, label_smoothing=0.3)
    assert r.loss_floor == 0.0


@pytest.mark.parametrize(
    ("kind", "ptype", "target"),
    [
        (LossKind.SOFTMAX, "multiclass", 0),
        (LossKind.SIGMOID, "multilabel", [1.0, 0.5, 0.0]),
        (LossKind.MSE, "multiclass", 1),
    ],
)
def test_a_negative_weight_has_no_floor(kind, ptype, target):
    # With a negative weight the loss has no lower bound (or none in closed form):
    # the loss can go below anything the positive floor would claim.
    r = core.evaluate(
        [0.0, 0.0, 0.0],
        target,
        problem_type=ptype,
        loss=kind,
        label_smoothing=0.1,
        weight=-1.0,
        reduction="weighted_sum",
    )
    assert r.loss_floor is None
    assert r.loss < 0


def test_negative_pos_weight_has_no_floor():
    r = core.evaluate(
        [0.0, 1.0],
        [1.0, 0.5],
        problem_type="multilabel",
        loss=LossKind.WEIGHTED_SIGMOID,
        pos_weight=-2.0,
    )
    assert r.loss_floor is None


def test_mse_floor_of_an_unnormalised_multiclass_target_is_unknown():
    r = core.evaluate([0.0, 0.0], [0.3, 0.9], loss=LossKind.MSE)
    assert r.loss_floor is None


@pytest.mark.parametrize(
    ("kind", "ptype", "target", "s", "expected"),
    [
        (LossKind.SOFTMAX, "multiclass", 1, 0.2, [0.2 / 3, 0.8 + 0.2 / 3, 0.2 / 3]),
        (LossKind.SOFTMAX, "multiclass", [0.2, 0.3, 0.5], 0.0, [0.2, 0.3, 0.5]),
        (LossKind.SIGMOID, "multilabel", [1.0, 0.0, 0.5], 0.2, [0.9, 0.1, 0.5]),
        (LossKind.SIGMOID, "binary", [1.0], 0.2, [0.1, 0.9]),
        (LossKind.SIGMOID, "binary", [0.3], 0.5, [0.6, 0.4]),
        # Losses without label smoothing show the target itself.
        (LossKind.SOFTMAX_XENT, "multiclass", 1, 0.2, [0.0, 1.0, 0.0]),
        (LossKind.SIGMOID_XENT, "multilabel", [1.0, 0.0, 0.5], 0.2, [1.0, 0.0, 0.5]),
        (LossKind.WEIGHTED_SIGMOID, "binary", [1.0], 0.2, [0.0, 1.0]),
        (LossKind.MSE, "multiclass", 1, 0.2, [0.0, 1.0, 0.0]),
    ],
)
def test_p_smoothed(kind, ptype, target, s, expected):
    k = 1 if ptype == "binary" else 3
    r = core.evaluate(np.zeros(k), target, problem_type=ptype, loss=kind, label_smoothing=s)
    np.testing.assert_allclose(r.p_smoothed, expected, rtol=1e-15, atol=1e-16)
    assert r.label_smoothing == s  # the state's value, reported as given


def test_a_tf_nn_loss_ignores_label_smoothing_everywhere():
    # tf.nn.*_with_logits take no label smoothing: the loss, its terms and its floor agree.
    z, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.0, 0.5])
    for kind, ptype, target in [
        (LossKind.SOFTMAX_XENT, "multiclass", 0),
        (LossKind.SIGMOID_XENT, "multilabel", y),
        (LossKind.WEIGHTED_SIGMOID, "multilabel", y),
    ]:
        plain = core.evaluate(z, target, problem_type=ptype, loss=kind, pos_weight=2.0)
        r = core.evaluate(
            z, target, problem_type=ptype, loss=kind, pos_weight=2.0, label_smoothing=0.4
        )
        assert r.loss == plain.loss, kind
        np.testing.assert_array_equal(r.grad_loss, plain.grad_loss)
        np.testing.assert_array_equal(r.loss_terms_split, plain.loss_terms_split)
        assert r.loss_floor == plain.loss_floor
        assert r.loss_terms.sum() == pytest.approx(r.loss, rel=1e-14)


# --------------------------------------------------------------------------
# Sparse = one-hot; the pitfalls are passed through
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logits", "c", "t"),
    [
        ([2.0, 1.0, 0.1], 0, 1.0),
        ([0.3, -1.2, 2.5, 0.0], 2, 0.4),
        ([123.0, 456.0, 789.0], 0, 1.0),
        ([9e307, 0.0], 1, 0.5),
    ],
)
def test_sparse_loss_equals_the_one_hot_loss(logits, c, t):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = core.evaluate(logits, c, t)
    z = np.array(logits)
    expected = -special.log_softmax(z / t)[c] if np.abs(z).max() < 1e300 else 1.8e308
    assert r.sparse_loss == pytest.approx(expected, rel=1e-14)
    assert r.onehot_loss == pytest.approx(r.sparse_loss, rel=1e-14)
    assert r.loss == pytest.approx(r.sparse_loss, rel=1e-14)  # the default: one-hot tf.nn loss
    assert core.evaluate(logits[:2], [0.5, 0.5]).sparse_loss is None
    assert core.evaluate(logits[:2], [0.5, 0.5]).onehot_loss is None
    multilabel = core.evaluate([0.5, 1.0], 1, problem_type="multilabel")
    assert multilabel.sparse_loss is None and multilabel.onehot_loss is None


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("ptype", ["binary", "multiclass", "multilabel"])
def test_pitfalls_of_the_state(dtype, ptype):
    z, y = ([1.5], [1.0]) if ptype == "binary" else ([1.5, -0.5, 0.2], [0.0, 1.0, 0.0])
    r = core.evaluate(z, y, 2.0, problem_type=ptype, dtype=dtype)
    pit = core.pitfalls.evaluate_pitfalls(z, y, 2.0, ptype, dtype)
    assert r.pitfalls.dtype == dtype
    np.testing.assert_array_equal(r.pitfalls.q, pit.q)
    assert r.pitfalls.loss == pit.loss
    np.testing.assert_allclose(r.pitfalls.q, r.q, rtol=1e-6 if dtype == "float32" else 1e-15)
    assert r.pitfalls.loss == pytest.approx(
        r.cross_entropy / (1 if ptype != "multilabel" else 3), rel=1e-6
    )
