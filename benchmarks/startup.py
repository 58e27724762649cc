"""Start-up to the first painted window: the app against a bare PySide6 + pyqtgraph
window, alternated in one run, and the app's peak memory at K = 100 with every view.

    python benchmarks/startup.py [--runs 5] [--json startup.json]

Each start is a fresh Python process. The time runs from just before the process
is launched to the first paint of the top-level window (an event filter on the
application sees the first ``Paint`` event; the time is read at the next event-loop
turn, once that frame is painted), read on the system's monotonic clock
in both processes:

* **bare**: ``import PySide6, pyqtgraph``; a ``QMainWindow`` holding one
  ``PlotWidget`` with a curve, shown at 1280×800. The floor any PySide6 +
  pyqtgraph app pays.
* **app**: ``python -m app --fresh`` exactly as a user starts it (the README's
  command), with settings in a temporary folder.

The two alternate (bare, app, bare, app, …) so that the machine's load hits both
alike; the ratio of the medians is the figure (issue 11: ≤ 1.3).

Both start from compiled bytecode, as an installed app does: the script compiles
``app``, ``core`` and ``resources`` first (``compileall``; pip does the same for
PySide6, pyqtgraph and NumPy at install time). Without it, a machine that sets
``PYTHONDONTWRITEBYTECODE`` (this one does) compiles the app's 60 modules from
source at every start, about 130 ms that no user's start pays after the first.

**Peak RSS**: a separate process opens the app at 1920×1080 with every dock shown,
sets K = 100, makes 50 logit changes and a 100-step race, and reports
``ru_maxrss`` (issue 11: ≤ 250 MB).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs inside each started process, before anything else. At the first Paint event of
# any widget, the window's first frame is being painted; the next event-loop turn comes
# after that frame: it prints the monotonic time, then quits.
FIRST_PAINT_HOOK = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

def _report():
    print("FIRST_PAINT", time.monotonic(), flush=True)
    QApplication.instance().quit()

class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, _report)
        return False

_exec = QApplication.exec
def _exec_with_hook(self, *args):
    self._first_paint = _FirstPaint()
    self.installEventFilter(self._first_paint)
    return _exec()
QApplication.exec = _exec_with_hook
"""

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv)
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
window.setCentralWidget(plot)
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

APP = """
import sys
from app.main import main
sys.exit(main(["--fresh"]))
"""

PEAK_RSS = """
import resource, sys
sys.path.insert(0, "benchmarks")
from window_setup import application, drain, open_window
app = application()
window = open_window(100)
for n in range(50):
    window.model.set_logit(0, -5 + n / 5)
    drain()
race = window.race
for _ in range(100):
    race.step(1)
    drain()
print("PEAK_RSS_MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
"""


def _environment(config: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYQTGRAPH_QT_LIB"] = "PySide6"
    env["XDG_CONFIG_HOME"] = config  # the app's settings: never the user's own
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _reported(code: str, marker: str, config: str, timeout: float) -> float:
    """Run ``python -c code`` and return the number it prints after ``marker``."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_environment(config),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in out.stdout.splitlines():
        if line.startswith(marker):
            return float(line.split()[1])
    raise SystemExit(f"no {marker} reported:\n{out.stdout}\n{out.stderr}")


def time_to_first_paint(body: str, config: str) -> float:
    """ms from launching ``python -c HOOK+body`` to its first painted window."""
    t0 = time.monotonic()
    return (_reported(FIRST_PAINT_HOOK + body, "FIRST_PAINT", config, 120) - t0) * 1e3


def peak_rss_mb(config: str) -> float:
    return _reported(PEAK_RSS, "PEAK_RSS_MB", config, 300)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a budget fails")
    args = parser.parse_args()

    for package in ("app", "core", "resources"):
        compileall.compile_dir(ROOT / package, quiet=1)  # as installed (see the docstring)
    times: dict[str, list[float]] = {"bare": [], "app": []}
    with tempfile.TemporaryDirectory(prefix="logit-lab-bench-") as config:
        time_to_first_paint(BARE, config)  # warm the file cache for both
        time_to_first_paint(APP, config)
        for _ in range(args.runs):
            times["bare"].append(time_to_first_paint(BARE, config))
            times["app"].append(time_to_first_paint(APP, config))
        rss = peak_rss_mb(config)

    print(f"Start-up to the first painted window, {args.runs} alternated runs: ms")
    print(f"{'':>6} {'median':>8} {'min':>8} {'max':>8}")
    medians = {}
    for name, values in times.items():
        medians[name] = statistics.median(values)
        print(f"{name:>6} {medians[name]:8.0f} {min(values):8.0f} {max(values):8.0f}")
    ratio = medians["app"] / medians["bare"]
    print(f"app / bare: {ratio:.2f}")
    print(f"\nPeak RSS, K = 100, every view, 50 changes and 100 race steps: {rss:.0f} MB")
    checks = [
        ("start-up <= 1.3 x a bare PySide6 + pyqtgraph window", ratio <= 1.3),
        ("peak RSS at K = 100 <= 250 MB", rss <= 250),
    ]
    print("\nBudgets (issue 11)")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    if args.json:
        figures = {"runs": times, "medians": medians, "ratio": ratio, "peak_rss_mb": rss}
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if args.strict and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
