"""The code panel: four read-only scripts that follow the model, their value, and Copy."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTabWidget

from app.appearance import PROJECTOR_SCALE, Appearance
from app.code_scripts import SCRIPT_NAMES, scripts
from app.model import ExplorerModel
from app.widgets.code_panel import CodePanel
from core import LossKind

TITLES = ("TensorFlow 2", "tf.compat.v1", "PyTorch", "NumPy")


@pytest.fixture
def panel(qtbot, model):
    p = CodePanel(model)
    qtbot.addWidget(p)
    p.resize(700, 420)
    p.show()
    qtbot.waitExposed(p)
    return p


def tabs(panel: CodePanel) -> QTabWidget:
    w = panel.findChild(QTabWidget, "code_panel")
    assert w is not None
    return w


def editor(panel: CodePanel, name: str) -> QPlainTextEdit:
    w = panel.findChild(QPlainTextEdit, name)
    assert w is not None, name
    return w


def value_label(panel: CodePanel) -> QLabel:
    w = panel.findChild(QLabel, "code_value")
    assert w is not None
    return w


def copy_button(panel: CodePanel) -> QPushButton:
    w = panel.findChild(QPushButton, "code_copy")
    assert w is not None
    return w


def last_printed_value(text: str) -> str:
    """The float literal in the label "Last line prints: 0.449… (the loss readout)"."""
    return text.split(":", 1)[1].split("(")[0].strip()


def test_the_contract_widgets_exist_with_titles_and_accessible_names(panel):
    tab_widget = tabs(panel)
    assert tab_widget.count() == 4
    assert [tab_widget.tabText(i) for i in range(4)] == list(TITLES)
    for i, name in enumerate(SCRIPT_NAMES):
        e = editor(panel, name)
        assert tab_widget.widget(i) is e
        assert e.isReadOnly()
        assert e.accessibleName() == TITLES[i]
    assert tab_widget.accessibleName()
    assert value_label(panel).accessibleName()
    assert copy_button(panel).accessibleName()
    assert copy_button(panel).text() == "Copy"


def test_tabs_show_the_scripts_of_the_state_and_the_readout_value(panel, model):
    expected = scripts(model.state)
    for name in SCRIPT_NAMES:
        assert editor(panel, name).toPlainText() == expected[name]
    text = value_label(panel).text()
    assert text == "Last line prints: 0.4493130023803544 (the loss readout)"
    assert float(last_printed_value(text)) == model.result.loss
    assert value_label(panel).property("value") == model.result.loss


def test_a_new_loss_rewrites_every_tab_and_the_value(panel, model):
    before = {name: editor(panel, name).toPlainText() for name in SCRIPT_NAMES}
    assert model.set_loss(LossKind.SPARSE_SOFTMAX)
    assert model.try_update(weight=2.5, reduction="weighted_sum")
    texts = {name: editor(panel, name).toPlainText() for name in SCRIPT_NAMES}
    assert all(texts[n] != before[n] for n in SCRIPT_NAMES)
    assert "tf.nn.sparse_softmax_cross_entropy_with_logits" in texts["code_tf2"]
    assert "tf.compat.v1.losses.sparse_softmax_cross_entropy" in texts["code_tf_v1"]
    assert "Reduction.SUM," in texts["code_tf_v1"]
    assert "weights = torch.tensor(2.5" in texts["code_torch"]
    assert "weights = 2.5" in texts["code_numpy"]
    shown = last_printed_value(value_label(panel).text())
    assert shown == repr(model.result.loss)
    # An independent number: 2.5 × (−log softmax(z)₀), the weighted sum of one example.
    z = np.array([2.0, 1.0, 0.1, -1.0])
    expected = 2.5 * -(z[0] - np.log(np.sum(np.exp(z))))
    assert float(shown) == pytest.approx(expected, rel=1e-12)


def test_problem_type_and_class_names_reach_the_scripts(panel, model):
    assert model.set_problem_type("multilabel")
    assert model.set_loss(LossKind.WEIGHTED_SIGMOID)
    assert model.try_update(pos_weight=3.0)
    torch_text = editor(panel, "code_torch").toPlainText()
    assert "F.binary_cross_entropy_with_logits" in torch_text
    assert "pos_weight = torch.full((4,), 3.0" in torch_text
    assert "targets=labels" in editor(panel, "code_tf_v1").toPlainText()
    assert model.try_update(class_names=["cat", "dog", "emu", "yak"])
    for name in SCRIPT_NAMES:
        assert "['cat', 'dog', 'emu', 'yak']" in editor(panel, name).toPlainText()


def test_copy_puts_the_open_tab_on_the_clipboard(qtbot, panel, model):
    clipboard = QGuiApplication.clipboard()
    for index in (2, 3, 0):
        tabs(panel).setCurrentIndex(index)
        clipboard.setText("")
        qtbot.mouseClick(copy_button(panel), Qt.MouseButton.LeftButton)
        shown = editor(panel, SCRIPT_NAMES[index]).toPlainText()
        assert clipboard.text() == shown
        assert clipboard.text() == scripts(model.state)[SCRIPT_NAMES[index]]


def test_the_scripts_cannot_be_edited(qtbot, panel):
    e = editor(panel, "code_numpy")
    tabs(panel).setCurrentIndex(3)
    before = e.toPlainText()
    e.setFocus()
    qtbot.keyClicks(e, "oops")
    qtbot.keyClick(e, Qt.Key.Key_Delete)
    assert e.toPlainText() == before


def _text_changes(qtbot, panel) -> dict[str, list]:
    counts: dict[str, list] = {name: [] for name in SCRIPT_NAMES}
    for name in SCRIPT_NAMES:
        editor(panel, name).textChanged.connect(lambda n=name: counts[n].append(1))
    return counts


def test_changes_that_alter_no_script_leave_the_text_alone(qtbot, panel, model):
    counts = _text_changes(qtbot, panel)
    assert model.try_update(units="bits")  # no number of a script
    assert model.try_update(slider_limit=20.0)  # recomputes, but the scripts are the same
    assert model.try_update(dtype="float32")  # the pitfalls' precision only
    assert all(not c for c in counts.values()), counts
    assert model.set_logit(1, 1.5)
    assert all(len(c) == 1 for c in counts.values()), counts


def test_scroll_position_survives_a_change(qtbot, panel, model):
    assert model.set_loss(LossKind.SOFTMAX)
    tabs(panel).setCurrentIndex(3)
    e = editor(panel, "code_numpy")
    bar = e.verticalScrollBar()
    assert bar.maximum() > 5, "the script must be longer than the view for this test"
    bar.setValue(bar.maximum() - 2)
    kept = bar.value()
    assert model.try_update(label_smoothing=0.2)
    assert "label_smoothing = 0.2" in e.toPlainText()
    assert bar.value() == kept


def test_a_drag_rewrites_the_open_tab_and_the_rest_on_release(qtbot, panel, model):
    tabs(panel).setCurrentIndex(1)
    old_numpy = editor(panel, "code_numpy").toPlainText()
    model.set_logit(0, 3.25, transient=True)
    model.flush()
    assert "3.25" in editor(panel, "code_tf_v1").toPlainText()
    assert last_printed_value(value_label(panel).text()) == repr(model.result.loss)
    assert panel.script("code_numpy") == scripts(model.state)["code_numpy"]
    # Hidden tabs catch up when shown ...
    tabs(panel).setCurrentIndex(2)
    assert "3.25" in editor(panel, "code_torch").toPlainText()
    # ... or when the gesture ends.
    assert editor(panel, "code_numpy").toPlainText() == old_numpy
    assert model.commit()
    assert "3.25" in editor(panel, "code_numpy").toPlainText()
    assert "3.25" in editor(panel, "code_tf2").toPlainText()


def test_code_is_fixed_width_and_follows_projector_mode(qtbot):
    appearance = Appearance()
    p = CodePanel(ExplorerModel(), appearance)
    qtbot.addWidget(p)
    e = editor(p, "code_tf2")
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert e.font().family() == fixed.family()
    normal = e.font().pointSizeF()
    assert normal > 0
    appearance.set_projector(True)
    assert e.font().pointSizeF() == pytest.approx(normal * PROJECTOR_SCALE)
    assert editor(p, "code_numpy").font().pointSizeF() == pytest.approx(normal * PROJECTOR_SCALE)
    appearance.set_projector(False)
    assert e.font().pointSizeF() == pytest.approx(normal)


def test_a_hidden_panel_writes_nothing_until_it_is_shown(qtbot, panel, model):
    # Behind another tab the panel costs a drag nothing; shown again it is current.
    counts = _text_changes(qtbot, panel)
    panel.hide()
    assert model.set_logit(0, 2.75)
    assert model.set_logit(0, -1.5)
    assert all(not c for c in counts.values()), counts
    assert panel.script("code_numpy") == scripts(model.state)["code_numpy"]
    panel.show()
    qtbot.waitExposed(panel)
    for name in SCRIPT_NAMES:
        assert editor(panel, name).toPlainText() == scripts(model.state)[name]
        assert len(counts[name]) == 1
    assert last_printed_value(value_label(panel).text()) == repr(model.result.loss)
