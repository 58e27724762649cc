"""Names and sizes that several modules share; each is defined here once."""

from __future__ import annotations

#: The application's name: window titles, the About box, QSettings.
APP_NAME = "Logit Lab"
#: QSettings organisation and application keys (the user's settings file).
ORGANISATION = "LogitLab"
SETTINGS_APPLICATION = "logit-lab"
#: An .ini path in this environment variable replaces the user's settings (tests, kiosks).
SETTINGS_ENV = "LOGIT_LAB_SETTINGS"
#: The window's size on first start and for --screenshot without --size.
DEFAULT_SIZE = (1280, 800)
#: The smallest window the layout is designed for.
MINIMUM_SIZE = (1000, 640)
#: Below this width (times the font scale: projector mode needs room sooner) the window
#: uses its compact arrangement: options a tab behind the classes, readouts under the plots.
COMPACT_BELOW = 1200
#: A window must grow this much past the threshold to go back to the wide arrangement.
ARRANGEMENT_MARGIN = 40
#: The session is saved at most this long after a committed change (and written to disk
#: then), so a crash or kill -9 loses at most the last half second of work.
AUTOSAVE_MS = 400
#: How many recently opened or saved scene files File › Open Recent lists.
RECENT_SCENES_MAX = 8
