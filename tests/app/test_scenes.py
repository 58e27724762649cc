"""Scenes: every built-in one loads with finite numbers; saves round-trip; bad files are refused."""

from __future__ import annotations

import dataclasses
import json
import math
import re
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
from scipy import special, stats

from app import main as app_main
from app.model import ExplorerState, build_state, evaluate_state
from app.scenes import (
    PANELS,
    TENSORFLOW_TABS,
    VERSION,
    SceneStep,
    builtin_scenes,
    find_builtin_scene,
    load_scene,
    save_scene,
    scene_from_dict,
    scene_name,
    scene_to_dict,
    step_state,
)

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
    assert data["version"] == VERSION
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
    stem = find_builtin_scene("max-shift-overflow").stem  # numbered for its place in the article
    action = window.findChild(QAction, f"scene_{stem}")
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
    assert data["title"] == "Lecture 3" and data["version"] == VERSION == 3
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
    from app.widgets.scene_dialog import SceneDetailsDialog

    # The details dialog (title, note, question) comes first; its typing has its own tests.
    monkeypatch.setattr(
        SceneDetailsDialog, "ask", staticmethod(lambda *a, **k: ("from-dialog", "", ""))
    )
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
    # Version 3: panels, the TensorFlow tab and steps are validated too.
    "unknown-panel": json.dumps(
        {"format": "logit-lab-scene", "version": 3, "panels": ["sweep_dock", "plot_dock"]}
    ),
    "bad-tab": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 3,
            "panels": ["tensorflow_dock"],
            "tensorflow_tab": "recipes",
        }
    ),
    "bad-step": json.dumps(
        {
            "format": "logit-lab-scene",
            "version": 3,
            "steps": [{"title": "fine", "changes": {}}, {"changes": {"temperature": 0}}],
        }
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


# -- version 3: panels, a question for the room, steps ------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
#: The ideas of the seed article that must each have a scene (more may follow).
REQUIRED = (
    "sigmoid-logit-odds",
    "softmax-basics",
    "skewed-teams",
    "kl-extra-cost",
    "sparse-equals-one-hot",
    "selection-table",
)
#: The order of the seed article: these scenes must come in this order.
ARTICLE_ORDER = (
    "sigmoid-logit-odds",
    "softmax-basics",
    "two-class-sigmoid",
    "max-shift-overflow",
    "mean-squared-error",
    "thirty-two-teams",
    "skewed-teams",
    "cross-entropy-wrong-q",
    "gibbs-inequality",
    "kl-extra-cost",
    "cross-entropy-is-the-loss",
    "selection-table",
    "confidently-wrong",
    "binary-sigmoid",
    "multilabel-sigmoid",
    "imbalanced-pos-weight",
    "unnormalised-soft-labels",
    "weights-and-reductions",
    "sparse-equals-one-hot",
)


def scene_json(name: str) -> dict:
    return json.loads(find_builtin_scene(name).read_text(encoding="utf-8"))


def test_the_scenes_follow_the_article():
    stems = list(builtin_scenes())
    names = [scene_name(stem) for stem in stems]
    assert len(stems) >= 22
    assert [stem[:3] for stem in stems] == [f"{i:02d}-" for i in range(1, len(stems) + 1)]
    assert len(set(names)) == len(names)
    assert set(REQUIRED) <= set(names)
    assert names[0] == "start-here"
    positions = [names.index(n) for n in ARTICLE_ORDER]
    assert positions == sorted(positions)


def test_list_scenes_prints_every_scene_once(capsys):
    assert app_main.main(["logit-lab", "--list-scenes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line.split()[0] for line in lines]
    assert len(set(listed)) == len(listed) == len(builtin_scenes())
    assert listed == [scene_name(stem) for stem in builtin_scenes()]
    for line, path in zip(lines, builtin_scenes().values(), strict=True):
        assert line.split(None, 1)[1] == load_scene(path).title


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.stem)
def test_shipped_scene_is_complete_in_both_languages(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION
    en, zh = load_scene(path), load_scene(path, "zh_CN")
    assert en.title == data["title"] and zh.title == data["title_zh_CN"]
    assert en.description.strip() and CJK.search(zh.title)
    assert CJK.search(zh.description), "the Chinese note must be in Chinese"
    assert set(en.panels) <= PANELS and en.panels == zh.panels
    assert en.tensorflow_tab in (None, *TENSORFLOW_TABS)
    if en.tensorflow_tab is not None:
        assert "tensorflow_dock" in en.panels
    if "predict" in data:
        assert en.predict.strip() and en.predict == data["predict"]
        assert CJK.search(zh.predict) and zh.predict == data["predict_zh_CN"]
    else:
        assert en.predict == zh.predict == ""
    assert len(en.steps) == len(zh.steps) == len(data.get("steps", []))
    previous = en.state
    for n, (step, zh_step) in enumerate(zip(en.steps, zh.steps, strict=True), start=1):
        assert step.title.strip() and step.note.strip(), n
        assert CJK.search(zh_step.title + zh_step.note), n
        assert zh_step.state.same_as(step.state)
        # Each step is the scene's state with its changes (not the step before's).
        changes = data["steps"][n - 1]["changes"]
        assert step.state.same_as(step_state(en.state, changes)), n
        if "problem_type" not in changes:
            assert step.state.same_as(build_state(en.state, changes)), n
        assert not step.state.same_as(previous), f"step {n} changes nothing"
        previous = step.state


def test_enough_scenes_ask_and_step():
    scenes = [load_scene(path) for path in SCENE_FILES]
    assert sum(bool(s.predict) for s in scenes) >= 6
    assert sum(bool(s.steps) for s in scenes) >= 4


def every_shipped_state():
    for path in SCENE_FILES:
        scene = load_scene(path)
        yield path.stem, scene.state
        for n, step in enumerate(scene.steps, start=1):
            yield f"{path.stem} step {n}", step.state


def test_no_readout_shows_a_rounding_residue():
    """A KL that should be 0 must be 0, not −8×10⁻¹⁷: q = p scenes use exact logits."""
    for where, state in every_shipped_state():
        kl = evaluate_state(state).kl
        assert kl == 0 or abs(kl) > 1e-9, f"{where}: KL = {kl!r}"


def test_panels_of_the_scenes_that_need_one():
    def scene(name):
        return load_scene(find_builtin_scene(name))

    assert scene("sigmoid-logit-odds").panels == ("sigmoid_dock",)
    assert scene("training-race").panels == ("descent_dock",)
    assert set(scene("confidently-wrong").panels) & {"gradient_dock", "descent_dock"}
    for name, tab in (
        ("max-shift-overflow", "pitfalls"),
        ("sparse-equals-one-hot", "equivalences"),
        ("selection-table", "guide"),
    ):
        assert "tensorflow_dock" in scene(name).panels, name
        assert scene(name).tensorflow_tab == tab, name


def assert_quoted(text: str, value: float, digits: int) -> None:
    """``text`` quotes ``value`` rounded to ``digits`` decimals."""
    want = f"{value:.{digits}f}".replace("-", "−")
    assert want in text, f"{want} not in {text!r}"


def test_sigmoid_logit_odds_against_scipy():
    scene = load_scene(find_builtin_scene("sigmoid-logit-odds"))
    (z,) = scene.state.logits
    s = special.expit(z)
    assert scene.state.problem_type == "binary"
    assert s == pytest.approx(0.75, rel=1e-15)
    assert s / (1 - s) == pytest.approx(3.0, rel=1e-14)  # the odds
    assert special.logit(s) == pytest.approx(z, rel=1e-14)  # logit = ln(p/(1 − p))
    assert_quoted(scene.description, s * (1 - s), 4)  # σ′ = σ(1 − σ)
    even, double, saturated = (step.state.logits[0] for step in scene.steps)
    assert special.expit(even) == 0.5
    assert special.expit(double) / (1 - special.expit(double)) == pytest.approx(6.0, rel=1e-14)
    assert_quoted(scene.steps[1].note, special.expit(double), 3)
    assert_quoted(scene.steps[2].note, special.expit(saturated), 5)


def test_softmax_basics_shift_and_scale():
    scene = load_scene(find_builtin_scene("softmax-basics"))
    q = special.softmax(scene.state.logits)
    for value in q:
        assert_quoted(scene.description, value, 3)
    shifted, doubled = (step.state.logits for step in scene.steps)
    np.testing.assert_allclose(special.softmax(shifted), q, rtol=1e-14)
    for value in special.softmax(doubled):
        assert_quoted(scene.steps[1].note, value, 3)


def test_teams_entropy_against_scipy():
    uniform = load_scene(find_builtin_scene("thirty-two-teams"))
    assert stats.entropy(uniform.state.soft_target, base=2) == pytest.approx(5.0, rel=1e-14)
    (favourite,) = uniform.steps
    assert favourite.title == "Prior knowledge: a favourite team"
    h = stats.entropy(favourite.state.soft_target, base=2)
    assert h < 5
    assert_quoted(favourite.note, h, 2)

    skewed = load_scene(find_builtin_scene("skewed-teams"))
    p = skewed.state.soft_target
    assert skewed.state.num_classes == 32 and skewed.state.units == "bits"
    assert stats.entropy(p, base=2) == pytest.approx(4.125, rel=1e-14) and 4.125 < 5
    np.testing.assert_allclose(special.softmax(skewed.state.logits), p, rtol=1e-14)
    # Each team's information log₂(1/p) is a whole number of questions: 3, 4, 6 or 7.
    assert sorted(set(np.log2(1 / p).round(12))) == [3, 4, 6, 7]

    wrong = load_scene(find_builtin_scene("cross-entropy-wrong-q"))
    np.testing.assert_array_equal(wrong.state.soft_target, p)
    q = special.softmax(wrong.state.logits)
    assert -np.sum(p * np.log2(q)) == pytest.approx(5.0, rel=1e-14)  # H(p, q)
    backing = special.softmax(wrong.steps[0].state.logits)
    assert_quoted(wrong.steps[0].note, -np.sum(p * np.log2(backing)), 2)


def test_kl_extra_cost_against_scipy():
    scene = load_scene(find_builtin_scene("kl-extra-cost"))
    p = scene.state.soft_target
    assert scene.state.units == "bits"
    assert stats.entropy(p, base=2) == pytest.approx(1.75, rel=1e-14)
    kls = [
        stats.entropy(p, special.softmax(state.logits), base=2)
        for state in (scene.state, *(step.state for step in scene.steps))
    ]
    assert kls == pytest.approx([0.25, 0.875, 0.0], abs=1e-14)
    assert "0.25 bits" in scene.description and "KL = 0.875 bits" in scene.steps[0].note
    # The readout of the right code is exactly 0, not a rounding residue.
    assert evaluate_state(scene.steps[1].state).kl == 0.0


def test_cross_entropy_is_the_loss_against_scipy():
    scene = load_scene(find_builtin_scene("cross-entropy-is-the-loss"))
    p = scene.state.soft_target
    learnt, one_hot = scene.steps
    assert stats.entropy(p, special.softmax(learnt.state.logits)) == pytest.approx(0, abs=1e-15)
    assert_quoted(learnt.note, stats.entropy(p), 2)  # the loss stops at H(p)
    assert one_hot.state.target_mode == "index"
    assert_quoted(one_hot.note, -special.log_softmax(one_hot.state.logits)[0], 2)


def test_steps_the_brief_asks_for():
    def steps(name):
        return load_scene(find_builtin_scene(name)).steps

    assert [s.state.temperature for s in steps("temperature")] == [0.5, 1.0, 5.0]
    assert [s.state.label_smoothing for s in steps("label-smoothing")] == [0.0, 0.1, 0.3]
    first = steps("confidently-wrong")[0]
    start = load_scene(find_builtin_scene("confidently-wrong")).state
    assert np.ptp(first.state.logits) > np.ptp(start.logits)  # pushed further apart
    assert special.softmax(first.state.logits)[first.state.target_class] < 1e-6


def test_a_version_2_file_still_loads():
    data = {
        "format": "logit-lab-scene",
        "version": 2,
        "title": "Old",
        "title_zh_CN": "旧",
        "description": "A version-2 file",
        "state": {
            "problem_type": "multilabel",
            "logits": [1.0, -2.0, 0.5],
            "soft_target": [1.0, 0.0, 1.0],
            "loss": "tf.compat.v1.losses.sigmoid_cross_entropy",
        },
    }
    scene = scene_from_dict(data, "old")
    assert (scene.title, scene.description) == ("Old", "A version-2 file")
    assert scene_from_dict(data, "old", "zh_CN").title == "旧"
    assert scene.panels == () and scene.tensorflow_tab is None
    assert scene.predict == "" and scene.steps == ()
    assert scene.state.problem_type == "multilabel" and scene.state.soft
    np.testing.assert_array_equal(scene.state.soft_target, [1.0, 0.0, 1.0])
    assert scene.state.loss == "tf.compat.v1.losses.sigmoid_cross_entropy"


def test_a_version_1_file_is_still_migrated():
    data = {
        "format": "logit-lab-scene",
        "version": 1,
        "state": {"logits": [2.0, 0.0, -1.0], "target_class": 2, "loss": "sigmoid_cross_entropy"},
    }
    state = scene_from_dict(data, "v1").state
    assert state.problem_type == "multilabel" and state.soft
    assert state.loss == "tf.compat.v1.losses.sigmoid_cross_entropy"
    np.testing.assert_array_equal(state.soft_target, [0.0, 0.0, 1.0])
    # The same loss as version 1 computed: the mean of the K sigmoid cross-entropies.
    z = np.array([2.0, 0.0, -1.0])
    y = np.array([0.0, 0.0, 1.0])
    want = np.mean(-(y * special.log_expit(z) + (1 - y) * special.log_expit(-z)))
    assert evaluate_state(state).loss == pytest.approx(want, rel=1e-14)


V3_ERRORS = {
    "unknown panel": ({"panels": ["sweep_dock", "plot_dock"]}, "plot_dock"),
    "panels not a list": ({"panels": "sweep_dock"}, "panels"),
    "panel twice": ({"panels": ["sweep_dock", "sweep_dock"]}, "twice"),
    "unknown tab": ({"panels": ["tensorflow_dock"], "tensorflow_tab": "recipes"}, "recipes"),
    "tab without its dock": ({"tensorflow_tab": "guide"}, "tensorflow_dock"),
    "steps not a list": ({"steps": {"title": "x"}}, "steps"),
    "step not an object": ({"steps": [{"changes": {}}, "x"]}, "step 2"),
    "bad step setting": ({"steps": [{"changes": {}}, {"changes": {"temperature": 0}}]}, "step 2"),
    "unknown step setting": ({"steps": [{"changes": {"colour": "red"}}]}, "step 1"),
    "unknown step key": ({"steps": [{"title": "x", "change": {}}]}, "change"),
    "step title not text": ({"steps": [{"title": 3}]}, "step 1"),
    "predict not text": ({"predict": ["?"]}, "predict"),
}


@pytest.mark.parametrize("case", list(V3_ERRORS))
def test_bad_version_3_fields_are_refused_naming_the_scene(case):
    extra, named = V3_ERRORS[case]
    data = {"format": "logit-lab-scene", "version": 3, "title": "t", **extra}
    with pytest.raises(ValueError) as caught:
        scene_from_dict(data, "my-scene")
    message = str(caught.value)
    assert message.startswith("my-scene") and named in message


def lecture_steps(state: ExplorerState) -> tuple[SceneStep, ...]:
    """Steps that exercise the corner cases of writing a step as its changes."""
    return (
        SceneStep("Sharper", "T = 1/2", build_state(state, {"temperature": 0.5})),
        # The selected class usually follows the true class: here it must not.
        SceneStep(
            "Another truth",
            "",
            build_state(state, {"target_class": 3, "sweep_class": 0, "units": "bits"}),
        ),
        SceneStep(
            "Binary",
            "one sigmoid",
            build_state(
                state,
                {
                    "problem_type": "binary",
                    "logits": [1.25],
                    "soft_target": [0.75],
                    "class_names": ["rain"],
                    "loss": "tf.nn.sigmoid_cross_entropy_with_logits",
                },
            ),
        ),
        SceneStep(
            "Six classes",
            "K changes",
            build_state(state, {"num_classes": 6, "logits": [1.0, 2.0, 3.0, 4.0, 5.0, 1 / 3]}),
        ),
        SceneStep(
            "Multi-label",
            "中文也行",
            build_state(
                state,
                {
                    "problem_type": "multilabel",
                    "target_mode": "soft",
                    "soft_target": [1.0, 0.0, 1.0, 0.0],
                    "loss": "tf.compat.v1.losses.sigmoid_cross_entropy",
                    "weight": 0.5,
                },
            ),
        ),
    )


def assert_same_scene(got, title, description, state, panels, tab, predict, steps) -> None:
    assert (got.title, got.description) == (title, description)
    assert (got.panels, got.tensorflow_tab, got.predict) == (tuple(panels), tab, predict)
    assert got.state.same_as(state)
    assert len(got.steps) == len(steps)
    for n, (a, b) in enumerate(zip(got.steps, steps, strict=True), start=1):
        assert (a.title, a.note) == (b.title, b.note), n
        assert a.state.same_as(b.state), n


def test_save_and_load_round_trip_panels_predict_and_steps(tmp_path):
    state = build_state(
        ExplorerState(), {"logits": [0.5, -1 / 3, 2.0, 1e-300], "label_smoothing": 0.1}
    )
    state = build_state(state, {"loss": "tf.compat.v1.losses.softmax_cross_entropy"})
    steps = lecture_steps(state)
    panels = ("tensorflow_dock", "gradient_dock")
    args = ("Lecture 4", "Steps ahead", state, panels, "code", "Which class wins?", steps)
    path = tmp_path / "lecture.json"
    save_scene(
        path,
        state,
        title="Lecture 4",
        description="Steps ahead",
        panels=panels,
        predict="Which class wins?",
        steps=steps,
        tensorflow_tab="code",
    )
    assert_same_scene(load_scene(path), *args)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION and data["panels"] == list(panels)
    assert data["steps"][0]["changes"] == {"temperature": 0.5}  # only what differs
    assert data["steps"][1]["changes"]["sweep_class"] == 0  # written because it must be
    assert [p.name for p in tmp_path.iterdir()] == ["lecture.json"]
    # scene_to_dict is what save_scene writes.
    question = "Which class wins?"
    assert scene_to_dict(state, "Lecture 4", "Steps ahead", panels, question, steps, "code") == data


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.stem)
def test_every_shipped_scene_round_trips(tmp_path, path):
    scene = load_scene(path)
    out = tmp_path / path.name
    save_scene(
        out,
        scene.state,
        scene.title,
        scene.description,
        scene.panels,
        scene.predict,
        scene.steps,
        scene.tensorflow_tab,
    )
    assert_same_scene(
        load_scene(out),
        scene.title,
        scene.description,
        scene.state,
        scene.panels,
        scene.tensorflow_tab,
        scene.predict,
        scene.steps,
    )


def test_saving_refuses_unknown_panels_before_touching_the_file(tmp_path):
    path = tmp_path / "keep.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError, match="plot_dock"):
        save_scene(path, ExplorerState(), panels=("plot_dock",))
    with pytest.raises(ValueError, match="tensorflow_dock"):
        save_scene(path, ExplorerState(), tensorflow_tab="guide")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


@pytest.mark.parametrize("where", ["json.dumps", "os.fsync", "os.replace"])
def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, where):
    import app.scenes

    path = tmp_path / "lecture.json"
    save_scene(path, ExplorerState(), title="Before")
    before = path.read_bytes()
    seen_when_failing = []

    def fail(*args, **kwargs):
        seen_when_failing.append(sorted(p.name for p in tmp_path.iterdir()))
        raise OSError(28, "No space left on device")

    module, name = where.split(".")
    monkeypatch.setattr(getattr(app.scenes, module), name, fail)
    changed = build_state(ExplorerState(), {"temperature": 2.0})
    with pytest.raises(OSError, match="No space"):
        save_scene(path, changed, title="After", steps=lecture_steps(changed))
    monkeypatch.undo()
    (listing,) = seen_when_failing
    if where != "json.dumps":  # the text was being written to a temporary file beside it
        assert len(listing) == 2 and listing[0].startswith(".lecture.json.")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lecture.json"]
    assert load_scene(path).title == "Before"


def test_saving_into_a_missing_folder_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        save_scene(tmp_path / "nowhere" / "x.json", ExplorerState())
    assert list(tmp_path.iterdir()) == []


STEPPED = [
    path for path in SCENE_FILES if json.loads(path.read_text(encoding="utf-8")).get("steps")
]


@pytest.mark.parametrize("path", STEPPED, ids=lambda p: p.stem)
def test_every_step_shows_finite_readouts_in_the_window(window, path):
    scene = load_scene(path, "zh_CN")
    for n, step in enumerate(scene.steps, start=1):
        window.model.replace_state(step.state)
        assert window.model.state.same_as(step.state), n
        values = readout_values(window)
        assert_no_nan(values)
        for name, v in values.items():
            assert math.isfinite(v), f"{path.stem} step {n}: {name} = {v}"
        assert_readouts_match_state(window)
        assert_plots_finite(window)


def test_a_rendered_scene_shows_its_panels_in_front(window):
    # --screenshot and --export reset the layout for their size; the scene's panels
    # (here the TensorFlow dock on its Equivalences tab) must still be in front.
    from app.main import lay_out_for_rendering

    window.open_initial_scene(None, "weights-and-reductions", restore=False)
    lay_out_for_rendering(window, (1024, 768))
    assert window.tensorflow_dock.isVisible()
    assert not window.tensorflow_dock.visibleRegion().isEmpty()
    assert window.tensorflow_tabs.currentIndex() == TENSORFLOW_TABS.index("equivalences")


def test_a_rendered_scene_without_panels_keeps_the_default_tabs(window):
    from app.main import lay_out_for_rendering

    window.open_initial_scene(None, "start-here", restore=False)
    assert not getattr(window.lecture.scene(0), "panels", ())
    lay_out_for_rendering(window, (1024, 768))
    assert window.tensorflow_dock.visibleRegion().isEmpty()  # behind another tab
    assert not window.readout_dock.visibleRegion().isEmpty()
