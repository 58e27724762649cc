"""The loss guide, the equivalence panel and the pitfall panel, driven like a user would.

Rows are clicked on their cells, check boxes on their indicators, the precision is chosen
with the keyboard. Every number the panels must show is computed again here with
scipy.special (never with core) and formatted with the app's one formatter.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from gui_reference import click_check_box, show_view
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication
from scipy import special

from app.appearance import Appearance
from app.formatting import Kind, format_aligned, format_value, format_vector
from app.model import ProblemType
from app.widgets.common import VerticalScrollArea
from app.widgets.equivalences import EquivalencePanel
from app.widgets.loss_guide import PLAIN_ROLE, LossGuide
from app.widgets.pitfalls import PitfallPanel
from core import LossKind

NBSP = "\u00a0"
#: What each row of the guide applies, from the default multiclass state: (problem type
#: after the click, the TensorFlow function).
EXPECTED_ROWS = [
    ("binary", "tf.nn.sigmoid_cross_entropy_with_logits"),
    ("binary", "tf.nn.weighted_cross_entropy_with_logits"),
    ("binary", "tf.compat.v1.losses.sigmoid_cross_entropy"),
    ("multiclass", "tf.nn.softmax_cross_entropy_with_logits"),
    ("multiclass", "tf.compat.v1.losses.softmax_cross_entropy"),
    ("multiclass", "tf.nn.sparse_softmax_cross_entropy_with_logits"),
    ("multiclass", "tf.compat.v1.losses.sparse_softmax_cross_entropy"),
    ("multilabel", "tf.nn.sigmoid_cross_entropy_with_logits"),
]
DEFAULT_Z = np.array([2.0, 1.0, 0.1, -1.0])


def plain(text: str) -> str:
    """Rich text as a person reads it: no tags, ordinary spaces, no invisible breaks."""
    text = re.sub(r"<[^>]+>", "", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"), ("&nbsp;", " ")):
        text = text.replace(entity, char)
    return text.replace(NBSP, " ").replace("\u200b", "").replace("\u2060", "")


def fmt(value: float, kind: Kind = Kind.INFORMATION) -> str:
    return format_value(value, kind).replace(NBSP, " ")


# -- the loss guide ------------------------------------------------------------------------


def make_guide(qtbot, model, width: int = 420, projector: bool = False) -> LossGuide:
    appearance = Appearance()
    appearance.set_projector(projector)
    guide = LossGuide(model, appearance)
    show_view(qtbot, guide, width, 900)
    qtbot.wait(10)  # the columns are laid out on the next event-loop turn
    return guide


def click_row(qtbot, guide: LossGuide, row: int, column: int = 0) -> None:
    table = guide.table
    item = table.item(row, column)
    table.scrollToItem(item)  # as a person scrolls to a row before clicking it
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center()
    )


def selected_rows(guide: LossGuide) -> list[int]:
    return sorted(i.row() for i in guide.table.selectionModel().selectedRows())


def test_guide_is_the_contract_table(qtbot, model):
    guide = make_guide(qtbot, model)
    table = guide.table
    assert table.objectName() == "loss_guide"
    assert table.accessibleName()
    assert table.columnCount() == 4
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    functions = [table.item(r, 3).data(PLAIN_ROLE) for r in range(table.rowCount())]
    assert set(functions) == {kind.value for kind in LossKind}  # every loss has a row
    for r in range(table.rowCount()):
        for c in range(4):
            item = table.item(r, c)
            assert not item.flags() & Qt.ItemFlag.ItemIsEditable
            assert item.toolTip()
    assert guide.caption.text()


def test_clicking_each_row_applies_it(qtbot, model):
    guide = make_guide(qtbot, model)
    for row, (problem, loss) in enumerate(EXPECTED_ROWS):
        click_row(qtbot, guide, row, column=row % 4)
        assert model.state.problem_type.value == problem, row
        assert model.state.loss.value == loss, row
        assert guide.table.item(row, 3).data(PLAIN_ROLE) == loss
        assert selected_rows(guide) == [row]
    # Mean squared error suits every problem type: its row keeps the current one.
    click_row(qtbot, guide, 8)
    assert model.state.problem_type is ProblemType.MULTILABEL
    assert model.state.loss is LossKind.MSE
    assert selected_rows(guide) == [8]
    model.set_problem_type("binary")
    assert selected_rows(guide) == [8]  # still MSE
    click_row(qtbot, guide, 3)
    assert (model.state.problem_type, model.state.loss) == (
        ProblemType.MULTICLASS,
        LossKind.SOFTMAX_XENT,
    )


def test_sparse_row_turns_soft_labels_into_a_class_index(qtbot, model):
    model.update(target_mode="soft", soft_target=[0.1, 0.6, 0.2, 0.1])
    guide = make_guide(qtbot, model)
    click_row(qtbot, guide, 5, column=2)
    assert model.state.loss is LossKind.SPARSE_SOFTMAX_XENT
    assert model.state.target_mode.value == "index"
    assert model.state.target_class == 1  # the largest p
    assert selected_rows(guide) == [5]


def test_enter_and_space_apply_the_current_row(qtbot, model):
    guide = make_guide(qtbot, model)
    table = guide.table
    table.setFocus()
    assert selected_rows(guide) == [3]
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Up)  # row 1: binary, imbalanced
    assert model.state.loss is LossKind.SOFTMAX_XENT  # moving applies nothing
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert model.state.problem_type is ProblemType.BINARY
    assert model.state.loss is LossKind.WEIGHTED_SIGMOID
    assert selected_rows(guide) == [1]
    for _ in range(6):
        qtbot.keyClick(table, Qt.Key.Key_Down)  # row 7: multi-label
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert model.state.problem_type is ProblemType.MULTILABEL
    assert model.state.loss is LossKind.SIGMOID_XENT
    assert selected_rows(guide) == [7]


def test_highlight_follows_changes_made_elsewhere_and_undo(qtbot, model):
    guide = make_guide(qtbot, model)
    assert selected_rows(guide) == [3]
    model.set_loss("tf.compat.v1.losses.softmax_cross_entropy")
    assert selected_rows(guide) == [4]
    model.set_problem_type("multilabel")
    assert model.state.loss is LossKind.SIGMOID
    assert selected_rows(guide) == [2]
    model.set_loss(LossKind.SIGMOID_XENT)
    assert selected_rows(guide) == [7]
    model.undo()
    assert selected_rows(guide) == [2]
    model.undo()
    model.undo()
    assert model.state.loss is LossKind.SOFTMAX_XENT
    assert selected_rows(guide) == [3]


def test_a_refused_row_keeps_the_highlight_on_the_state(qtbot, model):
    guide = make_guide(qtbot, model)
    refused = []
    model.rejected.connect(refused.append)
    model.set_loss = lambda loss: model.rejected.emit("no") or False  # a model that refuses
    click_row(qtbot, guide, 4)
    assert refused == ["no"]
    assert model.state.loss is LossKind.SOFTMAX_XENT
    assert selected_rows(guide) == [3]


def _pieces(text: str) -> list[str]:
    return [p for p in re.split(r"(?<=-)|[\s\u200b]+", text) if p]


@pytest.mark.parametrize(("width", "projector"), [(380, False), (520, False), (420, True)])
def test_guide_fits_a_narrow_dock_without_clipping(qtbot, model, width, projector):
    guide = make_guide(qtbot, model, width, projector)
    area = VerticalScrollArea(guide)
    show_view(qtbot, area, width, 700)
    qtbot.wait(20)
    table = guide.table
    assert area.minimumSizeHint().width() <= width  # never forces the dock wider
    visible = [c for c in range(4) if not table.isColumnHidden(c)]
    assert sum(table.columnWidth(c) for c in visible) <= table.viewport().width() + 1
    metrics = QFontMetrics(table.font())
    for c in visible:
        for r in range(table.rowCount()):
            text = table.item(r, c).text()
            widest = max(metrics.horizontalAdvance(p) for p in _pieces(text))
            assert widest < table.columnWidth(c), (r, c, text)
    for r in range(table.rowCount()):  # rows as tall as their wrapped text at these widths
        assert table.rowHeight(r) >= table.sizeHintForRow(r), r
    # the table shows every row: no inner scrolling
    assert table.verticalScrollBar().maximum() == 0
    assert table.height() >= table.horizontalHeader().height() + sum(
        table.rowHeight(r) for r in range(table.rowCount())
    )


def test_guide_folds_the_activation_column_only_when_it_must(qtbot, model):
    guide = make_guide(qtbot, model, 380, projector=True)
    area = VerticalScrollArea(guide)
    show_view(qtbot, area, 360, 700)
    qtbot.wait(20)
    assert guide.merged  # four columns of projector text need more than 360 px
    assert guide.table.isColumnHidden(1)
    assert guide.table.item(0, 2).text() == "sigmoid → binary cross-entropy"
    assert guide.table.horizontalHeaderItem(2).text() == "output activation → loss"
    area.resize(900, 700)
    qtbot.wait(20)
    assert not guide.merged
    assert not guide.table.isColumnHidden(1)
    assert guide.table.item(0, 2).data(PLAIN_ROLE) == guide.table.item(0, 2).text()


# -- the equivalence panel -----------------------------------------------------------------


def make_equivalences(qtbot, model) -> EquivalencePanel:
    panel = EquivalencePanel(model)
    show_view(qtbot, panel, 420, 900)
    return panel


def section(panel: EquivalencePanel, name: str) -> str:
    label = panel.findChild(type(panel.labels[name]), name)
    assert label is not None
    return plain(label.text())


def test_sparse_equals_one_hot_and_identity_by_default(qtbot, model):
    panel = make_equivalences(qtbot, model)
    assert panel.objectName() == "equivalences"
    loss = float(-special.log_softmax(DEFAULT_Z)[0])
    text = section(panel, "equivalence_sparse")
    assert text.count(fmt(loss)) == 2 and "✓" in text and "✗" not in text
    assert panel.labels["equivalence_sparse"].property("agrees") is True
    identity = section(panel, "equivalence_identity")
    assert fmt(loss) in identity and "✓" in identity
    assert "K = 2" in section(panel, "equivalence_two_class")
    assert panel.labels["equivalence_two_class"].property("agrees") is None
    assert "compat.v1" in section(panel, "equivalence_reductions")
    assert not panel.labels["equivalence_pos_weight"].isVisible()
    assert not panel.labels["equivalence_floor"].isVisible()


def test_sparse_does_not_apply_to_soft_labels(qtbot, model):
    panel = make_equivalences(qtbot, model)
    model.set_target_mode("soft")
    text = section(panel, "equivalence_sparse")
    assert "✓" not in text and "class index" in text
    assert panel.labels["equivalence_sparse"].property("agrees") is None


def test_two_class_softmax_is_the_sigmoid_of_the_difference(qtbot, model):
    panel = make_equivalences(qtbot, model)
    model.update(num_classes=2, logits=[0.3, 1.7])
    sig = float(special.expit(1.7 - 0.3))
    soft = float(special.softmax([0.3, 1.7])[1])
    text = section(panel, "equivalence_two_class")
    assert fmt(sig, Kind.PROBABILITY) in text and fmt(soft, Kind.PROBABILITY) in text
    assert fmt(1.4, Kind.LOGIT) in text and "✓" in text
    model.set_problem_type("binary")  # z = z₁ − z₀
    text = section(panel, "equivalence_two_class")
    assert fmt(sig, Kind.PROBABILITY) in text and "✓" in text
    assert panel.labels["equivalence_two_class"].property("agrees") is True


def test_cross_entropy_is_entropy_plus_kl_in_bits(qtbot, model):
    panel = make_equivalences(qtbot, model)
    p = np.array([0.5, 0.25, 0.125, 0.125])
    model.update(target_mode="soft", soft_target=p, units="bits")
    log_q = special.log_softmax(DEFAULT_Z)
    h = float(np.sum(special.entr(p))) / math.log(2)
    ce = float(-np.sum(p * log_q)) / math.log(2)
    text = section(panel, "equivalence_identity")
    shown = format_aligned([ce, h, ce - h, ce], Kind.INFORMATION)
    for s in shown:
        assert s in text
    assert "bits" in text and "✓" in text


def sigmoid_elements(labels, x):
    return -(labels * special.log_expit(x) + (1 - labels) * special.log_expit(-x))


@pytest.mark.parametrize("weight", [2.0, 0.0])
def test_reduction_table_against_hand_derived_sums(qtbot, model, weight):
    panel = make_equivalences(qtbot, model)
    model.set_problem_type("multilabel")
    model.update(
        logits=[1.5, -0.5, 0.25, 2.0],
        soft_target=[1.0, 0.0, 0.5, 1.0],
        weight=weight,
    )
    model.set_loss("tf.compat.v1.losses.sigmoid_cross_entropy")
    x = np.array([1.5, -0.5, 0.25, 2.0])
    losses = sigmoid_elements(np.array([1.0, 0.0, 0.5, 1.0]), x)  # L, N = 4 elements
    n = 4
    total = float(np.sum(weight * losses))
    nonzero = n if weight != 0 else 0
    expected = {
        "none": float(np.mean(weight * losses)),
        "weighted_sum": total,
        "weighted_mean": total / (weight * n) if weight else 0.0,
        "weighted_sum_over_batch_size": total / n,
        "weighted_sum_by_nonzero_weights": total / nonzero if nonzero else 0.0,
    }
    text = section(panel, "equivalence_reductions")
    assert "N = 4" in text
    for formula in ("Σ w·L", "Σ w·L / Σ w", "Σ w·L / N", "Σ w·L / #(w ≠ 0)"):
        assert formula in text
    shown = format_aligned([*expected.values(), expected["weighted_sum_by_nonzero_weights"]])
    for name, value in zip(expected, shown, strict=False):
        assert re.search(rf"{name}.*?{re.escape(value)}", text), (name, value, text)
    assert "▶ weighted_sum_by_nonzero_weights" in text and "✓" in text
    for reduction in ("weighted_sum", "none", "weighted_mean"):
        model.update(reduction=reduction)
        text = section(panel, "equivalence_reductions")
        assert f"▶ {reduction}" in text and "✓" in text
        assert panel.labels["equivalence_reductions"].property("agrees") is True


def test_pos_weight_rescales_the_positive_terms(qtbot, model):
    panel = make_equivalences(qtbot, model)
    model.set_problem_type("binary")
    model.set_loss("tf.nn.weighted_cross_entropy_with_logits")
    model.update(pos_weight=3.0, logits=[0.5], soft_target=[0.8])
    positive = float(3.0 * 0.8 * -special.log_expit(0.5))
    negative = float(0.2 * -special.log_expit(-0.5))
    text = section(panel, "equivalence_pos_weight")
    for s in format_aligned([positive, negative, positive + negative]):
        assert s in text
    assert "w > 1" in text and "false negative" in text and "✓" in text
    model.update(pos_weight=0.5)
    assert "false alarms cost more" in section(panel, "equivalence_pos_weight")
    model.set_loss("tf.nn.sigmoid_cross_entropy_with_logits")
    assert not panel.labels["equivalence_pos_weight"].isVisible()


def test_label_smoothing_floor(qtbot, model):
    panel = make_equivalences(qtbot, model)
    model.set_loss("tf.compat.v1.losses.softmax_cross_entropy")
    assert not panel.labels["equivalence_floor"].isVisible()
    model.update(label_smoothing=0.1)
    smoothed = np.array([1.0, 0.0, 0.0, 0.0]) * 0.9 + 0.1 / 4
    floor = float(np.sum(special.entr(smoothed)))
    text = section(panel, "equivalence_floor")
    assert panel.labels["equivalence_floor"].isVisible()
    assert fmt(floor) in text and "H(p′)" in text and "stops falling" in text


def test_a_disagreement_shows_a_cross_in_the_warning_colour(qtbot, model):
    panel = make_equivalences(qtbot, model)
    agrees, text = panel._verdict(1.0, 1.0 + 1e-9)
    assert not agrees and "✗" in text and panel.appearance.html("warning") in text
    agrees, text = panel._verdict(math.inf, math.inf)
    assert agrees and "✓" in text and panel.appearance.html("ok") in text


# -- the pitfall panel ------------------------------------------------------------------------


def make_pitfalls(qtbot, model) -> PitfallPanel:
    panel = PitfallPanel(model)
    show_view(qtbot, panel, 420, 900)
    return panel


def detail(panel: PitfallPanel, name: str) -> str:
    label = panel.details[name]
    assert label.isVisible(), name
    return plain(label.text())


def test_pitfall_controls_are_the_contract(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    for name in (
        "pitfall_double_softmax",
        "pitfall_probabilities_as_logits",
        "pitfall_naive_softmax",
    ):
        box = panel.boxes[name]
        assert box.objectName() == name and box.accessibleName() and not box.isChecked()
        assert not panel.details[name].isVisible()
    assert [panel.dtype.itemData(i) for i in range(panel.dtype.count())] == [
        "float64",
        "float32",
    ]
    assert panel.dtype.objectName() == "dtype" and panel.dtype.accessibleName()
    assert panel.seed_example.objectName() == "pitfall_seed_example"


def test_double_softmax_shows_scipys_twice_applied_value(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    click_check_box(qtbot, panel.boxes["pitfall_double_softmax"])
    assert model.state.pitfall_double_softmax is True
    q = special.softmax(DEFAULT_Z)
    twice = special.softmax(q)
    text = detail(panel, "pitfall_double_softmax")
    assert fmt(float(q[0]), Kind.PROBABILITY) in text
    assert fmt(float(twice[0]), Kind.PROBABILITY) in text
    assert format_vector(twice, Kind.PROBABILITY) in text
    click_check_box(qtbot, panel.boxes["pitfall_double_softmax"])
    assert model.state.pitfall_double_softmax is False
    assert not panel.details["pitfall_double_softmax"].isVisible()


def test_probabilities_as_logits_loss_against_scipy(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    click_check_box(qtbot, panel.boxes["pitfall_probabilities_as_logits"])
    p = np.array([1.0, 0.0, 0.0, 0.0])
    right = float(-np.sum(p * special.log_softmax(DEFAULT_Z)))
    wrong = float(-np.sum(p * special.log_softmax(special.softmax(DEFAULT_Z))))
    perfect = float(-special.log_softmax(p)[0])  # log(1 + 3/e)
    assert perfect == pytest.approx(math.log(1 + 3 / math.e))
    text = detail(panel, "pitfall_probabilities_as_logits")
    assert fmt(right) in text and fmt(wrong) in text
    assert f"even a perfect prediction would score {fmt(perfect)}" in text


def test_seed_example_overflows_the_naive_softmax(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    click_check_box(qtbot, panel.boxes["pitfall_naive_softmax"])
    assert model.state.pitfall_naive_softmax is True
    qtbot.mouseClick(panel.seed_example, Qt.MouseButton.LeftButton)
    np.testing.assert_array_equal(model.state.logits, [123.0, 456.0, 789.0])
    text = detail(panel, "pitfall_naive_softmax")
    assert "nan" not in text.lower()
    assert "∞/∞" in text and "undefined" in text
    stable = special.softmax([123.0, 456.0, 789.0])
    assert format_vector(stable, Kind.PROBABILITY) == "[0.0, 0.0, 1.0]"
    assert "[0.0, 0.0, 1.0]" in text
    assert "exp overflows above 709.78 in float64; the largest exponent here is 789.0" in text


def test_float32_overflows_where_float64_does_not(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    model.update(num_classes=2, logits=[90.0, 0.0])
    click_check_box(qtbot, panel.boxes["pitfall_naive_softmax"])
    text = detail(panel, "pitfall_naive_softmax")
    assert "∞" not in text.split("exp overflows")[0]  # float64: fine
    assert "No overflow" in text
    panel.dtype.setFocus()
    qtbot.keyClick(panel.dtype, Qt.Key.Key_Down)  # float32, by keyboard
    assert model.state.dtype.value == "float32"
    text = detail(panel, "pitfall_naive_softmax")
    assert "exp overflows above 88.72 in float32; the largest exponent here is 90.00" in text
    assert "∞/∞" in text and "undefined" in text and "nan" not in text.lower()
    qtbot.keyClick(panel.dtype, Qt.Key.Key_Up)
    assert model.state.dtype.value == "float64"
    assert "No overflow" in detail(panel, "pitfall_naive_softmax")


def test_dtype_from_the_combos_view(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    panel.dtype.showPopup()
    view = panel.dtype.view()
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(1, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: model.state.dtype.value == "float32")
    assert panel.dtype.currentData() == "float32"


def test_sigmoid_naive_shows_infinity_not_nan(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    model.set_problem_type("binary")
    model.update(logits=[-800.0], soft_target=[1.0])
    for box in panel.boxes.values():
        click_check_box(qtbot, box)
    text = detail(panel, "pitfall_naive_softmax")
    assert "loss: naive ∞" in text and "nan" not in text.lower()
    assert panel.boxes["pitfall_double_softmax"].text().startswith("Sigmoid")
    twice = float(special.expit(special.expit(-800.0)))
    assert fmt(twice, Kind.PROBABILITY) in detail(panel, "pitfall_double_softmax")
    assert not panel.seed_example.isEnabled()
    assert "multiclass" in panel.seed_example.toolTip()


def test_checkboxes_and_dtype_follow_the_model_and_undo(qtbot, model):
    panel = make_pitfalls(qtbot, model)
    model.try_update(pitfall_double_softmax=True)
    assert panel.boxes["pitfall_double_softmax"].isChecked()
    assert panel.details["pitfall_double_softmax"].isVisible()
    model.try_update(dtype="float32")
    assert panel.dtype.currentData() == "float32"
    model.undo()
    assert panel.dtype.currentData() == "float64"
    model.undo()
    assert not panel.boxes["pitfall_double_softmax"].isChecked()
    assert not panel.details["pitfall_double_softmax"].isVisible()
    model.redo()
    assert panel.boxes["pitfall_double_softmax"].isChecked()


@pytest.mark.parametrize(
    "logits",
    [[-800.0, -900.0, 0.0, 1.0], [-800.0, -900.0, -850.0, -810.0], [1000.0, -1000.0, 0.0, 5.0]],
)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_no_pitfall_text_ever_says_nan(qtbot, model, logits, dtype):
    panel = make_pitfalls(qtbot, model)
    model.update(
        logits=logits,
        dtype=dtype,
        pitfall_double_softmax=True,
        pitfall_probabilities_as_logits=True,
        pitfall_naive_softmax=True,
    )
    for name in panel.details:
        assert "nan" not in detail(panel, name).lower()
    model.set_problem_type("multilabel")
    for name in panel.details:
        assert "nan" not in detail(panel, name).lower()


def test_panels_restyle_for_the_projector(qtbot, model):
    appearance = Appearance()
    panels = [
        LossGuide(model, appearance),
        EquivalencePanel(model, appearance),
        PitfallPanel(model, appearance),
    ]
    for p in panels:
        show_view(qtbot, p, 420, 900)
    before = [p.font().pointSizeF() for p in panels]
    appearance.set_projector(True)
    QApplication.processEvents()
    for p, size in zip(panels, before, strict=True):
        assert p.font().pointSizeF() > size
