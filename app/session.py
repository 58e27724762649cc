"""Keeping the user's work: the session, the window layout and the scene folder.

A lecturer must never lose a prepared scene: :class:`Session` saves the
current state within AUTOSAVE_MS of every committed change (never in the
middle of a drag) and writes it to disk at once, so even ``kill -9`` loses at
most that last fraction of a second; it restores the state at the next start,
and remembers the window's geometry and dock layout, the folder scenes were
last saved in and the scene files opened recently. All of it lives in one
QSettings, which tests replace with a temporary file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from app.constants import AUTOSAVE_MS, RECENT_SCENES_MAX
from app.i18n import N_
from app.model import Change, ExplorerModel
from app.scenes import Scene, scene_from_dict, scene_to_dict

SESSION_KEY = "session/state"
GEOMETRY_KEY = "window/geometry"
LAYOUT_KEY = "window/layout_{arrangement}"
LAYOUT_SIZE_KEY = "window/layout_{arrangement}_size"
SCENE_DIR_KEY = "scenes/dir"
#: The recent scene files, most recent first, as a JSON list of absolute paths (an .ini
#: file would read a one-element string list back as a plain string).
RECENT_SCENES_KEY = "scenes/recent"
#: A saved dock layout is used only for a window within this fraction of the size it was
#: saved at: a layout made in a narrow window would keep panels clipped in a wide one.
LAYOUT_SIZE_TOLERANCE = 0.15
#: The dock layout's version: a layout saved before the current set of docks is not restored.
LAYOUT_VERSION = 2


class Session(QObject):
    """Autosave and restore of the model's state, and the window's remembered layout.

    Signals
    -------
    recent_scenes_changed()
        After :meth:`add_recent_scene` or :meth:`clear_recent_scenes`, for a view
        that keeps the list on show. (The window's File › Open recent menu needs
        no signal: it rebuilds from :meth:`recent_scenes` each time it opens, which
        also drops files deleted meanwhile.)
    """

    recent_scenes_changed = Signal()

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
        #: The open scene's title and note, saved with the session so they come back too.
        self.title = ""
        self.description = ""

    def _on_changed(self, change: Change) -> None:
        # A drag in progress is not worth saving; its commit is. The timer is not
        # restarted by later changes: a steady stream of edits (a spin arrow held down)
        # still saves every AUTOSAVE_MS, never postponed until the stream stops.
        if not change.transient and not self._autosave.isActive():
            self._autosave.start()

    @property
    def autosave_pending(self) -> bool:
        return self._autosave.isActive()

    def save(self) -> None:
        """Store the current settings, to come back at the next start."""
        self._autosave.stop()
        data = scene_to_dict(self._model.state, self.title, self.description)
        self.settings.setValue(SESSION_KEY, json.dumps(data))
        self.settings.sync()

    def restore(self) -> Scene | None:
        """Bring back the state (and the scene's title and note) left last time; None if none."""
        text = self.settings.value(SESSION_KEY)
        if not isinstance(text, str) or not text:
            return None
        try:
            scene = scene_from_dict(json.loads(text), "last session")
            with self._model.described_as(N_("restore the last session")):
                self._model.replace_state(scene.state)
        except (ValueError, TypeError):
            return None
        self.title, self.description = scene.title, scene.description
        return scene

    # -- the window ---------------------------------------------------------------------
    def save_window(self, window: QMainWindow, arrangement: str) -> None:
        """The geometry, and the dock layout under the name of its arrangement."""
        self.settings.setValue(GEOMETRY_KEY, window.saveGeometry())
        self.settings.setValue(
            LAYOUT_KEY.format(arrangement=arrangement), window.saveState(LAYOUT_VERSION)
        )
        size = f"{window.width()}x{window.height()}"
        self.settings.setValue(LAYOUT_SIZE_KEY.format(arrangement=arrangement), size)

    def restore_geometry(self, window: QMainWindow) -> bool:
        """The saved geometry, unless it does not fit the screen the window is on now."""
        geometry = self.settings.value(GEOMETRY_KEY)
        if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
            return False
        screen = window.screen()
        if screen is not None:
            available = screen.availableGeometry()
            if window.width() > available.width() or window.height() > available.height():
                return False  # saved on a bigger screen: the caller picks a default size
        return True

    def restore_layout(self, window: QMainWindow, arrangement: str) -> bool:
        """The dock layout saved for ``arrangement``, if it was saved at about this size."""
        state = self.settings.value(LAYOUT_KEY.format(arrangement=arrangement))
        size = str(self.settings.value(LAYOUT_SIZE_KEY.format(arrangement=arrangement), ""))
        try:
            width, height = (int(v) for v in size.split("x"))
        except ValueError:
            return False
        fits = all(
            abs(saved - now) <= LAYOUT_SIZE_TOLERANCE * now
            for saved, now in ((width, window.width()), (height, window.height()))
        )
        return fits and isinstance(state, QByteArray) and window.restoreState(state, LAYOUT_VERSION)

    # -- where scenes go ----------------------------------------------------------------
    @property
    def scene_dir(self) -> Path:
        return Path(str(self.settings.value(SCENE_DIR_KEY, str(Path.home()))))

    def remember_scene_dir(self, path: Path) -> None:
        self.settings.setValue(SCENE_DIR_KEY, str(path.parent))

    # -- recent scene files -------------------------------------------------------------
    def _stored_recent(self) -> list[str]:
        text = self.settings.value(RECENT_SCENES_KEY)
        try:
            paths = json.loads(text) if isinstance(text, str) and text else []
        except ValueError:
            return []
        if not isinstance(paths, list):
            return []
        return [p for p in paths if isinstance(p, str) and p]

    def recent_scenes(self) -> list[Path]:
        """The scene files opened or saved recently, most recent first: at most
        RECENT_SCENES_MAX, and only those that still exist."""
        out: list[Path] = []
        for text in self._stored_recent():
            path = Path(text)
            if path.is_file() and path not in out:
                out.append(path)
        return out[:RECENT_SCENES_MAX]

    def add_recent_scene(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` first in the recent scenes (after opening or saving it)."""
        first = Path(os.path.abspath(os.fspath(path)))
        rest = [p for p in self.recent_scenes() if p != first]
        paths = [first, *rest][:RECENT_SCENES_MAX]
        self.settings.setValue(RECENT_SCENES_KEY, json.dumps([str(p) for p in paths]))
        self.settings.sync()
        self.recent_scenes_changed.emit()

    def clear_recent_scenes(self) -> None:
        """Forget the recent scenes (File › Open Recent › Clear)."""
        self.settings.remove(RECENT_SCENES_KEY)
        self.settings.sync()
        self.recent_scenes_changed.emit()
