"""Keeping the user's work: the session, the window layout and the scene folder.

A lecturer must never lose a prepared scene: :class:`Session` saves the
current state shortly after every committed change (never in the middle of a
drag), restores it at the next start, and remembers the window's geometry
and dock layout and the folder scenes were last saved in. All of it lives in
one QSettings, which tests replace with a temporary file.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer
from PySide6.QtWidgets import QMainWindow

from app.constants import AUTOSAVE_MS
from app.model import Change, ExplorerModel
from app.scenes import scene_from_dict, scene_to_dict

SESSION_KEY = "session/state"
GEOMETRY_KEY = "window/geometry"
LAYOUT_KEY = "window/state"
SCENE_DIR_KEY = "scenes/dir"


class Session(QObject):
    """Autosave and restore of the model's state, and the window's remembered layout."""

    def __init__(
        self, model: ExplorerModel, settings: QSettings, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self.settings = settings
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save)
        model.changed.connect(self._on_changed)

    def _on_changed(self, change: Change) -> None:
        # A drag in progress is not worth saving; its commit is.
        if not change.transient:
            self._autosave.start()

    @property
    def autosave_pending(self) -> bool:
        return self._autosave.isActive()

    def save(self) -> None:
        """Store the current settings, to come back at the next start."""
        self._autosave.stop()
        self.settings.setValue(SESSION_KEY, json.dumps(scene_to_dict(self._model.state)))
        self.settings.sync()

    def restore(self) -> bool:
        """Bring back the settings the user left last time. False if there are none."""
        text = self.settings.value(SESSION_KEY)
        if not isinstance(text, str) or not text:
            return False
        try:
            scene = scene_from_dict(json.loads(text), "last session")
            self._model.replace_state(scene.state)
        except (ValueError, TypeError):
            return False
        return True

    # -- the window ---------------------------------------------------------------------
    def save_window(self, window: QMainWindow) -> None:
        self.settings.setValue(GEOMETRY_KEY, window.saveGeometry())
        self.settings.setValue(LAYOUT_KEY, window.saveState())

    def restore_geometry(self, window: QMainWindow) -> bool:
        geometry = self.settings.value(GEOMETRY_KEY)
        return isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)

    def restore_layout(self, window: QMainWindow) -> bool:
        state = self.settings.value(LAYOUT_KEY)
        return isinstance(state, QByteArray) and window.restoreState(state)

    # -- where scenes go ----------------------------------------------------------------
    @property
    def scene_dir(self) -> Path:
        return Path(str(self.settings.value(SCENE_DIR_KEY, str(Path.home()))))

    def remember_scene_dir(self, path: Path) -> None:
        self.settings.setValue(SCENE_DIR_KEY, str(path.parent))
