"""Lecture mode: a clicker walks the room through the scenes, step by step.

:class:`Lecture` knows the built-in scenes in their order, which one is open
and which of its steps is shown. PageDown goes to the next step, or to the
next scene after the last step; PageUp goes back; the number keys 1–9 open a
scene; Home or R resets the scene to its preset exactly. :class:`ClickerKeys`
turns those keys into calls, whatever widget has the focus, except while a
text field is being edited (typing "1" into a logit box must type a 1).

Opening a scene or a step is one ordinary model update (one undo step): the
lecturer can always go back with Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.scenes import Scene, builtin_scenes, load_scene

__all__ = ["Lecture", "ClickerKeys", "NUDGE_SMALL", "NUDGE_LARGE"]

#: Alt+↑/↓ moves the selected logit by this much; Alt+Shift+↑/↓ by NUDGE_LARGE.
NUDGE_SMALL = 0.1
NUDGE_LARGE = 1.0


class Lecture(QObject):
    """The scene and step on show, and moving between them.

    ``opener(scene, step)`` shows a scene (``step`` 0 is its preset; ``k`` its
    k-th step); the main window passes its own. ``changed(scene, step)`` follows.
    """

    changed = Signal(int, int)

    def __init__(
        self,
        opener: Callable[[Scene, int], None],
        language: str = "en",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open = opener
        self._language = language
        self._paths: list[Path] = list(builtin_scenes().values())
        self._scenes: dict[int, Scene] = {}
        self.index = -1  # no built-in scene open
        self.step = 0

    # -- reading -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._paths)

    def scene(self, i: int) -> Scene:
        """Scene ``i`` (0-based), read once."""
        if i not in self._scenes:
            self._scenes[i] = load_scene(self._paths[i], self._language)
        return self._scenes[i]

    def titles(self) -> list[str]:
        """Every scene's title in its place; a broken file shows its name."""
        out = []
        for i, path in enumerate(self._paths):
            try:
                out.append(self.scene(i).title)
            except ValueError:
                out.append(path.stem)
        return out

    def steps_of(self, i: int) -> int:
        """How many steps scene ``i`` has after its preset."""
        return len(getattr(self.scene(i), "steps", ()))

    # -- moving ------------------------------------------------------------------------
    def goto(self, i: int, step: int = 0) -> bool:
        """Open scene ``i`` at ``step``; False if there is no such scene."""
        if not 0 <= i < len(self._paths):
            return False
        try:
            scene = self.scene(i)
        except ValueError:
            return False
        step = max(0, min(step, self.steps_of(i)))
        self.index, self.step = i, step
        self._open(scene, step)
        self.changed.emit(i, step)
        return True

    def goto_name(self, stem: str) -> bool:
        """Follow a scene opened another way (the menu, --scene): its place in the list."""
        for i, path in enumerate(self._paths):
            if path.stem == stem:
                self.index, self.step = i, 0
                self.changed.emit(i, 0)
                return True
        self.index, self.step = -1, 0
        self.changed.emit(-1, 0)
        return False

    def next(self) -> bool:
        """The next step, or the next scene's preset after the last step."""
        if self.index >= 0 and self.step < self.steps_of(self.index):
            return self.goto(self.index, self.step + 1)
        return self.goto(self.index + 1)

    def previous(self) -> bool:
        """The step before, or the previous scene's preset."""
        if self.index >= 0 and self.step > 0:
            return self.goto(self.index, self.step - 1)
        if self.index <= 0:
            return False  # before the first scene, or no built-in scene open
        return self.goto(self.index - 1)

    def reset(self) -> bool:
        """The scene as prepared: its preset (step 0), exactly."""
        if self.index < 0:
            return False
        return self.goto(self.index, 0)


def _editing_text(widget: QWidget | None) -> bool:
    """True when ``widget`` is a text field the user can type into (keys are text)."""
    while widget is not None:
        if isinstance(widget, QLineEdit | QAbstractSpinBox | QPlainTextEdit | QTextEdit):
            return not widget.isReadOnly()
        if widget.isWindow():
            return False
        widget = widget.parentWidget()
    return False


#: Controls that act on Space themselves: the clicker leaves it to them.
_USES_SPACE = (QAbstractButton, QComboBox, QAbstractItemView)


class ClickerKeys(QObject):
    """The presentation keys of one window, seen before any widget gets them.

    PageDown/PageUp: next/previous step or scene; 1–9: scene n; Home or R:
    reset the scene; H: predict, then reveal; Enter: reveal; Alt+↑/↓ (Shift:
    ×10): nudge the selected logit; Space: play or pause the training race. While
    a text field has the focus it keeps every key: typing "1" or "r" into a box
    types it; a focused button, check box, combo box or list keeps Space.

    It filters the window's ``QWindow``, where the platform delivers a key before
    Qt hands it to the focused widget: whatever widget has the focus (a slider
    takes PageDown otherwise), and only the window's own events reach Python. An
    application-wide filter would see every event of every widget: showing the 96
    new rows of K = 100 cost 150 ms in it.
    """

    def __init__(
        self,
        window: QWidget,
        lecture: Lecture,
        reveal: Callable[[], bool],
        toggle_reveal: Callable[[], None],
        nudge: Callable[[float], None],
        play_pause: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._lecture = lecture
        self._reveal = reveal
        self._toggle_reveal = toggle_reveal
        self._nudge = nudge
        self._play_pause = play_pause
        self._filtered: QWindow | None = None
        self.install()

    def install(self) -> None:
        """Listen to the window's keys; call again once it is shown (its QWindow exists
        from then on, and a new one after Qt recreates it)."""
        handle = self._window.windowHandle()
        if handle is None or handle is self._filtered:
            return
        self.uninstall()
        handle.installEventFilter(self)
        self._filtered = handle

    def uninstall(self) -> None:
        """Stop listening (the window closes)."""
        filtered, self._filtered = self._filtered, None
        if filtered is not None and shiboken6.isValid(filtered):
            filtered.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        target = self._window.focusWidget() or self._window
        return self.key_event(target, event)

    def key_event(self, target: QWidget, event: QKeyEvent) -> bool:
        """A key press for ``target`` (the focused widget); True if it was a clicker key."""
        if _editing_text(target) or not target.isEnabled():
            return False  # a text field types it; a disabled control passes it on
        if event.key() == Qt.Key.Key_Space and isinstance(target, _USES_SPACE):
            return False  # it presses the button, ticks the box, opens the list
        return self.handle(event.key(), event.modifiers())

    def handle(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """Run what ``key`` does; True if it was a presentation key."""
        mods = modifiers & ~Qt.KeyboardModifier.KeypadModifier
        alt = Qt.KeyboardModifier.AltModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if mods & alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            size = NUDGE_LARGE if mods & shift else NUDGE_SMALL
            self._nudge(size if key == Qt.Key.Key_Up else -size)
            return True
        if mods & ~shift:
            return False  # Ctrl/Alt/Meta combinations belong to the menus
        if key == Qt.Key.Key_PageDown:
            self._lecture.next()
        elif key == Qt.Key.Key_PageUp:
            return self._lecture.previous()  # nothing before: the widget keeps PageUp
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_R):
            return self._lecture.reset()  # no scene open: the widget keeps Home
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self._lecture.goto(key - Qt.Key.Key_1)
        elif key == Qt.Key.Key_H:
            self._toggle_reveal()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._reveal():
            self._toggle_reveal()
        elif key == Qt.Key.Key_Space and not mods and self._play_pause is not None:
            self._play_pause()
        else:
            return False
        return True
