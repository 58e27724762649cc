"""File › Export and File › Export a plot, through the real dialogs' answers."""

from __future__ import annotations

import csv
import io
from xml.dom import minidom

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget


def _answer(monkeypatch, path, chosen=""):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))


def test_file_export_writes_each_format(qtbot, window, tmp_path, monkeypatch):
    action = window.window_actions.actions["export"]
    for suffix in (".png", ".svg", ".csv", ".md"):
        path = tmp_path / f"out{suffix}"
        _answer(monkeypatch, path)
        action.trigger()
        assert path.exists() and path.stat().st_size > 0, suffix
    image = QImage(str(tmp_path / "out.png"))
    assert (image.width(), image.height()) == (2 * window.width(), 2 * window.height())
    minidom.parse(str(tmp_path / "out.svg"))
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text())))
    loss = next(r for r in rows if r and r[0].startswith("tf."))
    readout = window.findChild(QWidget, "readout_loss")
    assert float(loss[1]) == readout.property("value")
    assert (tmp_path / "out.md").read_text().count("|") > 10


def test_a_plot_exports_from_its_menu_entry(qtbot, window, tmp_path, monkeypatch):
    menu = window.findChild(QMenu, "export_plot_menu")
    entries = [a for a in menu.actions() if a.text()]
    assert len(entries) == 12
    path = tmp_path / "probability"  # no suffix: the chosen filter's is added
    _answer(monkeypatch, path, "SVG drawing (*.svg)")
    entries[0].trigger()
    minidom.parse(str(tmp_path / "probability.svg"))
    _answer(monkeypatch, tmp_path / "p.png")
    entries[0].trigger()
    image = QImage(str(tmp_path / "p.png"))
    assert image.width() == 2 * window.probability_plot.width()


def test_an_unwritable_path_shows_a_message_and_changes_nothing(
    qtbot, window, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    _answer(monkeypatch, tmp_path / "missing-folder" / "x.csv")
    state = window.model.state
    window.window_actions.actions["export"].trigger()
    assert shown and "x.csv" in shown[0]
    assert window.model.state is state
