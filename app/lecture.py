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

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
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


class ClickerKeys(QObject):
    """An application event filter: the presentation keys of one window.

    PageDown/PageUp: next/previous step or scene; 1–9: scene n; Home or R:
    reset the scene; H: predict, then reveal; Enter: reveal; Alt+↑/↓ (Shift:
    ×10): nudge the selected logit. While a text field has the focus it keeps
    every key: typing "1" or "r" into a box types it.
    """

    def __init__(
        self,
        window: QWidget,
        lecture: Lecture,
        reveal: Callable[[], bool],
        toggle_reveal: Callable[[], None],
        nudge: Callable[[float], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._lecture = lecture
        self._reveal = reveal
        self._toggle_reveal = toggle_reveal
        self._nudge = nudge
        self._kept: tuple[int, QWidget] | None = None  # a key that belongs to a text field
        self.install()

    def install(self) -> None:
        """Listen to the application's keys (while the window is open)."""
        _Dispatcher.register(self._window, self)

    def uninstall(self) -> None:
        """Stop listening: a closed window must not cost every other window's events."""
        _Dispatcher.unregister(self._window)

    def key_event(self, obj: QWidget, event: QKeyEvent) -> bool:
        """A key press or release on a widget of this window (from the dispatcher)."""
        if event.type() == QEvent.Type.KeyRelease:
            self._kept = None
            return False
        # A key a text field (or a disabled control) did not use travels up to its
        # parents: it is still that field's key, not the clicker's.
        kept = self._kept
        if kept is not None and kept[0] == event.key() and obj.isAncestorOf(kept[1]):
            return False
        if _editing_text(obj) or not obj.isEnabled() or _editing_text(QApplication.focusWidget()):
            self._kept = (event.key(), obj)
            return False
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
        else:
            return False
        return True


class _Dispatcher(QObject):
    """One application event filter for every window's clicker keys: the cost of an
    event does not grow with the number of windows (tests open hundreds)."""

    _instance: _Dispatcher | None = None
    _windows: dict[int, ClickerKeys] = {}

    @classmethod
    def register(cls, window: QWidget, keys: ClickerKeys) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if cls._instance is None:
            cls._instance = _Dispatcher(app)
            app.installEventFilter(cls._instance)
        key = id(window)
        cls._windows[key] = keys
        window.destroyed.connect(lambda _=None: cls._windows.pop(key, None))

    @classmethod
    def unregister(cls, window: QWidget) -> None:
        cls._windows.pop(id(window), None)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not self._windows or not isinstance(obj, QWidget):
            return False
        keys = self._windows.get(id(obj.window()))
        if keys is None:
            return False
        assert isinstance(event, QKeyEvent)
        return keys.key_event(obj, event)
