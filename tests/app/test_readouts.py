"""The readout panel built alone on a bare model: values, what it skips, colours, font scale.

Expected numbers come from scipy / NumPy in gui_reference.py, never from ``core``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import READOUTS, expected_readouts, inputs_from_state, show_view
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from app.appearance import PROJECTOR_SCALE, Appearance
from app.model import ExplorerModel
from app.widgets.readouts import ReadoutPanel


def panel(qtbot, model, appearance=None) -> ReadoutPanel:
    return show_view(qtbot, ReadoutPanel(model, appearance), 420, 700)


def values(rp: ReadoutPanel) -> dict[str, float]:
    out = {}
    for name in READOUTS:
        v = rp.findChild(QWidget, name).property("value")
        assert isinstance(v, float), name
        out[name] = v
    return out


def assert_values_match(rp: ReadoutPanel, model: ExplorerModel) -> None:
    want = expected_readouts(inputs_from_state(model.state))
    got = values(rp)
    for name in READOUTS:
        assert not math.isnan(got[name]), name
        assert got[name] == pytest.approx(want[name], rel=1e-9, abs=1e-12), name


def test_readouts_match_the_formulas(qtbot, model):
    rp = panel(qtbot, model)
    assert_values_match(rp, model)
    model.update(temperature=0.7, logits=[0.5, 2.0, -1.0, 0.0])
    assert_values_match(rp, model)
    model.update(target_mode="soft", soft_target=[0.1, 0.2, 0.3, 0.4])
    assert_values_match(rp, model)
    model.update(units="bits")
    assert_values_match(rp, model)
    assert "bits" in rp.readouts["readout_entropy"].plain_text
    model.update(num_classes=6)
    assert_values_match(rp, model)


def test_readouts_redraw_only_for_new_numbers_or_units(qtbot, model, monkeypatch):
    rp = panel(qtbot, model)
    calls = []
    original = rp._redraw
    monkeypatch.setattr(rp, "_redraw", lambda: (calls.append(1), original()))
    model.update(class_names=("a", "b", "c", "d"))
    model.clear_history()
    assert calls == []
    model.update(units="bits")
    assert len(calls) == 1
    assert_values_match(rp, model)
    model.set_logit(0, -3.0)
    assert len(calls) == 2
    assert_values_match(rp, model)


def test_readout_colours_come_from_the_appearance(qtbot, model):
    look = Appearance()
    rp = panel(qtbot, model, look)
    entropy = rp.readouts["readout_entropy"]
    assert look.html("muted") in entropy.text.text()
    error = entropy.reason.palette().color(QPalette.ColorRole.WindowText)
    assert error == look.qcolor("error")
    rp.show_note("Title", "A note for the room.")
    assert rp.note.isVisibleTo(rp)
    assert rp.note.palette().color(QPalette.ColorRole.Window) == look.qcolor("note_background")
    # The max-shift verdict: "ok" without overflow, "error" with it.
    assert look.html("ok") in rp.max_shift.text()
    assert rp.max_shift.property("overflows") is False
    model.update(num_classes=3)
    model.update(logits=[123.0, 456.0, 789.0])
    assert rp.max_shift.property("overflows") is True
    assert look.html("error") in rp.max_shift.text()
    assert look.html("ok") not in rp.max_shift.text()
    assert_values_match(rp, model)
    rp.show_note("", "")
    assert not rp.note.isVisibleTo(rp)


def test_projector_mode_enlarges_the_readouts_live(qtbot, model):
    look = Appearance()
    rp = panel(qtbot, model, look)
    size = rp.readouts["readout_kl"].text.font().pointSizeF()
    assert size == pytest.approx(look.base_point_size)
    rp.show_note("Title", "A note.")
    look.set_projector(True)
    assert rp.readouts["readout_kl"].text.font().pointSizeF() == pytest.approx(
        PROJECTOR_SCALE * size
    )
    assert rp.note.font().pointSizeF() == pytest.approx(PROJECTOR_SCALE * size)
    assert rp.note.isVisibleTo(rp) and "A note." in rp.note.text()
    assert_values_match(rp, model)
    look.set_projector(False)
    assert rp.readouts["readout_kl"].text.font().pointSizeF() == pytest.approx(size)


def test_two_class_readout_is_the_sigmoid(qtbot, model):
    rp = panel(qtbot, model)
    assert not rp.two_class.isVisibleTo(rp)
    model.update(num_classes=2)
    model.update(logits=[0.3, 1.8])
    assert rp.two_class.isVisibleTo(rp)
    sigma = 1 / (1 + np.exp(-(1.8 - 0.3)))
    assert f"{sigma:.3f}".rstrip("0") in rp.two_class.text()


def test_panel_makes_its_own_appearance_when_given_none(qtbot, model):
    rp = ReadoutPanel(model)
    qtbot.addWidget(rp)
    assert isinstance(rp.appearance, Appearance)
    assert all(r.appearance is rp.appearance for r in rp.readouts.values())
