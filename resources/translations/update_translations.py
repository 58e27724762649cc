"""Collect the interface strings into the .ts files and compile the .qm files.

Run after changing user-visible text::

    python resources/translations/update_translations.py

It finds every string literal passed to ``tr(...)`` or ``N_(...)`` under
``app/`` and in ``core/registry.py`` (the loss names and tips), adds new
ones to each ``logit_lab_<lang>.ts`` (marked unfinished, for a translator to
fill in with Qt Linguist or a text editor), keeps the existing translations,
drops strings no longer used, and runs ``pyside6-lrelease`` to rebuild the
``.qm`` files the app loads.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = HERE.parents[1] / "app"
#: Text outside app/ that the window shows: the loss registry's labels and tips.
EXTRA_SOURCES = (HERE.parents[1] / "core" / "registry.py",)
CONTEXT = "LogitLab"
MARKERS = {"tr", "N_"}


def source_strings(app_dir: Path = APP) -> list[str]:
    """Every literal first argument of tr()/N_() under ``app_dir`` and in EXTRA_SOURCES,
    in first-seen order."""
    found: dict[str, None] = {}
    for path in [*sorted(app_dir.rglob("*.py")), *EXTRA_SOURCES]:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, None)
    return list(found)


def read_ts(path: Path) -> dict[str, str]:
    """source → translation for the finished messages of a .ts file."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished":
            out[source] = translation.text or ""
    return out


def write_ts(path: Path, language: str, strings: list[str], known: dict[str, str]) -> None:
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in strings:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if source in known:
            translation.text = known[source]
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    return exe


def main() -> int:
    strings = source_strings()
    missing = 0
    for ts in sorted(HERE.glob("logit_lab_*.ts")):
        language = ts.stem.removeprefix("logit_lab_")
        known = read_ts(ts)
        write_ts(ts, language, strings, known)
        untranslated = [s for s in strings if s not in known]
        missing += len(untranslated)
        for s in untranslated:
            print(f"{ts.name}: needs a translation: {s!r}")
        subprocess.run([lrelease(), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"{len(strings)} strings; {missing} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
