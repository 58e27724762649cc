"""CodePanel: the current state's loss as runnable TensorFlow, PyTorch and NumPy code.

Four read-only tabs hold the scripts of :func:`app.code_scripts.scripts`; each
script's last printed line is the number of the loss readout, which the line
under the tabs repeats in full (``repr``). *Copy* puts the shown script on
the clipboard.

The panel is a view like the others: ``model.changed`` arrives at
:meth:`CodePanel._on_changed`, which skips changes that touch no number and
no class name. Text is only written when it differs, and the scroll position
is kept, so reading a script is not disturbed by a rename elsewhere. During a
gesture (a drag) only the visible tab is rewritten; the others catch up when
they are shown or when the gesture ends.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.code_scripts import SCRIPT_NAMES, scripts
from app.i18n import N_, tr
from app.model import EVALUATED_FIELDS, EVERYTHING, Change, ExplorerModel

__all__ = ["CodePanel", "TAB_TITLES", "SCRIPT_FIELDS"]

#: The tab titles, in the order of :data:`app.code_scripts.SCRIPT_NAMES` (shown through tr()).
TAB_TITLES = {
    "code_tf2": N_("TensorFlow 2"),
    "code_tf_v1": N_("tf.compat.v1"),
    "code_torch": N_("PyTorch"),
    "code_numpy": N_("NumPy"),
}

#: The changes the scripts follow: every field that changes a number, and the class names.
SCRIPT_FIELDS = frozenset(EVALUATED_FIELDS | {"class_names", "num_classes"})

#: Text size of the code relative to the interface's.
CODE_SCALE = 1.0


class CodePanel(QWidget):
    """A tab per framework with a script for the current state, its value and a Copy button.

    objectNames: ``code_panel`` (the QTabWidget), ``code_tf2``, ``code_tf_v1``,
    ``code_torch``, ``code_numpy`` (read-only QPlainTextEdits), ``code_value``
    (the value the scripts print) and ``code_copy`` (the button).
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("code_view")
        self.setAccessibleName(tr("Code for the current state"))
        self._model = model
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._scripts: dict[str, str] | None = None  # None: not made for this state yet
        #: The text each tab shows (compared instead of reading the editor back).
        self._shown: dict[str, str] = {}
        #: Tabs whose text is behind ``_scripts`` (skipped during a gesture).
        self._stale: set[str] = set()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget(objectName="code_panel")
        self.tabs.setAccessibleName(tr("Code for the current state"))
        self.tabs.setToolTip(
            tr("A runnable script for the current state; the last line it prints is the loss.")
        )
        self.editors: dict[str, QPlainTextEdit] = {}
        for name in SCRIPT_NAMES:
            editor = QPlainTextEdit(objectName=name)
            editor.setReadOnly(True)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            editor.setAccessibleName(tr(TAB_TITLES[name]))
            editor.setAccessibleDescription(
                tr("A runnable script for the current state; the last line it prints is the loss.")
            )
            self.editors[name] = editor
            self.tabs.addTab(editor, tr(TAB_TITLES[name]))
        layout.addWidget(self.tabs, 1)

        row = QHBoxLayout()
        self.value = QLabel(objectName="code_value")
        self.value.setAccessibleName(tr("The value the scripts print"))
        self.value.setToolTip(tr("The loss readout's number with every digit (Python's repr)."))
        self.value.setWordWrap(True)
        row.addWidget(self.value, 1)
        self.copy_button = QPushButton(tr("Copy"), objectName="code_copy")
        self.copy_button.setAccessibleName(tr("Copy the script"))
        self.copy_button.setToolTip(tr("Copy the script of the open tab to the clipboard."))
        self.copy_button.clicked.connect(self.copy_script)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._apply_style()
        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._on_changed(EVERYTHING)

    # -- reading -------------------------------------------------------------
    @property
    def current_name(self) -> str:
        """The objectName of the open tab's script (``code_tf2``, …)."""
        return SCRIPT_NAMES[max(self.tabs.currentIndex(), 0)]

    def script(self, name: str) -> str:
        """The current state's script ``name`` (up to date even while its tab is stale)."""
        return self._current_scripts()[name]

    def _current_scripts(self) -> dict[str, str]:
        # Made when first needed: a hidden panel (another tab in front) costs a drag nothing.
        if self._scripts is None:
            self._scripts = scripts(self._model.state)
        return self._scripts

    # -- style ---------------------------------------------------------------
    def _code_font(self) -> QFont:
        mono = getattr(self.appearance, "mono_font", None)
        if callable(mono):
            font = mono()
            if isinstance(font, QFont):
                return font
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        size = font.pointSizeF()
        if size <= 0:
            size = self.appearance.base_point_size
        font.setPointSizeF(max(size * CODE_SCALE * self.appearance.font_scale, 4.0))
        return font

    def _apply_style(self) -> None:
        """The interface font for the panel, a fixed-width one for the code."""
        self.setFont(self.appearance.font())
        code_font = self._code_font()
        for editor in self.editors.values():
            editor.setFont(code_font)
            editor.setTabStopDistance(4 * editor.fontMetrics().horizontalAdvance(" "))

    def _restyle(self) -> None:
        self._apply_style()

    # -- drawing -------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """The one entry for the model's changes: new scripts when a number or a name changed.

        A change during a gesture rewrites only the open tab; the first
        change after it (the commit) brings the others up to date.
        """
        if change.touches(*SCRIPT_FIELDS):
            self._scripts = None
            self._stale = set(SCRIPT_NAMES)
            self._show_value()
        if not self._stale or not self.isVisible():
            return  # a hidden panel catches up when shown (showEvent)
        if change.transient:
            self._write(self.current_name)
        else:
            for name in SCRIPT_NAMES:
                self._write(name)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        for name in SCRIPT_NAMES:
            self._write(name)

    def _on_tab_changed(self, index: int) -> None:
        if 0 <= index < len(SCRIPT_NAMES):
            self._write(SCRIPT_NAMES[index])

    def _write(self, name: str) -> None:
        """Show script ``name`` if its tab is behind, keeping where the reader had scrolled."""
        if name not in self._stale:
            return
        self._stale.discard(name)
        text = self._current_scripts()[name]
        if self._shown.get(name) == text:
            return
        self._shown[name] = text
        editor = self.editors[name]
        vertical = editor.verticalScrollBar().value()
        horizontal = editor.horizontalScrollBar().value()
        editor.setPlainText(text)
        editor.verticalScrollBar().setValue(vertical)
        editor.horizontalScrollBar().setValue(horizontal)

    def _show_value(self) -> None:
        value = repr(float(self._model.result.loss))
        text = tr("Last line prints: {value} (the loss readout)").format(value=value)
        if self.value.text() != text:
            self.value.setText(text)
        self.value.setProperty("value", float(self._model.result.loss))

    # -- actions -------------------------------------------------------------
    def copy_script(self) -> None:
        """Put the open tab's script on the clipboard."""
        QGuiApplication.clipboard().setText(self.script(self.current_name))
