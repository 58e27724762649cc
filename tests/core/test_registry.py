"""The loss registry (core.registry) against independent references.

Every entry's ``value_and_grad`` is checked against losses and gradients
written out here from scipy.special (softmax, log_softmax, expit, xlogy),
against values derived by hand, and against central finite differences of the
scipy reference. The implementation is never its own only reference.
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
from core import LOSSES, LossKind, LossOptions, LossSpec, loss_spec

pytestmark = pytest.mark.filterwarnings("error")

H = 1e-6
RTOL, ATOL = 1e-12, 1e-14
FD_TOL = {"rtol": 1e-6, "atol": 1e-8}


# --------------------------------------------------------------------------
# Independent references: one example, one row x of shape (K,)
# --------------------------------------------------------------------------


def smoothed(p, s, n):
    return p * (1 - s) + s / n


def ref_softmax(p, x, s, w):
    labels = smoothed(p, s, x.size)
    return -np.sum(labels * special.log_softmax(x))


def ref_softmax_grad(p, x, s, w):
    labels = smoothed(p, s, x.size)
    return special.softmax(x) * labels.sum() - labels


def ref_sparse(p, x, s, w):
    return -special.log_softmax(x)[int(np.argmax(p))]


def ref_sparse_grad(p, x, s, w):
    return special.softmax(x) - np.eye(x.size)[int(np.argmax(p))]


def ref_sigmoid(p, x, s, w):
    z = smoothed(p, s, 2)
    # -z log σ(x) - (1 - z) log(1 - σ(x)), with 1 - σ(x) = σ(-x)
    return np.mean(-special.xlogy(z, special.expit(x)) - special.xlogy(1 - z, special.expit(-x)))


def ref_sigmoid_grad(p, x, s, w):
    return (special.expit(x) - smoothed(p, s, 2)) / x.size


def ref_weighted(p, x, s, w):
    return np.mean(
        -w * special.xlogy(p, special.expit(x)) - special.xlogy(1 - p, special.expit(-x))
    )


def ref_weighted_grad(p, x, s, w):
    # d/dx [-w p log σ(x) - (1 - p) log σ(-x)] = -w p σ(-x) + (1 - p) σ(x)
    return (-w * p * special.expit(-x) + (1 - p) * special.expit(x)) / x.size


def ref_mse(p, x, s, w):
    return np.mean((special.softmax(x) - p) ** 2)


def ref_mse_grad(p, x, s, w):
    # Chain rule through the softmax Jacobian J = diag(q) - q qᵀ (symmetric).
    q = special.softmax(x)
    jacobian = np.diag(q) - np.outer(q, q)
    return jacobian @ (2 * (q - p) / x.size)


REFERENCES = {
    LossKind.SOFTMAX: (ref_softmax, ref_softmax_grad),
    LossKind.SPARSE_SOFTMAX: (ref_sparse, ref_sparse_grad),
    LossKind.SIGMOID: (ref_sigmoid, ref_sigmoid_grad),
    LossKind.WEIGHTED_SIGMOID: (ref_weighted, ref_weighted_grad),
    LossKind.MSE: (ref_mse, ref_mse_grad),
}


def reference(spec):
    assert spec.kind in REFERENCES, f"add an independent reference for {spec.kind}"
    return REFERENCES[spec.kind]


def fd_grad(f, x, h=H):
    g = np.empty_like(x)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


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
    if "label_smoothing" in spec.options:
        sets += [LossOptions(label_smoothing=0.2), LossOptions(label_smoothing=1.0)]
    if "pos_weight" in spec.options:
        sets += [LossOptions(pos_weight=3.0), LossOptions(pos_weight=0.25)]
    return sets


def cases():
    rng = np.random.default_rng(20240611)
    for spec in LOSSES.values():
        for k in (1, 2, 3, 7):
            x = rng.normal(0.0, 3.0, size=(4, k))
            for j, p in enumerate(targets(spec, k, rng)):
                for options in option_sets(spec):
                    case_id = f"{spec.kind.value}-K{k}-p{j}-{options}"
                    yield pytest.param(spec, p, x, options, id=case_id)


CASES = list(cases())


@pytest.mark.parametrize(("spec", "p", "x", "options"), CASES)
def test_value_and_grad_matches_scipy_and_finite_differences(spec, p, x, options):
    ref_loss, ref_grad = reference(spec)
    s, w = options.label_smoothing, options.pos_weight
    loss, grad = spec.value_and_grad(p, x.copy(), options)
    assert loss.shape == (x.shape[0],)
    assert grad.shape == x.shape
    for row in range(x.shape[0]):
        xi = x[row]
        assert loss[row] == pytest.approx(ref_loss(p, xi, s, w), rel=RTOL, abs=ATOL)
        np.testing.assert_allclose(grad[row], ref_grad(p, xi, s, w), rtol=1e-11, atol=1e-15)
        np.testing.assert_allclose(grad[row], fd_grad(lambda v: ref_loss(p, v, s, w), xi), **FD_TOL)


@pytest.mark.parametrize(("spec", "p", "x", "options"), CASES)
def test_value_and_grad_leaves_its_inputs_alone(spec, p, x, options):
    p_before, x_before = p.copy(), x.copy()
    spec.value_and_grad(p, x, options)
    np.testing.assert_array_equal(p, p_before)
    np.testing.assert_array_equal(x, x_before)


# --------------------------------------------------------------------------
# Hand-derived values
# --------------------------------------------------------------------------

LOG2, LOG3, LOG4 = math.log(2), math.log(3), math.log(4)

# (kind, p, x (one row), options, loss, grad)
HAND_CASES = [
    # softmax of [0, 0] is [1/2, 1/2]: -log(1/2) = log 2; q - p.
    (LossKind.SOFTMAX, [1, 0], [0, 0], {}, LOG2, [-0.5, 0.5]),
    # x = [log 3, 0]: q = [3/4, 1/4], loss = -log(3/4).
    (LossKind.SOFTMAX, [1, 0], [LOG3, 0], {}, math.log(4 / 3), [-0.25, 0.25]),
    # Smoothing 0.2 over K = 2: p' = [0.9, 0.1], loss still log 2 at x = 0, grad q - p'.
    (LossKind.SOFTMAX, [1, 0], [0, 0], {"label_smoothing": 0.2}, LOG2, [-0.4, 0.4]),
    # Four equal logits: -log(1/4); grad 1/4 - onehot.
    (LossKind.SPARSE_SOFTMAX, [1, 0, 0, 0], [0, 0, 0, 0], {}, LOG4, [-0.75, 0.25, 0.25, 0.25]),
    # Each element log 2 at x = 0; grad (σ(0) - z) / K = (1/2 - z) / 2.
    (LossKind.SIGMOID, [1, 0], [0, 0], {}, LOG2, [-0.25, 0.25]),
    # Full smoothing: every label 1/2. σ(log 3) = 3/4: element 0 is
    # -(1/2)log(3/4) - (1/2)log(1/4) = (1/2)log(16/3); element 1 is log 2.
    (
        LossKind.SIGMOID,
        [1, 0],
        [LOG3, 0],
        {"label_smoothing": 1.0},
        (0.5 * math.log(16 / 3) + LOG2) / 2,
        [(0.75 - 0.5) / 2, 0.0],
    ),
    # pos_weight 3: the positive element costs 3 log 2, the negative log 2; mean 2 log 2.
    # grad: (-3·1·σ(0)) / 2 and (σ(0)) / 2.
    (LossKind.WEIGHTED_SIGMOID, [1, 0], [0, 0], {"pos_weight": 3.0}, 2 * LOG2, [-0.75, 0.25]),
    # q = [1/2, 1/2] against p = [0, 1]: ((1/2)² + (1/2)²) / 2 = 1/4.
    # grad_j = (2/K) q_j ((q_j - p_j) - Σ (q_i - p_i) q_i) = q_j (q_j - p_j) here.
    (LossKind.MSE, [0, 1], [0, 0], {}, 0.25, [0.25, -0.25]),
]


@pytest.mark.parametrize(("kind", "p", "x", "options", "loss", "grad"), HAND_CASES)
def test_hand_derived_values(kind, p, x, options, loss, grad):
    got_loss, got_grad = LOSSES[kind].value_and_grad(
        np.array(p, dtype=np.float64), np.array([x], dtype=np.float64), LossOptions(**options)
    )
    assert got_loss[0] == pytest.approx(loss, rel=1e-15, abs=1e-16)
    np.testing.assert_allclose(got_grad[0], grad, rtol=1e-15, atol=1e-16)


def test_every_entry_has_a_hand_derived_case():
    assert {case[0] for case in HAND_CASES} == set(LOSSES)


# --------------------------------------------------------------------------
# The public per-example function and gradient of each entry
# --------------------------------------------------------------------------


def call_public(fn, spec, p, x, options):
    """Call the entry's per_example / gradient the way its kind takes arguments."""
    rows = x.shape[0]
    if spec.needs_class_index:
        return fn(np.full(rows, int(np.argmax(p))), x)
    # Label smoothing is applied to the labels before the tf.nn-style function.
    outcomes = 2 if spec.activation == "sigmoid" else x.shape[-1]
    labels = (
        smoothed(p, options.label_smoothing, outcomes) if "label_smoothing" in spec.options else p
    )
    labels = np.broadcast_to(labels, x.shape)
    if "pos_weight" in spec.options:
        return fn(labels, x, options.pos_weight)
    return fn(labels, x)


@pytest.mark.parametrize(("spec", "p", "x", "options"), CASES)
def test_per_example_and_gradient_agree_with_value_and_grad(spec, p, x, options):
    loss, grad = spec.value_and_grad(p, x, options)
    per_example = call_public(spec.per_example, spec, p, x, options)
    public_grad = call_public(spec.gradient, spec, p, x, options)
    if spec.activation == "sigmoid":
        # One loss per element; the one-example loss is their mean over K.
        k = x.shape[-1]
        assert per_example.shape == x.shape
        np.testing.assert_allclose(per_example.sum(axis=-1), k * loss, rtol=1e-13, atol=1e-14)
        np.testing.assert_allclose(public_grad, k * grad, rtol=1e-13, atol=1e-15)
    else:
        assert per_example.shape == (x.shape[0],)
        np.testing.assert_allclose(per_example, loss, rtol=1e-13, atol=1e-14)
        np.testing.assert_allclose(public_grad, grad, rtol=1e-13, atol=1e-15)


def test_softmax_mean_squared_error_matches_the_compat_v1_loss():
    # The MSE entry's per-example function is tf.compat.v1.losses.mean_squared_error
    # of the softmax probabilities, one example at a time.
    rng = np.random.default_rng(3)
    x = rng.normal(size=(5, 4))
    p = rng.dirichlet(np.ones(4), size=5)
    expected = [core.mean_squared_error(p[i], special.softmax(x[i])) for i in range(5)]
    np.testing.assert_allclose(core.softmax_mean_squared_error(p, x), expected, rtol=1e-14)


# --------------------------------------------------------------------------
# What each entry declares
# --------------------------------------------------------------------------

EXPECTED = {
    # kind: (tf_name, problem types, options, needs_class_index, activation)
    LossKind.SOFTMAX: (
        "tf.compat.v1.losses.softmax_cross_entropy",
        {"multiclass"},
        {"label_smoothing", "weights", "reduction"},
        False,
        "softmax",
    ),
    LossKind.SPARSE_SOFTMAX: (
        "tf.compat.v1.losses.sparse_softmax_cross_entropy",
        {"multiclass"},
        {"weights", "reduction"},
        True,
        "softmax",
    ),
    LossKind.SIGMOID: (
        "tf.compat.v1.losses.sigmoid_cross_entropy",
        {"binary", "multilabel"},
        {"label_smoothing", "weights", "reduction"},
        False,
        "sigmoid",
    ),
    LossKind.WEIGHTED_SIGMOID: (
        "tf.nn.weighted_cross_entropy_with_logits",
        {"binary", "multilabel"},
        {"pos_weight"},
        False,
        "sigmoid",
    ),
    LossKind.MSE: (
        "tf.compat.v1.losses.mean_squared_error",
        {"binary", "multiclass", "multilabel"},
        {"weights", "reduction"},
        False,
        "softmax",
    ),
}


@pytest.mark.parametrize("kind", list(LossKind))
def test_entry_declarations(kind):
    spec = LOSSES[kind]
    tf_name, problem_types, options, needs_class_index, activation = EXPECTED[kind]
    assert spec.kind is kind
    assert spec.tf_name == tf_name
    assert spec.problem_types == frozenset(problem_types)
    assert isinstance(spec.problem_types, frozenset) and isinstance(spec.options, frozenset)
    assert spec.options == frozenset(options)
    assert spec.needs_class_index is needs_class_index
    assert spec.activation == activation


def test_public_functions_of_each_entry():
    assert LOSSES[LossKind.SOFTMAX].per_example is core.softmax_cross_entropy_with_logits
    assert LOSSES[LossKind.SOFTMAX].gradient is core.softmax_cross_entropy_with_logits_grad
    sparse = LOSSES[LossKind.SPARSE_SOFTMAX]
    assert sparse.per_example is core.sparse_softmax_cross_entropy_with_logits
    assert sparse.gradient is core.sparse_softmax_cross_entropy_with_logits_grad
    assert LOSSES[LossKind.SIGMOID].per_example is core.sigmoid_cross_entropy_with_logits
    assert LOSSES[LossKind.SIGMOID].gradient is core.sigmoid_cross_entropy_with_logits_grad
    weighted = LOSSES[LossKind.WEIGHTED_SIGMOID]
    assert weighted.per_example is core.weighted_cross_entropy_with_logits
    assert weighted.gradient is core.weighted_cross_entropy_with_logits_grad
    assert LOSSES[LossKind.MSE].per_example is core.softmax_mean_squared_error
    assert LOSSES[LossKind.MSE].gradient is core.softmax_mean_squared_error_grad


def test_registry_order_and_loss_kind_values():
    # Display order, and the values saved scene files use: never change them.
    assert [kind.value for kind in LOSSES] == [
        "softmax_cross_entropy",
        "sparse_softmax_cross_entropy",
        "sigmoid_cross_entropy",
        "weighted_cross_entropy",
        "mean_squared_error",
    ]
    assert list(LOSSES) == list(LossKind)
    assert core.LossKind is core.registry.LossKind is core.explorer.LossKind
    assert LossKind.parse("mean_squared_error") is LossKind.MSE


def test_labels_and_tips():
    labels = [spec.label for spec in LOSSES.values()]
    assert labels == [
        "softmax cross-entropy",
        "sparse softmax cross-entropy",
        "sigmoid cross-entropy",
        "weighted sigmoid cross-entropy",
        "mean squared error",
    ]
    for spec in LOSSES.values():
        assert spec.tip.startswith(spec.tf_name), spec.kind
    assert "p′ = p(1 − s) + s/K" in LOSSES[LossKind.SOFTMAX].tip
    assert "(1/K) Σ (qᵢ − pᵢ)²" in LOSSES[LossKind.MSE].tip


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
    with pytest.raises(ValueError, match="kind"):
        loss_spec(bad)


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
    ],
)
def test_loss_options_validate(kwargs, name):
    with pytest.raises(ValueError, match=name):
        LossOptions(**kwargs)


def test_loss_options_are_plain_floats():
    options = LossOptions(label_smoothing=np.float32(0.5), pos_weight=2)
    assert type(options.label_smoothing) is float and type(options.pos_weight) is float


def test_sparse_entry_needs_a_one_hot_target():
    spec = LOSSES[LossKind.SPARSE_SOFTMAX]
    with pytest.raises(ValueError, match="one-hot"):
        spec.value_and_grad(np.array([0.5, 0.5]), np.zeros((1, 2)), LossOptions())


def test_malformed_entries_are_refused():
    good = LOSSES[LossKind.SOFTMAX]
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


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        LOSSES[LossKind.SOFTMAX] = LOSSES[LossKind.MSE]  # type: ignore[index]
    with pytest.raises(AttributeError):
        LOSSES[LossKind.SOFTMAX].tf_name = "tf.nn.relu"  # type: ignore[misc]


# --------------------------------------------------------------------------
# Options an entry does not list change nothing; dtypes; extreme logits
# --------------------------------------------------------------------------


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
def test_unlisted_options_are_ignored(spec):
    rng = np.random.default_rng(11)
    x = rng.normal(size=(3, 4))
    p = np.eye(4)[2]
    base = spec.value_and_grad(p, x, LossOptions())
    unlisted = {}
    if "label_smoothing" not in spec.options:
        unlisted["label_smoothing"] = 0.3
    if "pos_weight" not in spec.options:
        unlisted["pos_weight"] = 4.0
    other = spec.value_and_grad(p, x, LossOptions(**unlisted))
    np.testing.assert_array_equal(other[0], base[0])
    np.testing.assert_array_equal(other[1], base[1])


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
def test_float32_in_float32_out(spec):
    x = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]], dtype=np.float32)
    p = np.array([0.0, 1.0, 0.0], dtype=np.float32)
    loss, grad = spec.value_and_grad(p, x, LossOptions(label_smoothing=0.1, pos_weight=2.0))
    assert loss.dtype == np.float32 and grad.dtype == np.float32
    loss64, grad64 = spec.value_and_grad(
        p.astype(np.float64), x.astype(np.float64), LossOptions(label_smoothing=0.1, pos_weight=2.0)
    )
    np.testing.assert_allclose(loss, loss64, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grad, grad64, rtol=1e-5, atol=1e-6)


FMAX = float(np.finfo(np.float64).max)


@pytest.mark.parametrize("spec", list(LOSSES.values()), ids=lambda s: s.kind.value)
@pytest.mark.parametrize(
    "row", [[1e30, -1e30, 0.0], [FMAX, -FMAX, 0.0], [FMAX, FMAX, FMAX], [-FMAX, 0.0, 5.0]]
)
def test_extreme_finite_logits_raise_no_warning(spec, row):
    # pytestmark turns any RuntimeWarning into an error.
    x = np.array([row], dtype=np.float64)
    loss, grad = spec.value_and_grad(np.eye(3)[0], x, LossOptions(label_smoothing=0.1))
    assert loss.shape == (1,) and grad.shape == (1, 3)
    assert not np.isnan(loss).any()


def test_extreme_logits_give_the_limiting_values():
    # Logits ±1e30: softmax is exactly one-hot, each sigmoid exactly 0 or 1.
    x = np.array([[1e30, -1e30]])
    p = np.array([1.0, 0.0])
    opts = LossOptions()
    assert LOSSES[LossKind.SOFTMAX].value_and_grad(p, x, opts)[0][0] == 0.0
    assert LOSSES[LossKind.SPARSE_SOFTMAX].value_and_grad(p, x, opts)[0][0] == 0.0
    assert LOSSES[LossKind.SIGMOID].value_and_grad(p, x, opts)[0][0] == 0.0
    assert LOSSES[LossKind.MSE].value_and_grad(p, x, opts)[0][0] == 0.0
    # The wrong way round: -log q_y = 2e30, and the sigmoid loss mean(1e30, 1e30).
    wrong = np.array([0.0, 1.0])
    assert LOSSES[LossKind.SOFTMAX].value_and_grad(wrong, x, opts)[0][0] == 2e30
    assert LOSSES[LossKind.SIGMOID].value_and_grad(wrong, x, opts)[0][0] == 1e30
    assert LOSSES[LossKind.MSE].value_and_grad(wrong, x, opts)[0][0] == 1.0


# --------------------------------------------------------------------------
# evaluate dispatches through the registry
# --------------------------------------------------------------------------

EVALUATE_STATES = [
    ([2.0, 1.0, 0.1, -1.0], 1, 1.0),
    ([0.5, -2.0, 3.0], 0, 0.7),
    ([0.5, -2.0, 3.0], [0.2, 0.5, 0.3], 1.8),
    ([1e30, -1e30, 0.0], 0, 1.0),
]


@pytest.mark.parametrize(
    ("spec", "logits", "target", "t"),
    [
        pytest.param(spec, *state, id=f"{spec.kind.value}-{i}")
        for spec in LOSSES.values()
        for i, state in enumerate(EVALUATE_STATES)
        # An entry that needs a class index takes no soft target (tested below).
        if isinstance(state[1], int) or not spec.needs_class_index
    ],
)
def test_evaluate_gives_the_entry_loss(spec, logits, target, t):
    z = np.asarray(logits, dtype=np.float64)
    k = z.size
    p = np.eye(k)[target] if isinstance(target, int) else np.asarray(target, dtype=np.float64)
    options = {"label_smoothing": 0.15, "pos_weight": 2.5}
    r = core.evaluate(z, target, t, loss=spec.kind, sweep_points=9, **options)
    assert r.loss_kind is spec.kind
    assert r.loss_spec is spec

    # The state and every sweep row, computed by the entry from x = z / T.
    rows = np.tile(z, (10, 1))
    rows[1:, r.sweep_class] = r.sweep_z
    loss, grad = spec.value_and_grad(p, rows / t, LossOptions(**options))
    assert r.loss == pytest.approx(loss[0], rel=1e-12, abs=1e-14)
    np.testing.assert_allclose(r.grad_loss, grad[0] / t, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.sweep_loss, loss[1:], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(
        r.sweep_loss_grad, grad[1:, r.sweep_class] / t, rtol=1e-12, atol=1e-15
    )
    # ... and the independent reference agrees.
    if abs(z).max() < 1e3:
        ref_loss, _ = reference(spec)
        expected = ref_loss(p, z / t, options["label_smoothing"], options["pos_weight"])
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
        if spec.needs_class_index:
            with pytest.raises(ValueError, match="class-index target"):
                core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], loss=spec.kind)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                core.evaluate([1.0, 2.0, 3.0], [0.2, 0.3, 0.5], loss=spec.kind)


HUGE = st.floats(min_value=0.0, max_value=FMAX, allow_nan=False)


@settings(max_examples=80, deadline=None)
@example(z=[0.0], p=[2.55634816e305], t=1.0, s=0.0, w=1.0)
@example(z=[0.0, 0.0, 0.0], p=[3.3e307, 3.3e307, 3.3e307], t=1.0, s=0.0, w=1.0)
@example(z=[1.8e305, 0.0, 0.0], p=[1.8e305, 0.0, 0.0], t=0.001, s=0.0, w=0.0)
@example(z=[10.0, 10.0], p=[1.8e307, 1.8e307], t=1.0, s=0.0, w=1.0)
@example(z=[1.0, -2.0], p=[1e300, 0.0], t=1.0, s=0.0, w=1e300)
@given(
    z=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=5),
    p=st.lists(HUGE, min_size=5, max_size=5),
    t=st.floats(1e-3, 1e3),
    s=st.floats(0.0, 1.0),
    w=st.floats(-1e308, 1e308),
)
def test_evaluate_quiet_for_any_finite_soft_target(z, p, t, s, w):
    # ARCHITECTURE.md conventions: no RuntimeWarning escapes for any finite input, and a soft
    # target (or pos_weight) near the float limit is finite input. pytestmark
    # turns warnings into errors.
    target = np.array(p[: len(z)])
    for spec in LOSSES.values():
        if not spec.needs_class_index:
            core.evaluate(
                z, target, t, loss=spec.kind, label_smoothing=s, pos_weight=w, sweep_points=4
            )
