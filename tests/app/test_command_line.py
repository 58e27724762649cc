"""``python -m app``: screenshots, built-in scenes, --size, and errors (a few subprocesses).

The runs start together in one module fixture so that they overlap (about 2 s each).
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

RUNS = {
    "default": [],
    "scene": ["--scene", "max-shift-overflow"],
    "size": ["--size", "1920x1080"],
    "unknown-scene": ["--scene", "nope"],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Each run: (returncode, stdout, stderr, screenshot path)."""
    tmp = tmp_path_factory.mktemp("command-line")
    procs = {}
    for name, args in RUNS.items():
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["LOGIT_LAB_SETTINGS"] = str(tmp / f"{name}.ini")
        out = tmp / f"{name}.png"
        # --screenshot also for the failing case: a wrong app exits instead of waiting forever.
        cmd = [sys.executable, "-m", "app", *args, "--screenshot", str(out)]
        procs[name] = (
            subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            ),
            out,
        )
    results = {}
    for name, (proc, out) in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        results[name] = (proc.returncode, stdout, stderr, out)
    return results


def assert_png(path: Path, size: tuple[int, int]) -> QImage:
    assert path.is_file(), f"{path} was not written"
    data = path.read_bytes()
    assert len(data) > 10_000, f"{path} is only {len(data)} bytes"
    assert data.startswith(PNG_MAGIC)
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == size
    # Not a blank picture: many different colours.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)
    }
    assert len(colours) > 10
    return image


def test_screenshot_smoke(runs, qapp):
    code, stdout, stderr, out = runs["default"]
    assert code == 0, stderr
    assert_png(out, (1280, 800))


def test_screenshot_of_a_builtin_scene(runs, qapp):
    code, _, stderr, out = runs["scene"]
    assert code == 0, stderr
    assert_png(out, (1280, 800))
    # It shows something else than the default window.
    assert out.read_bytes() != runs["default"][3].read_bytes()
    assert "nan" not in stderr.lower()


def test_screenshot_size(runs, qapp):
    code, _, stderr, out = runs["size"]
    assert code == 0, stderr
    assert_png(out, (1920, 1080))


def test_unknown_scene_fails_with_a_message(runs):
    code, _, stderr, out = runs["unknown-scene"]
    assert code != 0
    assert "nope" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


# -- --export and --fresh ----------------------------------------------------------------------

#: A saved session that differs from every default: three classes, class 2 true, bits.
SAVED_STATE = {
    "logits": [0.25, -1.5, 3.0],
    "class_names": ["x", "y", "z"],
    "target_mode": "index",
    "target_class": 2,
    "units": "bits",
}
EXPORTS = {
    # name: (arguments, output file name, with the saved session)
    "png": (["--size", "1100x700"], "out.png", False),
    "svg": (["--scene", "max-shift-overflow"], "out.svg", True),
    "csv": (["--scene", "thirty-two-teams"], "out.csv", False),
    "csv-binary": (["--scene", "binary-sigmoid"], "out.csv", False),
    "md": (["--scene", "max-shift-overflow"], "out.md", False),
    "session": ([], "out.csv", True),
    "fresh": (["--fresh"], "out.csv", True),
    "bad-extension": ([], "out.txt", False),
    "unwritable": ([], "no-such-folder/out.csv", False),
}


def write_session(path: Path) -> None:
    import json

    from PySide6.QtCore import QSettings

    from app.session import SESSION_KEY

    data = {"format": "logit-lab-scene", "version": 2, "title": "Saved", "description": ""}
    data["state"] = SAVED_STATE
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue(SESSION_KEY, json.dumps(data))
    settings.sync()
    del settings


def saved_session(path: Path) -> dict:
    import json

    from PySide6.QtCore import QSettings

    from app.session import SESSION_KEY

    return json.loads(QSettings(str(path), QSettings.Format.IniFormat).value(SESSION_KEY))


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Each run: (returncode, stdout, stderr, output path, settings path)."""
    tmp = tmp_path_factory.mktemp("export")
    procs = {}
    for name, (args, file_name, with_session) in EXPORTS.items():
        folder = tmp / name
        folder.mkdir()
        ini = folder / "settings.ini"
        if with_session:
            write_session(ini)
        env = dict(os.environ)
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["LOGIT_LAB_SETTINGS"] = str(ini)
        out = folder / file_name
        cmd = [sys.executable, "-m", "app", *args, "--export", str(out)]
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        procs[name] = (proc, out, ini)
    results = {}
    for name, (proc, out, ini) in procs.items():
        try:
            stdout, stderr = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        results[name] = (proc.returncode, stdout, stderr, out, ini)
    return results


def exported(exports, name: str) -> Path:
    code, stdout, stderr, out, _ = exports[name]
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert stdout.strip() == str(out)
    assert out.is_file()
    return out


def read_values(path: Path) -> tuple[dict[str, tuple[float, str]], list[list[str]]]:
    import csv

    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    blank = rows.index([])
    assert rows[0] == ["quantity", "value", "unit"]
    assert rows[blank + 1] == ["class", "z", "p", "q", "∂loss/∂z", "∂MSE/∂z"]
    quantities = {name: (float(value), unit) for name, value, unit in rows[1:blank]}
    return quantities, rows[blank + 2 :]


def scene_state(name: str):
    from app.scenes import find_builtin_scene, load_scene

    return load_scene(find_builtin_scene(name)).state


def test_export_png_is_the_window_at_twice_its_size(exports, qapp):
    image = assert_png(exported(exports, "png"), (2200, 1400))
    assert image.devicePixelRatio() == 1.0  # a plain picture of 2200 × 1400 pixels


def test_export_svg_is_the_plots_as_vectors(exports):
    import xml.dom.minidom as minidom

    doc = minidom.parse(str(exported(exports, "svg")))
    root = doc.documentElement
    assert root.tagName == "svg"
    assert (root.getAttribute("width"), root.getAttribute("height")) == ("1280", "800")
    frames = [e for e in root.childNodes if e.nodeType == e.ELEMENT_NODE and e.tagName == "svg"]
    assert len(frames) >= 3  # the probability plot, the information plot, its history …
    assert len(doc.getElementsByTagName("path")) > 10  # bars, clip paths, markers
    assert doc.getElementsByTagName("polyline")  # curves, axes
    texts = " ".join(
        n.data for t in doc.getElementsByTagName("text") for n in t.childNodes if n.nodeType == 3
    )
    assert "class 2" in texts  # the scene's class names on the axis
    # An export never writes over the saved session (the scene it opened is not saved).
    assert saved_session(exports["svg"][4])["state"] == SAVED_STATE


@pytest.mark.parametrize(
    "run, scene", [("csv", "thirty-two-teams"), ("csv-binary", "binary-sigmoid")]
)
def test_export_csv_values_are_the_scene_s_values(exports, run, scene):
    from gui_reference import READOUTS, expected_readouts, inputs_from_state

    quantities, classes = read_values(exported(exports, run))
    state = scene_state(scene)
    want = expected_readouts(inputs_from_state(state))
    assert list(quantities)[:4] == ["H(p)", "H(p,q)", "KL(p‖q)", "MSE"]
    assert list(quantities)[4] == str(state.loss.value)
    for (value, _), readout in zip(quantities.values(), READOUTS, strict=True):
        assert math.isclose(value, want[readout], rel_tol=1e-9, abs_tol=1e-12), readout
    assert quantities["H(p)"][1] == state.units.value
    assert [row[0] for row in classes] == list(state.class_names[: len(state.logits)])
    assert [float(row[1]) for row in classes] == [float(z) for z in state.logits]


def test_export_csv_of_thirty_two_teams_is_five_bits(exports):
    quantities, classes = read_values(exported(exports, "csv"))
    assert len(classes) == 32
    assert quantities["H(p)"] == (pytest.approx(5.0, rel=1e-12), "bits")


def test_export_markdown_is_a_table(exports):
    text = exported(exports, "md").read_text(encoding="utf-8")
    tables = [t.splitlines() for t in text.strip().split("\n\n")]
    assert len(tables) == 2
    for lines in tables:
        assert len(lines) >= 3
        header, separator, *rows = lines
        assert header.startswith("| ") and header.endswith(" |")
        assert re.fullmatch(r"\|( *:?-+:? *\|)+", separator), separator
        columns = header.count(" | ") + 1
        assert separator.count("|") == columns + 1
        assert all(row.count(" | ") + 1 == columns for row in rows), rows
    assert len(tables[0]) == 2 + 5  # five quantities
    assert len(tables[1]) == 2 + 3  # three classes
    assert "666.0" in text  # H(p,q) of [123, 456, 789] as the readout writes it


def test_export_to_another_extension_fails_with_a_message(exports):
    code, stdout, stderr, out, _ = exports["bad-extension"]
    assert code == 2
    assert "Traceback" not in stderr
    assert "out.txt" in stderr
    for suffix in (".png", ".svg", ".csv", ".md"):
        assert suffix in stderr
    assert not out.exists()
    assert stdout == ""


def test_export_to_a_folder_that_does_not_exist_fails_with_a_message(exports):
    code, _, stderr, out, _ = exports["unwritable"]
    assert code == 2
    assert "Traceback" not in stderr
    assert "cannot export" in stderr and "out.csv" in stderr
    assert not out.exists()


def test_export_without_a_scene_shows_the_saved_session(exports):
    quantities, classes = read_values(exported(exports, "session"))
    assert [row[0] for row in classes] == SAVED_STATE["class_names"]
    assert [float(row[1]) for row in classes] == SAVED_STATE["logits"]
    assert quantities["H(p,q)"][1] == "bits"


def test_fresh_ignores_the_saved_session(exports):
    quantities, classes = read_values(exported(exports, "fresh"))
    start = scene_state("start-here")
    assert [row[0] for row in classes] == list(start.class_names)
    assert [float(row[1]) for row in classes] == [float(z) for z in start.logits]
    assert quantities["H(p,q)"][1] == start.units.value
    # The saved session is still there for the next start without --fresh.
    assert saved_session(exports["fresh"][4])["state"] == SAVED_STATE


def test_export_and_screenshot_do_not_go_together():
    from app.main import parse_args

    with pytest.raises(SystemExit) as raised:
        parse_args(["--screenshot", "a.png", "--export", "b.png"])
    assert raised.value.code == 2


@pytest.mark.parametrize("preset", [None, "2"])
def test_numpy_gets_one_blas_thread_unless_the_user_chose(preset):
    # An idle OpenBLAS worker spins on the second core and takes it from Qt; the app's
    # arrays are small. A user's own OPENBLAS_NUM_THREADS is kept.
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    code = (
        "import os, app, numpy\n"
        "print(os.environ['OPENBLAS_NUM_THREADS'], len(os.listdir('/proc/self/task')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    setting, threads = out.stdout.split()
    assert setting == (preset or "1")
    if preset is None and os.path.isdir("/proc/self/task"):
        assert int(threads) == 1  # the interpreter's own thread, no BLAS worker
