"""No NaN, ever: random logits in [−1000, 1000], random targets, every problem type and option."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import (
    MSE,
    READOUTS,
    REDUCTIONS,
    SPARSE_LOSSES,
    assert_no_nan,
    assert_readouts_match_state,
    child,
    losses_for,
    readout_texts,
    readout_values,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QWidget

LOGIT = st.floats(-1000.0, 1000.0, allow_nan=False, allow_infinity=False)


@st.composite
def changes(draw):
    problem = draw(st.sampled_from(["binary", "multiclass", "multilabel"]))
    k = 1 if problem == "binary" else draw(st.integers(2, 12))
    # Sigmoid outputs take one target per output; a class index is multiclass only.
    mode = draw(st.sampled_from(["index", "soft"])) if problem == "multiclass" else "soft"
    losses = [x for x in losses_for(problem) if mode == "index" or x not in SPARSE_LOSSES]
    out = {
        "problem_type": problem,
        "num_classes": k,
        "logits": draw(st.lists(LOGIT, min_size=k, max_size=k)),
        "target_mode": mode,
        "target_class": draw(st.integers(0, k - 1)),
        "auto_normalise": draw(st.booleans()),
        "soft_target": draw(
            st.lists(
                st.one_of(st.just(0.0), st.just(1.0), st.floats(0.0, 1.0)),
                min_size=k,
                max_size=k,
            )
        ),
        "temperature": draw(st.one_of(st.just(0.05), st.floats(0.05, 20.0))),
        "units": draw(st.sampled_from(["nats", "bits"])),
        "loss": draw(st.sampled_from(losses)),
        "label_smoothing": draw(st.floats(0.0, 1.0)),
        "pos_weight": draw(st.one_of(st.just(0.0), st.floats(0.0, 1000.0))),
        "weight": draw(st.one_of(st.just(0.0), st.floats(0.0, 1000.0))),
        "reduction": draw(st.sampled_from(REDUCTIONS)),
        "dtype": draw(st.sampled_from(["float64", "float32"])),
    }
    return out


def assert_everything_shown_is_sane(window) -> None:
    values = readout_values(window)
    assert_no_nan(values)
    assert_readouts_match_state(window, rel=1e-7, abs_=1e-9)
    for name in READOUTS:
        for text in readout_texts(window, name):
            assert "nan" not in text.lower(), (name, text)
    pw = child(window, QWidget, "probability_plot")
    for bar in (pw.q_bars, pw.p_bars):
        assert np.isfinite(np.asarray(bar.opts["height"], dtype=np.float64)).all()
    ip = child(window, QWidget, "information_plot")
    for bar in (ip.entropy_bar, ip.kl_bar, ip.cross_entropy_bar, ip.mse_bar):
        for key in ("height", "y0"):
            assert not np.isnan(np.asarray(bar.opts[key], dtype=np.float64)).any(), key
    hp = child(window, QWidget, "history_plot")
    _, y = hp.cross_entropy_curve.getData()
    assert y is not None and not np.isnan(y[-1])


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(c=changes())
def test_random_states_never_show_nan(window, c):
    window.model.update(**c)
    assert_everything_shown_is_sane(window)


EXTREMES = [
    # The largest gap at the sharpest temperature: H(p,q) = 2000 / 0.05 = 40000 nats.
    {"logits": [1000.0, -1000.0], "num_classes": 2, "target_class": 1, "temperature": 0.05},
    {"logits": [-1000.0, 1000.0, -1000.0], "num_classes": 3, "target_class": 0},
    {"logits": [1000.0, 1000.0, 1000.0], "num_classes": 3, "temperature": 20.0},
    {
        "logits": [1000.0, -1000.0, 0.0],
        "num_classes": 3,
        "target_mode": "soft",
        "soft_target": [0.0, 1.0, 0.0],
        "problem_type": "multilabel",
        "loss": "tf.compat.v1.losses.sigmoid_cross_entropy",
        "label_smoothing": 1.0,
        "temperature": 0.05,
    },
    {
        "logits": [1000.0, -1000.0],
        "num_classes": 2,
        "target_mode": "soft",
        "auto_normalise": False,
        "soft_target": [0.0, 0.0],
        "problem_type": "multilabel",
        "loss": "tf.nn.weighted_cross_entropy_with_logits",
        "pos_weight": 1000.0,
    },
    {
        "logits": [-1000.0] * 99 + [1000.0],
        "num_classes": 100,
        "target_mode": "soft",
        "soft_target": [0.01] * 100,
        "units": "bits",
        "temperature": 0.05,
    },
    {"logits": [123.0, 456.0, 789.0], "num_classes": 3, "loss": MSE},
    # One sigmoid at the float limits: σ(±20000) is 0 or 1 exactly, its log is not.
    {
        "problem_type": "binary",
        "num_classes": 1,
        "logits": [1000.0],
        "soft_target": [0.0],
        "loss": "tf.compat.v1.losses.sigmoid_cross_entropy",
        "temperature": 0.05,
        "weight": 1000.0,
        "reduction": "weighted_sum",
    },
    {
        "problem_type": "binary",
        "num_classes": 1,
        "logits": [-1000.0],
        "soft_target": [1.0],
        "loss": "tf.nn.weighted_cross_entropy_with_logits",
        "pos_weight": 1000.0,
        "temperature": 0.05,
    },
    {
        "problem_type": "multilabel",
        "num_classes": 100,
        "logits": [-1000.0, 1000.0] * 50,
        "soft_target": [1.0, 0.0] * 50,
        "loss": MSE,
        "weight": 0.0,
        "reduction": "weighted_mean",
        "units": "bits",
    },
    {
        "logits": [1000.0, -1000.0, 0.0],
        "num_classes": 3,
        "target_class": 1,
        "loss": "tf.compat.v1.losses.sparse_softmax_cross_entropy",
        "weight": 1000.0,
        "reduction": "none",
        "dtype": "float32",
    },
]


@pytest.mark.parametrize("c", EXTREMES, ids=range(len(EXTREMES)))
def test_extreme_states_never_show_nan(window, c):
    window.model.update(**c)
    assert_everything_shown_is_sane(window)
    for name, v in readout_values(window).items():
        assert math.isfinite(v) or v == math.inf, (name, v)


def test_largest_cross_entropy_is_exact(window):
    window.model.update(**EXTREMES[0])
    assert readout_values(window)["readout_cross_entropy"] == pytest.approx(40000.0, rel=1e-12)
