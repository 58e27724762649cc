"""Entry point: ``logit-lab [SCENE.json] [--scene NAME] [--list-scenes] [--lang en|zh_CN]
[--projector] [--fullscreen] [--fresh] [--size WxH] [--screenshot OUT.png]
[--export OUT.png|OUT.svg|OUT.csv|OUT.md]``. ``python -m app`` is the same."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.constants import (
    APP_NAME,
    DEFAULT_SIZE,
    ORGANISATION,
    SETTINGS_APPLICATION,
    SETTINGS_ENV,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from app.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="logit-lab",
        description="Explore softmax, entropy, cross-entropy, KL divergence and MSE live.",
    )
    parser.add_argument("scene_file", nargs="?", metavar="SCENE.json", help="open this scene file")
    parser.add_argument(
        "--scene", metavar="NAME", help="open a built-in scene by name, e.g. max-shift-overflow"
    )
    parser.add_argument(
        "--lang",
        choices=("en", "zh_CN"),
        default=None,
        help="interface language (default: the system's, else English)",
    )
    parser.add_argument(
        "--projector", action="store_true", help="large text and thick lines for a lecture hall"
    )
    parser.add_argument("--fullscreen", action="store_true", help="start full screen")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start from the defaults instead of the last session (it is still saved on exit)",
    )
    pictures = parser.add_mutually_exclusive_group()
    pictures.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the window to a PNG (offscreen is fine) and exit",
    )
    pictures.add_argument(
        "--export",
        metavar="OUT.png|OUT.svg|OUT.csv|OUT.md",
        help="write the window at 2x (.png), its plots (.svg), or the values (.csv, .md) "
        "for the scene or session opened, and exit (offscreen is fine)",
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        default=None,
        help="window size for --screenshot and --export, e.g. 1920x1080 (default 1280x800)",
    )
    parser.add_argument(
        "--list-scenes", action="store_true", help="list the built-in scenes and exit"
    )
    args = parser.parse_args(list(argv))
    if args.scene_file and args.scene:
        parser.error("give either a SCENE.json file or --scene NAME, not both")
    if args.size is not None:
        try:
            w, h = (int(v) for v in args.size.lower().split("x"))
            if w < 200 or h < 150:
                raise ValueError
        except ValueError:
            parser.error(f"--size must look like 1280x800, got {args.size!r}")
        args.size = (w, h)
    return args


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def lay_out_for_rendering(window: MainWindow, size: tuple[int, int]) -> None:
    """Show ``window`` at ``size`` with the default arrangement for that size, the open
    scene's panels in front, and everything settled: what --screenshot and --export draw."""
    from PySide6.QtWidgets import QApplication

    window.resize(*size)
    window.show()
    window.reset_layout()  # the arrangement and dock sizes for this size, not the last
    window.show_scene_panels()  # the reset put the default tabs in front
    for _ in range(4):  # let layouts and plots settle
        QApplication.processEvents()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    args = parse_args(argv[1:])

    if args.list_scenes:
        from app.scenes import builtin_scenes, load_scene, scene_name

        for stem, path in builtin_scenes().items():
            print(f"{scene_name(stem):32} {load_scene(path).title}")
        return 0

    rendering = bool(args.screenshot or args.export)
    if rendering and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no window flashes up, no display needed
    if not _has_display():
        print(
            "logit-lab: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "Run it on a desktop, or render a picture with --screenshot OUT.png.",
            file=sys.stderr,
        )
        return 1

    # NumPy and the pure-NumPy core first: once PySide6 is imported, its import hook
    # reads the source of every module imported after it (it looks for PySide's
    # "__feature__" imports); NumPy's modules cost about 20 ms of start-up that way.
    import core  # noqa: F401

    # PySide6 must be imported before pyqtgraph picks a Qt binding.
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.export import check_export_path

    if args.export:
        try:  # a wrong extension fails before any window is built
            check_export_path(args.export)
        except ValueError as exc:
            print(f"logit-lab: {exc}", file=sys.stderr)
            return 2

    from app.main_window import MainWindow
    from app.model import ExplorerModel
    from resources import ICONS, TRANSLATIONS

    app = QApplication.instance() or QApplication([argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(ICONS / "logit-lab.svg")))

    lang = args.lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en")
    if lang != "en":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS / f"logit_lab_{lang}.qm")):
            app.installTranslator(ours)
        # Qt's own strings: standard buttons and dialogs.
        qt_base = QTranslator(app)
        if qt_base.load(
            f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt_base)

    settings_path = os.environ.get(SETTINGS_ENV)
    settings = (
        QSettings(settings_path, QSettings.Format.IniFormat)
        if settings_path
        else QSettings(ORGANISATION, SETTINGS_APPLICATION)
    )
    scratch = None
    if rendering:
        # A picture or export reads the user's session and layout but never writes over
        # them: the window autosaves the scene it opens if it takes a moment to settle.
        scratch = tempfile.TemporaryDirectory(prefix="logit-lab-")
        copy = QSettings(os.path.join(scratch.name, "settings.ini"), QSettings.Format.IniFormat)
        for key in settings.allKeys():
            copy.setValue(key, settings.value(key))
        settings = copy

    window = MainWindow(ExplorerModel(), settings, language=lang)
    try:
        return _show(window, app, args)
    finally:
        dispose(window)
        if scratch is not None:
            scratch.cleanup()


def freeze_startup_objects() -> None:
    """Collect the garbage of start-up, then exempt what is left from the cyclic GC.

    The window is about 80 000 Python objects that live as long as the app. Each
    full collection walked them all, about 35 ms on the 2-core test machine: two
    dropped frames whenever one came during a drag. Frozen (``gc.freeze``), they
    are no longer walked; objects made later are collected as before.
    """
    gc.collect()
    gc.freeze()


def freeze_after_first_frame(window: QWidget) -> None:
    """Call :func:`freeze_startup_objects` once ``window`` has painted its first frame
    (not before: the first frame waits for nothing)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstFrame(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                self.deleteLater()
                QTimer.singleShot(0, freeze_startup_objects)  # after the frame is out
            return False

    window.installEventFilter(FirstFrame(window))


def dispose(window: MainWindow) -> None:
    """Delete the window's widgets now, while the QApplication still exists.

    Left to Python's exit, wrappers are freed in no particular order, and a Qt object
    outliving the application crashed about one run in a hundred (a segfault after
    the picture was written, in render-all).
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _show(
    window: MainWindow,
    app: QApplication,
    args: argparse.Namespace,
) -> int:
    """Open what was asked for, then render it and return, or run the event loop.
    (``main`` disposes of the window and the rendering's scratch settings after.)"""
    from PySide6.QtCore import QTimer

    from app.export import export

    # Screenshots (the README's pictures) always show the start; --fresh starts there too.
    # An export shows the scene asked for, else the session left last time.
    restore = not (args.screenshot or args.fresh)
    try:
        window.open_initial_scene(args.scene_file, args.scene, restore=restore)
    except ValueError as exc:
        print(f"logit-lab: {exc}", file=sys.stderr)
        return 2

    if args.projector:
        window.set_projector_mode(True)

    if args.screenshot or args.export:
        lay_out_for_rendering(window, args.size or DEFAULT_SIZE)
        if args.screenshot:
            ok = window.export_screenshot(args.screenshot)
            if not ok:
                print(f"logit-lab: could not write {args.screenshot}", file=sys.stderr)
                return 1
            print(args.screenshot)
            return 0
        try:
            export(window, args.export)
        except (OSError, ValueError) as exc:
            print(f"logit-lab: cannot export {args.export}: {exc}", file=sys.stderr)
            return 2
        print(args.export)
        return 0

    freeze_after_first_frame(window)
    if args.fullscreen:
        window.showFullScreen()
    else:
        window.show()
    QTimer.singleShot(0, window.raise_)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
