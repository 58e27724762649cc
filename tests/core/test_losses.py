"""TensorFlow losses against values derived by hand from the formulas.

Conventions used in the comments: sigma(x) = 1 / (1 + e^-x), so sigma(0) = 1/2,
sigma(ln 3) = 3/4 and sigma(-ln 3) = 1/4. Every expected number below is
written out from the loss formula, never obtained by calling ``core``.
"""

import math

import numpy as np
import pytest
from scipy import special

import core
from core import Reduction

LN2 = math.log(2.0)
LN3 = math.log(3.0)
LN4 = math.log(4.0)
LN43 = math.log(4.0 / 3.0)  # -ln(3/4)

ALL_REDUCTIONS = list(Reduction)


def _both_spellings(reduction):
    """A reduction as a member and as its plain string."""
    return [reduction, str(reduction.value)]


# --------------------------------------------------------------------------
# Reduction enum
# --------------------------------------------------------------------------


def test_reduction_values_are_tensorflow_strings():
    assert Reduction.NONE.value == "none"
    assert Reduction.SUM.value == "weighted_sum"
    assert Reduction.MEAN.value == "weighted_mean"
    assert Reduction.SUM_OVER_BATCH_SIZE.value == "weighted_sum_over_batch_size"
    assert Reduction.SUM_BY_NONZERO_WEIGHTS.value == "weighted_sum_by_nonzero_weights"
    assert len(Reduction) == 5
    assert all(isinstance(m, str) for m in Reduction)
    assert Reduction("weighted_mean") is Reduction.MEAN


# --------------------------------------------------------------------------
# tf.nn.sigmoid_cross_entropy_with_logits
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_sigmoid_cross_entropy_with_logits_hand_values():
    labels = [1.0, 0.0, 1.0, 0.0, 0.25, 1.0, 0.0, 1.0]
    logits = [0.0, 0.0, LN3, LN3, LN3, -LN3, 100.0, -100.0]
    expected = [
        LN2,  # x = 0: -log(1/2) whatever the label
        LN2,
        LN43,  # z = 1: -log sigma(ln 3) = -log(3/4)
        LN4,  # z = 0: -log(1 - 3/4) = log 4
        0.25 * LN43 + 0.75 * LN4,  # z = 1/4: -1/4 log(3/4) - 3/4 log(1/4)
        LN4,  # z = 1, x = -ln 3: -log(1/4)
        100.0 + math.log1p(math.exp(-100.0)),  # max(x,0) - x z + log(1 + e^-|x|)
        100.0 + math.log1p(math.exp(-100.0)),  # 0 + 100 + log(1 + e^-100)
    ]
    out = core.sigmoid_cross_entropy_with_logits(labels, logits)
    np.testing.assert_allclose(out, expected, rtol=1e-14)
    assert out.shape == (8,)


@pytest.mark.filterwarnings("error")
def test_sigmoid_cross_entropy_with_logits_broadcasts():
    # labels (2, 1) against logits (1, 3): every label against every logit.
    out = core.sigmoid_cross_entropy_with_logits([[1.0], [0.0]], [[0.0, LN3, -LN3]])
    np.testing.assert_allclose(out, [[LN2, LN43, LN4], [LN2, LN4, LN43]], rtol=1e-14)


# --------------------------------------------------------------------------
# tf.nn.weighted_cross_entropy_with_logits
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_weighted_cross_entropy_with_logits_hand_values():
    # loss = q z (-log sigma(x)) + (1 - z)(-log(1 - sigma(x)))
    labels = [1.0, 0.0, 1.0, 0.5, 0.0]
    logits = [0.0, 0.0, LN3, -LN3, LN3]
    pos_weight = [3.0, 3.0, 2.0, 4.0, 0.5]
    expected = [
        3 * LN2,  # q = 3, z = 1, x = 0
        LN2,  # z = 0: pos_weight does not matter
        2 * LN43,  # q = 2, z = 1: 2 (-log 3/4)
        0.5 * 4 * LN4 + 0.5 * LN43,  # z = 1/2, sigma = 1/4: 1/2·4·log 4 + 1/2·(-log 3/4)
        LN4,  # z = 0, x = ln 3: -log(1/4)
    ]
    out = core.weighted_cross_entropy_with_logits(labels, logits, pos_weight)
    np.testing.assert_allclose(out, expected, rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_weighted_cross_entropy_matches_tensorflow_stable_formula():
    # TensorFlow's form, written out independently:
    # (1 - z) x + (1 + (q - 1) z) (log1p(exp(-|x|)) + max(-x, 0))
    x = np.linspace(-40.0, 40.0, 81)[:, None]
    z = np.array([0.0, 0.1, 0.5, 0.9, 1.0])[None, :]
    for q in (0.25, 1.0, 3.0):
        expected = (1 - z) * x + (1 + (q - 1) * z) * (
            np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0)
        )
        out = core.weighted_cross_entropy_with_logits(z, x, q)
        np.testing.assert_allclose(out, expected, rtol=1e-13, atol=1e-15)
        # and the textbook definition, via scipy's stable log_expit
        textbook = -q * z * special.log_expit(x) - (1 - z) * special.log_expit(-x)
        np.testing.assert_allclose(out, textbook, rtol=1e-11, atol=1e-13)


@pytest.mark.filterwarnings("error")
def test_weighted_cross_entropy_with_pos_weight_one_is_sigmoid_ce():
    labels = [1.0, 0.0, 0.25]
    logits = [LN3, LN3, LN3]
    np.testing.assert_allclose(
        core.weighted_cross_entropy_with_logits(labels, logits, 1.0),
        [LN43, LN4, 0.25 * LN43 + 0.75 * LN4],
        rtol=1e-14,
    )


# --------------------------------------------------------------------------
# tf.nn.softmax_cross_entropy_with_logits
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_softmax_cross_entropy_with_logits_hand_values():
    labels = [
        [0.0, 0.0, 1.0],  # uniform q over 3: ln 3
        [1.0, 0.0, 0.0],  # q = [1, 3, 1]/5: -log(1/5) = ln 5
        [0.5, 0.5, 0.0],  # 1/2 ln 5 + 1/2 ln(5/3)
        [1.0, 1.0, 0.0],  # unnormalised: ln 5 + ln(5/3), no normalisation (as TF)
        [0.0, 0.0, 1.0],  # LSE([1,2,3]) - 3 = log(e^-2 + e^-1 + 1)
    ]
    logits = [
        [0.0, 0.0, 0.0],
        [0.0, LN3, 0.0],
        [0.0, LN3, 0.0],
        [0.0, LN3, 0.0],
        [1.0, 2.0, 3.0],
    ]
    expected = [
        LN3,
        math.log(5.0),
        0.5 * math.log(5.0) + 0.5 * math.log(5.0 / 3.0),
        math.log(5.0) + math.log(5.0 / 3.0),
        math.log(math.exp(-2.0) + math.exp(-1.0) + 1.0),
    ]
    out = core.softmax_cross_entropy_with_logits(labels, logits)
    assert out.shape == (5,)
    np.testing.assert_allclose(out, expected, rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_softmax_cross_entropy_with_logits_broadcasts():
    # NumPy broadcasting (the docstring: labels broadcast against logits).
    # One label row [1, 0, 0] against two logit rows:
    #   [0, ln 3, 0] -> -log(1/5) = ln 5;  [0, 0, 0] -> ln 3
    logits = [[0.0, LN3, 0.0], [0.0, 0.0, 0.0]]
    expected = [math.log(5.0), LN3]
    np.testing.assert_allclose(
        core.softmax_cross_entropy_with_logits([1.0, 0.0, 0.0], logits), expected, rtol=1e-14
    )
    # One logit row [0, ln 3, 0] against two label rows: ln 5 and -log(3/5).
    np.testing.assert_allclose(
        core.softmax_cross_entropy_with_logits([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], logits[0]),
        [math.log(5.0), math.log(5.0 / 3.0)],
        rtol=1e-14,
    )


@pytest.mark.filterwarnings("error")
def test_softmax_cross_entropy_with_logits_other_axis():
    # The class axis first: columns are examples.
    labels = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    logits = np.array([[0.0, 1.0], [LN3, 2.0], [0.0, 3.0]])
    expected = [math.log(5.0), math.log(math.exp(-2.0) + math.exp(-1.0) + 1.0)]
    np.testing.assert_allclose(
        core.softmax_cross_entropy_with_logits(labels, logits, axis=0), expected, rtol=1e-14
    )


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(
    ("label", "expected"),
    # LSE([123, 456, 789]) = 789 + log(1 + e^-333 + e^-666) = 789 in float64
    [(0, 789.0 - 123.0), (1, 789.0 - 456.0), (2, 0.0)],
)
def test_seed_example_losses(label, expected):
    logits = [123, 456, 789]
    onehot = np.eye(3)[label]
    dense = core.softmax_cross_entropy_with_logits(onehot, logits)
    sparse = core.sparse_softmax_cross_entropy_with_logits(label, logits)
    assert np.isfinite(dense) and np.isfinite(sparse)
    np.testing.assert_allclose(dense, expected, rtol=1e-15, atol=1e-12)
    np.testing.assert_allclose(sparse, expected, rtol=1e-15, atol=1e-12)
    reduced = core.softmax_cross_entropy([onehot], [logits])
    np.testing.assert_allclose(reduced, expected, rtol=1e-15, atol=1e-12)


# --------------------------------------------------------------------------
# tf.nn.sparse_softmax_cross_entropy_with_logits
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_sparse_softmax_cross_entropy_with_logits_hand_values():
    logits = [[0.0, LN3, 0.0], [1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [0.0, LN3, 0.0]]
    labels = [0, 2, 1, 1]
    expected = [
        math.log(5.0),  # q = [1, 3, 1]/5, picked 1/5
        math.log(math.exp(-2.0) + math.exp(-1.0) + 1.0),  # LSE - 3
        LN3,  # uniform over 3
        math.log(5.0 / 3.0),  # picked 3/5
    ]
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits(labels, logits), expected, rtol=1e-14
    )
    # Whole-number float labels are class indices too.
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy_with_logits([0.0, 2.0, 1.0, 1.0], logits),
        expected,
        rtol=1e-14,
    )


# --------------------------------------------------------------------------
# tf.compat.v1.losses: every reduction, weights with zeros
# --------------------------------------------------------------------------

# sigmoid_cross_entropy: labels [[1, 0], [1, 0]], logits [[0, 0], [ln 3, ln 3]]
# per-element losses  [[ln 2, ln 2], [-ln(3/4), ln 4]]
# weights             [[2, 0], [1, 3]]
# weighted            [[2 ln 2, 0], [ln(4/3), 3 ln 4]]
SIG_LABELS = [[1.0, 0.0], [1.0, 0.0]]
SIG_LOGITS = [[0.0, 0.0], [LN3, LN3]]
SIG_WEIGHTS = [[2.0, 0.0], [1.0, 3.0]]
SIG_WEIGHTED = [[2 * LN2, 0.0], [LN43, 3 * LN4]]
SIG_S = 2 * LN2 + LN43 + 3 * LN4
SIG_EXPECTED = {
    Reduction.NONE: SIG_WEIGHTED,
    Reduction.SUM: SIG_S,
    Reduction.MEAN: SIG_S / 6.0,  # sum of weights 2 + 0 + 1 + 3
    Reduction.SUM_OVER_BATCH_SIZE: SIG_S / 4.0,  # 4 elements
    Reduction.SUM_BY_NONZERO_WEIGHTS: SIG_S / 3.0,  # 3 non-zero weights
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("reduction", ALL_REDUCTIONS)
def test_sigmoid_cross_entropy_every_reduction(reduction):
    for spelling in _both_spellings(reduction):
        out = core.sigmoid_cross_entropy(
            SIG_LABELS, SIG_LOGITS, weights=SIG_WEIGHTS, reduction=spelling
        )
        np.testing.assert_allclose(out, SIG_EXPECTED[reduction], rtol=1e-14)
        if reduction is Reduction.NONE:
            assert np.shape(out) == (2, 2)
        else:
            assert np.ndim(out) == 0


@pytest.mark.filterwarnings("error")
def test_sigmoid_cross_entropy_default_reduction_is_nonzero_weights():
    out = core.sigmoid_cross_entropy(SIG_LABELS, SIG_LOGITS, weights=SIG_WEIGHTS)
    np.testing.assert_allclose(out, SIG_S / 3.0, rtol=1e-14)
    # With unit weights that is the plain mean of the 4 elements.
    out = core.sigmoid_cross_entropy(SIG_LABELS, SIG_LOGITS)
    np.testing.assert_allclose(out, (2 * LN2 + LN43 + LN4) / 4.0, rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_weights_are_broadcast_before_the_denominator():
    # Per-example weights [[1], [0]] broadcast to [[1, 1], [0, 0]]:
    # S = ln 2 + ln 2; sum of broadcast weights 2; non-zero count 2; N = 4.
    w = [[1.0], [0.0]]
    s = 2 * LN2
    cases = {
        Reduction.SUM: s,
        Reduction.MEAN: s / 2.0,
        Reduction.SUM_OVER_BATCH_SIZE: s / 4.0,
        Reduction.SUM_BY_NONZERO_WEIGHTS: s / 2.0,
    }
    for reduction, expected in cases.items():
        out = core.sigmoid_cross_entropy(SIG_LABELS, SIG_LOGITS, weights=w, reduction=reduction)
        np.testing.assert_allclose(out, expected, rtol=1e-14)
    out = core.sigmoid_cross_entropy(SIG_LABELS, SIG_LOGITS, weights=w, reduction="none")
    np.testing.assert_allclose(out, [[LN2, LN2], [0.0, 0.0]], rtol=1e-14)


# softmax_cross_entropy: three examples
# logits [[0,0,0], [0, ln 2, ln 5], [1, 2, 3]], one-hot labels on classes 0, 1, 2
# per-example losses: ln 3; -log(2/8) = ln 4; log(e^-2 + e^-1 + 1)
# weights [0, 2, 0.5]
SM_LOGITS = [[0.0, 0.0, 0.0], [0.0, LN2, math.log(5.0)], [1.0, 2.0, 3.0]]
SM_LABELS = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
SM_SPARSE = [0, 1, 2]
SM_LOSSES = [LN3, LN4, math.log(math.exp(-2.0) + math.exp(-1.0) + 1.0)]
SM_WEIGHTS = [0.0, 2.0, 0.5]
SM_S = 2.0 * SM_LOSSES[1] + 0.5 * SM_LOSSES[2]
SM_EXPECTED = {
    Reduction.NONE: [0.0, 2.0 * SM_LOSSES[1], 0.5 * SM_LOSSES[2]],
    Reduction.SUM: SM_S,
    Reduction.MEAN: SM_S / 2.5,
    Reduction.SUM_OVER_BATCH_SIZE: SM_S / 3.0,
    Reduction.SUM_BY_NONZERO_WEIGHTS: SM_S / 2.0,
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("reduction", ALL_REDUCTIONS)
def test_softmax_cross_entropy_every_reduction(reduction):
    for spelling in _both_spellings(reduction):
        out = core.softmax_cross_entropy(
            SM_LABELS, SM_LOGITS, weights=SM_WEIGHTS, reduction=spelling
        )
        np.testing.assert_allclose(out, SM_EXPECTED[reduction], rtol=1e-14)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("reduction", ALL_REDUCTIONS)
def test_sparse_softmax_cross_entropy_every_reduction(reduction):
    for spelling in _both_spellings(reduction):
        out = core.sparse_softmax_cross_entropy(
            SM_SPARSE, SM_LOGITS, weights=SM_WEIGHTS, reduction=spelling
        )
        np.testing.assert_allclose(out, SM_EXPECTED[reduction], rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_softmax_default_reduction_and_unit_weights():
    mean = sum(SM_LOSSES) / 3.0
    np.testing.assert_allclose(core.softmax_cross_entropy(SM_LABELS, SM_LOGITS), mean, rtol=1e-14)
    np.testing.assert_allclose(
        core.sparse_softmax_cross_entropy(SM_SPARSE, SM_LOGITS), mean, rtol=1e-14
    )
    np.testing.assert_allclose(
        core.softmax_cross_entropy(SM_LABELS, SM_LOGITS, weights=SM_WEIGHTS), SM_S / 2.0
    )


# mean_squared_error: labels [0, 1, 1, 0], predictions [0.5, 0.5, 1, 0.25]
# squared errors [1/4, 1/4, 0, 1/16], weights [1, 0, 2, 4]
# weighted [1/4, 0, 0, 1/4]; S = 1/2
# The third element has loss 0 but weight 2: it still counts as non-zero weight.
MSE_EXPECTED = {
    Reduction.NONE: [0.25, 0.0, 0.0, 0.25],
    Reduction.SUM: 0.5,
    Reduction.MEAN: 0.5 / 7.0,
    Reduction.SUM_OVER_BATCH_SIZE: 0.5 / 4.0,
    Reduction.SUM_BY_NONZERO_WEIGHTS: 0.5 / 3.0,
}


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("reduction", ALL_REDUCTIONS)
def test_mean_squared_error_every_reduction(reduction):
    for spelling in _both_spellings(reduction):
        out = core.mean_squared_error(
            [0.0, 1.0, 1.0, 0.0],
            [0.5, 0.5, 1.0, 0.25],
            weights=[1.0, 0.0, 2.0, 4.0],
            reduction=spelling,
        )
        np.testing.assert_allclose(out, MSE_EXPECTED[reduction], rtol=1e-15)


@pytest.mark.filterwarnings("error")
def test_mean_squared_error_default_is_mean():
    # (1/4 + 1/4 + 0 + 1/16) / 4
    out = core.mean_squared_error([0.0, 1.0, 1.0, 0.0], [0.5, 0.5, 1.0, 0.25])
    np.testing.assert_allclose(out, (0.25 + 0.25 + 0.0 + 0.0625) / 4.0, rtol=1e-15)


# --------------------------------------------------------------------------
# Zero denominators give 0 (TensorFlow's div_no_nan)
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("reduction", [Reduction.MEAN, Reduction.SUM_BY_NONZERO_WEIGHTS])
def test_all_zero_weights_give_zero(reduction):
    out = core.sigmoid_cross_entropy(SIG_LABELS, SIG_LOGITS, weights=0.0, reduction=reduction)
    assert float(out) == 0.0
    out = core.softmax_cross_entropy(SM_LABELS, SM_LOGITS, weights=[0, 0, 0], reduction=reduction)
    assert float(out) == 0.0
    out = core.sparse_softmax_cross_entropy(SM_SPARSE, SM_LOGITS, weights=0, reduction=reduction)
    assert float(out) == 0.0
    out = core.mean_squared_error([0.0, 1.0], [1.0, 0.0], weights=[0, 0], reduction=reduction)
    assert float(out) == 0.0


@pytest.mark.filterwarnings("error")
def test_weights_summing_to_zero_give_zero_mean():
    # S = 1·1 + (-1)·0 = 1 ≠ 0, but the denominator 1 + (-1) is 0: the result is 0.
    out = core.mean_squared_error(
        [0.0, 0.0], [1.0, 0.0], weights=[1.0, -1.0], reduction="weighted_mean"
    )
    assert float(out) == 0.0


@pytest.mark.filterwarnings("error")
def test_empty_batch_over_batch_size_gives_zero():
    out = core.mean_squared_error(np.zeros(0), np.zeros(0), reduction=Reduction.SUM_OVER_BATCH_SIZE)
    assert float(out) == 0.0


# --------------------------------------------------------------------------
# Label smoothing
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_sigmoid_label_smoothing():
    # s = 0.2: z' = z (1 - s) + 0.5 s, so 1 -> 0.9 and 0 -> 0.1.
    # x = 0: ln 2 whatever the label.
    # x = ln 3, z' = 0.1: -0.1 log(3/4) - 0.9 log(1/4).
    expected = (LN2 + 0.1 * LN43 + 0.9 * LN4) / 2.0
    out = core.sigmoid_cross_entropy([1.0, 0.0], [0.0, LN3], label_smoothing=0.2)
    np.testing.assert_allclose(out, expected, rtol=1e-14)
    # s = 1: every label becomes 1/2; at x = ln 3: 1/2 log(4/3) + 1/2 log 4.
    out = core.sigmoid_cross_entropy([1.0, 0.0], [LN3, LN3], label_smoothing=1.0)
    np.testing.assert_allclose(out, 0.5 * LN43 + 0.5 * LN4, rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_softmax_label_smoothing():
    # K = 3, s = 0.3: p' = p (1 - s) + s / K, so [0, 1, 0] -> [0.1, 0.8, 0.1].
    # logits [0, ln 2, ln 5]: q = [1, 2, 5] / 8.
    # loss = -(0.1 log(1/8) + 0.8 log(2/8) + 0.1 log(5/8))
    expected = 0.1 * math.log(8.0) + 0.8 * LN4 + 0.1 * math.log(8.0 / 5.0)
    out = core.softmax_cross_entropy(
        [[0.0, 1.0, 0.0]], [[0.0, LN2, math.log(5.0)]], label_smoothing=0.3
    )
    np.testing.assert_allclose(out, expected, rtol=1e-14)
    # s = 1: uniform p' = 1/3: loss = 1/3 (ln 8 + ln 4 + ln(8/5)).
    out = core.softmax_cross_entropy(
        [[0.0, 1.0, 0.0]], [[0.0, LN2, math.log(5.0)]], label_smoothing=1.0
    )
    np.testing.assert_allclose(out, (math.log(8.0) + LN4 + math.log(8.0 / 5.0)) / 3.0, rtol=1e-14)


@pytest.mark.filterwarnings("error")
def test_label_smoothing_zero_changes_nothing():
    np.testing.assert_allclose(
        core.softmax_cross_entropy(SM_LABELS, SM_LOGITS, label_smoothing=0.0),
        sum(SM_LOSSES) / 3.0,
        rtol=1e-14,
    )


@pytest.mark.parametrize("s", [-0.1, 1.1, -1e-12, np.nan, np.inf])
def test_bad_label_smoothing_raises(s):
    with pytest.raises(ValueError, match="label_smoothing"):
        core.sigmoid_cross_entropy([1.0, 0.0], [0.0, 0.0], label_smoothing=s)
    with pytest.raises(ValueError, match="label_smoothing"):
        core.softmax_cross_entropy([[1.0, 0.0]], [[0.0, 0.0]], label_smoothing=s)


# --------------------------------------------------------------------------
# dtypes
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda x: core.sigmoid_cross_entropy_with_logits([[1, 0]], x),
        lambda x: core.weighted_cross_entropy_with_logits([[1, 0]], x, 2.0),
        lambda x: core.softmax_cross_entropy_with_logits([[1, 0]], x),
        lambda x: core.sparse_softmax_cross_entropy_with_logits([1], x),
        lambda x: core.sigmoid_cross_entropy([[1, 0]], x, label_smoothing=0.1),
        lambda x: core.softmax_cross_entropy([[1, 0]], x, label_smoothing=0.1),
        lambda x: core.sparse_softmax_cross_entropy([1], x),
        lambda x: core.mean_squared_error([[1, 0]], x),
        lambda x: core.softmax_cross_entropy([[1, 0]], x, reduction="none"),
    ],
)
def test_dtype_follows_logits(call):
    assert np.asarray(call(np.array([[0.5, -1.0]], dtype=np.float32))).dtype == np.float32
    assert np.asarray(call(np.array([[0.5, -1.0]], dtype=np.float64))).dtype == np.float64
    assert np.asarray(call([[0, 1]])).dtype == np.float64


# --------------------------------------------------------------------------
# The float limit: infinities only where the mathematics says so
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings("error")
def test_softmax_cross_entropy_at_the_float_limit_is_not_zero():
    # logits [-M, -M, M] with M the largest float64 and the target on class 0:
    # the loss is LSE - x_0 >= M - (-M) = 2M, which overflows to +inf. It must
    # never be reported as 0 (a perfect prediction). The sparse loss and the
    # same state without the zero-label class both give inf.
    m = np.finfo(np.float64).max
    assert float(core.sparse_softmax_cross_entropy_with_logits(0, [-m, -m, m])) == np.inf
    assert float(core.softmax_cross_entropy_with_logits([1.0, 0.0], [-m, m])) == np.inf
    assert float(core.softmax_cross_entropy_with_logits([1.0, 0.0, 0.0], [-m, -m, m])) == np.inf


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["mean", "sum", "SUM", "", None, "weighted sum", 3])
def test_unknown_reduction_raises(bad):
    with pytest.raises(ValueError, match="reduction"):
        core.sigmoid_cross_entropy([1.0], [0.0], reduction=bad)
    with pytest.raises(ValueError, match="reduction"):
        core.softmax_cross_entropy([[1.0, 0.0]], [[0.0, 0.0]], reduction=bad)
    with pytest.raises(ValueError, match="reduction"):
        core.sparse_softmax_cross_entropy([0], [[0.0, 0.0]], reduction=bad)
    with pytest.raises(ValueError, match="reduction"):
        core.mean_squared_error([1.0], [0.0], reduction=bad)


@pytest.mark.parametrize(
    "fn", [core.sparse_softmax_cross_entropy_with_logits, core.sparse_softmax_cross_entropy]
)
@pytest.mark.parametrize(
    ("labels", "problem"),
    [
        ([0, 3], "<"),  # K = 3: 3 is out of range
        ([0, 7], "<"),
        ([-1, 0], ">= 0"),
        ([1.5, 0], "integer"),
        ([0.0, np.nan], "integer"),
        ([True, False], "integer"),
    ],
)
def test_bad_sparse_labels_raise(fn, labels, problem):
    logits = np.zeros((2, 3))
    with pytest.raises(ValueError, match="labels") as info:
        fn(labels, logits)
    assert problem in str(info.value)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: core.sigmoid_cross_entropy_with_logits([1.0, 0.0, 1.0], [0.0, 0.0]), "labels"),
        (
            lambda: core.weighted_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], [1.0, 2, 3]),
            "pos_weight",
        ),
        (
            lambda: core.softmax_cross_entropy_with_logits(np.ones((2, 3)), np.zeros((2, 4))),
            "labels",
        ),
        (
            lambda: core.sparse_softmax_cross_entropy_with_logits([0, 1, 2], np.zeros((2, 4))),
            "labels",
        ),
        (
            lambda: core.sigmoid_cross_entropy(np.ones((2, 3)), np.zeros((2, 4))),
            "multi_class_labels",
        ),
        (
            lambda: core.softmax_cross_entropy(np.ones((2, 3)), np.zeros((2, 4))),
            "onehot_labels",
        ),
        (
            lambda: core.sparse_softmax_cross_entropy([0, 1, 2], np.zeros((2, 4))),
            "labels",
        ),
        (lambda: core.mean_squared_error([1.0, 0.0, 1.0], [0.0, 0.0]), "predictions"),
    ],
)
def test_shape_mismatch_raises(call, name):
    with pytest.raises(ValueError, match="shape mismatch") as info:
        call()
    assert name in str(info.value)


def test_shape_mismatch_names_the_arguments():
    with pytest.raises(ValueError, match="multi_class_labels"):
        core.sigmoid_cross_entropy(np.ones((2, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="onehot_labels"):
        core.softmax_cross_entropy(np.ones((2, 3)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="predictions"):
        core.mean_squared_error([1.0, 0.0, 1.0], [0.0, 0.0])


@pytest.mark.parametrize(
    "call",
    [
        lambda w: core.sigmoid_cross_entropy(np.ones((2, 3)), np.zeros((2, 3)), weights=w),
        lambda w: core.softmax_cross_entropy(np.ones((2, 3)), np.zeros((2, 3)), weights=w),
        lambda w: core.sparse_softmax_cross_entropy([0, 1], np.zeros((2, 3)), weights=w),
        lambda w: core.mean_squared_error(np.ones((2, 3)), np.zeros((2, 3)), weights=w),
    ],
)
def test_weights_that_do_not_broadcast_raise(call):
    with pytest.raises(ValueError, match="weights"):
        call([1.0, 2.0, 3.0, 4.0, 5.0])


def test_nan_arguments_raise():
    with pytest.raises(ValueError, match="logits"):
        core.sigmoid_cross_entropy_with_logits([1.0], [np.nan])
    with pytest.raises(ValueError, match="labels"):
        core.softmax_cross_entropy_with_logits([np.nan, 1.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="pos_weight"):
        core.weighted_cross_entropy_with_logits([1.0], [0.0], np.nan)
    with pytest.raises(ValueError, match="weights"):
        core.mean_squared_error([1.0], [0.0], weights=np.nan)
