"""Actions: one table defines every menu item; the F1 list is generated from it."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from app.actions import MENUS, ActionSpec


def specs() -> list[ActionSpec]:
    return [s for _title, row in MENUS for s in row if s is not None]


def test_every_shortcut_is_unique():
    keys = [QKeySequence(s.shortcut).toString() for s in specs() if s.shortcut]
    assert len(keys) == len(set(keys)), keys


def test_every_action_exists_in_the_window_with_its_shortcut(window):
    for spec in specs():
        action = window.findChild(QAction, f"action_{spec.name}")
        assert action is not None, spec.name
        assert action.shortcut() == QKeySequence(spec.shortcut), spec.name
        assert action in window.actions()  # works with the menu bar hidden (full screen)


def test_the_shortcut_list_is_generated_from_the_actions(window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    window.window_actions.actions["shortcuts"].trigger()
    (text,) = shown
    for spec in specs():
        if spec.shortcut:
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            assert f"<b>{keys}</b>" in text, spec.name
    assert text.count("<tr>") == sum(1 for s in specs() if s.shortcut or s.keys)


def test_the_menus_hold_the_actions_in_table_order(window):
    for title, row in MENUS:
        menu = window.window_actions.menus[title.replace("&", "")]
        names = [a.objectName() for a in menu.actions() if a.objectName().startswith("action_")]
        assert names == [f"action_{s.name}" for s in row if s is not None]
