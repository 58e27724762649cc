"""The one appearance object: a colour per quantity, the font scale and the projector flag.

Every widget and plot reads its colours and sizes from an :class:`Appearance`
and restyles itself when ``changed`` fires; no other module holds a colour
literal. The quantities keep one colour in every view: q is always blue, p
always orange, MSE always the same purple, and so on. Themes (light, dark,
projector) are different colour tables for the same names.

The default palette is Okabe-Ito, which stays distinguishable for the common
forms of colour blindness and on washed-out projectors.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pyqtgraph as pg
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication

#: Font scale of projector mode (F5): large enough for the back of a lecture hall.
PROJECTOR_SCALE = 1.45
#: The user's zoom (Ctrl+= / Ctrl+−) stays within this range, in steps of UI_SCALE_STEP.
UI_SCALE_RANGE = (0.7, 2.5)
UI_SCALE_STEP = 1.15
#: Line widths in projector mode: thin lines vanish on a washed-out projector.
PROJECTOR_LINE_SCALE = 1.5
#: The text size at font scale 1 when no application font gives one.
FALLBACK_POINT_SIZE = 10.0

#: The loss surface's colour map (bundled with pyqtgraph).
SURFACE_COLORMAP = "viridis"

#: Every colour name an appearance defines, with what it colours.
COLOUR_ROLES: Mapping[str, str] = MappingProxyType(
    {
        # quantities: the same colour in every view
        "q": "the model's prediction q = softmax(z/T)",
        "p": "the true distribution p",
        "p_smoothed": "the label-smoothed target p′",
        "entropy": "H(p)",
        "cross_entropy": "H(p,q), the cross-entropy loss",
        "kl": "KL(p‖q)",
        "mse": "the mean squared error",
        "ce_grad": "the gradient of cross-entropy",
        "mse_grad": "the gradient of MSE",
        "sigmoid": "σ(z), the sigmoid",
        "slope": "σ′(z) = σ(1 − σ), the sigmoid's slope",
        "odds": "the odds p/(1 − p) and the logit",
        "marker": "the current point on a surface or curve",
        # the frame around them
        "background": "plot background",
        "foreground": "axes, text and outlines",
        "grid": "faint guide lines",
        "muted": "secondary text such as captions",
        "true_band": "the band behind the true class",
        "pin": "the mark of a pinned p",
        "error": "errors and failed checks",
        "ok": "passed checks",
        "warning": "warnings such as Σp ≠ 1",
        "note_background": "the scene note's background",
        "on_bar": "text drawn inside a filled bar",
    }
)

LIGHT: Mapping[str, str] = MappingProxyType(
    {
        "q": "#0072B2",  # blue
        "p": "#E69F00",  # orange
        "p_smoothed": "#F0C96A",  # light orange: p after smoothing, beside p
        "entropy": "#009E73",  # bluish green
        "cross_entropy": "#0072B2",  # blue: the loss is the cross-entropy of q
        "kl": "#D55E00",  # vermillion
        "mse": "#CC79A7",  # reddish purple, distinct from KL everywhere
        "ce_grad": "#0072B2",
        "mse_grad": "#CC79A7",
        "sigmoid": "#0072B2",  # σ is q for one sigmoid output: q's blue
        "slope": "#009E73",  # bluish green
        "odds": "#D55E00",  # vermillion
        "marker": "#E69F00",  # orange, visible on the viridis surface
        "background": "#ffffff",
        "foreground": "#222222",
        "grid": "#00000028",
        "muted": "#5c5c5c",
        "true_band": "#E69F0026",
        "pin": "#8a5a00",
        "error": "#b00020",
        "ok": "#007a4d",
        "warning": "#a04f00",
        "note_background": "#fff8e6",
        "on_bar": "#ffffff",
    }
)

THEMES: Mapping[str, Mapping[str, str]] = MappingProxyType({"light": LIGHT})


def _qcolor(text: str) -> QColor:
    """``#rrggbb`` or ``#rrggbbaa`` (CSS order, alpha last) as a QColor."""
    if len(text) == 9:
        colour = QColor(text[:7])
        colour.setAlpha(int(text[7:], 16))
        return colour
    return QColor(text)


class Appearance(QObject):
    """Colours, font scale and projector flag shared by every view.

    Signals
    -------
    changed()
        After any change; views restyle themselves (live, no restart).
    """

    changed = Signal()

    def __init__(self, theme: str = "light", parent: QObject | None = None) -> None:
        super().__init__(parent)
        if theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
        self._theme = theme
        self._projector = False
        self._gradient_steps = False
        self._font_scale = 1.0
        self._ui_scale = 1.0
        # The interface's own text size at scale 1, fixed now: the application font
        # may be enlarged later (projector mode) and must not be enlarged twice.
        app_font = QGuiApplication.font() if QGuiApplication.instance() else QFont()
        size = app_font.pointSizeF()
        self._base_point_size = size if size > 0 else FALLBACK_POINT_SIZE

    # -- reading ---------------------------------------------------------------
    @property
    def theme(self) -> str:
        return self._theme

    @property
    def projector(self) -> bool:
        return self._projector

    @property
    def font_scale(self) -> float:
        """Multiplies every font size: 1 normally, PROJECTOR_SCALE in projector mode, times
        the user's zoom."""
        return self._font_scale

    @property
    def base_point_size(self) -> float:
        """The interface's text size at font scale 1 (the application font's when created)."""
        return self._base_point_size

    def font(self, points: float | None = None, bold: bool = False) -> QFont:
        """A font of ``points`` (default: the interface's size) times the font scale."""
        size = self._base_point_size if points is None else float(points)
        font = QFont()
        font.setPointSizeF(max(size * self._font_scale, 4.0))
        font.setBold(bold)
        return font

    def ui_font(self, base: QFont | None = None) -> QFont:
        """``base`` (default: the application font) at the interface size times the font scale.

        What a window sets as its application font so that the widgets that do
        not style themselves follow projector mode too.
        """
        font = QFont(base if base is not None else QGuiApplication.font())
        font.setPointSizeF(self._base_point_size * self._font_scale)
        return font

    def line_width(self, width: float) -> float:
        """A pen width: ``width`` normally, thicker in projector mode."""
        return width * (PROJECTOR_LINE_SCALE if self._projector else 1.0)

    def colour(self, role: str) -> str:
        """The colour of ``role`` (a key of COLOUR_ROLES) as ``#rrggbb`` or ``#rrggbbaa``."""
        try:
            return THEMES[self._theme][role]
        except KeyError:
            raise KeyError(f"no colour role {role!r}; roles: {', '.join(COLOUR_ROLES)}") from None

    def colormap(self) -> pg.ColorMap:
        """The colour map of the loss surface: perceptually uniform, colour-blind safe."""
        return pg.colormap.get(SURFACE_COLORMAP)

    def qcolor(self, role: str) -> QColor:
        return _qcolor(self.colour(role))

    def html(self, role: str) -> str:
        """The colour for rich text (``#rrggbb``; Qt's rich text has no alpha)."""
        return self.colour(role)[:7]

    def darker(self, role: str, factor: int = 140) -> QColor:
        """The outline of a filled shape: its fill a little darker keeps edges crisp."""
        return self.qcolor(role).darker(factor)

    # -- changing --------------------------------------------------------------
    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {theme!r}")
        if theme != self._theme:
            self._theme = theme
            self.changed.emit()

    def _base_scale(self) -> float:
        return PROJECTOR_SCALE if self._projector else 1.0

    @property
    def ui_scale(self) -> float:
        """The user's zoom (Ctrl+= / Ctrl+−), on top of projector mode's larger text."""
        return self._ui_scale

    def set_ui_scale(self, scale: float) -> None:
        """Zoom every font and view: clamped to UI_SCALE_RANGE."""
        lo, hi = UI_SCALE_RANGE
        scale = round(min(max(float(scale), lo), hi), 3)
        if scale != self._ui_scale:
            self._ui_scale = scale
            self._font_scale = self._base_scale() * scale
            self.changed.emit()

    def zoom_in(self) -> None:
        self.set_ui_scale(self._ui_scale * UI_SCALE_STEP)

    def zoom_out(self) -> None:
        self.set_ui_scale(self._ui_scale / UI_SCALE_STEP)

    def reset_zoom(self) -> None:
        self.set_ui_scale(1.0)

    @property
    def gradient_steps(self) -> bool:
        """Arrows on the logit sliders show one gradient-descent step (View menu)."""
        return self._gradient_steps

    def set_gradient_steps(self, on: bool) -> None:
        on = bool(on)
        if on != self._gradient_steps:
            self._gradient_steps = on
            self.changed.emit()

    def set_projector(self, on: bool) -> None:
        """Projector mode: large text everywhere (and thicker lines where views choose)."""
        on = bool(on)
        if on != self._projector:
            self._projector = on
            self._font_scale = self._base_scale() * self._ui_scale
            self.changed.emit()
