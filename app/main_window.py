"""MainWindow: wiring only. It builds the panels, docks them, and connects actions to slots.

What the window does lives elsewhere: the state and every edit in
:mod:`app.model`, actions and menus in :mod:`app.actions`, the session and
layout in :mod:`app.session`, scene files in :mod:`app.scenes`, colours and
sizes in :mod:`app.appearance`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QGuiApplication,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTabBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.actions import DISTRIBUTION_ACTIONS, WindowActions
from app.appearance import Appearance
from app.constants import APP_NAME, ARRANGEMENT_MARGIN, COMPACT_BELOW, DEFAULT_SIZE, MINIMUM_SIZE
from app.export import export, export_plot_png, export_plot_svg
from app.i18n import loss_label, tr
from app.lecture import ClickerKeys, Lecture
from app.model import Change, ExplorerModel, ProblemType, Units
from app.plots import InformationPanel, ProbabilityPlot
from app.plots.gradient_bars import GradientBars
from app.plots.sigmoid_plot import SigmoidPanel
from app.plots.surface_plot import SurfacePanel
from app.plots.sweep_plot import SweepPanel
from app.plots.training_plot import TrainingPanel
from app.scenes import (
    TENSORFLOW_TABS,
    Scene,
    builtin_scenes,
    find_builtin_scene,
    load_scene,
    save_scene,
)
from app.session import Session
from app.training import TrainingRace
from app.widgets.class_table import ClassTable
from app.widgets.code_panel import CodePanel
from app.widgets.common import ElidingStatusBar, VerticalScrollArea
from app.widgets.equivalences import EquivalencePanel
from app.widgets.loss_guide import LossGuide
from app.widgets.options_panel import OptionsPanel
from app.widgets.pitfalls import PitfallPanel
from app.widgets.readouts import ReadoutPanel
from app.widgets.reveal import RevealCover
from app.widgets.scene_dialog import SceneDetailsDialog
from app.widgets.scene_list import SceneList

#: The scene of a first launch and of Edit › Reset.
FIRST_SCENE = "start-here"
_BASE_FONT_PROPERTY = "logit_lab_unscaled_font"


def _unscaled_application_font() -> QFont:
    """The application font before projector scaling, remembered on the application."""
    app = QApplication.instance()
    saved = app.property(_BASE_FONT_PROPERTY) if app is not None else None
    if isinstance(saved, QFont):
        return QFont(saved)
    font = QFont(QApplication.font())
    if app is not None:
        app.setProperty(_BASE_FONT_PROPERTY, font)
    return font


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
        # The interface font as it was before any window scaled it for a projector: a
        # second window (or a test after a projector one) must not scale it again.
        self._base_font = _unscaled_application_font()
        QApplication.setFont(self._base_font)
        self.appearance = Appearance(parent=self)
        self.session = Session(self.model, settings if settings is not None else QSettings(), self)
        self.settings = self.session.settings
        self.scene_path: Path | None = None
        self.language = language  # picks the scenes' translated titles and notes
        # Re-arranges the docks once a resize pauses (see resizeEvent).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(120)
        self._relayout.timeout.connect(self._rearrange_if_needed)

        # -- panels ------------------------------------------------------------
        model, look = self.model, self.appearance
        self.probability_plot = ProbabilityPlot(model, look)
        self.information_panel = InformationPanel(model, look)
        self.class_table = ClassTable(model, look)
        self.options_panel = OptionsPanel(model, look)
        self.readout_panel = ReadoutPanel(model, look)
        self.sweep_panel = SweepPanel(model, look)
        self.loss_guide = LossGuide(model, look)
        self.equivalence_panel = EquivalencePanel(model, look)
        self.pitfall_panel = PitfallPanel(model, look)
        self.code_panel = CodePanel(model, look)
        # Why cross-entropy trains better: the gradient per class, the sigmoid, the race.
        self.race = TrainingRace(model, self)
        self.gradient_bars = GradientBars(model, look)
        self.sigmoid_panel = SigmoidPanel(model, look)
        self.surface_panel = SurfacePanel(model, self.race, look)
        self.training_panel = TrainingPanel(model, self.race, look)
        # Lecture mode: the scenes in order, a clicker's keys, predict-then-reveal.
        self.lecture = Lecture(self._open_lecture_scene, language, self)
        self.scene_list = SceneList(self.lecture)
        self.window_actions = WindowActions(self, model)

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
            self._with_distribution_buttons(self.class_table),
        )
        self.options_dock = self._dock(
            tr("Options"), "options_dock", VerticalScrollArea(self.options_panel)
        )
        self.readout_dock = self._dock(
            tr("Readouts"), "readouts_dock", VerticalScrollArea(self.readout_panel)
        )
        self.sweep_dock = self._dock(
            tr("CE vs MSE"),
            "sweep_dock",
            VerticalScrollArea(self.sweep_panel),
        )
        # The TensorFlow family: which loss when, what equals what, the mistakes, the code.
        tabs = QTabWidget(objectName="tensorflow_tabs")
        tabs.setDocumentMode(True)
        tabs.addTab(VerticalScrollArea(self.loss_guide), tr("Guide"))
        tabs.addTab(VerticalScrollArea(self.equivalence_panel), tr("Equivalences"))
        tabs.addTab(VerticalScrollArea(self.pitfall_panel), tr("Pitfalls"))
        tabs.addTab(self.code_panel, tr("Code"))
        self.tensorflow_tabs = tabs
        self.tensorflow_dock = self._dock(tr("TensorFlow"), "tensorflow_dock", tabs)
        self.gradient_dock = self._dock(tr("Gradients"), "gradient_dock", self.gradient_bars)
        self.sigmoid_dock = self._dock(
            tr("Sigmoid"),
            "sigmoid_dock",
            VerticalScrollArea(self.sigmoid_panel),
        )
        descent = QSplitter(Qt.Orientation.Vertical, objectName="descent_splitter")
        descent.addWidget(self.surface_panel)
        descent.addWidget(self.training_panel)
        descent.setChildrenCollapsible(False)
        self.descent_splitter = descent
        self.descent_dock = self._dock(tr("Training"), "descent_dock", VerticalScrollArea(descent))
        self.scenes_dock = self._dock(tr("Scenes"), "scenes_dock", self.scene_list)
        # Views that need room: their dock grows while it is the tab in front.
        self.roomy_docks = (
            self.tensorflow_dock,
            self.sigmoid_dock,
            self.descent_dock,
        )
        self._room_requests: list[tuple[QDockWidget, bool]] = []
        self._room_timer = QTimer(self, singleShot=True, interval=0)
        self._room_timer.timeout.connect(self._grant_room)
        for dock in self.roomy_docks:
            dock.visibilityChanged.connect(lambda visible, d=dock: self._request_room(d, visible))
        self.docks = (
            self.class_dock,
            self.options_dock,
            self.readout_dock,
            self.sweep_dock,
            self.tensorflow_dock,
            self.gradient_dock,
            self.sigmoid_dock,
            self.descent_dock,
            self.scenes_dock,
        )
        #: The docks that share the sweep's tab row, in tab order.
        self.tab_docks = (
            self.sweep_dock,
            self.gradient_dock,
            self.sigmoid_dock,
            self.descent_dock,
            self.tensorflow_dock,
        )
        # Left docks run the full height; in the compact arrangement the readouts sit
        # under the plots only.
        # Flat tabs with less padding: five short dock titles fit the right column.
        self.setDocumentMode(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._arrangement = ""  # set by _restore_geometry, once the size is known

        self.window_actions.build_menus(self.menuBar())
        view_menu = self.window_actions.menus["View"]
        first = view_menu.actions()[0]
        for dock in self.docks:
            view_menu.insertAction(first, dock.toggleViewAction())
            # Reopened from the menu, a dock returns to its tab row: bring it to the front,
            # or the panel asked for would stay hidden behind another tab.
            dock.toggleViewAction().triggered.connect(
                lambda checked, d=dock: d.raise_() if checked else None
            )
        view_menu.insertSeparator(first)
        self._build_examples_menu()
        self._build_export_plot_menu()
        self._build_recent_menu()
        self._build_lecture_mode()

        # -- status bar ----------------------------------------------------------
        self.setStatusBar(ElidingStatusBar(object_name="status_bar"))  # "…", never a cut
        self.summary = QLabel(objectName="status_summary")
        self.summary.setContentsMargins(16, 0, 4, 0)  # a gap after a message's "…"
        self.statusBar().addPermanentWidget(self.summary)
        model.changed.connect(self._refresh_summary)
        model.rejected.connect(self._on_rejected)
        # A bound method, not a lambda: the model may outlive the window, and a lambda it
        # held would keep the whole window alive (PySide cannot collect that cycle).
        model.notice.connect(self._show_notice)
        self.appearance.changed.connect(self._apply_font)
        self._refresh_summary()
        self.statusBar().showMessage(
            tr("Drag a slider or a blue bar to change a logit; click a class to make it true."),
            8000,
        )

        self.setMinimumSize(*MINIMUM_SIZE)
        self._restore_geometry()

    # -- construction helpers -------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _with_distribution_buttons(self, table: QWidget) -> QWidget:
        """The class table under a row of the Distribution menu's actions as buttons."""
        bar = QToolBar(objectName="distribution_buttons")
        self.distribution_buttons = bar
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Never folded into a "»" menu: the dock is at least as wide as the buttons.
        bar.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        for name in DISTRIBUTION_ACTIONS:
            bar.addAction(self.window_actions.actions[name])
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(table)
        return box

    def _build_examples_menu(self) -> None:
        examples = QMenu(tr("&Examples"), self)
        examples.setObjectName("examples_menu")
        file_menu = self.window_actions.menus["File"]
        file_menu.insertMenu(self.window_actions.actions["export"], examples)
        for stem, path in builtin_scenes().items():
            try:
                title = load_scene(path, self.language).title
            except ValueError:
                continue
            action = examples.addAction(title)
            action.setObjectName(f"scene_{stem}")
            action.triggered.connect(lambda _=False, n=stem: self.load_builtin_scene(n))

    def _build_lecture_mode(self) -> None:
        """Predict-then-reveal covers, the reveal action (H) and the clicker's keys."""
        covered = (  # never a QSplitter: a child widget of one becomes a pane
            self.probability_plot,
            self.information_panel,
            self.readout_dock.widget(),
            self.sweep_dock.widget(),
            self.gradient_dock.widget(),
            self.sigmoid_dock.widget(),
            self.descent_dock.widget(),
            self.tensorflow_dock.widget(),
        )
        self.reveal_covers = [RevealCover(w, self.appearance) for w in covered]
        self._predict = ""
        self._scene_in_view: Scene | None = None  # the scene opened last (its panels)
        action = QAction(tr("&Predict, then reveal") + "\tH", self)
        action.setObjectName("reveal_toggle")
        action.setCheckable(True)
        tip = tr("Hide every number and bar until Enter, so the room can guess first (H)")
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.toggled.connect(self.set_numbers_hidden)
        self.reveal_toggle = action
        view_menu = self.window_actions.menus["View"]
        view_menu.insertAction(self.window_actions.actions["projector"], action)
        self.clicker_keys = ClickerKeys(
            self,
            self.lecture,
            reveal=lambda: self.numbers_hidden,
            toggle_reveal=lambda: action.setChecked(not action.isChecked()),
            nudge=self.nudge_selected_logit,
            play_pause=self.race.toggle,
        )

    @property
    def numbers_hidden(self) -> bool:
        """True in predict mode: the answers are covered until Enter."""
        return self.reveal_toggle.isChecked()

    def set_numbers_hidden(self, hidden: bool) -> None:
        """Predict mode (H) on or off: covers over every result, q in the table as "?"."""
        for cover in self.reveal_covers:
            cover.set_question(self._predict)
            cover.cover(hidden)
        self.class_table.set_numbers_hidden(hidden)
        if self.reveal_toggle.isChecked() != hidden:
            self.reveal_toggle.setChecked(hidden)
        if hidden:
            self.statusBar().showMessage(tr("Predict: the answers are hidden. Enter reveals."))
        else:
            self.statusBar().clearMessage()

    def nudge_up(self) -> None:
        self.nudge_selected_logit(0.1)

    def nudge_down(self) -> None:
        self.nudge_selected_logit(-0.1)

    def zoom_in(self) -> None:
        """Ctrl+=: larger text and views; a narrower arrangement sooner."""
        self.appearance.zoom_in()
        self._rearrange_if_needed()

    def zoom_out(self) -> None:
        self.appearance.zoom_out()
        self._rearrange_if_needed()

    def zoom_reset(self) -> None:
        self.appearance.reset_zoom()
        self._rearrange_if_needed()

    def nudge_selected_logit(self, delta: float) -> None:
        """Alt+↑/↓: move the selected class's logit by ``delta`` (one undo step)."""
        state = self.model.state
        c = state.sweep_class
        self.model.set_logit(c, float(state.logits[c]) + delta)

    def _open_lecture_scene(self, scene: Scene, step: int) -> None:
        """Show scene ``scene`` at ``step`` (0: as prepared), with its panels in front."""
        steps = getattr(scene, "steps", ())
        if step == 0:
            self.apply_scene(scene, follow_lecture=False)
        else:
            chosen = steps[step - 1]
            self.model.replace_state(chosen.state)
            title = f"{scene.title} — {chosen.title}" if chosen.title else scene.title
            self.readout_panel.show_note(title, chosen.note or scene.description, chosen.state)
            self.statusBar().showMessage(
                tr("Step {k} of {n}:").format(k=step, n=len(steps)) + f" {chosen.title}", 8000
            )

    def show_scene_panels(self) -> None:
        """Bring the open scene's panels to the front again (after a layout reset)."""
        if self._scene_in_view is not None:
            self.show_panels(self._scene_in_view)

    def show_panels(self, scene: Scene) -> None:
        """Bring a scene's panels to the front (its TensorFlow tab too)."""
        for name in getattr(scene, "panels", ()):
            dock = self.findChild(QDockWidget, name)
            if dock is not None:
                dock.show()
                dock.raise_()
        tab = getattr(scene, "tensorflow_tab", None)
        if tab in TENSORFLOW_TABS:
            self.tensorflow_tabs.setCurrentIndex(TENSORFLOW_TABS.index(tab))

    # -- settings ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if not self.session.restore_geometry(self):
            width, height = DEFAULT_SIZE
            screen = QGuiApplication.primaryScreen()
            if screen is not None:  # never larger than the screen
                avail = screen.availableGeometry()
                width, height = min(width, avail.width()), min(height, avail.height())
            self.resize(width, height)
        arrangement = self._fitting_arrangement()
        self._arrange(arrangement)
        if not self.session.restore_layout(self, arrangement):
            # Dock sizes only take once the window is laid out: next event-loop turn.
            QTimer.singleShot(0, self, self.default_dock_sizes)

    # -- arrangements: wide (docks left and right) and compact (tabs, readouts below) ------
    def _fitting_arrangement(self) -> str:
        """ "compact" below a width that grows with the font scale, else "wide".

        The switch has a margin so that a window resized across the threshold does
        not flip back and forth.
        """
        threshold = COMPACT_BELOW * self.appearance.font_scale
        if self._arrangement == "compact":
            threshold += ARRANGEMENT_MARGIN
        return "compact" if self.width() < threshold else "wide"

    @property
    def arrangement(self) -> str:
        return self._arrangement

    def _arrange(self, arrangement: str) -> None:
        """Place the docks: wide — classes over options on the left, readouts over the
        sweep on the right; compact — options a tab behind the classes (F6), readouts
        under the plots with the sweep a tab behind them."""
        self._arrangement = arrangement
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        for dock in self.docks:
            dock.setFloating(False)
            self.removeDockWidget(dock)
        self.addDockWidget(left, self.class_dock)
        if arrangement == "compact":
            self.tabifyDockWidget(self.class_dock, self.options_dock)
            self.tabifyDockWidget(self.class_dock, self.scenes_dock)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.readout_dock)
            for dock in self.tab_docks:
                self.tabifyDockWidget(self.readout_dock, dock)
        else:
            self.splitDockWidget(self.class_dock, self.options_dock, Qt.Orientation.Vertical)
            self.tabifyDockWidget(self.options_dock, self.scenes_dock)
            self.addDockWidget(right, self.readout_dock)
            self.splitDockWidget(self.readout_dock, self.sweep_dock, Qt.Orientation.Vertical)
            # Two short tab rows fit the column: the gradients behind the readouts.
            self.tabifyDockWidget(self.readout_dock, self.gradient_dock)
            for dock in self.tab_docks[1:]:
                if dock is not self.gradient_dock:
                    self.tabifyDockWidget(self.sweep_dock, dock)
        for dock in self.docks:
            dock.show()
        if arrangement == "wide":
            self.options_dock.raise_()  # in front of the scene list
        self.class_dock.raise_()
        self.sweep_dock.raise_()  # in front of the TensorFlow tab (wide)
        self.readout_dock.raise_()  # in front of both (compact)
        self._unelide_tabs()

    def _unelide_tabs(self) -> None:
        """Dock tabs show their whole title ("Gradients", not "Gradie…"); when the row
        is too narrow it scrolls. Qt creates these tab bars as docks are tabified."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)

    def reset_layout(self) -> None:
        """View › Reset layout: the default arrangement for this size, every panel shown."""
        self._arrange(self._fitting_arrangement())
        QTimer.singleShot(0, self, self.default_dock_sizes)

    def _rearrange_if_needed(self) -> None:
        arrangement = self._fitting_arrangement()
        if arrangement != self._arrangement:
            self._arrange(arrangement)
            QTimer.singleShot(0, self, self.default_dock_sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._relayout.start()  # once the resizing pauses

    def toggle_options(self) -> None:
        """F6: the options, one key away (a tab behind the classes in the compact layout)."""
        if self._arrangement == "compact":
            raised = not self.options_dock.visibleRegion().isEmpty()
            (self.class_dock if raised else self.options_dock).raise_()
        else:
            self.options_dock.setVisible(not self.options_dock.isVisible())

    def default_dock_sizes(self) -> None:
        """Left: what you edit; centre: what it means; right or below: the numbers."""
        width, height = self.width(), self.height()
        class_width = max(self.class_dock.minimumSizeHint().width(), width * 3 // 10)
        compact = self._arrangement == "compact"
        # In the compact arrangement the history strip gives its height to the plots.
        self.information_panel.history_plot.setVisible(not compact)
        if compact:
            self.resizeDocks([self.class_dock], [class_width], Qt.Orientation.Horizontal)
            self.resizeDocks([self.readout_dock], [height * 3 // 10], Qt.Orientation.Vertical)
        else:
            self.resizeDocks(
                [self.class_dock, self.readout_dock],
                [class_width, max(340, width * 3 // 10)],
                Qt.Orientation.Horizontal,
            )
            self.resizeDocks(
                [self.readout_dock, self.sweep_dock],
                [height * 11 // 20, height * 9 // 20],
                Qt.Orientation.Vertical,
            )
            self.resizeDocks(
                [self.class_dock, self.options_dock],
                [height // 2, height // 2],
                Qt.Orientation.Vertical,
            )
        total = sum(self.plot_splitter.sizes()) or height
        self.plot_splitter.setSizes([total * 11 // 20, total * 9 // 20])

    def _show_notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _request_room(self, dock: QDockWidget, visible: bool) -> None:
        # Acted on at the next event-loop turn, once the tab switch has settled. A timer
        # the window owns, not singleShot(lambda): a pending lambda would outlive it.
        self._room_requests.append((dock, visible))
        self._room_timer.start()

    def _grant_room(self) -> None:
        requests, self._room_requests = self._room_requests, []
        for dock, visible in requests:
            self._give_room(dock, visible)

    def _give_room(self, dock: QDockWidget, visible: bool) -> None:
        """More height for a roomy dock (the TensorFlow tabs, the sigmoid, the surface and
        race) while it is the tab in front; the usual split after."""
        if not self._arrangement or dock.isFloating() or dock.isVisible() != visible:
            return  # not laid out yet, floating, or already changed again
        if self.dockWidgetArea(dock) != self.dockWidgetArea(self.readout_dock):
            return  # moved elsewhere by the user: leave their layout alone
        height = self.height()
        if self._arrangement == "compact":  # the readouts' tab row holds the dock
            if visible:
                self.resizeDocks([self.readout_dock], [height * 11 // 20], Qt.Orientation.Vertical)
            elif not any(
                d.isVisible() and not d.visibleRegion().isEmpty() for d in self.roomy_docks
            ):
                self.resizeDocks([self.readout_dock], [height * 3 // 10], Qt.Orientation.Vertical)
        elif visible:  # under the readouts, a tab beside the sweep
            self.resizeDocks(
                [self.readout_dock, dock],
                [height * 7 // 20, height * 13 // 20],
                Qt.Orientation.Vertical,
            )

    def restore_session(self) -> bool:
        """Bring back the state, title and note the user left last time (never lose work)."""
        scene = self.session.restore()
        if scene is None:
            return False
        self._show_scene(scene)
        return True

    def save_session(self) -> None:
        self.session.save()

    def save_settings(self) -> None:
        self.session.save_window(self, self._arrangement)
        self.session.save()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.clicker_keys.install()  # the window's QWindow exists once it is shown

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.clicker_keys.uninstall()
        self.save_settings()
        super().closeEvent(event)

    # -- scenes --------------------------------------------------------------------------
    def apply_scene(self, scene: Scene, follow_lecture: bool = True) -> None:
        """Open a scene: its state, a fresh history, the first class in view, its note,
        its panels in front; the scene list follows."""
        if follow_lecture:
            self.lecture.goto_name(scene.name)
        self._predict = getattr(scene, "predict", "")
        for cover in self.reveal_covers:
            cover.set_question(self._predict)
        self.model.replace_state(scene.state)
        self.model.clear_history()
        self.class_table.scroll_to_first()
        self.session.title, self.session.description = scene.title, scene.description
        self._show_scene(scene)
        self._scene_in_view = scene
        self.show_panels(scene)
        message = tr("Opened scene:") + f" {scene.title}"
        if self._predict:
            message += "  ·  " + tr("Predict (H):") + f" {self._predict}"
        self.statusBar().showMessage(message, 8000)

    def _show_scene(self, scene: Scene) -> None:
        self.setWindowTitle(f"{scene.title} — {APP_NAME}" if scene.title else APP_NAME)
        self.readout_panel.show_note(scene.title, scene.description, scene.state)

    def open_initial_scene(
        self, scene_file: str | None = None, scene: str | None = None, restore: bool = True
    ) -> None:
        """What the window shows at start: a scene file, a built-in scene, else the last
        session, else (a first launch) the start-here scene with its note.

        Raises ValueError (with the names there are) for a scene that does not exist.
        """
        if scene_file:
            self.apply_scene(load_scene(scene_file, self.language))
        elif scene:
            self.load_builtin_scene(scene)
        elif not (restore and self.restore_session()):
            self.load_builtin_scene(FIRST_SCENE)

    def load_builtin_scene(self, name: str) -> None:
        """Open the built-in scene ``name`` (as --list-scenes prints it, or its file stem)."""
        self.apply_scene(load_scene(find_builtin_scene(name), self.language))

    def open_scene(self, path: str | Path) -> bool:
        try:
            scene = load_scene(path, self.language)
        except ValueError as exc:
            QMessageBox.warning(self, tr("Cannot open scene"), str(exc))
            return False
        self.apply_scene(scene)
        self.scene_path = Path(path)
        self.session.add_recent_scene(self.scene_path)
        return True

    def open_scene_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open scene"), str(self.session.scene_dir), tr("Logit Lab scenes (*.json)")
        )
        if path:
            self.open_scene(path)

    def save_scene_dialog(self) -> None:
        """Ctrl+S: a title, a note for the room and a question, then where; the panels
        in front are kept, so the scene opens as it looks now."""
        details = SceneDetailsDialog.ask(
            self, self.session.title, self.session.description, self._predict
        )
        if details is None:
            return
        title, note, predict = details
        start = self.scene_path or self.session.scene_dir / f"{title or 'scene'}.json"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save scene"), str(start), tr("Logit Lab scenes (*.json)")
        )
        if not path:
            return
        if not path.endswith(".json"):
            path += ".json"
        panels, tab = self.panels_in_front()
        try:
            save_scene(
                path,
                self.model.state,
                title=title,
                description=note,
                panels=panels,
                predict=predict,
                tensorflow_tab=tab,
            )
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            QMessageBox.warning(self, tr("Cannot save scene"), f"{path}: {reason}")
            return
        self.scene_path = Path(path)
        self.session.title, self.session.description, self._predict = title, note, predict
        self.session.remember_scene_dir(self.scene_path)
        self.session.add_recent_scene(self.scene_path)
        self.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME)
        self.statusBar().showMessage(tr("Saved") + f" {path}", 5000)

    def panels_in_front(self) -> tuple[tuple[str, ...], str | None]:
        """The analysis docks now in front (not hidden behind a tab), and the
        TensorFlow tab shown if that dock is one of them."""
        panels = tuple(
            dock.objectName()
            for dock in (self.readout_dock, *self.tab_docks)
            if dock.isVisible() and not dock.visibleRegion().isEmpty()
        )
        tab = None
        if self.tensorflow_dock.objectName() in panels:
            tab = TENSORFLOW_TABS[self.tensorflow_tabs.currentIndex()]
        return panels, tab

    def _build_recent_menu(self) -> None:
        """File › Open recent: the last scenes opened or saved, rebuilt when shown."""
        menu = QMenu(tr("Open &recent"), self)
        menu.setObjectName("recent_menu")
        menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_menu = menu
        file_menu = self.window_actions.menus["File"]
        file_menu.insertMenu(self.window_actions.actions["save"], menu)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.session.recent_scenes()
        for i, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{i} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_scene(p))
        if not recent:
            empty = menu.addAction(tr("(none yet)"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(tr("&Clear the list"))
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.session.clear_recent_scenes)

    # -- actions -----------------------------------------------------------------------
    def reset(self) -> None:
        self.load_builtin_scene(FIRST_SCENE)

    def zero_logits(self) -> None:
        self.model.try_update(logits=[0.0] * self.model.state.num_classes)

    def toggle_units(self) -> None:
        units = Units.NATS if self.model.state.units is Units.BITS else Units.BITS
        self.model.try_update(units=units)

    def copy_readouts(self) -> None:
        lines = [r.plain_text for r in self.readout_panel.readouts.values()]
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.statusBar().showMessage(tr("Readouts copied to the clipboard"), 3000)

    def set_projector_mode(self, on: bool) -> None:
        self.appearance.set_projector(on)
        self._rearrange_if_needed()  # large text needs the compact arrangement sooner

    def _apply_font(self) -> None:
        """The application font follows the appearance's scale (projector mode)."""
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * self.appearance.font_scale)
        QApplication.setFont(font)
        action = self.window_actions.actions["projector"]
        blocked = action.blockSignals(True)
        action.setChecked(self.appearance.projector)
        action.blockSignals(blocked)

    def set_fullscreen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def export_screenshot(self, path: str | Path) -> bool:
        return self.grab().save(str(path))

    def export_dialog(self) -> None:
        """File › Export: the window (PNG at 2×, SVG) or the values (CSV, Markdown)."""
        filters = [
            tr("PNG image, 2× (*.png)"),
            tr("SVG drawing of the plots (*.svg)"),
            tr("Values as CSV (*.csv)"),
            tr("Values as a Markdown table (*.md)"),
        ]
        path, chosen = QFileDialog.getSaveFileName(
            self,
            tr("Export"),
            str(self.session.scene_dir / "logit-lab.png"),
            ";;".join(filters),
        )
        if not path:
            return
        if not Path(path).suffix:
            path += (".png", ".svg", ".csv", ".md")[
                filters.index(chosen) if chosen in filters else 0
            ]
        self._export_to(path, lambda p: export(self, p))

    def export_plot_dialog(self, plot: object, name: str) -> None:
        """Export › a plot: PNG at 2× for a slide, or SVG."""
        png, svg = tr("PNG image, 2× (*.png)"), tr("SVG drawing (*.svg)")
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("Export plot"), str(self.session.scene_dir / f"{name}.png"), f"{png};;{svg}"
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if chosen == svg else ".png"
        writer = export_plot_svg if path.lower().endswith(".svg") else export_plot_png
        self._export_to(path, lambda p: writer(plot, p))

    def _export_to(self, path: str, write: Callable[[str], None]) -> None:
        try:
            write(path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, tr("Cannot export"), f"{path}: {exc}")
            return
        self.statusBar().showMessage(tr("Exported") + f" {path}", 5000)

    def _build_export_plot_menu(self) -> None:
        """File › Export a plot: every plot by name, PNG at 2× or SVG."""
        menu = QMenu(tr("Export a &plot"), self)
        menu.setObjectName("export_plot_menu")
        plots = (
            (tr("Probability plot"), self.probability_plot, "probability"),
            (tr("Information plot"), self.information_panel.information_plot, "information"),
            (tr("History"), self.information_panel.history_plot, "history"),
            (tr("Loss sweep"), self.sweep_panel.loss_plot, "sweep"),
            (tr("Gradient sweep"), self.sweep_panel.gradient_plot, "gradient-sweep"),
            (tr("Gradients per class"), self.gradient_bars, "gradient-bars"),
            (tr("Sigmoid"), self.sigmoid_panel.sigmoid_plot, "sigmoid"),
            (tr("Sigmoid losses"), self.sigmoid_panel.loss_plot, "sigmoid-losses"),
            (tr("Sigmoid gradients"), self.sigmoid_panel.gradient_plot, "sigmoid-gradients"),
            (tr("Loss surface"), self.surface_panel.plot, "surface"),
            (tr("Training race: loss"), self.training_panel.loss_plot, "race-loss"),
            (tr("Training race: q"), self.training_panel.probability_plot, "race-q"),
        )
        for text, plot, name in plots:
            action = menu.addAction(text + "…")
            action.triggered.connect(lambda _=False, p=plot, n=name: self.export_plot_dialog(p, n))
        self.window_actions.menus["File"].insertMenu(self.window_actions.actions["quit"], menu)

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{text}</td></tr>"
            for keys, text in self.window_actions.shortcut_rows()
        )
        QMessageBox.information(self, tr("Keyboard shortcuts"), f"<table>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            tr("About Logit Lab"),
            f"<h3>{APP_NAME}</h3><p>"
            + tr(
                "Touch the mathematics of classification losses: softmax, entropy, "
                "cross-entropy, KL divergence and MSE, live."
            )
            + "</p><p>"
            + tr(
                "Every number comes from a NumPy core that matches TensorFlow's tf.nn and "
                "tf.compat.v1.losses."
            )
            + "</p><p>“损失函数汇总及tensorflow实践” (zihuaweng, 2018).</p>",
        )

    def about_qt(self) -> None:
        QApplication.aboutQt()

    # -- status --------------------------------------------------------------------------
    def _refresh_summary(self, _change: Change | None = None) -> None:
        s = self.model.state
        if s.problem_type is ProblemType.MULTICLASS:
            target = tr("soft labels") if s.soft else tr("true class") + f" {s.target_class}"
            head = f"K = {s.num_classes}  ·  T = {s.temperature:g}  ·  {target}"
        elif s.problem_type is ProblemType.BINARY:
            head = tr("binary") + f"  ·  T = {s.temperature:g}  ·  y = {s.soft_target[0]:g}"
        else:
            head = tr("multi-label") + f"  ·  K = {s.num_classes}  ·  T = {s.temperature:g}"
        self.summary.setText(f"{head}  ·  {loss_label(s.loss)}  ·  {tr(s.units.value)}")

    def _on_rejected(self, message: str) -> None:
        self.statusBar().showMessage(tr("Not applied:") + f" {message}", 8000)
