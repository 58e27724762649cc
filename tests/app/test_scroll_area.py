"""VerticalScrollArea tells its dock about a new minimum width, and about nothing else:
a new number in a label must not relayout (and repaint) the whole window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.widgets.common import VerticalScrollArea


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def holder_with_area(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    content = QWidget()
    label = QLabel("H(p) = 1.386")
    label.setMinimumWidth(200)
    QVBoxLayout(content).addWidget(label)
    area = VerticalScrollArea(content)
    QVBoxLayout(holder).addWidget(area)
    holder.resize(400, 300)
    holder.show()
    qtbot.waitExposed(holder)
    requests = LayoutRequests()
    holder.installEventFilter(requests)
    qtbot.wait(20)
    requests.count = 0
    return holder, area, label, requests


def test_new_text_at_the_same_minimum_width_stays_inside_the_area(qtbot):
    holder, area, label, requests = holder_with_area(qtbot)
    for text in ("H(p) = 1.2", "H(p) = 0.99999", "H(p) = 12.5"):
        label.setText(text)
        qtbot.wait(5)
    assert requests.count == 0
    assert label.text() == "H(p) = 12.5"


def test_a_wider_minimum_reaches_the_holder_and_the_area_reports_it(qtbot):
    holder, area, label, requests = holder_with_area(qtbot)
    before = area.minimumSizeHint().width()
    label.setMinimumWidth(320)
    qtbot.wait(5)
    assert requests.count >= 1
    assert area.minimumSizeHint().width() == before + 120
    assert area.width() >= area.minimumSizeHint().width()
