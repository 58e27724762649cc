"""Small helpers shared by the widgets."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStatusBar, QWidget


@contextmanager
def blocked(*objects: QObject) -> Iterator[None]:
    """Block the objects' signals while a view writes the model's values into them."""
    blockers = [QSignalBlocker(o) for o in objects]
    try:
        yield
    finally:
        for b in blockers:
            b.unblock()


def tint(widget: QWidget, foreground: str | None = None, background: str | None = None) -> None:
    """Colour a widget through its palette.

    Not a style sheet: a widget with one stops following the application font,
    which projector mode enlarges.
    """
    palette = widget.palette()
    if foreground is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        widget.setAutoFillBackground(True)
    widget.setPalette(palette)


class WheelGuard(QObject):
    """Lets the mouse wheel change a spin box, slider or combo box only when it has focus.

    Scrolling a panel full of number boxes must scroll the panel, not change the
    box that happens to pass under the pointer. An unfocused control ignores the
    wheel event, so Qt hands it on to the scroll area behind (an ignored wheel
    event propagates to the parent). Click or tab into a control to wheel it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False

    def guard(self, *widgets: QWidget) -> None:
        """Install on ``widgets``; the wheel no longer gives them focus either."""
        for w in widgets:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            w.installEventFilter(self)


class FocusedWheel:
    """The :class:`WheelGuard` rule built into a control class (a mixin, listed before
    the Qt class): the wheel changes it only when it has focus, and never gives it
    focus. No event filter: a table of a hundred rows shows its new widgets without
    every one of their events passing through Python."""

    def _guard_wheel(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.hasFocus():  # type: ignore[attr-defined]
            event.ignore()  # Qt hands it on to the scroll area behind
            return
        super().wheelEvent(event)  # type: ignore[misc]


#: One guard serves every widget (it keeps no state).
_WHEEL_GUARD: WheelGuard | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Install the shared :class:`WheelGuard` on ``widgets``."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = WheelGuard()
    _WHEEL_GUARD.guard(*widgets)


class RefreshedWhenShown:
    """For a panel on a tab page that another page may hide: while hidden, it skips
    the model's changes (noting that it missed one) and refreshes when shown.

    A hidden page costs nothing per change, and is never seen stale: ``showEvent``
    comes before its first paint. The panel calls :meth:`hidden_now` first in its
    ``_on_changed`` and implements ``refresh()``. Mixed in before ``QWidget``.
    """

    _missed_change = False

    def hidden_now(self) -> bool:
        """True, with the miss noted, when the panel is hidden (it then skips a change)."""
        if self.isVisible():  # type: ignore[attr-defined]
            return False
        self._missed_change = True
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)  # type: ignore[misc]
        if self._missed_change:
            self._missed_change = False
            self.refresh()  # type: ignore[attr-defined]


class VerticalScrollArea(QScrollArea):
    """A scroll area that scrolls up and down only, and is never narrower than its content.

    A short window scrolls the panel; a narrow one cannot clip it sideways,
    because the area reports the content's minimum width (plus the scroll bar)
    as its own, and updates it whenever that width changes (larger projector
    fonts, more rows), so the dock holding it keeps that width. Content laid out
    anew at the same width (a new number in a label) stays inside the area.
    """

    def __init__(self, content: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._minimum_width = -1  # the width last reported to the dock
        if content is not None:
            self.set_content(content)

    def set_content(self, content: QWidget) -> None:
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            # Tell the dock only when the minimum width changed (fonts, rows): a new
            # number in a label would otherwise relayout and repaint the whole window.
            width = self.minimumSizeHint().width()
            if width != self._minimum_width:
                self._minimum_width = width
                self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        content = self.widget().minimumSizeHint().width() if self.widget() else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content + bar + 2 * self.frameWidth(), super().minimumSizeHint().height())


#: Digits all take the width of "8" when a number's room is measured (see NumberText).
_AS_EIGHTS = str.maketrans("0123456789", "8888888888")
_WITHOUT_DIGITS = str.maketrans("", "", "0123456789")


class NumberText(QWidget):
    """Plain text for numbers that change on every model change: "0.4493 nats (0.6482 bits)".

    A ``QLabel`` re-lays out its parents whenever its text changes, and a rich-text
    one lays out a whole document and paints twice. This draws its text with one
    ``drawText`` and asks for a new layout only when the room it needs grows: the
    room is measured with every digit as "8" and does not shrink while the text
    keeps its shape, so a live readout repaints only itself. It breaks lines only at ordinary
    spaces (a number and its unit are joined by a non-breaking one), when narrower
    than its one-line size, and at each "\\n" (a worked example's lines). It uses the
    widget's font (inherited unless set) and palette.
    """

    _FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._shape = ""  # the text without its digits: "0.4493 nats" and "2.985 nats" agree
        self._words: list[list[int]] = []  # per line of the text, each word's room in px
        self._space = 0.0
        self._line = 0
        self._width = 0  # the one-line width and the widest part: they only grow per shape
        self._widest = 0
        self._room: tuple[int, int, int, int] = (0, 0, 0, 0)  # and the count of lines
        self._metrics: QFontMetricsF | None = None  # of the font the rooms were measured in
        self._rooms: dict[str, int] = {}  # each word's room (digits as "8") in px
        policy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's spelling)
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        self._measure()
        self.update()

    def _measure(self, fresh: bool = False) -> None:
        """The room for the text; a new layout only when it grows or the text's shape changes.

        Room that only grows keeps a column of values still while digits come and
        go (0.4493 → 2.985 → 0.4493), and spares the window a relayout each time.
        """
        if fresh or self._metrics is None:
            self._metrics = QFontMetricsF(self.font())
            self._rooms.clear()
        metrics, rooms = self._metrics, self._rooms
        self._words = []
        for paragraph in self._text.split("\n"):
            words = []
            for word in paragraph.translate(_AS_EIGHTS).split(" "):
                room = rooms.get(word)
                if room is None:  # a word's room is measured once per font
                    room = rooms[word] = math.ceil(metrics.horizontalAdvance(word)) + 1
                words.append(room)
            self._words.append(words)
        # Lines of several are drawn a line spacing apart (height plus the font's leading).
        self._space = metrics.horizontalAdvance(" ")
        line = math.ceil(max(metrics.height(), metrics.lineSpacing()))
        shape = self._text.translate(_WITHOUT_DIGITS)
        width = max(
            math.ceil(sum(words) + self._space * max(len(words) - 1, 0)) for words in self._words
        )
        widest = max(max(words, default=0) for words in self._words)
        if not fresh and shape == self._shape and line == self._line:
            width, widest = max(width, self._width), max(widest, self._widest)
        self._shape = shape
        room = (width, widest, line, len(self._words))
        if room != self._room:
            self._room = room
            self._width, self._widest, self._line = width, widest, line
            self.updateGeometry()

    def _lines(self, width: int) -> int:
        lines = 0
        for words in self._words:
            lines, used = lines + 1, 0.0
            for word in words:
                wanted = used + (self._space if used else 0.0) + word
                if used and wanted > width:
                    lines, used = lines + 1, float(word)
                else:
                    used = wanted
        return lines

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's spelling)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's spelling)
        return self._lines(width) * self._line

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's spelling)
        return QSize(self._width, len(self._words) * self._line)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's spelling)
        return QSize(self._widest, len(self._words) * self._line)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's spelling)
        if event.type() == QEvent.Type.FontChange:
            self._measure(fresh=True)
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's spelling)
        QPainter(self).drawText(self.rect(), self._FLAGS, self._text)


class ElidingStatusBar(QStatusBar):
    """A status bar whose message ends in "…" where the permanent summary begins.

    Qt's cuts a long message off mid-letter under the summary (projector mode, Chinese).
    The message is shortened to the room left of the permanent widgets, again at each
    resize; the whole text is the bar's tooltip and ``full_message``.
    """

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.full_message = ""
        self._deadline: float | None = None  # when the message times out (monotonic s)
        self.messageChanged.connect(self._on_message_changed)

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 (Qt's name)
        self.full_message = text
        self._deadline = time.monotonic() + timeout / 1000 if timeout > 0 else None
        self._show(timeout)

    def message_room(self) -> int:
        """Pixels from the left edge to the first visible permanent widget."""
        self.layout().activate()  # the widgets where they stand now, not at the last layout
        lefts = [
            w.geometry().left()
            for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisible()
        ]
        return min(lefts, default=self.width()) - 2 * self.layout().contentsMargins().left() - 4

    def _show(self, timeout: int) -> None:
        text = self.full_message
        shown = QFontMetrics(self.font()).elidedText(
            text, Qt.TextElideMode.ElideRight, max(self.message_room(), 0)
        )
        self.setToolTip(text if shown != text else "")
        super().showMessage(shown, timeout)

    def _on_message_changed(self, message: str) -> None:
        if not message:  # timed out or cleared
            self.full_message = ""
            self._deadline = None
            self.setToolTip("")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.full_message:
            left = 0 if self._deadline is None else int((self._deadline - time.monotonic()) * 1000)
            if self._deadline is None or left > 0:
                self._show(left)
