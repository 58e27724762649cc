"""ClassTable: one row per class with its name, logit slider and spin, p_i and q_i."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_probability
from app.i18n import tr
from app.model import LOGIT_LIMIT, ExplorerModel
from app.widgets.common import blocked
from core.editing import set_probability

#: Slider steps per logit unit: 0.01 resolution, exact values come from the spin.
SLIDER_STEPS = 100

LOGIT_TIP = (
    "Logit zᵢ of this class. q = softmax(z/T): qᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T).\n"
    "Drag the slider, or type an exact value (−1000 … 1000) in the box."
)
TARGET_TIP = (
    "pᵢ, the true probability of this class. It enters H(p) = −Σ pᵢ log pᵢ,\n"
    "H(p,q) = −Σ pᵢ log qᵢ and MSE = (1/K) Σ (qᵢ − pᵢ)².\n"
    "In class-index mode p is one-hot and read-only here."
)


class _ClassRow:
    """The widgets of one class; owned and laid out by ClassTable."""

    def __init__(self, table: ClassTable, grid: QGridLayout, i: int) -> None:
        self.name = QLineEdit()
        self.name.setObjectName(f"class_name_{i}")
        self.name.setToolTip("Name of this class (shown on the plots). Press Enter to apply.")
        self.name.setMinimumWidth(84)
        self.name.setMaximumWidth(110)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(f"logit_slider_{i}")
        self.slider.setToolTip(LOGIT_TIP)
        self.slider.setMinimumWidth(64)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"logit_spin_{i}")
        self.spin.setRange(-LOGIT_LIMIT, LOGIT_LIMIT)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.1)
        self.spin.setKeyboardTracking(False)  # apply typed numbers on Enter, not per digit
        self.spin.setToolTip(LOGIT_TIP)
        self.spin.setAccessibleName(f"logit z{i}")
        self.target = QDoubleSpinBox()
        self.target.setObjectName(f"target_spin_{i}")
        self.target.setRange(0.0, 1.0)
        self.target.setDecimals(4)
        self.target.setSingleStep(0.05)
        self.target.setKeyboardTracking(False)
        self.target.setToolTip(TARGET_TIP)
        self.target.setAccessibleName(f"true probability p{i}")
        self.q = QLabel()
        self.q.setObjectName(f"q_label_{i}")
        self.q.setToolTip("qᵢ = softmax(z/T)ᵢ, the model's probability for this class.")
        self.q.setMinimumWidth(64)
        self.q.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = i + 1  # row 0 holds the headers
        for col, w in enumerate((self.name, self.slider, self.spin, self.target, self.q)):
            grid.addWidget(w, row, col)
        self.slider.valueChanged.connect(lambda v: table.on_slider(i, v))
        self.spin.valueChanged.connect(lambda v: table.on_logit_spin(i, v))
        self.target.valueChanged.connect(lambda v: table.on_target(i, v))
        self.name.editingFinished.connect(lambda: table.on_name(i, self.name.text()))

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.slider, self.spin, self.target, self.q)

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets:
            w.setVisible(visible)


class ClassTable(QScrollArea):
    """Editable rows of classes; scrolls when K is large.

    Rows are created the first time K reaches them and hidden, not deleted,
    when K shrinks, so growing K back is instant.
    """

    def __init__(self, model: ExplorerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("class_table")
        self._model = model
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(6, 6, 6, 6)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(1, 1)
        outer.addLayout(self._grid)
        outer.addStretch(1)
        self._grid.addWidget(QLabel(f"<b>{tr('class')}</b>"), 0, 0)
        self._grid.addWidget(QLabel(f"<b>{tr('logit zᵢ')}</b>"), 0, 1, 1, 2)
        self._grid.addWidget(QLabel(f"<b>{tr('pᵢ (true)')}</b>"), 0, 3)
        self._grid.addWidget(QLabel("<b>qᵢ</b>"), 0, 4)
        self.setWidget(inner)
        self.rows: list[_ClassRow] = []
        model.changed.connect(self.refresh)
        self.refresh()

    def row(self, i: int) -> _ClassRow:
        return self.rows[i]

    # -- model -> widgets ------------------------------------------------------
    def refresh(self) -> None:
        state, result = self._model.state, self._model.result
        k = state.num_classes
        while len(self.rows) < k:
            self.rows.append(_ClassRow(self, self._grid, len(self.rows)))
        limit = state.slider_limit
        soft = state.target_mode == "soft"
        for i, row in enumerate(self.rows):
            visible = i < k
            row.set_visible(visible)
            if not visible:
                continue
            z = float(state.logits[i])
            with blocked(row.slider, row.spin, row.target, row.name):
                row.slider.setRange(int(-limit * SLIDER_STEPS), int(limit * SLIDER_STEPS))
                row.slider.setValue(round(max(-limit, min(limit, z)) * SLIDER_STEPS))
                row.spin.setValue(z)
                row.target.setValue(float(result.p[i]))
                row.target.setReadOnly(not soft)
                row.target.setEnabled(soft)
                if not row.name.hasFocus():
                    row.name.setText(state.class_names[i])
            row.q.setText(format_probability(float(result.q[i])))

    # -- widgets -> model ------------------------------------------------------
    def _logits_with(self, i: int, value: float) -> list[float]:
        logits = list(self._model.pending("logits"))
        logits[i] = value
        return logits

    def on_slider(self, i: int, steps: int) -> None:
        # A drag emits many values per frame: post, so they coalesce.
        self._model.post(logits=self._logits_with(i, steps / SLIDER_STEPS))

    def on_logit_spin(self, i: int, value: float) -> None:
        self._model.try_update(logits=self._logits_with(i, value))

    def on_target(self, i: int, value: float) -> None:
        state = self._model.state
        if state.target_mode != "soft":
            return
        p = self._model.pending("soft_target")
        if state.auto_normalise:
            new = set_probability(p, i, value)
        else:
            new = list(p)
            new[i] = value
        self._model.try_update(soft_target=new)

    def on_name(self, i: int, text: str) -> None:
        names = list(self._model.state.class_names)
        names[i] = text.strip() or f"class {i}"
        self._model.try_update(class_names=names)
