"""No stale display: after any sequence of changes every control shows exactly the model.

The class table and the options panel are built alone on a bare model. Hypothesis
drives the model through random updates and edit operations (as other views or the
menus would); after each one every box, slider, combo and pin must show the model's
value exactly (the boxes keep exact doubles, so equality is exact, not approximate).
"""

from __future__ import annotations

import numpy as np
import pytest
from gui_reference import child
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QSlider,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.model import ExplorerModel
from app.widgets.class_table import SLIDER_STEPS, ClassTable
from app.widgets.options_panel import OptionsPanel


# Qt keeps at most 323 decimals: every double down to about 1e-306 survives exactly, the
# last digits of smaller ones do not (2.2250738585072014e-308 reads back ...201e-308).
def _not_tiny(x: float) -> bool:
    return x == 0 or abs(x) >= 1e-300


PROBABILITY = st.one_of(st.just(0.0), st.just(1 / 3), st.floats(0.0, 1.0).filter(_not_tiny))
LOGIT = st.floats(-1000.0, 1000.0, allow_nan=False).filter(_not_tiny)


@st.composite
def steps(draw):
    """One change as (method name, arguments) on the model."""
    kind = draw(
        st.sampled_from(
            ["logit", "p", "k", "mode", "class", "temperature", "auto", "unpin", "action"]
        )
    )
    if kind == "logit":
        return "set_logit", (draw(st.integers(0, 11)), draw(LOGIT))
    if kind == "p":
        return "set_probability", (draw(st.integers(0, 11)), draw(PROBABILITY))
    if kind == "k":
        return "k", (draw(st.integers(2, 12)),)
    if kind == "mode":
        return "set_target_mode", (draw(st.sampled_from(["index", "soft"])),)
    if kind == "class":
        return "class", (draw(st.integers(0, 11)),)
    if kind == "temperature":
        return "temperature", (draw(st.floats(0.05, 20.0)),)
    if kind == "auto":
        return "auto", (draw(st.booleans()),)
    if kind == "unpin":
        return "unpin", (draw(st.integers(0, 11)),)
    return draw(
        st.sampled_from(
            ["uniform_p", "make_p_equal_q", "make_q_equal_p", "one_hot_true_class", "normalise_p"]
        )
    ), ()


def apply(model: ExplorerModel, step) -> None:
    name, args = step
    k = model.state.num_classes
    if name == "k":
        model.try_update(num_classes=args[0])
    elif name == "class":
        model.try_update(target_class=args[0] % k)
    elif name == "temperature":
        model.try_update(temperature=args[0])
    elif name == "auto":
        model.try_update(auto_normalise=args[0])
    elif name in ("set_logit", "set_probability", "unpin"):
        getattr(model, name)(args[0] % k, *args[1:])
    else:
        getattr(model, name)(*args)


@pytest.fixture(scope="module")
def editors(qapp):
    model = ExplorerModel()
    box = QWidget()
    layout = QHBoxLayout(box)
    table, options = ClassTable(model), OptionsPanel(model)
    layout.addWidget(table)
    layout.addWidget(options)
    box.resize(1000, 700)
    box.show()
    yield model, table, options
    box.close()


def assert_controls_show(model: ExplorerModel, table: ClassTable, options: OptionsPanel) -> None:
    state, result = model.state, model.result
    k = state.num_classes
    assert child(options, QSpinBox, "class_count").value() == k
    assert child(options, QComboBox, "target_mode").currentData() == state.target_mode.value
    assert child(options, QSpinBox, "target_class").value() == state.target_class
    assert child(options, QCheckBox, "auto_normalise").isChecked() == state.auto_normalise
    assert child(options, QDoubleSpinBox, "temperature_spin").value() == state.temperature
    assert child(options, QComboBox, "units").currentData() == state.units.value
    assert child(options, QComboBox, "loss_kind").currentData() == state.loss.value
    limit = state.slider_limit
    pinned = set(state.pinned) if state.soft and state.auto_normalise else set()
    for i in range(k):
        z = state.logits[i]
        assert child(table, QDoubleSpinBox, f"logit_spin_{i}").value() == z
        slider = child(table, QSlider, f"logit_slider_{i}")
        assert slider.value() == round(np.clip(z, -limit, limit) * SLIDER_STEPS)
        target = child(table, QDoubleSpinBox, f"target_spin_{i}")
        assert target.value() == result.p[i]
        assert target.isReadOnly() == (not state.soft)
        pin = child(table, QToolButton, f"pin_{i}")
        assert pin.isVisibleTo(table) == (i in pinned)
    for i in range(k, 12):
        found = table.findChild(QDoubleSpinBox, f"logit_spin_{i}")
        assert found is None or not found.isVisibleTo(table)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(steps(), min_size=1, max_size=12))
def test_every_control_shows_the_model_after_any_changes(editors, sequence):
    model, table, options = editors
    for step in sequence:
        apply(model, step)
        assert_controls_show(model, table, options)
