"""``python -m app``: screenshots, built-in scenes, --size, and errors (a few subprocesses).

The runs start together in one module fixture so that they overlap (about 2 s each).
"""

from __future__ import annotations

import os
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
