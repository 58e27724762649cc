"""LossGuide: the seed's "classifier and loss selection" table as a live panel.

One row per setting (problem type → output activation → loss → TensorFlow
function). A click on a row (or Enter/Space on the current row) applies it
through the model: :meth:`ExplorerModel.set_problem_type`, then
:meth:`ExplorerModel.set_loss` (which switches a soft label to a class index
itself for the sparse losses). The row that describes the current state is
selected; it follows every change of the problem type or the loss,
whoever made it.

The table is read-only, its columns share the width, and its cells wrap
(TensorFlow's long names may break after a dot or an underscore), so it fits a
narrow dock and a large projector font without a horizontal scroll bar. It
shows all its rows (no inner scroll bar): the panel sits in the dock's
vertical scroll area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.i18n import N_, tr
from app.model import EVERYTHING, Change, ExplorerModel, ProblemType
from app.widgets.common import blocked, tint
from core import LossKind

#: A break opportunity that is never drawn: long TensorFlow names wrap after "." and "_".
ZERO_WIDTH_SPACE = "\u200b"
#: The role that keeps a cell's text without the break opportunities (for automation).
PLAIN_ROLE = Qt.ItemDataRole.UserRole

_SIGMOIDS = frozenset({ProblemType.BINARY, ProblemType.MULTILABEL})
_MULTICLASS = frozenset({ProblemType.MULTICLASS})
_ANY = frozenset(ProblemType)


@dataclass(frozen=True)
class GuideRow:
    """One row of the guide: what it says, and the setting a click applies.

    ``problem_types`` are the problem types the row describes: a click keeps
    the current one when it is among them and otherwise switches to
    ``apply_type``. The row matches the state when its loss is the state's
    loss and the state's problem type is among ``problem_types``.
    """

    problem: str
    activation: str
    loss_text: str
    loss: LossKind
    problem_types: frozenset[ProblemType]
    apply_type: ProblemType
    tip: str

    @property
    def function(self) -> str:
        """The TensorFlow function (its full name: not translated)."""
        return self.loss.value

    def matches(self, problem: ProblemType, loss: LossKind) -> bool:
        return loss is self.loss and problem in self.problem_types


ROWS: tuple[GuideRow, ...] = (
    GuideRow(
        N_("binary"),
        N_("sigmoid"),
        N_("binary cross-entropy"),
        LossKind.SIGMOID_XENT,
        frozenset({ProblemType.BINARY}),
        ProblemType.BINARY,
        N_(
            "One yes/no output: a single logit z and q = σ(z). The usual choice for two "
            "classes; the label is 0 or 1, or a probability between them."
        ),
    ),
    GuideRow(
        N_("binary, imbalanced"),
        N_("sigmoid"),
        N_("weighted cross-entropy"),
        LossKind.WEIGHTED_SIGMOID,
        frozenset({ProblemType.BINARY}),
        ProblemType.BINARY,
        N_(
            "When positives are rare: pos_weight w multiplies the positive-label term, so a "
            "missed positive costs w times more than a false alarm (w > 1 favours recall, "
            "w < 1 precision)."
        ),
    ),
    GuideRow(
        N_("binary or multi-label, with weights or label smoothing"),
        N_("sigmoid"),
        N_("sigmoid cross-entropy, weighted and reduced"),
        LossKind.SIGMOID,
        _SIGMOIDS,
        ProblemType.BINARY,
        N_(
            "The TensorFlow 1 loss with extras: a weight, label smoothing "
            "p′ = p(1 − s) + s/2 against over-confidence, and a reduction over the elements."
        ),
    ),
    GuideRow(
        N_("multiclass, one-hot or soft labels"),
        N_("softmax"),
        N_("categorical cross-entropy"),
        LossKind.SOFTMAX_XENT,
        _MULTICLASS,
        ProblemType.MULTICLASS,
        N_(
            "Exactly one true class among K ≥ 2: softmax turns the logits into a distribution "
            "q; the label is a one-hot vector or a soft distribution p."
        ),
    ),
    GuideRow(
        N_("multiclass, with weights or label smoothing"),
        N_("softmax"),
        N_("categorical cross-entropy, weighted and reduced"),
        LossKind.SOFTMAX,
        _MULTICLASS,
        ProblemType.MULTICLASS,
        N_(
            "The TensorFlow 1 softmax loss with a weight, label smoothing "
            "p′ = p(1 − s) + s/K and a reduction."
        ),
    ),
    GuideRow(
        N_("multiclass, class indices"),
        N_("softmax"),
        N_("sparse categorical cross-entropy"),
        LossKind.SPARSE_SOFTMAX_XENT,
        _MULTICLASS,
        ProblemType.MULTICLASS,
        N_(
            "The same loss as categorical cross-entropy, but the label is an integer class "
            "index y instead of a one-hot vector (cheaper with many classes). Choosing it "
            "makes the true label a class index."
        ),
    ),
    GuideRow(
        N_("multiclass, class indices, with weights"),
        N_("softmax"),
        N_("sparse categorical cross-entropy, weighted and reduced"),
        LossKind.SPARSE_SOFTMAX,
        _MULTICLASS,
        ProblemType.MULTICLASS,
        N_(
            "The TensorFlow 1 sparse loss: a class index y, a weight and a reduction "
            "(no label smoothing: an index cannot be smoothed)."
        ),
    ),
    GuideRow(
        N_("multi-label (independent classes)"),
        N_("K sigmoids"),
        N_("binary cross-entropy per class"),
        LossKind.SIGMOID_XENT,
        frozenset({ProblemType.MULTILABEL}),
        ProblemType.MULTILABEL,
        N_(
            "Any number of classes can be true at once (tags): each logit has its own "
            "sigmoid and its own yes/no cross-entropy; the targets need not sum to 1."
        ),
    ),
    GuideRow(
        N_("any"),
        N_("softmax or sigmoid"),
        N_("mean squared error (learns slowly behind a saturating output)"),
        LossKind.MSE,
        _ANY,
        ProblemType.MULTICLASS,
        N_(
            "Works, but behind a saturating sigmoid or softmax its gradient vanishes when the "
            "prediction is confidently wrong, so it learns slowly: prefer cross-entropy. "
            "Choosing it keeps the problem type."
        ),
    ),
)

#: The column headers, in order.
HEADERS = (N_("problem type"), N_("output activation"), N_("loss"), N_("TensorFlow function"))
#: The header of the loss column when a narrow table folds the activation into it.
MERGED_HEADER = N_("output activation → loss")
#: How the room beyond each column's longest word is shared out.
COLUMN_WEIGHTS = (0.8, 0.3, 0.9, 1.6)
PROBLEM, ACTIVATION, LOSS, FUNCTION = range(4)
#: Characters a line may break before or after (Chinese and the like).
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: The parts of a text that a wrapped line keeps whole: a CJK character, or a run of other
#: characters up to a space, an invisible break opportunity or just after a hyphen.
_PIECES = re.compile(rf"[{_CJK}]|[^\s\u200b{_CJK}-]+-?|-")


def breakable(name: str) -> str:
    """``name`` with an invisible break opportunity after every "." and "_"."""
    return name.replace(".", "." + ZERO_WIDTH_SPACE).replace("_", "_" + ZERO_WIDTH_SPACE)


def longest_piece(metrics: QFontMetrics, text: str) -> int:
    """The width of the widest part of ``text`` that a wrapped line cannot break."""
    return max((metrics.horizontalAdvance(p) for p in _PIECES.findall(text)), default=0)


def row_for(problem: ProblemType, loss: LossKind) -> int | None:
    """The row describing ``problem`` and ``loss``; else the first row of that loss."""
    for i, row in enumerate(ROWS):
        if row.matches(problem, loss):
            return i
    for i, row in enumerate(ROWS):
        if row.loss is loss:
            return i
    return None


class LossGuide(QWidget):
    """The classifier → activation → loss → TensorFlow function table; a click applies a row.

    The columns fill the table's width: each is at least as wide as its longest
    unbreakable word, and the rest of the room is shared out. When even that
    does not fit (a large projector font in a narrow dock), the activation is
    folded into the loss column ("sigmoid → binary cross-entropy") instead of
    clipping a column.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loss_guide_panel")
        self._model = model
        self.appearance = appearance or Appearance(parent=self)
        self._current: int | None = None
        self._merged = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.caption = QLabel(
            tr("Click a row to apply its problem type and loss; the current one is highlighted.")
        )
        self.caption.setObjectName("loss_guide_caption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

        self.table = QTableWidget(len(ROWS), len(HEADERS), objectName="loss_guide")
        self.table.setAccessibleName(tr("Classifier and loss selection guide"))
        self.table.setToolTip(tr("Click a row (or press Enter or Space) to apply it."))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        # The columns fill the width: set here from the room there is (see _layout_table).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionsClickable(False)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(16)
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
        )
        # As tall as its rows (the panel scrolls, not the table); as narrow as the dock
        # (cells wrap instead of widening it).
        self.table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.table.setMinimumWidth(120)
        self._fill()
        layout.addWidget(self.table)
        layout.addStretch(1)

        # A real click on a cell applies its row; so do Enter and Space on the current row.
        self.table.clicked.connect(lambda index: self.apply_row(index.row()))
        self._shortcuts: list[QShortcut] = []
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._apply_current)
            self._shortcuts.append(shortcut)
        # Column widths and row heights follow the table's width, once per event-loop turn.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._layout_table)
        self.table.viewport().installEventFilter(self)

        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- building ------------------------------------------------------------
    def _cell_texts(self, row: GuideRow) -> tuple[str, str, str, str]:
        loss = tr(row.loss_text)
        if self._merged:
            loss = f"{tr(row.activation)} → {loss}"
        return tr(row.problem), tr(row.activation), loss, row.function

    def _fill(self) -> None:
        """Write the cells (the loss column depends on whether the activation is folded in)."""
        headers = [tr(h) for h in HEADERS]
        if self._merged:
            headers[LOSS] = tr(MERGED_HEADER)
        self.table.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(ROWS):
            tip = f"{row.function}\n{tr(row.tip)}"
            for c, text in enumerate(self._cell_texts(row)):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                    self.table.setItem(r, c, item)
                item.setText(breakable(text) if c == FUNCTION else text)
                item.setData(PLAIN_ROLE, text)
                item.setToolTip(tip)
        self.table.setColumnHidden(ACTIVATION, self._merged)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._relayout.start()
        return False

    def _minimum_widths(self, merged: bool) -> list[int]:
        """Each column's longest unbreakable word (in a cell or the header) plus padding."""
        style = self.table.style()
        cell_pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 3
        head_pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 3
        cells = QFontMetrics(self.table.font())
        head = QFontMetrics(self.table.horizontalHeader().font())
        headers = [tr(h) for h in HEADERS]
        if merged:
            headers[LOSS] = tr(MERGED_HEADER)
        widths = []
        for c in range(len(HEADERS)):
            texts = []
            for row in ROWS:
                loss = tr(row.loss_text)
                texts.append(
                    (
                        tr(row.problem),
                        tr(row.activation),
                        f"{tr(row.activation)} → {loss}" if merged else loss,
                        breakable(row.function),
                    )[c]
                )
            widest = max(longest_piece(cells, t) for t in texts) + cell_pad
            widths.append(max(widest, longest_piece(head, headers[c]) + head_pad))
        return widths

    def _layout_table(self) -> None:
        """Share the width among the columns, then fit the rows and the header to it."""
        room = self.table.viewport().width()
        minimum = self._minimum_widths(merged=False)
        merged = sum(minimum) > room
        if merged:
            minimum = self._minimum_widths(merged=True)
            minimum[ACTIVATION] = 0
        if merged != self._merged:
            self._merged = merged
            self._fill()
        weights = [0.0 if merged and c == ACTIVATION else w for c, w in enumerate(COLUMN_WEIGHTS)]
        extra = max(room - sum(minimum), 0)
        total = sum(weights)
        widths = [minimum[c] + int(extra * weights[c] / total) for c in range(len(HEADERS))]
        widths[FUNCTION] += max(room - sum(widths), 0)  # what rounding left over
        for c, width in enumerate(widths):
            if not (merged and c == ACTIVATION):
                self.table.setColumnWidth(c, width)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped text, the header as tall as its wrapped labels, and
        the table as tall as both."""
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        pad = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 4
        metrics = QFontMetrics(header.font())
        needed = 0
        for c in range(self.table.columnCount()):
            if self.table.isColumnHidden(c):
                continue
            item = self.table.horizontalHeaderItem(c)
            width = max(self.table.columnWidth(c) - pad, 1)
            rect = metrics.boundingRect(
                QRect(0, 0, width, 100_000),
                int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap),
                item.text() if item is not None else "",
            )
            needed = max(needed, rect.height() + pad)
        header.setMinimumHeight(needed)
        height = (
            max(header.sizeHint().height(), needed)
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
        )
        if self.table.minimumHeight() != height or self.table.maximumHeight() != height:
            self.table.setFixedHeight(height)

    # -- style -----------------------------------------------------------------
    def _apply_style(self) -> None:
        self.setFont(self.appearance.font())
        tint(self.caption, foreground=self.appearance.html("muted"))
        self.table.horizontalHeader().setFont(self.appearance.font())
        self._layout_table()

    def _restyle(self) -> None:
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- following the model -----------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """Only the problem type and the loss decide which row is current."""
        if not change.touches("problem_type", "loss"):
            return
        self.refresh()

    def refresh(self) -> None:
        """Select the row that describes the model's state."""
        state = self._model.state
        current = row_for(state.problem_type, state.loss)
        self._mark(current)
        with blocked(self.table, self.table.selectionModel()):
            if current is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(current)

    def _mark(self, current: int | None) -> None:
        self._current = current
        if current is not None:
            row = ROWS[current]
            self.table.setAccessibleDescription(
                tr("Current: {problem}, {loss} ({function}).").format(
                    problem=tr(row.problem), loss=tr(row.loss_text), function=row.function
                )
            )

    @property
    def current_row(self) -> int | None:
        """The row that describes the model's state (None if none does)."""
        return self._current

    @property
    def merged(self) -> bool:
        """True while the table is too narrow for four columns (activation folded into loss)."""
        return self._merged

    # -- applying a row --------------------------------------------------------
    def _apply_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.apply_row(index.row())

    def apply_row(self, r: int) -> None:
        """Apply row ``r``: its problem type (unless the current one is among its types),
        then its loss. A refused step leaves the highlight on the state's row."""
        if not 0 <= r < len(ROWS):
            return
        row = ROWS[r]
        if self._model.state.problem_type not in row.problem_types:
            self._model.set_problem_type(row.apply_type)
        if self._model.state.problem_type in row.problem_types:
            self._model.set_loss(row.loss)
        self.refresh()  # the selection shows the state, also when nothing changed
