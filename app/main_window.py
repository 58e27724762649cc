"""MainWindow: wiring only. Layout, docks, menus, actions, settings."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QWidget,
)

from app.i18n import tr
from app.model import ExplorerModel
from app.plots import InformationPanel, ProbabilityPlot
from app.plots.sweep_plot import SweepPanel
from app.scenes import Scene, builtin_scenes, load_scene, save_scene, scene_from_dict
from app.widgets.class_table import ClassTable
from app.widgets.options_panel import LOSS_LABELS, OptionsPanel
from app.widgets.readouts import ReadoutPanel
from core import LossKind

APP_NAME = "Logit Lab"
DEFAULT_SIZE = (1280, 800)
PROJECTOR_SCALE = 1.45
AUTOSAVE_MS = 1500

SHORTCUTS = (
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo (a whole drag is one step)"),
    ("Ctrl+O", "Open a scene"),
    ("Ctrl+S", "Save the current scene"),
    ("Ctrl+E", "Export a screenshot"),
    ("Ctrl+R", "Reset to the default scene"),
    ("Ctrl+0", "Set every logit to 0 (uniform q)"),
    ("Ctrl+B", "Switch units between nats and bits"),
    ("Ctrl+Shift+C", "Copy the readouts as text"),
    ("F5", "Projector mode (large text)"),
    ("F11", "Full screen"),
    ("Ctrl+Q", "Quit"),
)


class MainWindow(QMainWindow):
    """The explorer window. Owns the model; every panel talks only to the model."""

    def __init__(
        self,
        model: ExplorerModel | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.model = model if model is not None else ExplorerModel()
        self.settings = settings if settings is not None else QSettings()
        self.scene_path: Path | None = None
        self.language = language  # picks the scenes' translated titles and notes
        self._base_font = QFont(QApplication.font())
        self._projector = False

        # -- panels ------------------------------------------------------------
        self.probability_plot = ProbabilityPlot(self.model)
        self.information_panel = InformationPanel(self.model)
        self.class_table = ClassTable(self.model)
        self.options_panel = OptionsPanel(self.model)
        self.readout_panel = ReadoutPanel(self.model)
        self.sweep_panel = SweepPanel(self.model)

        central = QSplitter(Qt.Orientation.Vertical)
        central.setObjectName("plot_splitter")
        central.addWidget(self.probability_plot)
        central.addWidget(self.information_panel)
        central.setStretchFactor(0, 3)
        central.setStretchFactor(1, 2)
        central.setChildrenCollapsible(False)
        self.plot_splitter = central
        self.setCentralWidget(central)

        self.class_dock = self._dock(
            tr("Classes: logits z and true p"),
            "classes_dock",
            self.class_table,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        readout_scroll = QScrollArea()
        readout_scroll.setWidgetResizable(True)
        readout_scroll.setFrameShape(QFrame.Shape.NoFrame)
        readout_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        readout_scroll.setWidget(self.readout_panel)
        self.readout_dock = self._dock(
            tr("Readouts"), "readouts_dock", readout_scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.options_dock = self._dock(
            tr("Options"), "options_dock", self.options_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.splitDockWidget(self.class_dock, self.options_dock, Qt.Orientation.Vertical)
        self.sweep_dock = self._dock(
            tr("Cross-entropy vs MSE: one logit swept"),
            "sweep_dock",
            self.sweep_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.class_table.setMinimumWidth(380)
        self.readout_panel.setMinimumWidth(300)

        self._build_menus()

        # -- status bar ----------------------------------------------------------
        self.summary = QLabel(objectName="status_summary")
        self.statusBar().addPermanentWidget(self.summary)
        self.model.changed.connect(self._refresh_summary)
        self.model.rejected.connect(self._on_rejected)
        self._refresh_summary()
        self.statusBar().showMessage(
            tr("Drag a slider or a blue bar to change a logit; click a class to make it true."),
            8000,
        )

        # Save the session shortly after every change, so a crash loses nothing.
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_session)
        self.model.changed.connect(self._autosave.start)

        self.setMinimumSize(1000, 640)
        self._restore_geometry()

    # -- construction helpers -------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: str | None = None,
        tip: str = "",
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        signal = action.toggled if checkable else action.triggered
        signal.connect(slot)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(
            self._action(
                tr("&Open scene…"),
                self.open_scene_dialog,
                "Ctrl+O",
                tr("Open a saved scene (.json)"),
            )
        )
        file_menu.addAction(
            self._action(
                tr("&Save scene as…"),
                self.save_scene_dialog,
                "Ctrl+S",
                tr("Save the current settings as a scene (.json)"),
            )
        )
        examples = file_menu.addMenu(tr("&Examples"))
        examples.setObjectName("examples_menu")
        for name, path in builtin_scenes().items():
            try:
                title = load_scene(path, self.language).title
            except ValueError:
                continue
            action = QAction(title, self)
            action.setObjectName(f"scene_{name}")
            action.triggered.connect(lambda _=False, n=name: self.load_builtin_scene(n))
            examples.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(
                tr("&Export screenshot…"),
                self.export_screenshot_dialog,
                "Ctrl+E",
                tr("Save a PNG picture of the window"),
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("&Quit"), self.close, "Ctrl+Q"))

        edit_menu = bar.addMenu(tr("&Edit"))
        self.undo_action = self._action(
            tr("&Undo"), self.model.undo, "Ctrl+Z", tr("Undo the last change")
        )
        self.redo_action = self._action(
            tr("&Redo"), self.model.redo, "Ctrl+Shift+Z", tr("Redo the change just undone")
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(
            self._action(
                tr("&Reset to the start scene"),
                self.reset,
                "Ctrl+R",
                tr("Back to the default four classes"),
            )
        )
        edit_menu.addAction(
            self._action(
                tr("Set all logits to &zero"),
                self.zero_logits,
                "Ctrl+0",
                tr("z = 0 for every class: q becomes uniform"),
            )
        )
        edit_menu.addAction(
            self._action(
                tr("&Copy readouts"),
                self.copy_readouts,
                "Ctrl+Shift+C",
                tr("Copy the current values as text"),
            )
        )
        edit_menu.addAction(
            self._action(
                tr("Clear &history"), self.model.clear_history, None, tr("Empty the history strip")
            )
        )

        view_menu = bar.addMenu(tr("&View"))
        for dock in (self.class_dock, self.options_dock, self.readout_dock, self.sweep_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.units_action = self._action(
            tr("Show &bits"),
            self.toggle_units,
            "Ctrl+B",
            tr("Switch H, H(p,q) and KL between nats and bits"),
        )
        view_menu.addAction(self.units_action)
        self.projector_action = self._action(
            tr("&Projector mode"),
            self.set_projector_mode,
            "F5",
            tr("Large text and thick lines for a lecture hall"),
            checkable=True,
        )
        view_menu.addAction(self.projector_action)
        self.fullscreen_action = self._action(
            tr("&Full screen"), self.set_fullscreen, "F11", checkable=True
        )
        view_menu.addAction(self.fullscreen_action)

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action(tr("&Keyboard shortcuts"), self.show_shortcuts, "F1"))
        help_menu.addAction(self._action(tr("&About Logit Lab"), self.show_about))
        help_menu.addAction(self._action(tr("About &Qt"), QApplication.aboutQt))

    # -- settings ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            width, height = DEFAULT_SIZE
            screen = QGuiApplication.primaryScreen()
            if screen is not None:  # never larger than the screen
                avail = screen.availableGeometry()
                width, height = min(width, avail.width()), min(height, avail.height())
            self.resize(width, height)
        state = self.settings.value("window/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            # Dock sizes only take once the window is laid out: next event-loop turn.
            QTimer.singleShot(0, self.default_dock_sizes)

    def default_dock_sizes(self) -> None:
        """Left: what you edit; centre: what it means; right: the numbers and the why."""
        width = self.width()
        self.resizeDocks(
            [self.class_dock, self.readout_dock],
            [max(420, width // 3), max(340, width * 3 // 10)],
            Qt.Orientation.Horizontal,
        )
        height = self.height()
        self.resizeDocks(
            [self.readout_dock, self.sweep_dock],
            [height * 11 // 20, height * 9 // 20],
            Qt.Orientation.Vertical,
        )
        total = sum(self.plot_splitter.sizes()) or height
        self.plot_splitter.setSizes([total * 11 // 20, total * 9 // 20])
        self.resizeDocks(
            [self.class_dock, self.options_dock],
            [height // 2, height // 2],
            Qt.Orientation.Vertical,
        )

    def restore_session(self) -> bool:
        """Bring back the settings the user left last time (never lose their work)."""
        text = self.settings.value("session/state")
        if not isinstance(text, str) or not text:
            return False
        try:
            scene = scene_from_dict(json.loads(text), "last session")
            self.model.replace_state(scene.state)
        except (ValueError, TypeError):
            return False
        return True

    def save_session(self) -> None:
        """Store the current settings, to come back at the next start."""
        data = {"format": "logit-lab-scene", "version": 1, "state": self.model.state.to_json()}
        self.settings.setValue("session/state", json.dumps(data))
        self.settings.sync()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.save_session()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_settings()
        super().closeEvent(event)

    # -- scenes --------------------------------------------------------------------------
    def apply_scene(self, scene: Scene) -> None:
        self.model.replace_state(scene.state)
        self.setWindowTitle(f"{scene.title} — {APP_NAME}")
        self.readout_panel.show_note(scene.title, scene.description)
        self.statusBar().showMessage(tr("Opened scene:") + f" {scene.title}", 8000)

    def load_builtin_scene(self, name: str) -> None:
        scenes = builtin_scenes()
        match = scenes.get(name) or next(
            (p for stem, p in scenes.items() if stem.split("-", 1)[-1] == name), None
        )
        if match is None:
            raise ValueError(f"no built-in scene called {name!r}; choose from: {', '.join(scenes)}")
        self.apply_scene(load_scene(match, self.language))

    def open_scene(self, path: str | Path) -> bool:
        try:
            scene = load_scene(path, self.language)
        except ValueError as exc:
            QMessageBox.warning(self, tr("Cannot open scene"), str(exc))
            return False
        self.apply_scene(scene)
        self.scene_path = Path(path)
        return True

    def open_scene_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open scene"), str(self._scene_dir()), tr("Logit Lab scenes (*.json)")
        )
        if path:
            self.open_scene(path)

    def save_scene_dialog(self) -> None:
        start = self.scene_path or self._scene_dir() / "scene.json"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save scene"), str(start), tr("Logit Lab scenes (*.json)")
        )
        if not path:
            return
        if not path.endswith(".json"):
            path += ".json"
        try:
            save_scene(path, self.model.state, title=Path(path).stem)
        except OSError as exc:
            QMessageBox.warning(self, tr("Cannot save scene"), f"{path}: {exc.strerror or exc}")
            return
        self.scene_path = Path(path)
        self.settings.setValue("scenes/dir", str(Path(path).parent))
        self.statusBar().showMessage(tr("Saved") + f" {path}", 5000)

    def _scene_dir(self) -> Path:
        return Path(str(self.settings.value("scenes/dir", str(Path.home()))))

    # -- actions -----------------------------------------------------------------------
    def reset(self) -> None:
        self.load_builtin_scene("start-here")

    def zero_logits(self) -> None:
        self.model.try_update(logits=[0.0] * self.model.state.num_classes)

    def toggle_units(self) -> None:
        units = "nats" if self.model.state.units == "bits" else "bits"
        self.model.try_update(units=units)

    def copy_readouts(self) -> None:
        lines = [r.plain_text for r in self.readout_panel.readouts.values()]
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.statusBar().showMessage(tr("Readouts copied to the clipboard"), 3000)

    def set_projector_mode(self, on: bool) -> None:
        self._projector = on
        scale = PROJECTOR_SCALE if on else 1.0
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * scale)
        QApplication.setFont(font)
        for plot in (self.probability_plot, self.information_panel, self.sweep_panel):
            plot.apply_font_scale(scale)
        with_block = self.projector_action.blockSignals(True)
        self.projector_action.setChecked(on)
        self.projector_action.blockSignals(with_block)

    def set_fullscreen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def export_screenshot(self, path: str | Path) -> bool:
        return self.grab().save(str(path))

    def export_screenshot_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export screenshot"),
            str(self._scene_dir() / "logit-lab.png"),
            tr("PNG images (*.png)"),
        )
        if path and not self.export_screenshot(path):
            QMessageBox.warning(self, tr("Cannot export"), f"Could not write {path}")

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        QMessageBox.information(self, tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME}</h3><p>Touch the mathematics of classification losses: "
            "softmax, entropy, cross-entropy, KL divergence and MSE, live.</p>"
            "<p>Every number comes from a NumPy core that matches TensorFlow's "
            "<code>tf.nn</code> and <code>tf.compat.v1.losses</code>.</p>"
            "<p>Based on the article “损失函数汇总及tensorflow实践” (zihuaweng, 2018).</p>",
        )

    # -- status --------------------------------------------------------------------------
    def _refresh_summary(self) -> None:
        s = self.model.state
        target = (
            tr("true class") + f" {s.target_class}"
            if s.target_mode == "index"
            else tr("soft labels")
        )
        self.summary.setText(
            f"K = {s.num_classes}  ·  T = {s.temperature:g}  ·  {target}  ·  "
            f"{tr(LOSS_LABELS[LossKind(s.loss)])}  ·  {tr(s.units)}"
        )
        self.units_action.setText(tr("Show &nats") if s.units == "bits" else tr("Show &bits"))
        self.undo_action.setEnabled(self.model.can_undo)
        self.redo_action.setEnabled(self.model.can_redo) if hasattr(self, "units_action") else None

    def _on_rejected(self, message: str) -> None:
        self.statusBar().showMessage(tr("Not applied:") + f" {message}", 8000)
