"""SceneDetailsDialog: the title, the note for the room and the predict question of a scene.

Asked when a lecturer saves the current state as a scene (or edits the open
scene's details): the title names the scene in the window and the scene list,
the note is shown beside the plots when it opens, and the optional predict
question is put to the room before the numbers are revealed. ::

    details = SceneDetailsDialog.ask(window, session.title, session.description, predict)
    if details is not None:
        title, note, predict = details
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import tr

__all__ = ["SceneDetailsDialog"]


class SceneDetailsDialog(QDialog):
    """Three fields prefilled from the arguments, OK and Cancel.

    Children by objectName: ``scene_title`` (QLineEdit), ``scene_note``
    (QPlainTextEdit: Enter starts a new line, Tab moves on), ``scene_predict``
    (QLineEdit) and ``scene_details_buttons`` (the QDialogButtonBox). Enter in a
    line edit is OK, Escape Cancel.
    """

    def __init__(
        self,
        title: str = "",
        note: str = "",
        predict: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scene_details_dialog")
        self.setWindowTitle(tr("Scene details"))
        self.setModal(True)

        intro = QLabel(
            tr(
                "The title and the note are saved with the scene and shown when it opens. "
                "A predict question is put to the room before the numbers are revealed."
            )
        )
        intro.setWordWrap(True)

        self.title_edit = QLineEdit(title)
        self.title_edit.setObjectName("scene_title")
        self.title_edit.setAccessibleName(tr("Scene title"))
        self.title_edit.setPlaceholderText(tr("e.g. Why the max-shift trick matters"))

        self.note_edit = QPlainTextEdit(note)
        self.note_edit.setObjectName("scene_note")
        self.note_edit.setAccessibleName(tr("Note for the room"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to the note
        self.note_edit.setPlaceholderText(tr("What the room should look at, in a few lines"))
        lines = self.note_edit.fontMetrics().lineSpacing()
        self.note_edit.setMinimumHeight(6 * lines)

        self.predict_edit = QLineEdit(predict)
        self.predict_edit.setObjectName("scene_predict")
        self.predict_edit.setAccessibleName(tr("Predict question"))
        self.predict_edit.setPlaceholderText(
            tr("Optional, e.g. What happens to the loss if T grows?")
        )

        form = QFormLayout()
        form.addRow(tr("&Title:"), self.title_edit)
        form.addRow(tr("&Note for the room:"), self.note_edit)
        form.addRow(tr("&Predict question:"), self.predict_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("scene_details_buttons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(60 * self.fontMetrics().averageCharWidth())
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def values(self) -> tuple[str, str, str]:
        """(title, note, predict) as typed: the title and question without surrounding
        spaces, the note without trailing blank lines."""
        return (
            self.title_edit.text().strip(),
            self.note_edit.toPlainText().rstrip(),
            self.predict_edit.text().strip(),
        )

    @staticmethod
    def ask(
        parent: QWidget | None, title: str = "", note: str = "", predict: str = ""
    ) -> tuple[str, str, str] | None:
        """Show the dialog (modal) prefilled with the arguments: (title, note, predict)
        after OK, None after Cancel."""
        dialog = SceneDetailsDialog(title, note, predict, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()
