"""The window's actions and menus, defined once.

Each action is one :class:`ActionSpec` row: its name, text, shortcut, tip and
the slot it runs. :class:`WindowActions` turns the rows into QActions, puts
them in menus, keeps their enabled state in step with the model, and
generates the keyboard-shortcut list that F1 shows — so the list can never
disagree with what the keys do.

Slots are given as attribute paths on the window ("model.undo",
"set_projector_mode"), so this module needs no import of the window.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from app.i18n import N_, tr
from app.model import Change, ExplorerModel


@dataclass(frozen=True)
class ActionSpec:
    name: str  #: objectName of the QAction: "action_<name>"
    text: str  #: menu text, with an & mnemonic; marked with N_ and translated when shown
    slot: str  #: attribute path on the window of the callable it runs
    shortcut: str = ""
    tip: str = ""
    checkable: bool = False
    button: str = ""  #: short text when the action is shown as a button
    #: keys handled elsewhere (the clicker's, app.lecture.ClickerKeys), shown in the menu
    keys: str = ""


#: (menu title, its actions); None is a separator. In menu order.
MENUS: tuple[tuple[str, tuple[ActionSpec | None, ...]], ...] = (
    (
        N_("&File"),
        (
            ActionSpec("open", N_("&Open scene…"), "open_scene_dialog", "Ctrl+O",
                       N_("Open a saved scene (.json)")),
            ActionSpec("save", N_("&Save scene as…"), "save_scene_dialog", "Ctrl+S",
                       N_("Save the current settings as a scene (.json)")),
            None,
            ActionSpec("export", N_("&Export…"), "export_dialog", "Ctrl+E",
                       N_("Save the window as a PNG at 2× or an SVG, or the values as CSV or a "
                          "Markdown table")),
            None,
            ActionSpec("quit", N_("&Quit"), "close", "Ctrl+Q", N_("Close Logit Lab")),
        ),
    ),
    (
        N_("&Edit"),
        (
            ActionSpec("undo", N_("&Undo"), "model.undo", "Ctrl+Z",
                       N_("Undo the last change (a whole drag is one step)")),
            ActionSpec("redo", N_("&Redo"), "model.redo", "Ctrl+Shift+Z",
                       N_("Redo the change just undone")),
            None,
            ActionSpec("reset", N_("&Reset to the start scene"), "reset", "Ctrl+R",
                       N_("Back to the start scene")),
            ActionSpec("zero_logits", N_("Set all logits to &zero"), "zero_logits", "Ctrl+0",
                       N_("z = 0 for every class: q becomes uniform")),
            ActionSpec("copy_readouts", N_("&Copy readouts"), "copy_readouts", "Ctrl+Shift+C",
                       N_("Copy the current values as text")),
            ActionSpec("clear_history", N_("Clear &history"), "model.clear_history", "",
                       N_("Empty the history strip")),
        ),
    ),
    (
        N_("&Distribution"),
        (
            ActionSpec("uniform_p", N_("&Uniform p"), "model.uniform_p", "Ctrl+U",
                       N_("p = 1/K for every class (switches to soft labels)"),
                       button=N_("uniform p")),
            ActionSpec("make_p_equal_q", N_("Make &p = q"), "model.make_p_equal_q",
                       "Ctrl+Shift+P",
                       N_("The truth becomes the prediction: p = q, so KL(p‖q) = 0"),
                       button="p = q"),
            ActionSpec("make_q_equal_p", N_("Make &q = p"), "model.make_q_equal_p",
                       "Ctrl+Shift+Q",
                       N_("The prediction becomes the truth: zᵢ = T·ln pᵢ + c, so q = p and "
                          "KL = 0 (pᵢ = 0 gets the lowest logit)"),
                       button="q = p"),
            ActionSpec("one_hot", N_("&One-hot on the true class"), "model.one_hot_true_class",
                       "Ctrl+Shift+O",
                       N_("p = 1 on the most likely true class, 0 elsewhere (soft labels)"),
                       button=N_("one-hot")),
            ActionSpec("normalise_p", N_("&Normalise p"), "model.normalise_p", "Ctrl+Shift+N",
                       N_("Scale p to sum to 1 (when keep Σp = 1 is off)"),
                       button=N_("normalise")),
        ),
    ),
    (
        N_("&View"),
        (
            ActionSpec("units", N_("Show &bits"), "toggle_units", "Ctrl+B",
                       N_("Switch H, H(p,q) and KL between nats and bits")),
            ActionSpec("options", N_("Show or hide the &options"), "toggle_options", "F6",
                       N_("The options panel, one key away (a tab behind the classes when "
                          "the window is narrow)")),
            ActionSpec("reset_layout", N_("Reset &layout"), "reset_layout", "",
                       N_("Put every panel back where it starts, at sizes that fit this window")),
            ActionSpec("gradient_steps", N_("Show &gradient steps on the sliders"),
                       "appearance.set_gradient_steps", "",
                       N_("Arrows on the logit sliders: where one gradient-descent step "
                          "z ← z − η ∂L/∂z would move each logit (the loss above, MSE below)"),
                       checkable=True),
            ActionSpec("zoom_in", N_("&Zoom in"), "zoom_in", "Ctrl+=",
                       N_("Larger text and views (in projector mode too)")),
            ActionSpec("zoom_out", N_("Zoom &out"), "zoom_out", "Ctrl+-",
                       N_("Smaller text and views")),
            ActionSpec("zoom_reset", N_("&Actual size"), "zoom_reset", "Ctrl+Alt+0",
                       N_("Back to the normal size of text and views")),
            ActionSpec("projector", N_("&Projector mode"), "set_projector_mode", "F5",
                       N_("Large text for a lecture hall"), checkable=True),
            ActionSpec("fullscreen", N_("&Full screen"), "set_fullscreen", "F11",
                       N_("Fill the screen"), checkable=True),
        ),
    ),
    (
        N_("&Training"),
        (
            # Space is the clicker's (app.lecture.ClickerKeys): a focused button keeps it.
            ActionSpec("race_play", N_("&Play or pause the race"), "race.toggle", "",
                       N_("Gradient descent under cross-entropy and under MSE, side by side: "
                          "play or pause"), keys="Space"),
            ActionSpec("race_step", N_("&Step"), "race.step", "Ctrl+.",
                       N_("One gradient-descent step of both runners")),
            ActionSpec("race_reset", N_("&Reset the race"), "race.reset", "Ctrl+Backspace",
                       N_("Back to where the race began (no undo step)")),
            ActionSpec("race_apply", N_("&Apply: keep where cross-entropy got to"), "race.apply",
                       "Ctrl+Return",
                       N_("Keep the logits the cross-entropy runner reached (one undo step)")),
        ),
    ),
    (
        N_("&Lecture"),
        (
            ActionSpec("next_scene", N_("&Next step or scene"), "lecture.next",
                       tip=N_("The scene's next step, or the next scene (a clicker's Page Down)"),
                       keys="PgDown"),
            ActionSpec("previous_scene", N_("&Previous step or scene"), "lecture.previous",
                       tip=N_("Back one step or scene (a clicker's Page Up)"), keys="PgUp"),
            ActionSpec("reset_scene", N_("&Reset the scene"), "lecture.reset",
                       tip=N_("The scene exactly as prepared"), keys="Home, R"),
            ActionSpec("nudge_up", N_("Nudge the selected logit &up"), "nudge_up",
                       tip=N_("+0.1 to the selected class's logit (Alt+Shift: +1)"),
                       keys="Alt+Up"),
            ActionSpec("nudge_down", N_("Nudge the selected logit &down"), "nudge_down",
                       tip=N_("−0.1 to the selected class's logit (Alt+Shift: −1)"),
                       keys="Alt+Down"),
        ),
    ),
    (
        N_("&Help"),
        (
            ActionSpec("shortcuts", N_("&Keyboard shortcuts"), "show_shortcuts", "F1",
                       N_("List every shortcut")),
            ActionSpec("about", N_("&About Logit Lab"), "show_about"),
            ActionSpec("about_qt", N_("About &Qt"), "about_qt"),
        ),
    ),
)  # fmt: skip

#: The actions shown as buttons above the class table.
DISTRIBUTION_ACTIONS = ("uniform_p", "make_p_equal_q", "make_q_equal_p", "one_hot", "normalise_p")


def _specs() -> Iterator[ActionSpec]:
    for _title, specs in MENUS:
        yield from (s for s in specs if s is not None)


class WindowActions:
    """The QActions of a main window, its menus, and the shortcut list.

    ``actions[name]`` is the QAction of the spec called ``name``. Shortcuts
    work even when the menu bar is hidden (full screen): every action is
    also added to the window.
    """

    def __init__(self, window: QMainWindow, model: ExplorerModel) -> None:
        self._model = model
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        for spec in _specs():
            self.actions[spec.name] = self._make(window, spec)
        model.changed.connect(self._on_changed)
        self._on_changed()

    @staticmethod
    def _make(window: QMainWindow, spec: ActionSpec) -> QAction:
        text = tr(spec.text) + (f"\t{spec.keys}" if spec.keys else "")
        action = QAction(text, window)
        action.setObjectName(f"action_{spec.name}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(tr(spec.tip))
            action.setToolTip(tr(spec.tip))
        if spec.button:
            action.setIconText(tr(spec.button))
        action.setCheckable(spec.checkable)
        slot: Callable[..., object] = operator.attrgetter(spec.slot)(window)
        if spec.checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, run=slot: run())
        window.addAction(action)
        return action

    def build_menus(self, bar: QMenuBar) -> None:
        for title, specs in MENUS:
            menu = bar.addMenu(tr(title))
            menu.setObjectName(f"menu_{title.strip('&').lower()}")
            self.menus[title.replace("&", "")] = menu
            for spec in specs:
                if spec is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[spec.name])

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every action with a shortcut, in menu order."""
        rows = []
        for spec in _specs():
            if spec.shortcut or spec.keys:
                keys = spec.keys or (
                    self.actions[spec.name]
                    .shortcut()
                    .toString(QKeySequence.SequenceFormat.NativeText)
                )
                rows.append((keys, tr(spec.tip) or tr(spec.text).replace("&", "")))
        return rows

    def _on_changed(self, _change: Change | None = None) -> None:
        model, state = self._model, self._model.state
        self.actions["undo"].setEnabled(model.can_undo)
        self.actions["redo"].setEnabled(model.can_redo)
        # "Undo set logit of cat": the menu says what the step would take back.
        for name, text, label, plain in (
            ("undo", model.undo_text(), N_("&Undo {what}"), N_("&Undo")),
            ("redo", model.redo_text(), N_("&Redo {what}"), N_("&Redo")),
        ):
            self.actions[name].setText(tr(label).format(what=text) if text else tr(plain))
        # Sigmoid targets are one value per output: nothing to make one-hot or normalise.
        multiclass_soft = state.soft and not state.problem_type.sigmoid
        self.actions["one_hot"].setEnabled(multiclass_soft)
        self.actions["normalise_p"].setEnabled(multiclass_soft and not state.auto_normalise)
        units = self.actions["units"]
        units.setText(tr("Show &nats") if state.units == "bits" else tr("Show &bits"))
