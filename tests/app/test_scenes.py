"""Scenes: every built-in one loads with finite numbers; saves round-trip; bad files are refused."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pytest
from gui_reference import (
    assert_no_nan,
    assert_readouts_match_state,
    child,
    choose,
    readout_values,
    type_into,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from app.scenes import load_scene, save_scene

ROOT = Path(__file__).resolve().parents[2]
SCENE_FILES = sorted((ROOT / "resources" / "scenes").glob("*.json"))


def test_there_are_builtin_scenes():
    assert len(SCENE_FILES) >= 5


def assert_state_has(state, settings: dict) -> None:
    for key, value in settings.items():
        actual = getattr(state, key)
        if isinstance(actual, np.ndarray):
            np.testing.assert_allclose(actual, value, rtol=1e-12, err_msg=key)
        elif isinstance(actual, tuple):
            assert list(actual) == value, key
        else:
            assert actual == value, key


def assert_plots_finite(window) -> None:
    pw = child(window, QWidget, "probability_plot")
    state = window.model.state
    # A binary problem draws its one sigmoid as two outcomes: [1 − σ, σ] against [1 − y, y].
    bars = 2 if state.problem_type == "binary" else state.num_classes
    for bar in (pw.q_bars, pw.p_bars):
        h = np.asarray(bar.opts["height"], dtype=np.float64)
        assert h.size == bars
        assert np.isfinite(h).all()
    ip = child(window, QWidget, "information_plot")
    for bar in (ip.entropy_bar, ip.kl_bar, ip.cross_entropy_bar, ip.mse_bar):
        assert not np.isnan(np.asarray(bar.opts["height"], dtype=np.float64)).any()


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.stem)
def test_builtin_scene_loads_with_finite_readouts(window, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    window.load_builtin_scene(path.stem)
    state = window.model.state
    assert_state_has(state, data["state"])
    assert data["version"] == 2
    assert child(window, QComboBox, "problem_type").currentData() == state.problem_type
    assert child(window, QSpinBox, "class_count").value() == state.num_classes
    assert child(window, QComboBox, "target_mode").currentData() == state.target_mode
    assert child(window, QComboBox, "units").currentData() == state.units
    assert child(window, QComboBox, "loss_kind").currentData() == state.loss
    assert child(window, QDoubleSpinBox, "weight_spin").value() == state.weight
    assert child(window, QComboBox, "reduction").currentData() == state.reduction
    for i, name in enumerate(state.class_names):
        assert child(window, QLineEdit, f"class_name_{i}").text() == name
    values = readout_values(window)
    assert_no_nan(values)
    for name, v in values.items():
        assert math.isfinite(v), f"{path.stem}: {name} = {v}"
    assert_readouts_match_state(window)
    assert_plots_finite(window)
    if "title" in data:
        assert data["title"] in window.windowTitle()


def test_builtin_scene_by_short_name_and_from_the_menu(window):
    window.load_builtin_scene("max-shift-overflow")
    by_name = window.model.state
    np.testing.assert_array_equal(by_name.logits, [123.0, 456.0, 789.0])
    window.reset()
    assert window.model.state.num_classes == 4
    action = window.findChild(QAction, "scene_03-max-shift-overflow")
    assert action is not None
    action.trigger()
    assert window.model.state.same_as(by_name)
    assert_no_nan(readout_values(window))


def test_unknown_builtin_scene_raises_and_changes_nothing(window):
    before = window.model.state
    with pytest.raises(ValueError, match="nope"):
        window.load_builtin_scene("nope")
    assert window.model.state is before


def edit_through_widgets(window, qtbot) -> None:
    child(window, QSpinBox, "class_count").setValue(5)
    type_into(qtbot, child(window, QDoubleSpinBox, "logit_spin_4"), "-7.125")
    choose(child(window, QComboBox, "target_mode"), "soft")
    type_into(qtbot, child(window, QDoubleSpinBox, "target_spin_4"), "0.5")
    type_into(qtbot, child(window, QDoubleSpinBox, "temperature_spin"), "1.75")
    choose(child(window, QComboBox, "units"), "bits")
    choose(child(window, QComboBox, "loss_kind"), "tf.compat.v1.losses.softmax_cross_entropy")
    type_into(qtbot, child(window, QDoubleSpinBox, "label_smoothing_spin"), "0.15")
    type_into(qtbot, child(window, QDoubleSpinBox, "weight_spin"), "2.5")
    choose(child(window, QComboBox, "reduction"), "weighted_sum")
    name = child(window, QLineEdit, "class_name_1")
    name.setText("zebra")
    name.editingFinished.emit()
    s = window.model.state
    assert s.num_classes == 5 and s.logits[4] == -7.125 and s.soft_target[4] == 0.5
    assert s.class_names[1] == "zebra" and s.units == "bits" and s.temperature == 1.75
    assert s.loss == "tf.compat.v1.losses.softmax_cross_entropy" and s.label_smoothing == 0.15
    assert s.weight == 2.5 and s.reduction == "weighted_sum"


def test_saved_scene_round_trips(window, qtbot, tmp_path):
    edit_through_widgets(window, qtbot)
    assert window.model.state.pinned == (4,)  # typed p4: pinned, but pins are not saved
    saved = dataclasses.replace(window.model.state, pinned=())
    path = tmp_path / "lecture.json"
    save_scene(path, saved, title="Lecture 3")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["title"] == "Lecture 3" and data["version"] == 2
    assert data["state"]["loss"] == "tf.compat.v1.losses.softmax_cross_entropy"
    assert data["state"]["weight"] == 2.5 and data["state"]["reduction"] == "weighted_sum"
    assert load_scene(path).state.same_as(saved)
    window.reset()
    assert not window.model.state.same_as(saved)
    assert window.open_scene(path) is True
    assert window.model.state.same_as(saved)
    assert child(window, QSpinBox, "class_count").value() == 5
    assert child(window, QLineEdit, "class_name_1").text() == "zebra"
    assert_readouts_match_state(window)


def test_save_and_open_through_the_file_dialogs(window, qtbot, tmp_path, monkeypatch):
    edit_through_widgets(window, qtbot)
    saved = dataclasses.replace(window.model.state, pinned=())  # opening a scene clears pins
    target = tmp_path / "from-dialog"  # the dialog adds .json
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: (str(target) + ".json", "")),
    )
    window.save_scene_dialog()
    assert (tmp_path / "from-dialog.json").is_file()
    window.reset()
    window.open_scene_dialog()
    assert window.model.state.same_as(saved)


BROKEN = {
    "not-json": "{this is not json",
    "empty": "",
    "a-list": "[1, 2, 3]",
    "wrong-format": json.dumps({"format": "something-else", "state": {}}),
    "future-version": json.dumps({"format": "logit-lab-scene", "version": 99, "state": {}}),
    "bad-temperature": json.dumps(
        {"format": "logit-lab-scene", "version": 1, "state": {"temperature": -1}}
    ),
    "nan-logit": '{"format": "logit-lab-scene", "version": 1, "state": {"logits": [1, NaN]}}',
    "huge-logit": json.dumps(
        {"format": "logit-lab-scene", "version": 1, "state": {"logits": [1e9, 0.0]}}
    ),
    "bad-class": json.dumps(
        {"format": "logit-lab-scene", "version": 1, "state": {"target_class": 9}}
    ),
    "unknown-key": json.dumps(
        {"format": "logit-lab-scene", "version": 1, "state": {"colour": "red"}}
    ),
    "one-class": json.dumps({"format": "logit-lab-scene", "version": 1, "state": {"logits": [1]}}),
    "too-many-classes": json.dumps(
        {"format": "logit-lab-scene", "version": 1, "state": {"logits": [0.0] * 101}}
    ),
    "state-not-object": json.dumps({"format": "logit-lab-scene", "version": 1, "state": [1]}),
    "unknown-loss": json.dumps(
        {"format": "logit-lab-scene", "version": 2, "state": {"loss": "tf.nn.hinge"}}
    ),
    # Version 2 names the problem type; a loss that does not suit it is refused.
    "sigmoid-loss-multiclass": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 2,
            "state": {
                "problem_type": "multiclass",
                "loss": "tf.nn.sigmoid_cross_entropy_with_logits",
            },
        }
    ),
    "softmax-loss-multilabel": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 2,
            "state": {
                "problem_type": "multilabel",
                "loss": "tf.compat.v1.losses.softmax_cross_entropy",
            },
        }
    ),
    "binary-two-logits": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 2,
            "state": {"problem_type": "binary", "logits": [1.0, 2.0]},
        }
    ),
    "bad-problem-type": json.dumps(
        {"format": "logit-lab-scene", "version": 2, "state": {"problem_type": "trinary"}}
    ),
    "bad-reduction": json.dumps(
        {"format": "logit-lab-scene", "version": 2, "state": {"reduction": "mean"}}
    ),
    "negative-weight": json.dumps(
        {"format": "logit-lab-scene", "version": 2, "state": {"weight": -1}}
    ),
    "multilabel-target-above-1": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 2,
            "state": {
                "problem_type": "multilabel",
                "loss": "tf.nn.sigmoid_cross_entropy_with_logits",
                "soft_target": [1.5, 0.0, 0.0, 0.0],
            },
        }
    ),
}


@pytest.fixture
def warnings_shown(monkeypatch):
    """Captures QMessageBox.warning calls instead of showing a modal dialog."""
    messages = []

    def fake_warning(parent, title, text, *args, **kwargs):
        messages.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake_warning))
    return messages


def write_broken(tmp_path, name) -> Path:
    path = tmp_path / f"{name}.json"
    if name in BROKEN:
        path.write_text(BROKEN[name], encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(BROKEN) + ["missing-file"])
def test_broken_scene_shows_a_message_and_keeps_the_state(
    window, qtbot, tmp_path, warnings_shown, name
):
    type_into(qtbot, child(window, QDoubleSpinBox, "logit_spin_0"), "3.5")
    before = window.model.state
    values = readout_values(window)
    assert window.open_scene(write_broken(tmp_path, name)) is False
    assert len(warnings_shown) == 1
    title, text = warnings_shown[0]
    assert title.strip() and text.strip()
    assert window.model.state is before
    assert readout_values(window) == values
    assert child(window, QDoubleSpinBox, "logit_spin_0").value() == 3.5


def test_broken_scene_message_names_the_file(window, tmp_path, warnings_shown):
    """The user learns which file is wrong (a lecturer opens several before class)."""
    unnamed = {}
    for name in [*BROKEN, "missing-file"]:
        warnings_shown.clear()
        window.open_scene(write_broken(tmp_path, name))
        ((_, text),) = warnings_shown
        if name not in text:
            unnamed[name] = text
    assert not unnamed, f"messages that do not name the file: {unnamed}"
