"""The scene details dialog: a title, a note for the room and a predict question."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit

from app.widgets.scene_dialog import SceneDetailsDialog


def fields(dialog):
    return (
        dialog.findChild(QLineEdit, "scene_title"),
        dialog.findChild(QPlainTextEdit, "scene_note"),
        dialog.findChild(QLineEdit, "scene_predict"),
    )


def button(dialog, which):
    box = dialog.findChild(QDialogButtonBox, "scene_details_buttons")
    return box.button(which)


def show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_fields_are_prefilled_from_the_arguments(qtbot):
    dialog = SceneDetailsDialog("Max shift", "Look at q.\nThen at H.", "Will q change?")
    show(qtbot, dialog)
    title, note, predict = fields(dialog)
    assert title.text() == "Max shift"
    assert note.toPlainText() == "Look at q.\nThen at H."
    assert predict.text() == "Will q change?"
    assert dialog.values() == ("Max shift", "Look at q.\nThen at H.", "Will q change?")
    assert dialog.windowTitle() == "Scene details"


def test_typing_into_the_fields_and_ok(qtbot):
    dialog = show(qtbot, SceneDetailsDialog())
    title, note, predict = fields(dialog)
    qtbot.keyClicks(title, "Temperature")
    qtbot.keyClicks(note, "Raise T.")
    qtbot.keyClick(note, Qt.Key.Key_Return)  # a new line in the note, not OK
    assert dialog.isVisible()
    qtbot.keyClicks(note, "Watch H(p,q).")
    qtbot.keyClicks(predict, "  Does the loss go up?  ")
    qtbot.mouseClick(button(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == ("Temperature", "Raise T.\nWatch H(p,q).", "Does the loss go up?")


def test_cancel_rejects(qtbot):
    dialog = show(qtbot, SceneDetailsDialog("Old"))
    qtbot.keyClicks(fields(dialog)[0], " and new")
    qtbot.mouseClick(
        button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def answer_the_dialog(qtbot, action, seen):
    """When the modal dialog is up: check it, type into it and press a button."""

    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SceneDetailsDialog):
            QTimer.singleShot(10, act)  # not shown yet
            return
        seen.append(dialog.values())
        action(dialog)

    QTimer.singleShot(0, act)


def test_ask_returns_the_three_texts_after_ok(qtbot):
    seen = []

    def type_and_ok(dialog):
        title, note, predict = fields(dialog)
        title.selectAll()
        qtbot.keyClicks(title, "Softmax twice")
        qtbot.keyClicks(note, " Compare the two rows.")
        qtbot.keyClicks(predict, "Which row is right?")
        qtbot.mouseClick(
            button(dialog, QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    answer_the_dialog(qtbot, type_and_ok, seen)
    result = SceneDetailsDialog.ask(None, "Untitled", "A pitfall.", "")
    assert seen == [("Untitled", "A pitfall.", "")]  # prefilled
    assert result == ("Softmax twice", "A pitfall. Compare the two rows.", "Which row is right?")


def test_ask_returns_none_after_cancel(qtbot):
    seen = []

    def type_and_cancel(dialog):
        qtbot.keyClicks(fields(dialog)[0], "never kept")
        qtbot.mouseClick(
            button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )

    answer_the_dialog(qtbot, type_and_cancel, seen)
    assert SceneDetailsDialog.ask(None, "Kept", "", "Q?") is None
    assert seen == [("Kept", "", "Q?")]


def test_enter_in_the_title_is_ok_and_escape_is_cancel(qtbot):
    def enter(dialog):
        qtbot.keyClick(fields(dialog)[0], Qt.Key.Key_Return)

    answer_the_dialog(qtbot, enter, [])
    assert SceneDetailsDialog.ask(None, "T", "N", "P") == ("T", "N", "P")

    def escape(dialog):
        qtbot.keyClick(fields(dialog)[2], Qt.Key.Key_Escape)

    answer_the_dialog(qtbot, escape, [])
    assert SceneDetailsDialog.ask(None, "T", "N", "P") is None


def test_the_note_tab_moves_focus_on(qtbot):
    dialog = show(qtbot, SceneDetailsDialog())
    dialog.activateWindow()
    _, note, predict = fields(dialog)
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert note.toPlainText() == ""  # no tab character typed
    qtbot.waitUntil(predict.hasFocus, timeout=1000)
