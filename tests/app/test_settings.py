"""QSettings: the window remembers its geometry and the last session (isolated settings only)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
from gui_reference import assert_readouts_match, child, choose, type_into
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox

from app.main_window import MainWindow
from app.model import ExplorerModel, ExplorerState


def new_window(qtbot, settings, size=None):
    w = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w)
    if size is not None:
        w.resize(*size)
    w.show()
    return w


def test_settings_fixture_is_isolated(settings, tmp_path):
    assert str(tmp_path) in settings.fileName()


def test_closing_stores_geometry_and_a_new_window_restores_the_size(qtbot, settings):
    w = new_window(qtbot, settings, (1100, 700))
    qtbot.waitUntil(lambda: w.size().width() == 1100, timeout=2000)
    assert settings.value("window/geometry") is None
    w.close()
    geometry = settings.value("window/geometry")
    assert isinstance(geometry, QByteArray) and not geometry.isEmpty()
    w2 = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w2)
    assert (w2.width(), w2.height()) == (1100, 700)
    w2.show()
    assert (w2.width(), w2.height()) == (1100, 700)


def test_first_start_uses_the_default_size(qtbot, settings):
    w = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w)
    assert (w.width(), w.height()) == (1280, 800)
    assert w.minimumWidth() <= 1280 and w.minimumHeight() <= 800


def test_restore_session_brings_back_the_last_state(qtbot, settings):
    w = new_window(qtbot, settings)
    child(w, QSpinBox, "class_count").setValue(6)
    type_into(qtbot, child(w, QDoubleSpinBox, "logit_spin_5"), "4.5")
    choose(child(w, QComboBox, "target_mode"), "soft")
    type_into(qtbot, child(w, QDoubleSpinBox, "target_spin_5"), "0.3")
    type_into(qtbot, child(w, QDoubleSpinBox, "temperature_spin"), "0.7")
    choose(child(w, QComboBox, "units"), "bits")
    choose(child(w, QComboBox, "loss_kind"), "tf.compat.v1.losses.mean_squared_error")
    assert w.model.state.pinned == (5,)
    last = dataclasses.replace(w.model.state, pinned=())  # pins are not kept across sessions
    w.close()

    w2 = new_window(qtbot, settings)
    assert w2.model.state.same_as(ExplorerState())  # nothing is restored until asked
    assert w2.restore_session() is True
    assert w2.model.state.same_as(last)
    assert child(w2, QSpinBox, "class_count").value() == 6
    assert child(w2, QDoubleSpinBox, "logit_spin_5").value() == 4.5
    assert child(w2, QComboBox, "units").currentData() == "bits"
    np.testing.assert_allclose(child(w2, QDoubleSpinBox, "target_spin_5").value(), 0.3)
    assert_readouts_match(w2, rel=1e-3, abs_=1e-4)  # p shows rounded to 4 decimals


def test_restore_session_without_a_session(qtbot, settings):
    w = new_window(qtbot, settings)
    before = w.model.state
    assert w.restore_session() is False
    assert w.model.state is before


def test_restore_session_ignores_a_corrupt_session(qtbot, settings):
    w = new_window(qtbot, settings)
    before = w.model.state
    for text in (
        "{broken",
        json.dumps({"format": "logit-lab-scene", "version": 1, "state": {"temperature": 0}}),
        json.dumps([1, 2]),
    ):
        settings.setValue("session/state", text)
        assert w.restore_session() is False
        assert w.model.state is before


def test_virtual_screen_is_desktop_sized(qapp):
    geometry = qapp.primaryScreen().availableGeometry()
    assert geometry.width() >= 1280 and geometry.height() >= 800
