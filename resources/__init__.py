"""Data files shipped with Logit Lab: scenes, icons, translations, the desktop file."""

from pathlib import Path

#: The folder holding this package's data files, wherever it is installed.
RESOURCES = Path(__file__).resolve().parent
SCENES = RESOURCES / "scenes"
TRANSLATIONS = RESOURCES / "translations"
ICONS = RESOURCES / "icons"
