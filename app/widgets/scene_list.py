"""SceneList: the built-in scenes, numbered, in the order a lecture goes through them."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.i18n import tr
from app.lecture import Lecture

__all__ = ["SceneList"]


class SceneList(QListWidget):
    """One row per scene ("3. The max-shift trick"); the open one is selected.

    Activating a row (a click, or Enter) opens its scene. Rows of scenes with
    steps say how many ("· 3 steps"), and the open scene's row names the step.
    """

    def __init__(self, lecture: Lecture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scene_list")
        self.setAccessibleName(tr("Scenes"))
        self.setToolTip(
            tr(
                "The scenes of the lecture, in order. Click one to open it.\n"
                "PageDown / PageUp: next / previous step or scene; 1–9: scene n;\n"
                "Home or R: back to the scene as prepared; H: predict, then reveal."
            )
        )
        self.setWordWrap(True)
        self._lecture = lecture
        self._titles = lecture.titles()
        for i in range(len(self._titles)):
            self.addItem(QListWidgetItem(self._row_text(i, -1)))
        self.itemActivated.connect(self._on_activated)
        self.itemClicked.connect(self._on_activated)
        lecture.changed.connect(self._on_lecture_changed)

    def _row_text(self, i: int, step: int) -> str:
        text = f"{i + 1}. {self._titles[i]}"
        try:
            steps = self._lecture.steps_of(i)
        except ValueError:
            steps = 0
        if steps and step > 0:
            text += "  · " + tr("step {k} of {n}").format(k=step, n=steps)
        elif steps:
            text += "  · " + tr("{n} steps").format(n=steps)
        return text

    def _on_activated(self, item: QListWidgetItem) -> None:
        i = self.row(item)
        if i != self._lecture.index or self._lecture.step != 0:
            self._lecture.goto(i)

    def _on_lecture_changed(self, index: int, step: int) -> None:
        for i in range(self.count()):
            self.item(i).setText(self._row_text(i, step if i == index else -1))
        blocked = self.blockSignals(True)
        self.setCurrentRow(index)
        self.blockSignals(blocked)
        if index >= 0:
            self.scrollToItem(self.item(index))
