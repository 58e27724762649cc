"""ClassTable: one row per class with its name, logit slider and exact box, pᵢ, a pin and qᵢ."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.formatting import Kind, format_value
from app.i18n import N_, tr
from app.model import EVERYTHING, LOGIT_LIMIT, MAX_CLASSES, Change, ExplorerModel, ProblemType
from app.widgets.common import VerticalScrollArea, blocked, tint
from app.widgets.exact_spin import ExactSpinBox
from app.widgets.logit_slider import LogitSlider

#: Slider steps per logit unit: 0.01 resolution, exact values come from the box.
SLIDER_STEPS = 100
#: The mark of a pinned p (a glyph every font has).
PIN_GLYPH = "◆"

LOGIT_TIP = (
    "Logit zᵢ of this class. q = softmax(z/T): qᵢ = exp(zᵢ/T) / Σⱼ exp(zⱼ/T).\n"
    "Drag the slider, or type an exact value (−1000 … 1000) in the box:\n"
    "decimals or fractions such as −5/2."
)
TARGET_TIP = (
    "pᵢ, the true probability of this class. It enters H(p) = −Σ pᵢ log pᵢ,\n"
    "H(p,q) = −Σ pᵢ log qᵢ and MSE = (1/K) Σ (qᵢ − pᵢ)².\n"
    "Type a decimal or a fraction such as 1/3 and press Enter. With keep Σp = 1\n"
    "the value you type is kept (pinned, ◆) and the other classes share the rest.\n"
    "In class-index mode p is one-hot and read-only here."
)
#: The changes of values alone: only the rows whose logit or p moved need their boxes
#: compared (a drag of one logit at K = 100 is one row, not a hundred).
VALUE_FIELDS = frozenset({"logits", "soft_target", "history"})
#: Rows made ahead per idle turn of the event loop (about 3 ms: a drag meanwhile stays smooth).
ROWS_AHEAD_PER_TURN = 4

PIN_TIP = N_("Pinned: you set this pᵢ, so it stays when you edit others. Click to unpin.")

#: Fields whose change the table shows; any other change (units, loss options) is skipped.
SHOWN_FIELDS = (
    "problem_type",
    "num_classes",
    "logits",
    "soft_target",
    "target_mode",
    "target_class",
    "temperature",
    "class_names",
    "pinned",
    "auto_normalise",
    "slider_limit",
    "learning_rate",
    "loss",
    "label_smoothing",
    "pos_weight",
    "weight",
    "reduction",
)


class _NameEdit(QLineEdit):
    """A class-name box as wide as its name (at least "class 00", at most 200 px), in the
    current font (projector too)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        text = max(metrics.horizontalAdvance(self.text()), metrics.horizontalAdvance("class 00"))
        return QSize(max(hint.width(), min(text + 14, 200)), hint.height())


class _ProbabilityLabel(QLabel):
    """qᵢ as text, in a box of fixed size that fits any probability the formatter writes
    (5.55×10⁻²⁹⁰) in the current font.

    A label whose size may change asks its parents for a new layout at every new text:
    the whole table, K rows of it, at every change of a logit (about 0.5 ms at K = 10).
    A fixed one repaints only itself.
    """

    WIDEST = format_value(5.55e-290, Kind.PROBABILITY)

    def __init__(self) -> None:
        super().__init__()
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        self.setFixedSize(metrics.horizontalAdvance(self.WIDEST) + 6, metrics.height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FontChange:
            self._fit()  # projector mode: larger numbers, a larger box
        super().changeEvent(event)


class _ClassRow:
    """The widgets of one class; owned and laid out by ClassTable."""

    def __init__(self, table: ClassTable, grid: QGridLayout, i: int) -> None:
        model = table.model
        self.name = _NameEdit()
        self.name.setObjectName(f"class_name_{i}")
        self.name.setToolTip(tr("Name of this class (shown on the plots). Press Enter to apply."))
        self.name.setMaximumWidth(200)  # a 4K screen needs no 1000-px name box
        self.slider = LogitSlider(f"logit_slider_{i}")
        self.slider.setToolTip(LOGIT_TIP)
        self.slider.setAccessibleName(tr("logit slider z") + str(i))
        self.spin = ExactSpinBox(f"logit_spin_{i}", (-LOGIT_LIMIT, LOGIT_LIMIT), 0.1)
        self.spin.setToolTip(LOGIT_TIP)
        self.spin.setAccessibleName(tr("logit z") + str(i))
        self.target = ExactSpinBox(f"target_spin_{i}", (0.0, 1.0), 0.05)
        self.target.setToolTip(TARGET_TIP)
        self.target.setAccessibleName(tr("true probability p") + str(i))
        self.pin = QToolButton()
        self.pin.setObjectName(f"pin_{i}")
        self.pin.setText(PIN_GLYPH)
        self.pin.setAutoRaise(True)
        self.pin.setToolTip(tr(PIN_TIP))
        self.pin.setAccessibleName(tr("unpin p") + str(i))
        policy = self.pin.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the row does not jump when a pin appears
        self.pin.setSizePolicy(policy)
        self.q = _ProbabilityLabel()
        self.q.setObjectName(f"q_label_{i}")
        self.q.setToolTip(tr("qᵢ = softmax(z/T)ᵢ, the model's probability for this class."))
        self.q.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Two grid lines per class: the numbers, then a slider as wide as the table
        # (about 0.05 logit per pixel at ±10). Line 0 holds the headers.
        line = 1 + 2 * i
        for col, w in enumerate((self.name, self.spin, self.target, self.pin)):
            grid.addWidget(w, line, col)
        grid.addWidget(self.q, line, 4, Qt.AlignmentFlag.AlignRight)  # under its header
        grid.addWidget(self.slider, line + 1, 0, 1, 5)

        # A drag is a gesture: transient edits, then one undo step on release.
        self.slider.valueChanged.connect(
            lambda v: model.set_logit(i, v / SLIDER_STEPS, transient=self.slider.isSliderDown())
        )
        self.slider.sliderReleased.connect(model.commit)
        self.spin.committed.connect(lambda v: model.set_logit(i, v))
        self.spin.refused.connect(model.rejected)
        self.target.committed.connect(lambda v: model.set_probability(i, v))
        self.target.refused.connect(model.rejected)
        self.pin.clicked.connect(lambda: model.unpin(i))
        self.name.editingFinished.connect(lambda: table.on_name(i, self.name.text()))

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return (self.name, self.spin, self.target, self.pin, self.q, self.slider)

    def set_visible(self, visible: bool) -> None:
        for w in self.widgets:
            w.setVisible(visible)


class ClassTable(VerticalScrollArea):
    """Editable rows of classes; scrolls when K is large.

    From the table's first paint on, rows are made ahead, hidden, a few at a time
    while the event loop is idle, until there is one for every K up to
    ``MAX_CLASSES``; a row K reaches before that is made then. Rows are hidden,
    not deleted, when K shrinks. So a larger K only shows rows: K from 4 to 100
    then takes about 95 ms instead of 165. Every edit goes to a model operation
    (``set_logit``, ``set_probability``, ``unpin``); the table only shows the model.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("class_table")
        self.model = model
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(6, 6, 6, 6)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 1)
        outer.addLayout(self._grid)
        outer.addStretch(1)
        self._grid.addWidget(QLabel(f"<b>{tr('class')}</b>"), 0, 0)
        self._grid.addWidget(QLabel(f"<b>{tr('logit zᵢ')}</b>"), 0, 1)
        self.target_header = QLabel(objectName="target_header")
        self.q_header = QLabel(objectName="q_header")
        self._grid.addWidget(self.target_header, 0, 2, 1, 2)
        self._grid.addWidget(self.q_header, 0, 4, Qt.AlignmentFlag.AlignRight)  # over its numbers
        self._headers_for: ProblemType | None = None
        # As wide as a row: a narrow dock would otherwise cut the q column.
        self.set_content(inner)
        self.rows: list[_ClassRow] = []
        # The logits and p the rows showed at the last refresh (None: compare every row).
        self._shown_inputs: tuple[list[float], list[float]] | None = None
        # Started at the first paint (the first frame waits for nothing); interval 0:
        # whenever the event loop has nothing else to do.
        self._rows_ahead = QTimer(self, interval=0)
        self._rows_ahead.timeout.connect(self._make_rows_ahead)
        model.changed.connect(self._on_changed)
        model.rejected.connect(self._put_back)  # a refused entry shows the model's value again
        self.appearance.changed.connect(self._restyle)
        self._restyle()

    def row(self, i: int) -> _ClassRow:
        return self.rows[i]

    def scroll_to_first(self) -> None:
        """Show the first class (a newly opened scene starts at the top)."""
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and watched is self.widget():
            if not self._rows_ahead.isActive() and len(self.rows) < MAX_CLASSES:
                self._rows_ahead.start()
        return super().eventFilter(watched, event)

    # -- model -> widgets ------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.touches(*SHOWN_FIELDS):
            self.refresh(change)

    def _put_back(self, _message: str = "") -> None:
        self.refresh(EVERYTHING)

    def _restyle(self) -> None:
        for row in self.rows:
            tint(row.pin, foreground=self.appearance.html("pin"))
        self.refresh(EVERYTHING)

    def refresh(self, change: Change = EVERYTHING) -> None:
        state, result = self.model.state, self.model.result
        k = state.num_classes
        if change.resized or len(self.rows) < k:
            self._show_rows(k)
        limit = state.slider_limit
        soft = state.soft
        pinned = set(state.pinned) if state.normalised else set()
        binary = state.problem_type is ProblemType.BINARY
        if state.problem_type is not self._headers_for:
            self._set_headers(state.problem_type)
        # Sigmoid outputs: each row's target and σ; a binary row shows y and σ(z/T),
        # the second of the two outcomes the plot draws.
        targets = state.soft_target if state.problem_type.sigmoid else result.p
        q_values = result.q[1:] if binary else result.q
        # Plain floats, read once: at K = 100 this loop runs for every change of any logit,
        # and it only writes what differs (one row's boxes for a drag of one logit).
        zs = [float(z) for z in state.logits[:k]]
        ps = [float(p) for p in targets[:k]]
        qs = [float(q) for q in q_values[:k]]
        names = state.class_names
        new_range = change.touches("slider_limit", "num_classes")
        low, high = int(-limit * SLIDER_STEPS), int(limit * SLIDER_STEPS)
        hidden = getattr(self, "_numbers_hidden", False)
        # A change of values alone (a logit, p) compares the boxes of the rows whose
        # values moved since the last refresh; every other change compares every row.
        inputs = (zs, ps)
        rows_to_check = range(k)
        if change.fields <= VALUE_FIELDS and self._shown_inputs is not None:
            shown_zs, shown_ps = self._shown_inputs
            if len(shown_zs) == k:
                rows_to_check = [
                    i for i in range(k) if zs[i] != shown_zs[i] or ps[i] != shown_ps[i]
                ]
        self._shown_inputs = inputs
        for i in rows_to_check:
            row = self.rows[i]
            z, p = zs[i], ps[i]
            steps = round(max(-limit, min(limit, z)) * SLIDER_STEPS)
            slider, spin, target, name = row.slider, row.spin, row.target, row.name
            # Never fight the hand that drags the slider, nor the cursor in a name.
            move_slider = slider.value() != steps and not slider.isSliderDown()
            rename = not name.hasFocus() and name.text() != names[i]
            new_z, new_p = spin.value() != z, target.value() != p
            new_mode = target.isReadOnly() == soft
            if new_range or move_slider or rename or new_z or new_p or new_mode:
                with blocked(slider, spin, target, name):
                    if new_range:
                        slider.setRange(low, high)  # may clamp the value: compare again
                        move_slider = slider.value() != steps and not slider.isSliderDown()
                    if move_slider:
                        slider.setValue(steps)
                    if new_z:
                        spin.setValue(z)
                    if new_p:
                        target.setValue(p)
                    if new_mode:
                        target.setReadOnly(not soft)
                        target.setEnabled(soft)
                    if rename:
                        name.setText(names[i])
                        name.updateGeometry()  # its minimum width follows the name
            if row.pin.isHidden() == (i in pinned):
                row.pin.setVisible(i in pinned)
        for i, row in enumerate(self.rows[:k]):
            text = "?" if hidden else format_value(qs[i], Kind.PROBABILITY)
            if row.q.text() != text:
                row.q.setText(text)
        self._draw_step_arrows(k)

    def _show_rows(self, k: int) -> None:
        """Rows 0..k-1 shown (created the first time), the rest hidden.

        Many new rows are shown while their holder is hidden, then the holder once:
        Qt lays out and polishes them in one pass instead of once per widget (K from
        4 to 100 shows almost 600 widgets).
        """
        holder = self.widget()
        batch = k - sum(1 for row in self.rows[:k] if row.slider.isVisibleTo(holder)) > 8
        focus = QApplication.focusWidget()
        if batch:
            holder.hide()
        while len(self.rows) < k:
            self._new_row()
        for i, row in enumerate(self.rows):
            row.set_visible(i < k)
        if batch:
            holder.show()
            if focus is not None and focus.isVisible() and holder.isAncestorOf(focus):
                focus.setFocus()  # hiding the holder took it
        self._headers_for = None  # new rows take the tips of the problem type

    def _new_row(self) -> _ClassRow:
        row = _ClassRow(self, self._grid, len(self.rows))
        tint(row.pin, foreground=self.appearance.html("pin"))
        self.rows.append(row)
        return row

    def _make_rows_ahead(self) -> None:
        """A few hidden rows more (polished, as showing them would), until MAX_CLASSES."""
        for _ in range(ROWS_AHEAD_PER_TURN):
            if len(self.rows) >= MAX_CLASSES:
                self._rows_ahead.stop()
                return
            row = self._new_row()
            row.set_visible(False)
            for widget in row.widgets:
                widget.ensurePolished()

    def set_numbers_hidden(self, hidden: bool) -> None:
        """Predict mode: q is "?" until the reveal (the logits and p stay: they are inputs)."""
        self._numbers_hidden = hidden
        self.refresh(EVERYTHING)

    def _draw_step_arrows(self, k: int) -> None:
        """Optional (View menu): where one gradient step would move each logit, the
        selected loss above the groove and MSE below it."""
        if not self.appearance.gradient_steps:
            for row in self.rows[:k]:
                row.slider.set_step_arrows([])
            return
        loss_steps, mse_steps = self.model.gradient_steps()
        loss_colour, mse_colour = (
            self.appearance.qcolor("ce_grad"),
            self.appearance.qcolor("mse_grad"),
        )
        for i, row in enumerate(self.rows[:k]):
            row.slider.set_step_arrows(
                [
                    (float(loss_steps[i]) * SLIDER_STEPS, loss_colour),
                    (float(mse_steps[i]) * SLIDER_STEPS, mse_colour),
                ]
            )

    def _set_headers(self, problem: ProblemType) -> None:
        """Column titles and tips that say what the activation is."""
        self._headers_for = problem
        if problem is ProblemType.MULTICLASS:
            target, q = tr("pᵢ (true)"), "qᵢ"
            q_tip = tr("qᵢ = softmax(z/T)ᵢ, the model's probability for this class.")
            target_tip = TARGET_TIP
        else:
            target, q = (
                (tr("y (true)"), "σ(z/T)")
                if problem is ProblemType.BINARY
                else (
                    tr("targetᵢ"),
                    "σ(zᵢ/T)",
                )
            )
            q_tip = tr("σ(zᵢ/T): this output's own probability; the outputs need not sum to 1.")
            target_tip = tr(
                "The target of this output, between 0 and 1 (1: the class is present).\n"
                "Each output is its own yes/no problem: the targets need not sum to 1.\n"
                "Type a decimal or a fraction and press Enter."
            )
        self.target_header.setText(f"<b>{target}</b>")
        self.q_header.setText(f"<b>{q}</b>")
        for row in self.rows:
            row.q.setToolTip(q_tip)
            row.target.setToolTip(target_tip)

    # -- widgets -> model ------------------------------------------------------
    def on_name(self, i: int, text: str) -> None:
        names = list(self.model.state.class_names)
        names[i] = text.strip() or f"class {i}"
        self.model.try_update(class_names=names)
