"""OptionsPanel: the number of classes, the true label, temperature, units and the loss."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.formatting import format_entry
from app.i18n import N_, tr
from app.model import (
    EVERYTHING,
    MAX_CLASSES,
    POS_WEIGHT_RANGE,
    SLIDER_LIMIT_RANGE,
    TEMPERATURE_RANGE,
    WEIGHT_RANGE,
    Change,
    ExplorerModel,
    ProblemType,
    loss_unsuitable_reason,
)
from app.widgets.common import blocked, guard_wheel, tint
from app.widgets.exact_spin import ExactSpinBox
from core import LOSSES, Reduction, loss_spec

#: The problem types as the combo lists them: itemData, text.
PROBLEM_TYPE_ITEMS = (
    ("binary", N_("binary: one sigmoid")),
    ("multiclass", N_("multiclass: softmax")),
    ("multilabel", N_("multi-label: K sigmoids")),
)
#: TensorFlow's reductions with a short explanation each.
REDUCTION_TIPS = {
    Reduction.NONE: N_("none: the weighted values w·L themselves (the readout shows their mean)"),
    Reduction.SUM: N_("weighted_sum: Σ w·L"),
    Reduction.MEAN: N_("weighted_mean: Σ w·L / Σ w"),
    Reduction.SUM_OVER_BATCH_SIZE: N_("weighted_sum_over_batch_size: Σ w·L / N"),
    Reduction.SUM_BY_NONZERO_WEIGHTS: N_(
        "weighted_sum_by_nonzero_weights: Σ w·L / #(w ≠ 0), TensorFlow's default"
    ),
}


def _number_box(name: str, value_range: tuple[float, float], step: float, tip: str) -> ExactSpinBox:
    """An exact number box (fractions accepted) that applies typed numbers on Enter."""
    box = ExactSpinBox(name, value_range, step)
    box.setToolTip(tip)
    return box


class OptionsPanel(QWidget):
    """Controls for everything that is not per class."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("options_panel")
        self._model = model
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)

        # -- the problem ------------------------------------------------------
        problem = QGroupBox(tr("Classes and true label"))
        form = QFormLayout(problem)
        self.problem_type = QComboBox(objectName="problem_type")
        for data, text in PROBLEM_TYPE_ITEMS:
            self.problem_type.addItem(tr(text), data)
        self.problem_type.setToolTip(
            tr(
                "The output activation. binary: one logit and σ(z); multiclass: K logits and "
                "a softmax (one true class); multi-label: K independent sigmoids (any number "
                "of true classes)."
            )
        )
        form.addRow(tr("Problem:"), self.problem_type)
        self.class_count = QSpinBox(objectName="class_count")
        self.class_count.setRange(1, MAX_CLASSES)
        self.class_count.setToolTip(
            "K, the number of classes (2 … 100). Changing K keeps the logits and p of the\n"
            "classes that remain. With K = 2, softmax(z)₁ = sigmoid(z₁ − z₀)."
        )
        self.class_count.setKeyboardTracking(False)
        form.addRow(tr("Classes K:"), self.class_count)

        self.target_mode = QComboBox(objectName="target_mode")
        self.target_mode.addItem(tr("class index (one-hot)"), "index")
        self.target_mode.addItem(tr("distribution (soft labels)"), "soft")
        self.target_mode.setToolTip(
            "How the true label is given: a class index y (p is one-hot: pᵧ = 1), as for\n"
            "sparse_softmax_cross_entropy, or a full distribution p (soft labels)."
        )
        form.addRow(tr("True label:"), self.target_mode)

        self.target_class = QSpinBox(objectName="target_class")
        self.target_class.setToolTip(
            "The true class y in class-index mode. H(p,q) = −log qᵧ. "
            "You can also click a class's bars in the plot."
        )
        form.addRow(tr("True class y:"), self.target_class)

        self.auto_normalise = QCheckBox(tr("keep Σp = 1"), objectName="auto_normalise")
        self.auto_normalise.setToolTip(
            "When on, editing pᵢ rescales the other entries so that Σp = 1.\n"
            "Turn off for unnormalised soft labels, which TensorFlow accepts."
        )
        form.addRow("", self.auto_normalise)
        self.sum_note = QLabel(objectName="target_sum_note")
        self.sum_note.setWordWrap(True)
        form.addRow(self.sum_note)
        layout.addWidget(problem)

        # -- softmax and units -----------------------------------------------
        display = QGroupBox(tr("Softmax and units"))
        form = QFormLayout(display)
        self.temperature = _number_box(
            "temperature_spin",
            TEMPERATURE_RANGE,
            0.05,
            "Temperature T: q = softmax(z/T). T > 1 flattens q, T < 1 sharpens it.\n"
            "T divides the logits before every computation, losses included.",
        )
        form.addRow(tr("Temperature T:"), self.temperature)
        self.units = QComboBox(objectName="units")
        self.units.addItem(tr("nats (ln)"), "nats")
        self.units.addItem(tr("bits (log₂)"), "bits")
        self.units.setToolTip(
            "Units of H(p), H(p,q) and KL: nats use ln, bits use log₂ (1 bit = ln 2 nats).\n"
            "32 equally likely teams: H = log₂ 32 = 5 bits."
        )
        form.addRow(tr("Units:"), self.units)
        self.slider_range = _number_box(
            "slider_range",
            SLIDER_LIMIT_RANGE,
            1.0,
            "Range of the logit sliders (and of the loss sweep). The boxes accept −1000 … 1000.",
        )
        self.slider_range.setPrefix("± ")
        form.addRow(tr("Slider range:"), self.slider_range)
        layout.addWidget(display)

        # -- the loss ---------------------------------------------------------
        loss = QGroupBox(tr("Loss (as TensorFlow computes it)"))
        form = QFormLayout(loss)
        self.loss_kind = QComboBox(objectName="loss_kind")
        for kind in LOSSES:
            self.loss_kind.addItem(kind.value, kind.value)  # TensorFlow's own name
        self.loss_kind.setToolTip(
            tr(
                "The TensorFlow function whose value 'loss' shows, for this one example, "
                "in nats. Only the functions that suit the problem type can be chosen."
            )
        )
        form.addRow(tr("Loss:"), self.loss_kind)
        self.label_smoothing = _number_box(
            "label_smoothing_spin",
            (0.0, 1.0),
            0.05,
            "Label smoothing s: softmax uses p′ = p(1 − s) + s/K, sigmoid p′ = p(1 − s) + s/2.",
        )
        form.addRow(tr("Label smoothing s:"), self.label_smoothing)
        self.pos_weight = _number_box(
            "pos_weight_spin",
            POS_WEIGHT_RANGE,
            0.5,
            "pos_weight w of weighted cross-entropy: −w·p log σ(x) − (1 − p) log(1 − σ(x)).\n"
            "w > 1 makes missed positives cost more (imbalanced data).",
        )
        form.addRow(tr("Positive weight w:"), self.pos_weight)
        self.weight = _number_box(
            "weight_spin",
            WEIGHT_RANGE,
            0.5,
            tr(
                "weights of the tf.compat.v1 losses (a scalar here): the loss is multiplied "
                "by it before the reduction. 0 drops the example (the loss becomes 0)."
            ),
        )
        form.addRow(tr("Weight:"), self.weight)
        self.reduction = QComboBox(objectName="reduction")
        for red, tip in REDUCTION_TIPS.items():
            self.reduction.addItem(red.value, red.value)
            self.reduction.setItemData(
                self.reduction.count() - 1, tr(tip), Qt.ItemDataRole.ToolTipRole
            )
        self.reduction.setToolTip(
            tr("How a tf.compat.v1 loss combines its weighted per-element values.")
        )
        form.addRow(tr("Reduction:"), self.reduction)
        self.options_note = QLabel(objectName="loss_options_note")
        self.options_note.setWordWrap(True)
        form.addRow(self.options_note)
        layout.addWidget(loss)
        layout.addStretch(1)

        # Long item texts ("distribution (soft labels)") must not force the panel wider
        # than its dock: the combos shrink and elide, their pop-ups show the whole text.
        for combo in (
            self.problem_type,
            self.target_mode,
            self.units,
            self.loss_kind,
            self.reduction,
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        # The wheel scrolls the panel; it changes a control only once it has focus.
        guard_wheel(
            self.problem_type,
            self.weight,
            self.reduction,
            self.class_count,
            self.target_mode,
            self.target_class,
            self.temperature,
            self.units,
            self.slider_range,
            self.loss_kind,
            self.label_smoothing,
            self.pos_weight,
        )
        self.problem_type.currentIndexChanged.connect(
            lambda _: model.set_problem_type(self.problem_type.currentData())
        )
        self.weight.committed.connect(lambda v: model.try_update(weight=v))
        self.weight.refused.connect(model.rejected)
        self.reduction.currentIndexChanged.connect(
            lambda _: model.try_update(reduction=self.reduction.currentData())
        )
        self.class_count.valueChanged.connect(lambda k: model.try_update(num_classes=k))
        self.target_mode.currentIndexChanged.connect(
            lambda _: model.set_target_mode(self.target_mode.currentData())
        )
        self.target_class.valueChanged.connect(lambda i: model.try_update(target_class=i))
        self.auto_normalise.toggled.connect(lambda on: model.try_update(auto_normalise=on))
        self.temperature.committed.connect(lambda v: model.try_update(temperature=v))
        self.temperature.refused.connect(model.rejected)
        self.units.currentIndexChanged.connect(
            lambda _: model.try_update(units=self.units.currentData())
        )
        self.slider_range.committed.connect(lambda v: model.try_update(slider_limit=v))
        self.slider_range.refused.connect(model.rejected)
        self.loss_kind.currentIndexChanged.connect(
            lambda _: model.set_loss(self.loss_kind.currentData())
        )
        self.label_smoothing.committed.connect(lambda v: model.try_update(label_smoothing=v))
        self.label_smoothing.refused.connect(model.rejected)
        self.pos_weight.committed.connect(lambda v: model.try_update(pos_weight=v))
        self.pos_weight.refused.connect(model.rejected)
        model.changed.connect(self._on_changed)
        model.rejected.connect(self.refresh)  # put a refused choice back
        self.appearance.changed.connect(self._restyle)
        self._restyle()

    def _on_changed(self, change: Change) -> None:
        # Logits move on every frame of a drag; nothing here shows them.
        if change.fields - {"logits", "history"}:
            self.refresh()

    def _restyle(self) -> None:
        tint(self.sum_note, foreground=self.appearance.html("warning"))
        self.refresh()

    def refresh(self, _change: Change = EVERYTHING) -> None:
        state = self._model.state
        widgets = (
            self.problem_type,
            self.weight,
            self.reduction,
            self.class_count,
            self.target_mode,
            self.target_class,
            self.auto_normalise,
            self.temperature,
            self.units,
            self.slider_range,
            self.loss_kind,
            self.label_smoothing,
            self.pos_weight,
        )
        soft = state.soft
        sigmoids = state.problem_type.sigmoid
        with blocked(*widgets):
            self.problem_type.setCurrentIndex(self.problem_type.findData(state.problem_type.value))
            binary = state.problem_type is ProblemType.BINARY
            self.class_count.setMinimum(1 if binary else 2)
            self.class_count.setValue(state.num_classes)
            self.class_count.setEnabled(not binary)
            self.target_mode.setCurrentIndex(self.target_mode.findData(state.target_mode.value))
            self.target_mode.setEnabled(not sigmoids)
            self.target_class.setRange(0, state.num_classes - 1)
            self.target_class.setValue(state.target_class)
            self.target_class.setEnabled(not soft)
            self.auto_normalise.setChecked(state.auto_normalise)
            self.auto_normalise.setEnabled(soft and not sigmoids)
            self._enable_losses(state.problem_type)
            self.temperature.setValue(state.temperature)
            self.units.setCurrentIndex(self.units.findData(state.units.value))
            self.slider_range.setValue(state.slider_limit)
            self.loss_kind.setCurrentIndex(self.loss_kind.findData(state.loss.value))
            options = loss_spec(state.loss).options  # the registry says what applies
            self.label_smoothing.setValue(state.label_smoothing)
            self.label_smoothing.setEnabled("label_smoothing" in options)
            self.pos_weight.setValue(state.pos_weight)
            self.pos_weight.setEnabled("pos_weight" in options)
            self.weight.setValue(state.weight)
            self.weight.setEnabled("weights" in options)
            self.reduction.setCurrentIndex(self.reduction.findData(state.reduction.value))
            self.reduction.setEnabled("reduction" in options)
        self.options_note.setText(self._options_note(state.loss))
        total = self._model.result.p_sum
        off = soft and not sigmoids and not math.isclose(total, 1.0, abs_tol=1e-9)
        self.sum_note.setVisible(off)
        if off:
            self.sum_note.setText(
                f"Σp = {format_entry(total)}, "
                + tr(
                    "not 1: these are unnormalised soft labels. TensorFlow accepts them; "
                    "H, H(p,q) and KL are computed as written. "
                    "Distribution › Normalise p rescales them."
                )
            )

    def _enable_losses(self, problem: ProblemType) -> None:
        """Only the functions that suit ``problem`` can be chosen; the others say why."""
        items = self.loss_kind.model()
        for row, (kind, spec) in enumerate(LOSSES.items()):
            item = items.item(row)  # a QStandardItem: the combo's default model
            reason = loss_unsuitable_reason(kind, problem)
            item.setEnabled(reason is None)
            tip = f"{tr(spec.label)}\n{tr(spec.tip)}"
            if reason is not None:
                tip += "\n\n" + tr("Not available: ") + reason
            item.setToolTip(tip)

    def _options_note(self, loss: object) -> str:
        """Which options apply to the chosen function (the others are greyed out)."""
        spec = loss_spec(loss)  # type: ignore[arg-type]
        if spec.compat_v1 and "label_smoothing" in spec.options:
            return tr("tf.compat.v1.losses: the weight, the reduction and label smoothing apply.")
        if spec.compat_v1:
            return tr("tf.compat.v1.losses: the weight and the reduction apply.")
        if "pos_weight" in spec.options:
            return tr("tf.nn: only pos_weight applies; the readout is the mean over the outputs.")
        return tr("tf.nn: no options; weights, reduction and smoothing belong to tf.compat.v1.")
