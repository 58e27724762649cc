"""NumberText: the live readouts' plain number line, which re-lays out only when its room
changes and breaks lines only at ordinary spaces."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.widgets.common import NumberText

NBSP = "\u00a0"


class LayoutRequests(QObject):
    """Counts the LayoutRequest events its widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def hosted(qtbot) -> tuple[QWidget, NumberText]:
    host = QWidget()
    layout = QVBoxLayout(host)
    text = NumberText()
    layout.addWidget(text)
    qtbot.addWidget(host)
    host.resize(400, 100)
    host.show()
    qtbot.waitExposed(host)
    return host, text


def test_new_digits_of_the_same_count_ask_for_no_new_layout(qtbot):
    host, text = hosted(qtbot)
    text.setText(f"1.234{NBSP}nats")
    qtbot.wait(1)
    requests = LayoutRequests(host)
    hint = text.sizeHint()
    for shown in ("5.678", "0.111", "9.990"):
        text.setText(f"{shown}{NBSP}nats")
        qtbot.wait(1)
        assert text.text() == f"{shown}{NBSP}nats"
        assert text.sizeHint() == hint
    assert requests.count == 0
    # One more digit needs more room: the layout is asked again.
    text.setText(f"12.345{NBSP}nats")
    qtbot.wait(1)
    wide = text.sizeHint()
    assert wide.width() > hint.width()
    assert requests.count >= 1


def test_room_only_grows_while_the_text_keeps_its_shape(qtbot):
    host, text = hosted(qtbot)
    text.setText(f"12.345{NBSP}nats")
    qtbot.wait(1)
    wide = text.sizeHint()
    requests = LayoutRequests(host)
    text.setText(f"1.234{NBSP}nats")  # fewer digits: the column keeps its width
    qtbot.wait(1)
    assert text.sizeHint() == wide
    assert text.minimumSizeHint().width() == wide.width()  # one part: it cannot break
    assert requests.count == 0
    # Another shape (another unit) is measured afresh, narrower or not.
    text.setText("1.234")
    qtbot.wait(1)
    assert text.sizeHint().width() < wide.width()
    assert requests.count >= 1


def test_room_fits_the_text_in_its_font(qtbot):
    _, text = hosted(qtbot)
    text.setText(f"0.4493{NBSP}nats (0.6482{NBSP}bits)")
    metrics = QFontMetricsF(text.font())
    assert text.sizeHint().width() >= metrics.horizontalAdvance(text.text())
    big = QFont(text.font())
    big.setPointSizeF(2 * big.pointSizeF())
    before = text.sizeHint()
    text.setFont(big)
    assert text.sizeHint().width() > 1.8 * before.width()
    assert text.sizeHint().height() > 1.8 * before.height()


def test_lines_break_only_at_ordinary_spaces(qtbot):
    _, text = hosted(qtbot)
    text.setText(f"0.4493{NBSP}nats (0.6482{NBSP}bits)")
    one_line = text.sizeHint()
    assert text.heightForWidth(one_line.width()) == one_line.height()
    # Narrower: "(0.6482 bits)" goes to a second line, never "nats" alone.
    assert text.heightForWidth(one_line.width() - 10) == 2 * one_line.height()
    widest = text.minimumSizeHint().width()
    metrics = QFontMetricsF(text.font())
    assert widest >= metrics.horizontalAdvance(f"(0.6482{NBSP}bits)")
    assert widest < one_line.width()
    assert text.heightForWidth(widest) == 2 * one_line.height()
    text.setText(f"0.4493{NBSP}nats")
    assert text.minimumSizeHint().width() == text.sizeHint().width()  # cannot break at all


def test_lines_of_a_worked_example_each_take_a_line_and_wrap_at_spaces(qtbot):
    _, text = hosted(qtbot)
    text.setText(f"a{NBSP}=0.25\nb{NBSP}=0.5 c{NBSP}=0.125")
    line = text.sizeHint().height() // 2
    metrics = QFontMetricsF(text.font())
    assert line >= metrics.height()
    assert text.sizeHint().height() == 2 * line  # two lines of text, two lines high
    assert text.sizeHint().width() >= metrics.horizontalAdvance(f"b{NBSP}=0.5 c{NBSP}=0.125")
    assert text.heightForWidth(text.sizeHint().width()) == 2 * line
    # Narrower than the second line: it wraps at its space, the first stays one line.
    assert text.heightForWidth(text.sizeHint().width() - 5) == 3 * line
    # Never narrower than its widest word, on any line.
    assert text.minimumSizeHint().width() >= metrics.horizontalAdvance(f"b{NBSP}=0.5")


def test_new_numbers_in_a_worked_example_ask_for_no_new_layout(qtbot):
    host, text = hosted(qtbot)
    text.setText("z = [1.25, 0.5]\nq = [0.679, 0.321]")
    qtbot.wait(1)
    requests = LayoutRequests(host)
    hint = text.sizeHint()
    text.setText("z = [3.75, 0.5]\nq = [0.963, 0.037]")
    qtbot.wait(1)
    assert text.sizeHint() == hint and requests.count == 0
    text.setText("z = [3.75, 0.5]\nq = [0.963, 0.037]\nverdict")  # one more line
    qtbot.wait(1)
    assert text.sizeHint().height() > hint.height() and requests.count >= 1
