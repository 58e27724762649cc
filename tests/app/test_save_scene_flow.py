"""Save scene (Ctrl+S) asks for a title and a note, keeps the panels in front, and the
file opens again exactly; File › Open recent lists it."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog

from app.scenes import load_scene
from app.widgets.scene_dialog import SceneDetailsDialog


def test_save_then_open_is_exact_with_title_note_question_and_panels(
    qtbot, window, tmp_path, monkeypatch
):
    window.model.update(temperature=1.7, logits=[0.5, -2.0, 3.0, 1.25])
    window.gradient_dock.raise_()
    qtbot.wait(10)
    asked = []

    def ask(parent, title="", note="", predict=""):
        asked.append((title, note, predict))
        return ("Softer logits", "T = 1.7 flattens q.\nWatch KL.", "Which bar falls most?")

    monkeypatch.setattr(SceneDetailsDialog, "ask", staticmethod(ask))
    path = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.window_actions.actions["save"].trigger()
    assert asked  # the dialog came first
    scene = load_scene(path)
    assert scene.title == "Softer logits"
    assert scene.description == "T = 1.7 flattens q.\nWatch KL."
    assert scene.predict == "Which bar falls most?"
    assert "gradient_dock" in scene.panels
    assert scene.state.same_as(window.model.state)
    np.testing.assert_array_equal(scene.state.logits, [0.5, -2.0, 3.0, 1.25])
    # Opening it elsewhere brings the state and the panel back.
    window.sweep_dock.raise_()
    window.model.update(temperature=1.0)
    assert window.open_scene(path)
    assert window.model.state.same_as(scene.state)
    assert not window.gradient_dock.visibleRegion().isEmpty()
    # It is the first recent scene.
    window._fill_recent_menu()
    entries = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert entries[0].endswith("mine.json")


def test_cancelling_the_details_saves_nothing(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(SceneDetailsDialog, "ask", staticmethod(lambda *a, **k: None))
    called = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: called.append(1) or ("", "")
    )
    window.window_actions.actions["save"].trigger()
    assert not called and not list(tmp_path.iterdir())


def test_undo_and_redo_items_name_the_step(qtbot, window):
    undo, redo = window.window_actions.actions["undo"], window.window_actions.actions["redo"]
    window.model.set_logit(1, 2.5)
    name = window.model.state.class_names[1]
    assert name in undo.text() and undo.text().startswith("&Undo ")
    window.model.undo()
    assert name in redo.text() and redo.text().startswith("&Redo ")
    window.model.redo()
    window.model.undo()
    window.model.undo()  # nothing left: the plain text
    assert undo.text() == "&Undo"
