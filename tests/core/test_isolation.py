"""Importing ``core`` must not pull in Qt, pyqtgraph, the app or test-only packages."""

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "app", "scipy")

SCRIPT = """
import json, sys
import core
forbidden = {forbidden!r}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
print(json.dumps({{"loaded": loaded, "core": core.__file__}}))
"""


def test_importing_core_does_not_import_qt_or_app():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(forbidden=FORBIDDEN)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # The core that was imported is this repository's.
    assert Path(report["core"]).resolve().parent == REPO_ROOT / "core"
    assert report["loaded"] == [], f"importing core loaded {report['loaded']}"
