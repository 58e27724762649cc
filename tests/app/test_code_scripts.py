"""The code panel's scripts: each prints, as its last line, the number of the loss readout.

The NumPy scripts are run for real, in a clean interpreter that cannot import
Logit Lab. TensorFlow and PyTorch are not installed here, so their scripts
are compiled, checked for the functions they must name, and run against small
stand-ins written from the frameworks' documentation (NumPy formulas, not
``core``): that runs every line of the generated code and checks that the
weights, smoothing and reductions it writes out give the readout's number.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from app.code_scripts import SCRIPT_NAMES, scripts
from app.model import ExplorerModel, ExplorerState, build_state, default_class_names
from core import LossKind, Reduction

REDUCTIONS = tuple(r.value for r in Reduction)
REL, ABS = 1e-12, 1e-15


@dataclass(frozen=True)
class Case:
    """One state: a problem type, logits, a target (class index or values) and options."""

    name: str
    problem: str
    logits: tuple[float, ...]
    target: int | tuple[float, ...]
    loss: LossKind
    options: tuple[tuple[str, object], ...] = ()

    def state(self) -> ExplorerState:
        k = len(self.logits)
        changes: dict[str, object] = {
            "problem_type": self.problem,
            "logits": list(self.logits),
            "class_names": default_class_names(k),
            "loss": self.loss,
        }
        if isinstance(self.target, int):
            changes.update(target_mode="index", target_class=self.target, soft_target=[1 / k] * k)
        else:
            changes.update(target_mode="soft", target_class=0, soft_target=list(self.target))
        changes.update(dict(self.options))
        return build_state(ExplorerState(), changes)


def case(name: str, problem: str, logits, target, loss: LossKind, **options) -> Case:
    target = target if isinstance(target, int) else tuple(target)
    return Case(name, problem, tuple(logits), target, loss, tuple(options.items()))


Z4 = (2.0, 1.0, 0.1, -1.0)
Z5 = (1.5, -0.25, 3.0, -2.0, 0.7)
P4 = (0.1, 0.6, 0.2, 0.1)
Y5 = (1.0, 0.0, 0.3, 1.0, 0.75)

CASES = (
    # multiclass, tf.nn
    case("softmax_index", "multiclass", Z4, 0, LossKind.SOFTMAX_XENT),
    case("softmax_soft_T", "multiclass", Z4, P4, LossKind.SOFTMAX_XENT, temperature=2.5),
    case(
        "softmax_unnormalised",
        "multiclass",
        Z4,
        (0.5, 0.2, 0.2, 0.4),
        LossKind.SOFTMAX_XENT,
        auto_normalise=False,
    ),
    case("sparse_T", "multiclass", Z5, 3, LossKind.SPARSE_SOFTMAX_XENT, temperature=0.5),
    # multiclass, tf.compat.v1: every reduction, smoothing, weights including 0
    *(
        case(
            f"softmax_v1_{r}",
            "multiclass",
            Z4,
            1,
            LossKind.SOFTMAX,
            label_smoothing=0.1,
            weight=2.0,
            reduction=r,
        )
        for r in REDUCTIONS
    ),
    case(
        "softmax_v1_soft_w0",
        "multiclass",
        Z5,
        (0.2, 0.2, 0.2, 0.2, 0.2),
        LossKind.SOFTMAX,
        label_smoothing=0.3,
        weight=0.0,
        temperature=1.7,
    ),
    case(
        "sparse_v1_sum",
        "multiclass",
        Z4,
        2,
        LossKind.SPARSE_SOFTMAX,
        weight=0.5,
        reduction="weighted_sum",
    ),
    case(
        "sparse_v1_mean_w0",
        "multiclass",
        Z4,
        2,
        LossKind.SPARSE_SOFTMAX,
        weight=0.0,
        reduction="weighted_mean",
    ),
    case("mse_index_sum", "multiclass", Z4, 0, LossKind.MSE, weight=3.0, reduction="weighted_sum"),
    case(
        "mse_soft_none_T",
        "multiclass",
        Z5,
        (0.1, 0.2, 0.3, 0.3, 0.1),
        LossKind.MSE,
        reduction="none",
        temperature=0.8,
    ),
    # binary
    case("binary_sigmoid_T", "binary", (1.3,), (0.8,), LossKind.SIGMOID_XENT, temperature=1.5),
    case("binary_weighted", "binary", (-0.6,), (1.0,), LossKind.WEIGHTED_SIGMOID, pos_weight=4.0),
    case(
        "binary_v1_sum",
        "binary",
        (2.2,),
        (0.0,),
        LossKind.SIGMOID,
        label_smoothing=0.2,
        weight=1.5,
        reduction="weighted_sum",
    ),
    case(
        "binary_mse",
        "binary",
        (0.4,),
        (1.0,),
        LossKind.MSE,
        weight=2.0,
        reduction="weighted_sum_over_batch_size",
    ),
    # multi-label
    case("multilabel_sigmoid", "multilabel", Z5, Y5, LossKind.SIGMOID_XENT),
    case(
        "multilabel_weighted_T",
        "multilabel",
        Z5,
        Y5,
        LossKind.WEIGHTED_SIGMOID,
        pos_weight=0.25,
        temperature=3.0,
    ),
    *(
        case(
            f"multilabel_v1_{r}",
            "multilabel",
            Z5,
            Y5,
            LossKind.SIGMOID,
            label_smoothing=0.1,
            weight=2.0,
            reduction=r,
        )
        for r in REDUCTIONS
    ),
    case("multilabel_v1_w0", "multilabel", Z4, (1.0, 0.0, 1.0, 0.0), LossKind.SIGMOID, weight=0.0),
    case(
        "multilabel_v1_mean_w0",
        "multilabel",
        Z4,
        (1.0, 0.0, 1.0, 0.0),
        LossKind.SIGMOID,
        weight=0.0,
        reduction="weighted_mean",
    ),
    case(
        "multilabel_mse_none",
        "multilabel",
        Z4,
        (0.9, 0.0, 0.5, 0.2),
        LossKind.MSE,
        reduction="none",
        weight=0.7,
    ),
    # extremes: logits at the limit, a small temperature, many classes
    case(
        "softmax_extreme",
        "multiclass",
        (1000.0, -1000.0, 999.5),
        1,
        LossKind.SOFTMAX,
        temperature=0.05,
        label_smoothing=0.05,
    ),
    case(
        "sigmoid_extreme",
        "multilabel",
        (1000.0, -1000.0, 1 / 3),
        (0.0, 1.0, 0.5),
        LossKind.SIGMOID_XENT,
        temperature=0.05,
    ),
    case(
        "many_classes",
        "multiclass",
        tuple(math.sin(i) * 7 + 1 / 3 for i in range(40)),
        tuple(1 / 40 for _ in range(40)),
        LossKind.SOFTMAX_XENT,
    ),
)


@pytest.fixture(scope="module")
def generated(qapp) -> dict[str, tuple[dict[str, str], float]]:
    """Per case: the four scripts and the readout's value (``model.result.loss``)."""
    out = {}
    for c in CASES:
        model = ExplorerModel(c.state())
        out[c.name] = (scripts(model.state), model.result.loss)
    return out


def _close(value: float, expected: float) -> bool:
    return math.isclose(value, expected, rel_tol=REL, abs_tol=ABS)


def test_the_cases_cover_every_loss_problem_type_and_reduction():
    losses = {c.loss for c in CASES}
    assert losses == set(LossKind)
    assert {c.problem for c in CASES} == {"binary", "multiclass", "multilabel"}
    reductions = {
        dict(c.options).get("reduction", "weighted_sum_by_nonzero_weights") for c in CASES
    }
    assert reductions == set(REDUCTIONS)
    assert len({c.name for c in CASES}) == len(CASES)


# --------------------------------------------------------------------------
# NumPy: run for real, without Logit Lab
# --------------------------------------------------------------------------

DRIVER = """
import contextlib, importlib.util, io, json, runpy, sys
# Logit Lab may be installed here (editable or not): make its packages unimportable,
# so the scripts run as on a machine without Logit Lab.
class _WithoutLogitLab:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("core", "app", "resources"):
            raise ModuleNotFoundError(f"{name} (Logit Lab is hidden from the scripts)")
        return None
sys.meta_path.insert(0, _WithoutLogitLab())
for name in ("core", "app"):
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        pass
    else:
        raise AssertionError(f"Logit Lab's {name} must not be importable")
out = {}
for path in sys.argv[1:]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        runpy.run_path(path, run_name="__main__")
    out[path] = buffer.getvalue()
print(json.dumps(out))
"""


def _run_isolated(tmp_path: Path, texts: dict[str, str]) -> dict[str, str]:
    """Run each script in one clean interpreter (no repo on the path); name → its stdout."""
    paths = {}
    for name, text in texts.items():
        path = tmp_path / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        paths[str(path)] = name
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-I", str(driver), *paths],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {paths[p]: text for p, text in json.loads(done.stdout).items()}


def _last_line(stdout: str) -> float:
    lines = stdout.strip().splitlines()
    assert lines, "the script printed nothing"
    return float(lines[-1])


def test_numpy_scripts_print_the_readout_value(generated, tmp_path):
    texts = {name: generated[name][0]["code_numpy"] for name in generated}
    outputs = _run_isolated(tmp_path, texts)
    assert set(outputs) == set(texts)
    wrong = {}
    for name, stdout in outputs.items():
        expected = generated[name][1]
        value = _last_line(stdout)
        if not _close(value, expected):
            wrong[name] = (value, expected)
    assert not wrong, wrong


def test_a_numpy_script_runs_as_a_program_on_its_own(generated, tmp_path):
    text, expected = generated["multilabel_v1_weighted_mean"]
    path = tmp_path / "loss.py"
    path.write_text(text["code_numpy"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", str(path)],
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last == repr(float(last))  # a bare float, full precision
    assert _close(float(last), expected)


def test_numpy_scripts_import_numpy_only(generated):
    for name, (texts, _) in generated.items():
        imports = [
            line.strip()
            for line in texts["code_numpy"].splitlines()
            if line.lstrip().startswith(("import ", "from "))
        ]
        assert set(imports) <= {"import numpy as np", "import math"}, (name, imports)


# --------------------------------------------------------------------------
# Every script: the header, float64, the exact inputs, the right functions
# --------------------------------------------------------------------------


def test_every_script_compiles_and_starts_with_the_header(generated):
    for name, (texts, _) in generated.items():
        assert set(texts) == set(SCRIPT_NAMES)
        loss = dict((c.name, c) for c in CASES)[name].loss
        for script, text in texts.items():
            compile(text, f"{name}:{script}", "exec")
            header = text.split("import", 1)[0]
            assert header.startswith("# Logit Lab"), (name, script)
            assert "Generated by Logit Lab" in header
            assert loss.value in header
            assert "float64" in text and "last digit" in text
            last = [line for line in text.splitlines() if line.strip()][-1]
            assert last.startswith("print(float("), (name, script, last)


def test_scripts_hold_the_exact_doubles_and_the_options(generated):
    for c in CASES:
        texts, _ = generated[c.name]
        state = c.state()
        for script, text in texts.items():
            for z in state.logits:
                assert repr(float(z)) in text, (c.name, script, z)
            assert repr(float(state.temperature)) in text
            options = dict(c.options)
            if "label_smoothing" in options and c.loss in (LossKind.SOFTMAX, LossKind.SIGMOID):
                assert repr(float(options["label_smoothing"])) in text
            if c.loss in (
                LossKind.SOFTMAX,
                LossKind.SIGMOID,
                LossKind.SPARSE_SOFTMAX,
                LossKind.MSE,
            ):
                assert f'"{state.reduction.value}"' in text, (c.name, script)


#: What the TF2, compat.v1 and PyTorch scripts must call, per loss.
EXPECTED_NAMES = {
    LossKind.SOFTMAX_XENT: {
        "code_tf2": [
            "tf.nn.softmax_cross_entropy_with_logits",
            "CategoricalCrossentropy",
            "from_logits=True",
        ],
        "code_tf_v1": [
            "tf.compat.v1.losses.softmax_cross_entropy",
            "Reduction.SUM_BY_NONZERO_WEIGHTS",
            "weights=1.0",
        ],
        "code_torch": ["F.cross_entropy", "reduction='none'"],
    },
    LossKind.SOFTMAX: {
        "code_tf2": [
            "tf.nn.softmax_cross_entropy_with_logits",
            "CategoricalCrossentropy",
            "from_logits=True",
            "label_smoothing=label_smoothing",
            "sample_weight",
        ],
        "code_tf_v1": [
            "tf.compat.v1.losses.softmax_cross_entropy",
            "onehot_labels=labels",
            "label_smoothing=",
            "weights=",
        ],
        "code_torch": [
            "F.cross_entropy",
            "label_smoothing=label_smoothing",
            "reduction='none'",
            "per class",
        ],
    },
    LossKind.SPARSE_SOFTMAX_XENT: {
        "code_tf2": [
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            "SparseCategoricalCrossentropy",
            "from_logits=True",
        ],
        "code_tf_v1": [
            "tf.compat.v1.losses.sparse_softmax_cross_entropy",
            "Reduction.SUM_BY_NONZERO_WEIGHTS",
        ],
        "code_torch": ["F.cross_entropy", "torch.tensor([target_class])"],
    },
    LossKind.SPARSE_SOFTMAX: {
        "code_tf2": [
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            "SparseCategoricalCrossentropy",
            "from_logits=True",
        ],
        "code_tf_v1": ["tf.compat.v1.losses.sparse_softmax_cross_entropy", "weights="],
        "code_torch": ["F.cross_entropy", "torch.tensor([target_class])", "per class"],
    },
    LossKind.SIGMOID_XENT: {
        "code_tf2": [
            "tf.nn.sigmoid_cross_entropy_with_logits",
            "BinaryCrossentropy",
            "from_logits=True",
            "tf.reduce_mean",
        ],
        "code_tf_v1": ["tf.compat.v1.losses.sigmoid_cross_entropy", "multi_class_labels=labels"],
        "code_torch": ["F.binary_cross_entropy_with_logits", "losses.mean()"],
    },
    LossKind.WEIGHTED_SIGMOID: {
        "code_tf2": [
            "tf.nn.weighted_cross_entropy_with_logits",
            "pos_weight=pos_weight",
            "Keras has no pos_weight",
            "BinaryCrossentropy",
        ],
        "code_tf_v1": [
            "tf.compat.v1.nn.weighted_cross_entropy_with_logits",
            "targets=labels",
            "tf.reduce_mean",
        ],
        "code_torch": ["F.binary_cross_entropy_with_logits", "pos_weight=pos_weight"],
    },
    LossKind.SIGMOID: {
        "code_tf2": [
            "tf.nn.sigmoid_cross_entropy_with_logits",
            "BinaryCrossentropy",
            "from_logits=True",
            "0.5 * label_smoothing",
        ],
        "code_tf_v1": ["tf.compat.v1.losses.sigmoid_cross_entropy", "label_smoothing="],
        "code_torch": [
            "F.binary_cross_entropy_with_logits",
            "0.5 * label_smoothing",
            "label_smoothing exists for softmax",
        ],
    },
    LossKind.MSE: {
        "code_tf2": ["tf.math.squared_difference", "MeanSquaredError"],
        "code_tf_v1": ["tf.compat.v1.losses.mean_squared_error", "predictions=q"],
        "code_torch": ["F.mse_loss"],
    },
}


def test_scripts_name_the_right_functions(generated):
    for c in CASES:
        texts, _ = generated[c.name]
        state = c.state()
        for script, names in EXPECTED_NAMES[c.loss].items():
            for expected in names:
                assert expected in texts[script], (c.name, script, expected)
        if state.loss.value.startswith("tf.compat.v1.losses"):
            name = state.reduction.name
            assert f"tf.compat.v1.losses.Reduction.{name}" in texts["code_tf_v1"], c.name
            assert "weighted_sum_by_nonzero_weights" in texts["code_torch"]  # TF's default
            assert "reduction='mean'" in texts["code_torch"]  # ... is not PyTorch's mean
        probabilities = "tf.sigmoid(x)" if state.problem_type.sigmoid else "tf.nn.softmax(x)"
        if c.loss is LossKind.MSE:
            assert probabilities in texts["code_tf2"] and probabilities in texts["code_tf_v1"]


def test_softmax_and_sigmoid_scripts_never_mix_activations(generated):
    for c in CASES:
        texts, _ = generated[c.name]
        code = {k: _code_only(v) for k, v in texts.items()}
        if c.problem == "multiclass":
            assert "binary_cross_entropy" not in code["code_torch"], c.name
            assert "sigmoid" not in code["code_tf2"] + code["code_tf_v1"] + code["code_numpy"]
        else:
            assert "softmax" not in "".join(code.values()), c.name
            assert "F.cross_entropy" not in code["code_torch"], c.name


def _code_only(text: str) -> str:
    """The script without its comments (none of the scripts has a # inside a string)."""
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def _comments(text: str) -> str:
    """The comments of a script as one line of words (line breaks undone)."""
    words = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    return " ".join(" ".join(words).split())


def test_class_names_are_written_as_safe_literals(qapp):
    names = ("it's", 'say "hi"', "two\nlines", "猫 \u2028 tab\tend")
    state = build_state(ExplorerState(), {"class_names": names})
    for text in scripts(state).values():
        compile(text, "names", "exec")
        namespace: dict[str, object] = {}
        line = next(line for line in text.splitlines() if line.startswith("class_names = "))
        exec(line, namespace)
        assert namespace["class_names"] == list(names)
        assert "two\nlines" not in text  # no raw newline can end a comment early


def test_long_logit_lists_wrap_and_stay_exact(generated):
    texts, _ = generated["many_classes"]
    for script, text in texts.items():
        namespace: dict[str, object] = {"np": np}
        start = text.index("logits = ")
        source = text[start : text.index(")", start) + 1]
        assert "\n" in source, script  # wrapped
        if script == "code_numpy":
            exec(source, namespace)
            z = np.array([math.sin(i) * 7 + 1 / 3 for i in range(40)])
            assert np.array_equal(namespace["logits"], z)


def test_scripts_follow_every_number_that_changes(qapp):
    base = build_state(ExplorerState(), {"loss": LossKind.SOFTMAX})
    before = scripts(base)
    for change in (
        {"logits": [2.0, 1.0, 0.1, -1.5]},
        {"target_class": 2},
        {"temperature": 1.25},
        {"label_smoothing": 0.05},
        {"weight": 0.5},
        {"reduction": "weighted_sum"},
        {"class_names": ["a", "b", "c", "d"]},
    ):
        after = scripts(build_state(base, change))
        assert all(after[k] != before[k] for k in SCRIPT_NAMES), change


# --------------------------------------------------------------------------
# TensorFlow and PyTorch scripts, run against stand-ins written from the docs
# --------------------------------------------------------------------------


# Plain NumPy here, not scipy: scipy's array-API support looks for a module named
# "torch" and would take the stand-in for the real one.


def _log_softmax(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return x - np.logaddexp.reduce(x, axis=-1, keepdims=True)


def _softmax(x, axis: int = -1) -> np.ndarray:
    return np.exp(_log_softmax(x))


def _log_sigmoid(x) -> np.ndarray:
    return -np.logaddexp(0.0, -np.asarray(x, dtype=np.float64))


def _sigmoid(x) -> np.ndarray:
    return np.exp(_log_sigmoid(x))


def _bce(labels, x, pos_weight=1.0) -> np.ndarray:
    """−[w·y·log σ(x) + (1 − y)·log(1 − σ(x))] per element (TF and PyTorch agree)."""
    return -(pos_weight * labels * _log_sigmoid(x) + (1.0 - labels) * _log_sigmoid(-np.asarray(x)))


def _reduce(losses, weights, reduction: str) -> np.ndarray:
    """tf.compat.v1.losses.compute_weighted_loss, as TensorFlow documents it."""
    losses = np.asarray(losses, dtype=np.float64)
    w = np.broadcast_to(np.asarray(weights, dtype=np.float64), losses.shape)
    weighted = losses * w
    if reduction == "none":
        return weighted
    total = weighted.sum()
    if reduction == "weighted_sum":
        return total
    denominator = {
        "weighted_mean": w.sum(),
        "weighted_sum_over_batch_size": losses.size,
        "weighted_sum_by_nonzero_weights": np.count_nonzero(w),
    }[reduction]
    return np.float64(0.0) if denominator == 0 else total / denominator


def _fake_tensorflow() -> types.ModuleType:
    tf = types.ModuleType("tensorflow")
    tf.float64 = np.float64

    def constant(value, dtype=None):
        return np.array(value, dtype=dtype)

    def one_hot(indices, depth, dtype=np.float32):
        return np.eye(depth, dtype=dtype)[np.asarray(indices)]

    tf.constant = constant
    tf.one_hot = one_hot
    tf.reduce_mean = lambda x: np.mean(x)
    tf.reduce_sum = lambda x: np.sum(x)
    tf.ones_like = np.ones_like
    tf.cast = lambda x, dtype: np.asarray(x, dtype=dtype)
    tf.size = lambda x: np.size(x)
    tf.reshape = lambda x, shape: np.reshape(x, shape)
    tf.sigmoid = _sigmoid
    tf.math = types.SimpleNamespace(
        squared_difference=lambda a, b: np.square(np.asarray(a) - np.asarray(b)),
        count_nonzero=np.count_nonzero,
        divide_no_nan=lambda a, b: np.float64(0.0) if b == 0 else a / b,
    )

    def softmax_xent(labels, logits):
        return -np.sum(labels * _log_softmax(logits), axis=-1)

    def sparse_xent(labels, logits):
        return -np.take_along_axis(_log_softmax(logits), np.asarray(labels)[:, None], -1)[:, 0]

    def weighted_xent(labels=None, logits=None, pos_weight=None, targets=None):
        return _bce(labels if labels is not None else targets, logits, pos_weight)

    tf.nn = types.SimpleNamespace(
        softmax=_softmax,
        softmax_cross_entropy_with_logits=softmax_xent,
        sparse_softmax_cross_entropy_with_logits=sparse_xent,
        sigmoid_cross_entropy_with_logits=lambda labels, logits: _bce(labels, logits),
        weighted_cross_entropy_with_logits=weighted_xent,
    )

    # Keras: per-example losses (means over the last axis for the elementwise ones),
    # times sample_weight, averaged over the batch.
    def keras_loss(per_example):
        def make(**config):
            def call(y_true, y_pred, sample_weight=None):
                values = per_example(np.asarray(y_true), np.asarray(y_pred), **config)
                w = 1.0 if sample_weight is None else np.asarray(sample_weight)
                return np.sum(values * w) / values.size

            return call

        return make

    def categorical(y, x, from_logits, label_smoothing=0.0):
        assert from_logits
        y = y * (1 - label_smoothing) + label_smoothing / y.shape[-1]
        return softmax_xent(y, x)

    def sparse(y, x, from_logits):
        assert from_logits
        return sparse_xent(y, x)

    def binary(y, x, from_logits, label_smoothing=0.0):
        assert from_logits
        return np.mean(_bce(y * (1 - label_smoothing) + 0.5 * label_smoothing, x), axis=-1)

    floatx = []
    tf.keras = types.SimpleNamespace(
        backend=types.SimpleNamespace(set_floatx=floatx.append),
        losses=types.SimpleNamespace(
            CategoricalCrossentropy=keras_loss(categorical),
            SparseCategoricalCrossentropy=keras_loss(sparse),
            BinaryCrossentropy=keras_loss(binary),
            MeanSquaredError=keras_loss(lambda y, q: np.mean(np.square(q - y), axis=-1)),
        ),
    )
    tf.floatx = floatx

    def v1_softmax(onehot_labels, logits, weights, label_smoothing, reduction):
        k = onehot_labels.shape[-1]
        labels = onehot_labels * (1 - label_smoothing) + label_smoothing / k
        return _reduce(softmax_xent(labels, logits), weights, reduction)

    def v1_sparse(labels, logits, weights, reduction):
        return _reduce(sparse_xent(labels, logits), weights, reduction)

    def v1_sigmoid(multi_class_labels, logits, weights, label_smoothing, reduction):
        labels = multi_class_labels * (1 - label_smoothing) + 0.5 * label_smoothing
        return _reduce(_bce(labels, logits), weights, reduction)

    def v1_mse(labels, predictions, weights, reduction):
        return _reduce(np.square(predictions - labels), weights, reduction)

    class Session:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def run(self, value):
            return np.asarray(value)

    eager = []
    tf.compat = types.SimpleNamespace(
        v1=types.SimpleNamespace(
            disable_eager_execution=lambda: eager.append(False),
            Session=Session,
            nn=types.SimpleNamespace(weighted_cross_entropy_with_logits=weighted_xent),
            losses=types.SimpleNamespace(
                Reduction=types.SimpleNamespace(**{r.name: r.value for r in Reduction}),
                softmax_cross_entropy=v1_softmax,
                sparse_softmax_cross_entropy=v1_sparse,
                sigmoid_cross_entropy=v1_sigmoid,
                mean_squared_error=v1_mse,
            ),
        )
    )
    return tf


class _Tensor(np.ndarray):
    """Enough of torch.Tensor for the scripts: a NumPy array with numel() and to()."""

    def numel(self) -> int:
        return int(self.size)

    def to(self, dtype):
        return np.asarray(self, dtype=dtype).view(_Tensor)


def _fake_torch() -> tuple[types.ModuleType, types.ModuleType, types.ModuleType]:
    torch = types.ModuleType("torch")
    nn = types.ModuleType("torch.nn")
    functional = types.ModuleType("torch.nn.functional")
    torch.nn, nn.functional = nn, functional
    torch.float64 = np.float64

    def tensor(data, dtype=None):
        return np.array(data, dtype=dtype).view(_Tensor)

    torch.tensor = tensor
    torch.full = lambda shape, value, dtype=None: np.full(shape, value, dtype=dtype).view(_Tensor)
    torch.zeros = lambda shape, dtype=None: np.zeros(shape, dtype=dtype).view(_Tensor)
    torch.ones_like = lambda x: np.ones_like(x).view(_Tensor)
    torch.count_nonzero = lambda x: np.count_nonzero(x)
    torch.softmax = lambda x, dim: _softmax(x, axis=dim).view(_Tensor)
    torch.sigmoid = lambda x: _sigmoid(x).view(_Tensor)

    def cross_entropy(x, target, reduction="mean", label_smoothing=0.0):
        assert reduction == "none"
        log_q = _log_softmax(x)
        target = np.asarray(target)
        k = log_q.shape[-1]
        if target.dtype.kind in "iu":  # class indices
            nll = -np.take_along_axis(log_q, target[:, None], -1)[:, 0]
            out = (1 - label_smoothing) * nll - label_smoothing * log_q.mean(axis=-1)
        else:  # class probabilities
            out = -np.sum((target * (1 - label_smoothing) + label_smoothing / k) * log_q, -1)
        return out.view(_Tensor)

    def bce(x, target, reduction="mean", pos_weight=None):
        assert reduction == "none"
        w = 1.0 if pos_weight is None else np.asarray(pos_weight)
        return _bce(np.asarray(target), x, w).view(_Tensor)

    def mse_loss(q, target, reduction="mean"):
        assert reduction == "none"
        return np.square(np.asarray(q) - np.asarray(target)).view(_Tensor)

    def one_hot(indices, num_classes):
        return np.eye(num_classes, dtype=np.int64)[np.asarray(indices)].view(_Tensor)

    functional.cross_entropy = cross_entropy
    functional.binary_cross_entropy_with_logits = bce
    functional.mse_loss = mse_loss
    functional.one_hot = one_hot
    return torch, nn, functional


@contextlib.contextmanager
def _stand_ins(monkeypatch) -> Iterator[types.ModuleType]:
    tf = _fake_tensorflow()
    torch, nn, functional = _fake_torch()
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "tensorflow", tf)
        m.setitem(sys.modules, "torch", torch)
        m.setitem(sys.modules, "torch.nn", nn)
        m.setitem(sys.modules, "torch.nn.functional", functional)
        yield tf


def _run_here(text: str) -> list[str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(text, "<script>", "exec"), {"__name__": "__main__"})
    return buffer.getvalue().strip().splitlines()


@pytest.mark.parametrize("script", ["code_tf2", "code_tf_v1", "code_torch"])
def test_framework_scripts_print_the_readout_value_with_stand_ins(generated, monkeypatch, script):
    wrong = {}
    with _stand_ins(monkeypatch) as tf:
        for c in CASES:
            texts, expected = generated[c.name]
            lines = _run_here(texts[script])
            value = float(lines[-1])
            if not _close(value, expected):
                wrong[c.name] = (value, expected)
            if script == "code_tf2":
                # The Keras line says truthfully whether it prints the same number.
                keras = float(
                    next(line for line in lines if line.startswith("Keras")).split(":")[1]
                )
                same = "Keras prints the same number" in _comments(texts[script])
                assert _close(keras, expected) == same, (c.name, keras, expected)
        if script == "code_tf2":
            assert set(tf.floatx) == {"float64"}
    assert not wrong, wrong


def test_stand_ins_catch_a_wrong_script(generated, monkeypatch):
    """The stand-in check can fail: a script that forgets the weight prints another number."""
    texts, expected = generated["softmax_v1_weighted_sum"]
    broken = texts["code_torch"].replace("weighted = losses * weights", "weighted = losses")
    with _stand_ins(monkeypatch):
        value = float(_run_here(broken)[-1])
    assert not _close(value, expected)
