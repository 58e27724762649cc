"""Entropy, cross-entropy and KL divergence against scipy.special (entr, rel_entr, xlogy)."""

import math

import numpy as np
import pytest
from scipy import special

import core

pytestmark = pytest.mark.filterwarnings("error")

RNG_SEEDS = [0, 1, 2, 3, 4]


def random_distribution(rng, shape, zeros=True, normalise=True):
    p = rng.uniform(size=shape)
    if zeros:
        p[rng.uniform(size=shape) < 0.25] = 0.0
    if normalise:
        s = p.sum(axis=-1, keepdims=True)
        p = np.where(s > 0, p / np.where(s > 0, s, 1), 1.0 / shape[-1])
    return p


# --------------------------------------------------------------------------
# Against scipy.special
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", RNG_SEEDS)
@pytest.mark.parametrize("normalise", [True, False])
def test_entropy_matches_entr_sum(seed, normalise):
    p = random_distribution(np.random.default_rng(seed), (4, 7), normalise=normalise)
    np.testing.assert_allclose(core.entropy(p), special.entr(p).sum(axis=-1), rtol=1e-13)
    np.testing.assert_allclose(
        core.entropy(p, base=2), special.entr(p).sum(axis=-1) / math.log(2), rtol=1e-13
    )
    np.testing.assert_allclose(
        core.entropy(p, base=10), special.entr(p).sum(axis=-1) / math.log(10), rtol=1e-13
    )


@pytest.mark.parametrize("seed", RNG_SEEDS)
@pytest.mark.parametrize("normalise", [True, False])
def test_kl_matches_rel_entr_sum(seed, normalise):
    rng = np.random.default_rng(seed)
    p = random_distribution(rng, (4, 7), normalise=normalise)
    q = random_distribution(rng, (4, 7), zeros=False, normalise=normalise)
    np.testing.assert_allclose(
        core.kl_divergence(p, q), special.rel_entr(p, q).sum(axis=-1), rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(
        core.kl_divergence(p, q, base=2),
        special.rel_entr(p, q).sum(axis=-1) / math.log(2),
        rtol=1e-12,
        atol=1e-14,
    )


@pytest.mark.parametrize("seed", RNG_SEEDS)
@pytest.mark.parametrize("normalise", [True, False])
def test_cross_entropy_matches_xlogy_sum(seed, normalise):
    rng = np.random.default_rng(seed)
    p = random_distribution(rng, (4, 7), normalise=normalise)
    q = random_distribution(rng, (4, 7), zeros=False, normalise=normalise)
    np.testing.assert_allclose(
        core.cross_entropy(p, q), -special.xlogy(p, q).sum(axis=-1), rtol=1e-13, atol=1e-15
    )
    np.testing.assert_allclose(
        core.cross_entropy(p, q, base=2),
        -special.xlogy(p, q).sum(axis=-1) / math.log(2),
        rtol=1e-13,
        atol=1e-15,
    )


@pytest.mark.parametrize("axis", [0, 1, -2])
def test_information_along_other_axes(axis):
    rng = np.random.default_rng(11)
    p = rng.uniform(size=(3, 5, 4))
    q = rng.uniform(0.01, 1.0, size=(3, 5, 4))
    np.testing.assert_allclose(
        core.entropy(p, axis=axis), special.entr(p).sum(axis=axis), rtol=1e-13
    )
    np.testing.assert_allclose(
        core.cross_entropy(p, q, axis=axis), -special.xlogy(p, q).sum(axis=axis), rtol=1e-13
    )
    np.testing.assert_allclose(
        core.kl_divergence(p, q, axis=axis),
        special.rel_entr(p, q).sum(axis=axis),
        rtol=1e-12,
        atol=1e-14,
    )


def test_broadcasting_p_against_a_batch_of_q():
    p = np.array([0.2, 0.3, 0.5])
    q = np.random.default_rng(5).dirichlet(np.ones(3), size=6)
    np.testing.assert_allclose(
        core.cross_entropy(p, q), -special.xlogy(p, q).sum(axis=-1), rtol=1e-13
    )
    np.testing.assert_allclose(
        core.kl_divergence(p, q), special.rel_entr(p, q).sum(axis=-1), rtol=1e-12
    )


# --------------------------------------------------------------------------
# Hand-derived values
# --------------------------------------------------------------------------


def test_32_uniform_classes_is_five_bits():
    # H = -sum 32 * (1/32) log2(1/32) = log2 32 = 5: five yes/no questions.
    h = float(core.entropy(np.full(32, 1 / 32), base=2))
    assert h == pytest.approx(5.0, rel=1e-15, abs=0)
    # In nats it is ln 32.
    assert float(core.entropy(np.full(32, 1 / 32))) == pytest.approx(math.log(32), rel=1e-15)


def test_hand_values():
    # A fair coin is 1 bit; H([1/4, 3/4]) = 1/4·2 + 3/4·log2(4/3) bits.
    assert float(core.entropy([0.5, 0.5], base=2)) == pytest.approx(1.0, rel=1e-15)
    assert float(core.entropy([0.25, 0.75], base=2)) == pytest.approx(
        0.25 * 2 + 0.75 * math.log2(4 / 3), rel=1e-14
    )
    # H(p, q) for p = [1, 0], q = [1/2, 1/2] is -log2(1/2) = 1 bit.
    assert float(core.cross_entropy([1.0, 0.0], [0.5, 0.5], base=2)) == pytest.approx(1.0)
    # KL([1/2, 1/2] || [1/4, 3/4]) = 1/2 ln 2 + 1/2 ln(2/3) = 1/2 ln(4/3).
    assert float(core.kl_divergence([0.5, 0.5], [0.25, 0.75])) == pytest.approx(
        0.5 * math.log(4 / 3), rel=1e-14
    )
    # Unnormalised p is used as given: H([2, 0]) = -2 ln 2.
    assert float(core.entropy([2.0, 0.0])) == pytest.approx(-2 * math.log(2), rel=1e-15)


# --------------------------------------------------------------------------
# Conventions
# --------------------------------------------------------------------------


def test_zero_log_zero_is_zero():
    assert float(core.entropy([1.0, 0.0])) == 0.0
    assert float(core.entropy([0.0, 0.0, 1.0], base=2)) == 0.0
    # p_i = 0 terms contribute 0 even where q_i = 0.
    assert float(core.cross_entropy([1.0, 0.0], [1.0, 0.0])) == 0.0
    assert float(core.kl_divergence([1.0, 0.0], [1.0, 0.0])) == 0.0
    assert float(core.kl_divergence([0.0, 1.0], [0.0, 1.0])) == 0.0
    # An all-zero p: everything 0.
    assert float(core.entropy([0.0, 0.0])) == 0.0
    assert float(core.cross_entropy([0.0, 0.0], [0.0, 1.0])) == 0.0


@pytest.mark.parametrize("base", [None, 2])
def test_positive_p_with_zero_q_is_plus_inf(base):
    ce = core.cross_entropy([0.5, 0.5], [1.0, 0.0], base=base)
    kl = core.kl_divergence([0.5, 0.5], [1.0, 0.0], base=base)
    assert float(ce) == np.inf
    assert float(kl) == np.inf
    # Agrees with scipy's conventions.
    assert float(-special.xlogy([0.5, 0.5], [1.0, 0.0]).sum()) == np.inf
    assert float(special.rel_entr([0.5, 0.5], [1.0, 0.0]).sum()) == np.inf


def test_infinity_only_in_the_affected_row():
    p = np.array([[0.5, 0.5], [0.5, 0.5], [1.0, 0.0]])
    q = np.array([[1.0, 0.0], [0.5, 0.5], [1.0, 0.0]])
    kl = core.kl_divergence(p, q)
    np.testing.assert_array_equal(kl, [np.inf, 0.0, 0.0])
    ce = core.cross_entropy(p, q)
    assert ce[0] == np.inf
    np.testing.assert_allclose(ce[1:], [math.log(2), 0.0], rtol=1e-15)


# --------------------------------------------------------------------------
# dtypes
# --------------------------------------------------------------------------


def test_float32_in_float32_out():
    p = np.array([0.25, 0.75], dtype=np.float32)
    q = np.array([0.5, 0.5], dtype=np.float32)
    assert core.entropy(p).dtype == np.float32
    assert core.entropy(p, base=2).dtype == np.float32
    assert core.cross_entropy(p, q).dtype == np.float32
    assert core.kl_divergence(p, q, base=2).dtype == np.float32
    np.testing.assert_allclose(
        core.kl_divergence(p, q), special.rel_entr([0.25, 0.75], [0.5, 0.5]).sum(), rtol=1e-6
    )


def test_lists_compute_in_float64():
    assert np.asarray(core.entropy([1, 0])).dtype == np.float64
    assert np.asarray(core.cross_entropy([1, 0], [1, 1])).dtype == np.float64
    assert np.asarray(core.kl_divergence([0.5, 0.5], [0.5, 0.5])).dtype == np.float64


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-0.1, -1e-300, np.nan])
def test_bad_p_raises_naming_p(bad):
    with pytest.raises(ValueError, match=r"\bp\b"):
        core.entropy([0.5, bad])
    with pytest.raises(ValueError, match=r"\bp\b"):
        core.cross_entropy([0.5, bad], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"\bp\b"):
        core.kl_divergence([0.5, bad], [0.5, 0.5])


@pytest.mark.parametrize("bad", [-0.1, -1e-300, np.nan])
def test_bad_q_raises_naming_q(bad):
    with pytest.raises(ValueError, match=r"\bq\b"):
        core.cross_entropy([0.5, 0.5], [0.5, bad])
    with pytest.raises(ValueError, match=r"\bq\b"):
        core.kl_divergence([0.5, 0.5], [0.5, bad])


def test_negative_message_names_problem():
    with pytest.raises(ValueError, match="negative"):
        core.entropy([0.5, -0.5])
    with pytest.raises(ValueError, match="NaN"):
        core.entropy([0.5, np.nan])


@pytest.mark.parametrize("fn", [core.cross_entropy, core.kl_divergence])
def test_shape_mismatch_raises(fn):
    with pytest.raises(ValueError, match="shape mismatch"):
        fn([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match=r"\bq\b"):
        fn(np.full((2, 3), 1 / 3), np.full((4, 3), 1 / 3))


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, np.inf, np.nan, "two"])
def test_bad_base_raises(base):
    with pytest.raises(ValueError, match="base"):
        core.entropy([0.5, 0.5], base=base)
    with pytest.raises(ValueError, match="base"):
        core.cross_entropy([0.5, 0.5], [0.5, 0.5], base=base)
    with pytest.raises(ValueError, match="base"):
        core.kl_divergence([0.5, 0.5], [0.5, 0.5], base=base)


def test_bad_axis_raises():
    with pytest.raises(ValueError, match="axis"):
        core.entropy(np.full((2, 3), 1 / 3), axis=2)
