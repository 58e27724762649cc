"""The session survives a crash: killed with SIGKILL (no closeEvent, no goodbye), the
app comes back with every change committed more than a second before. And File › Open
Recent: the scene files opened or saved lately (isolated settings only)."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.constants import AUTOSAVE_MS, RECENT_SCENES_MAX
from app.main_window import MainWindow
from app.model import ExplorerModel
from app.session import RECENT_SCENES_KEY, SESSION_KEY, Session

ROOT = Path(__file__).resolve().parents[2]

#: The app in another process: one committed change, a second of event loop, then
#: "READY" while it keeps running; the test kills it there.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QElapsedTimer, QSettings
    from PySide6.QtWidgets import QApplication
    from app.main_window import MainWindow
    from app.model import ExplorerModel

    app = QApplication([sys.argv[0]])
    settings = QSettings(os.environ["LOGIT_LAB_SETTINGS"], QSettings.Format.IniFormat)
    window = MainWindow(ExplorerModel(), settings)
    window.show()
    for _ in range(10):
        app.processEvents()
    assert window.model.set_logit(0, 3.25)
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < 1000:
        app.processEvents()
        time.sleep(0.005)
    print("READY", flush=True)
    sys.exit(app.exec())
    """
)


def read_line(process: subprocess.Popen, timeout: float) -> str:
    """The child's next line of output, or "" if none came within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            return process.stdout.readline().strip()
        if process.poll() is not None:
            return ""
    return ""


def test_autosave_interval_is_well_under_a_second():
    assert AUTOSAVE_MS <= 500


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_change_survives_kill_9_one_second_later(qtbot, tmp_path):
    ini = tmp_path / "killed.ini"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LOGIT_LAB_SETTINGS": str(ini),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = read_line(child, timeout=120)
        if line != "READY":
            child.kill()
            pytest.fail(f"the child did not start: {line!r} {child.communicate()[1][-2000:]}")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is None  # no closeEvent ran: a real crash
    w = MainWindow(ExplorerModel(), settings)
    qtbot.addWidget(w)
    assert w.restore_session()
    assert w.model.state.logits[0] == 3.25
    assert w.model.state.logits[1] == 1.0  # the rest as it was


def test_a_steady_stream_of_changes_is_saved_while_it_lasts(qtbot, model, settings):
    """Edits every 100 ms (a spin arrow held down) do not postpone the save: each is on
    disk within a second, not only once the stream stops."""
    _session = Session(model, settings)  # kept alive for the test
    ini = Path(settings.fileName())
    for n in range(16):
        model.update(temperature=1.0 + 0.1 * n)
        qtbot.wait(100)
        if n >= 10:  # the value set a second ago (or a later one) is saved by now
            saved = json.loads(settings.value(SESSION_KEY))["state"]["temperature"]
            assert saved >= 1.0 + 0.1 * (n - 10) - 1e-9
    text = ini.read_text(encoding="utf-8")  # written to the file, not only to memory
    assert "[session]" in text and "temperature" in text


def test_a_drag_is_not_saved_until_it_ends(qtbot, model, settings):
    session = Session(model, settings)
    model.set_logit(1, 4.0, transient=True)
    qtbot.wait(AUTOSAVE_MS + 200)
    assert settings.value(SESSION_KEY) is None and not session.autosave_pending
    model.commit()
    qtbot.waitUntil(lambda: settings.value(SESSION_KEY) is not None, timeout=1000)
    assert json.loads(settings.value(SESSION_KEY))["state"]["logits"][1] == 4.0


# -- recent scene files ------------------------------------------------------------------


def scene_files(tmp_path, n):
    paths = []
    for i in range(n):
        path = tmp_path / f"scene-{i}.json"
        path.write_text("{}", encoding="utf-8")
        paths.append(path)
    return paths


def test_no_recent_scenes_at_first(model, settings):
    assert Session(model, settings).recent_scenes() == []


def test_most_recent_first_without_duplicates(model, settings, tmp_path, counter):
    session = Session(model, settings)
    changed = counter(session.recent_scenes_changed)
    a, b, c = scene_files(tmp_path, 3)
    for path in (a, b, c, a):
        session.add_recent_scene(path)
    assert session.recent_scenes() == [a, c, b]
    assert changed.count == 4


def test_at_most_eight_are_kept(model, settings, tmp_path):
    session = Session(model, settings)
    paths = scene_files(tmp_path, RECENT_SCENES_MAX + 3)
    for path in paths:
        session.add_recent_scene(path)
    assert RECENT_SCENES_MAX == 8
    assert session.recent_scenes() == paths[::-1][:RECENT_SCENES_MAX]


def test_files_that_no_longer_exist_are_left_out(model, settings, tmp_path):
    session = Session(model, settings)
    a, b = scene_files(tmp_path, 2)
    session.add_recent_scene(a)
    session.add_recent_scene(b)
    b.unlink()
    assert session.recent_scenes() == [a]


def test_relative_paths_are_stored_absolute(model, settings, tmp_path, monkeypatch):
    (a,) = scene_files(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    session = Session(model, settings)
    session.add_recent_scene("scene-0.json")
    assert session.recent_scenes() == [a]
    assert session.recent_scenes()[0].is_absolute()


def test_clear_forgets_them(model, settings, tmp_path, counter):
    session = Session(model, settings)
    for path in scene_files(tmp_path, 3):
        session.add_recent_scene(path)
    changed = counter(session.recent_scenes_changed)
    session.clear_recent_scenes()
    assert session.recent_scenes() == []
    assert settings.value(RECENT_SCENES_KEY) is None
    assert changed.count == 1


def test_they_come_back_in_a_new_session_from_the_file(model, settings, tmp_path):
    a, b = scene_files(tmp_path, 2)
    session = Session(model, settings)
    session.add_recent_scene(a)
    session.add_recent_scene(b)
    # Another QSettings object on the same file: what a new start of the app reads.
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert Session(model, again).recent_scenes() == [b, a]
    assert "recent" in (tmp_path / "logit-lab.ini").read_text(encoding="utf-8")


def test_a_damaged_list_reads_as_empty(model, settings, tmp_path):
    session = Session(model, settings)
    for value in ("{broken", json.dumps({"a": 1}), json.dumps([1, None, ""])):
        settings.setValue(RECENT_SCENES_KEY, value)
        assert session.recent_scenes() == []
    (a,) = scene_files(tmp_path, 1)
    session.add_recent_scene(a)  # and adding works again
    assert session.recent_scenes() == [a]
