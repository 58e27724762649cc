"""The session is saved shortly after every change: a crash loses nothing."""

from __future__ import annotations

import json


def test_session_is_saved_soon_after_a_change(window, settings, qtbot):
    window.model.update(temperature=2.5, units="bits")
    qtbot.waitUntil(lambda: settings.value("session/state") is not None, timeout=5000)
    saved = json.loads(settings.value("session/state"))["state"]
    assert saved["temperature"] == 2.5 and saved["units"] == "bits"
