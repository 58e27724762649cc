"""No NaN, ever: random logits in [−1000, 1000], random soft targets, every option."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import (
    LOSSES,
    READOUTS,
    assert_no_nan,
    assert_readouts_match_state,
    child,
    readout_values,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel, QWidget

LOGIT = st.floats(-1000.0, 1000.0, allow_nan=False, allow_infinity=False)


@st.composite
def changes(draw):
    k = draw(st.integers(2, 12))
    mode = draw(st.sampled_from(["index", "soft"]))
    losses = [x for x in LOSSES if mode == "index" or x != "sparse_softmax_cross_entropy"]
    out = {
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
    }
    return out


def assert_everything_shown_is_sane(window) -> None:
    values = readout_values(window)
    assert_no_nan(values)
    assert_readouts_match_state(window, rel=1e-7, abs_=1e-9)
    for name in READOUTS:
        for label in child(window, QWidget, name).findChildren(QLabel):
            assert "nan" not in label.text().lower(), (name, label.text())
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
        "loss": "sigmoid_cross_entropy",
        "label_smoothing": 1.0,
        "temperature": 0.05,
    },
    {
        "logits": [1000.0, -1000.0],
        "num_classes": 2,
        "target_mode": "soft",
        "auto_normalise": False,
        "soft_target": [0.0, 0.0],
        "loss": "weighted_cross_entropy",
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
    {"logits": [123.0, 456.0, 789.0], "num_classes": 3, "loss": "mean_squared_error"},
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
