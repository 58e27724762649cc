"""Export for slides and notes: pictures of the plots and the window, and the values.

* :func:`export_plot_png` / :func:`export_plot_svg`: one plot, through pyqtgraph's
  ``ImageExporter`` (2× by default) and ``SVGExporter``.
* :func:`export_window_png`: the whole window rendered at 2× (a QImage with device
  pixel ratio 2, so text and lines are drawn at the higher resolution, not scaled up).
* :func:`export_window_svg`: the plots the window shows, as vectors, each where the
  window shows it (see the function for what is left out).
* :func:`values_table`, :func:`values_csv`, :func:`values_markdown`: the readouts
  and a per-class table. The CSV holds the exact values (each float written so that
  it reads back as the same double); the Markdown uses the app's formatter, so it
  reads like the window.
* :func:`export`: one of the above, chosen by the file name's extension.

The exported text is data, not interface: quantity names and headers are the
window's symbols (H(p), KL(p‖q), ∂loss/∂z) and TensorFlow's names, in English.

pyqtgraph 0.14.0's SVG exporter, on our plots, has three faults this module works
around (found by exporting every plot of the window, and by rendering the results
with Qt and with librsvg):

1. Qt writes the SVG closepath command "Z" after every subpath that ends where it
   started (each ViewBox's clip path and border, round scatter symbols), and the
   exporter's coordinate fix-up cannot read it: every export of every plot raised
   ``ValueError: not enough values to unpack`` (pyqtgraph issue #3495; the fix,
   pull request #3458, is not in 0.14.0). See :func:`_tolerating_closepath`.
2. The exporter draws with each ViewBox's cached view transform without asking the
   scene to prepare for painting first (``ImageExporter`` does, through
   ``GraphicsScene.render``). A plot that was not painted since its last change (one
   in a dock tab behind another) came out with a stale transform: its bars and
   curves in the wrong place. :func:`plot_svg` calls the public
   ``GraphicsScene.prepareForPaint()`` first.
3. Bars (``BarGraphItem``) come out as ``<rect>`` elements in data coordinates inside
   a scaling matrix, with ``vector-effect="non-scaling-stroke"`` outlines. Renderers
   without that feature (librsvg, and with it many slide tools) scale the outline
   by the matrix: each bar became a blot hundreds of pixels wide. See
   :func:`_absolute_rects`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
import sys
import xml.dom.minidom as minidom
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from app.formatting import Kind, format_value, in_units
from app.model import ExplorerModel, ProblemType
from app.plots.base import PlotView

__all__ = [
    "EXPORT_FORMATS",
    "ClassValues",
    "Quantity",
    "Values",
    "check_export_path",
    "export",
    "export_plot_png",
    "export_plot_svg",
    "export_window_png",
    "export_window_svg",
    "plot_svg",
    "shown_rect",
    "values_csv",
    "values_markdown",
    "values_table",
    "visible_plots",
    "window_svg",
]

#: What :func:`export` writes, by file name extension.
EXPORT_FORMATS = {
    ".png": "the window as a PNG image at twice its size",
    ".svg": "the window's plots as an SVG drawing",
    ".csv": "the values as CSV",
    ".md": "the values as Markdown tables",
}

#: The size of exported PNG pictures relative to the screen: 2× for slides.
DEFAULT_SCALE = 2.0


# -- the values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """One readout: ``value`` in ``unit`` ("nats", "bits", or "" when unitless).

    ``readout`` is the object name of the readout widget that shows the same
    number (its ``value`` property equals ``value``).
    """

    readout: str
    name: str
    value: float
    unit: str
    kind: Kind


@dataclass(frozen=True)
class ClassValues:
    """One logit's row of the class table: its name, z, target, output and gradients."""

    name: str
    z: float
    target: float  #: p (multiclass), the target y or tᵢ (sigmoid outputs)
    q: float  #: softmax(z/T)ᵢ, or σ(zᵢ/T)
    grad_loss: float  #: ∂loss/∂zᵢ of the selected loss
    grad_mse: float  #: ∂MSE/∂zᵢ


@dataclass(frozen=True)
class Values:
    """What the export writes: the readouts, then one row per logit."""

    quantities: tuple[Quantity, ...]
    classes: tuple[ClassValues, ...]
    problem_type: ProblemType
    loss_name: str  #: the selected loss's TensorFlow name


def values_table(model: ExplorerModel) -> Values:
    """The current values of ``model``, exactly as the readouts and the class table hold them.

    The readouts' numbers are computed as :class:`~app.widgets.readouts.ReadoutPanel`
    computes them (H, H(p,q) and KL in the chosen units; the loss in nats, TensorFlow's
    unit, or unitless for MSE), so each equals its readout's ``value``.
    """
    state, r = model.state, model.result
    units = state.units.value
    loss_name = str(state.loss.value)
    mse_loss = loss_name.endswith("mean_squared_error")
    quantities = (
        Quantity("readout_entropy", "H(p)", in_units(r.entropy, units), units, Kind.INFORMATION),
        Quantity(
            "readout_cross_entropy",
            "H(p,q)",
            in_units(r.cross_entropy, units),
            units,
            Kind.INFORMATION,
        ),
        Quantity("readout_kl", "KL(p‖q)", in_units(r.kl, units), units, Kind.INFORMATION),
        Quantity("readout_mse", "MSE", float(r.mse), "", Kind.MSE),
        Quantity(
            "readout_loss",
            loss_name,
            float(r.loss),
            "" if mse_loss else "nats",
            Kind.MSE if mse_loss else Kind.INFORMATION,
        ),
    )
    # As the class table shows them: a binary row is y and σ(z/T), the second of the two
    # outcomes the plot draws; sigmoid targets are the state's own (never normalised).
    binary = state.problem_type is ProblemType.BINARY
    targets = state.soft_target if state.problem_type.sigmoid else r.p
    outputs = r.q[1:] if binary else r.q
    classes = tuple(
        ClassValues(
            name=state.class_names[i],
            z=float(state.logits[i]),
            target=float(targets[i]),
            q=float(outputs[i]),
            grad_loss=float(r.grad_loss[i]),
            grad_mse=float(r.grad_mse[i]),
        )
        for i in range(state.num_classes)
    )
    return Values(quantities, classes, state.problem_type, loss_name)


QUANTITY_HEADER = ("quantity", "value", "unit")
CLASS_HEADER = ("class", "z", "p", "q", "∂loss/∂z", "∂MSE/∂z")


def _exact(value: float) -> str:
    """A float as the shortest text that reads back as the same double ("inf", "nan" too)."""
    return repr(float(value))


def values_csv(model: ExplorerModel) -> str:
    """The values as CSV: two tables separated by an empty line.

    First ``quantity,value,unit``: H(p), H(p,q), KL(p‖q), MSE and the selected loss
    (named by its TensorFlow name), each value exactly (``float(text)`` gives back the
    same double); then ``class,z,p,q,∂loss/∂z,∂MSE/∂z``, one row per logit (for sigmoid
    outputs p is the target and q is σ(z/T)).
    """
    values = values_table(model)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(QUANTITY_HEADER)
    for q in values.quantities:
        writer.writerow((q.name, _exact(q.value), q.unit))
    writer.writerow(())
    writer.writerow(CLASS_HEADER)
    for c in values.classes:
        writer.writerow(
            (c.name, *(_exact(v) for v in (c.z, c.target, c.q, c.grad_loss, c.grad_mse)))
        )
    return out.getvalue()


def _cell(text: str) -> str:
    """Text for a Markdown table cell: no line breaks, "|" escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]], align: str) -> str:
    """A pipe table; ``align`` has one letter per column: "l" left, "r" right."""
    rule = {"l": ":--", "r": "--:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(rule[a] for a in align) + " |",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def values_markdown(model: ExplorerModel) -> str:
    """The values as two Markdown tables, numbers written as the window writes them."""
    values = values_table(model)
    quantity_rows = [
        (
            f"loss `{q.name}`" if q.readout == "readout_loss" else q.name,
            format_value(q.value, q.kind),
            q.unit,
        )
        for q in values.quantities
    ]
    if values.problem_type is ProblemType.MULTICLASS:
        target, output = "p", "q = softmax(z/T)"
    else:
        target, output = ("y" if values.problem_type is ProblemType.BINARY else "t"), "σ(z/T)"
    class_rows = [
        (
            c.name,
            format_value(c.z, Kind.LOGIT),
            format_value(c.target, Kind.PROBABILITY),
            format_value(c.q, Kind.PROBABILITY),
            format_value(c.grad_loss, Kind.GRADIENT),
            format_value(c.grad_mse, Kind.GRADIENT),
        )
        for c in values.classes
    ]
    header = ("class", "z", target, output, "∂loss/∂z", "∂MSE/∂z")
    return (
        _markdown_table(QUANTITY_HEADER, quantity_rows, "lrl")
        + "\n\n"
        + _markdown_table(header, class_rows, "lrrrrr")
        + "\n"
    )


# -- pictures of one plot -----------------------------------------------------------------

#: Screen pixels per inch at device pixel ratio 1 (Qt's logical DPI on Windows and Linux).
SCREEN_DPI = 96.0


def _save_png(image: QImage, path: str | Path, scale: float) -> None:
    """Save ``image`` (``scale`` × a size on screen) as a PNG whose resolution says so:
    ``scale`` × 96 dpi, so a slide or document places it at the size it had on screen,
    twice as sharp, not twice as large. Raises OSError when it cannot be written."""
    dots_per_metre = round(SCREEN_DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def export_plot_png(plot: pg.PlotWidget, path: str | Path, scale: float = DEFAULT_SCALE) -> None:
    """``plot`` as a PNG ``scale`` times its size on screen (pyqtgraph's ImageExporter).

    Raises OSError when the file cannot be written.
    """
    _up_to_date(plot)
    exporter = pyqtgraph.exporters.ImageExporter(plot.getPlotItem())
    params = exporter.parameters()
    width, height = max(1, round(scale * plot.width())), max(1, round(scale * plot.height()))
    params["width"] = width  # the exporter sets the height from the aspect ratio …
    # … rounding down: set it exactly, without the width following it back.
    params.param("height").setValue(height, blockSignal=exporter.heightChanged)
    _save_png(exporter.export(toBytes=True), path, scale)


#: Whether this pyqtgraph's SVG exporter fails on Qt's "Z" (found out on the first export).
_svg_needs_closepath_fix: bool | None = None


@contextlib.contextmanager
def _tolerating_closepath() -> Iterator[None]:
    """While active, pyqtgraph's SVG coordinate fix-up reads paths closed with "Z".

    pyqtgraph 0.14.0 (``pyqtgraph.exporters.SVGExporter.correctCoordinates``) splits
    every path into "x,y" pairs and fails on the closepath command that Qt writes
    as a token of its own ("M0,0 L10,0 L10,10 L0,0 Z"). No public option avoids it:
    every ViewBox clips its children, and the exporter draws that clip path with Qt.
    So, only during one export, the fix-up gets each path without its "Z" tokens
    and the "Z"s are put back after it, in the same places: the fix-up maps each
    coordinate token to exactly one new token, so nothing is lost (an export with
    the fix contains every item an image export shows).
    """
    module = sys.modules[pyqtgraph.exporters.SVGExporter.__module__]
    original = module.correctCoordinates

    def correct(node: minidom.Element, defs: list, item: object, options: dict) -> None:
        closed = []
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            if "Z" not in tokens and "z" not in tokens:
                continue
            kept, after = [], []  # the coordinate tokens; after which of them a Z came
            for token in tokens:
                if token in ("Z", "z"):
                    after.append((len(kept) - 1, token))
                else:
                    kept.append(token)
            path.setAttribute("d", " ".join(kept))
            closed.append((path, len(kept), after))
        original(node, defs, item, options)
        for path, count, after in closed:
            tokens = path.getAttribute("d").split()
            if len(tokens) != count:  # not one token per token: only the last Z is safe
                tokens += [after[-1][1]] if after[-1][0] == count - 1 else []
                path.setAttribute("d", " ".join(tokens))
                continue
            for index, token in reversed(after):
                tokens.insert(index + 1, token)
            path.setAttribute("d", " ".join(tokens))

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original


def _up_to_date(plot: pg.PlotWidget) -> None:
    """A plot out of sight skips the model's changes until painted: catch up first."""
    if isinstance(plot, PlotView):
        plot.catch_up()


def _pyqtgraph_svg(plot: pg.PlotWidget) -> str:
    """What pyqtgraph's SVGExporter writes for ``plot`` (faults 1 and 2 worked around)."""
    global _svg_needs_closepath_fix
    _up_to_date(plot)
    scene = plot.scene()
    if scene is not None:
        scene.prepareForPaint()  # view transforms up to date, as before any paint
    exporter = pyqtgraph.exporters.SVGExporter(plot.getPlotItem())
    if not _svg_needs_closepath_fix:
        try:
            data = exporter.export(toBytes=True)
            _svg_needs_closepath_fix = False
            return data.decode("utf-8")
        except ValueError:
            if _svg_needs_closepath_fix is False:
                raise  # it worked before: something else is wrong
            _svg_needs_closepath_fix = True
    with _tolerating_closepath():
        return exporter.export(toBytes=True).decode("utf-8")


_MATRIX = re.compile(r"matrix\(([^)]*)\)")


def _absolute_rects(root: minidom.Element) -> None:
    """Rectangles drawn in data coordinates (bars) as paths in the drawing's coordinates.

    pyqtgraph rewrites paths and polylines into the drawing's coordinates but leaves
    Qt's ``<rect>`` elements inside a group with the data-to-drawing matrix and a
    ``vector-effect="non-scaling-stroke"`` outline. Renderers without that SVG Tiny
    1.2 feature (librsvg, so many slide tools) scale the outline with the matrix:
    every bar turns into a blot hundreds of pixels wide. Here each such rectangle
    becomes a closed path with the matrix applied, in a copy of its group without
    the matrix, so the outline is the width it is on screen in every renderer.
    """
    for group in root.getElementsByTagName("g"):
        match = _MATRIX.fullmatch(group.getAttribute("transform").strip())
        if match is None:
            continue
        rects = [
            child
            for child in group.childNodes
            if child.nodeType == child.ELEMENT_NODE
            and child.tagName == "rect"
            and not (child.getAttribute("rx") or child.getAttribute("ry"))
        ]
        if not rects:
            continue
        try:
            a, b, c, d, e, f = (float(v) for v in match.group(1).replace(",", " ").split())
            boxes = [
                tuple(float(r.getAttribute(k) or 0.0) for k in ("x", "y", "width", "height"))
                for r in rects
            ]
        except ValueError:
            continue  # not numbers Qt writes: leave the group as it is
        flat = group.cloneNode(False)
        flat.removeAttribute("transform")
        width = group.getAttribute("stroke-width")
        for rect, (x, y, w, h) in zip(rects, boxes, strict=True):
            corners = ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
            points = [(a * px + c * py + e, b * px + d * py + f) for px, py in corners]
            path = root.ownerDocument.createElement("path")
            for name, value in rect.attributes.items():
                if name not in ("x", "y", "width", "height"):
                    path.setAttribute(name, value)
            path.setAttribute(
                "d",
                "M" + " L".join(f"{px:.6g},{py:.6g}" for px, py in points) + " Z",
            )
            if width and path.getAttribute("vector-effect") != "non-scaling-stroke":
                # An outline in data units: as wide as the matrix makes it.
                path.setAttribute("stroke-width", f"{float(width) * math.hypot(a, b):.6g}")
            flat.appendChild(path)
            group.removeChild(rect)
        group.parentNode.insertBefore(flat, group)
        if not any(child.nodeType == child.ELEMENT_NODE for child in group.childNodes):
            group.parentNode.removeChild(group)


def _drop_empty_paths(root: minidom.Element) -> None:
    """Paths with no data (a curve with nothing to draw yet): some renderers complain."""
    for path in root.getElementsByTagName("path"):
        if not path.getAttribute("d").strip():
            path.parentNode.removeChild(path)


def _plot_svg_element(plot: pg.PlotWidget) -> minidom.Element:
    root = minidom.parseString(_pyqtgraph_svg(plot)).documentElement
    _absolute_rects(root)
    _drop_empty_paths(root)
    return root


def plot_svg(plot: pg.PlotWidget) -> str:
    """``plot`` as SVG text: pyqtgraph's SVGExporter, with the fixes in the module doc,
    and bars as paths in the drawing's coordinates (see :func:`_absolute_rects`)."""
    return _plot_svg_element(plot).ownerDocument.toxml(encoding="utf-8").decode("utf-8")


def export_plot_svg(plot: pg.PlotWidget, path: str | Path) -> None:
    """``plot`` as an SVG file (see :func:`plot_svg`). Raises OSError when it cannot write."""
    Path(path).write_text(plot_svg(plot), encoding="utf-8")


# -- pictures of the window -----------------------------------------------------------------


def export_window_png(window: QWidget, path: str | Path, scale: float = DEFAULT_SCALE) -> None:
    """The whole window as a PNG ``scale`` times its size, rendered at that resolution.

    The window paints itself into an image with device pixel ratio ``scale``, as on
    a high-DPI screen: text, lines and plots are drawn sharp, not enlarged. Raises
    OSError when the file cannot be written.
    """
    size = window.size()
    image = QImage(
        max(1, round(size.width() * scale)),
        max(1, round(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(scale)
    image.fill(window.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        window.render(painter, QPoint())
    finally:
        painter.end()
    _save_png(image, path, scale)


def shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` that ``window`` shows, in window coordinates (empty when
    it is hidden, e.g. in a dock tab behind another, or scrolled out of its panel)."""
    if not widget.isVisibleTo(window):
        return QRect()
    rect = QRect(widget.mapTo(window, QPoint()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect &= QRect(parent.mapTo(window, QPoint()), parent.size())
        parent = parent.parentWidget()
    return rect & window.rect()


def visible_plots(window: QWidget) -> list[pg.PlotWidget]:
    """The plots of ``window`` that it shows now, at least in part."""
    return [
        plot
        for plot in window.findChildren(pg.PlotWidget)
        if not shown_rect(plot, window).isEmpty()
    ]


_URL = re.compile(r"url\(#([^)]+)\)")


def _prefix_ids(root: minidom.Element, prefix: str) -> None:
    """Make the ids under ``root`` unique in a larger document (and the references too)."""
    elements = [root, *root.getElementsByTagName("*")]
    ids = {e.getAttribute("id") for e in elements if e.getAttribute("id")}
    if not ids:
        return
    for element in elements:
        attributes = element.attributes
        for i in range(attributes.length):
            attr = attributes.item(i)
            value = attr.value
            if attr.name == "id" and value in ids:
                attr.value = prefix + value
            elif "url(#" in value:
                attr.value = _URL.sub(
                    lambda m: f"url(#{prefix + m.group(1) if m.group(1) in ids else m.group(1)})",
                    value,
                )
            elif attr.name.endswith("href") and value.startswith("#") and value[1:] in ids:
                attr.value = "#" + prefix + value[1:]


def window_svg(window: QWidget) -> str:
    """The plots ``window`` shows, as one SVG drawing the size of the window.

    Each plot on screen is drawn by :func:`plot_svg` (vectors, clipped as on screen)
    where the window shows it, cut to the part that is visible (a plot half scrolled
    out of its panel is cut the same way). Left out: everything that is not a plot
    (the class table, the options, the readouts and notes, menus and tabs): their
    numbers are in the CSV and Markdown exports, and a picture of them in the PNG.
    """
    width, height = window.width(), window.height()
    document = minidom.getDOMImplementation().createDocument(None, "svg", None)
    root = document.documentElement
    root.setAttribute("xmlns", "http://www.w3.org/2000/svg")
    root.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink")
    root.setAttribute("version", "1.1")
    root.setAttribute("width", str(width))
    root.setAttribute("height", str(height))
    root.setAttribute("viewBox", f"0 0 {width} {height}")
    title = document.createElement("title")
    title.appendChild(document.createTextNode(window.windowTitle()))
    root.appendChild(title)
    background = document.createElement("rect")
    background.setAttribute("width", "100%")
    background.setAttribute("height", "100%")
    background.setAttribute("fill", window.palette().color(QPalette.ColorRole.Window).name())
    root.appendChild(background)
    for n, plot in enumerate(visible_plots(window), start=1):
        shown = shown_rect(plot, window)
        # Where the plot's drawing has its origin (its PlotItem's corner), in the window.
        corner = plot.mapFromScene(plot.getPlotItem().scenePos())
        origin = plot.viewport().mapTo(window, corner)
        part = _plot_svg_element(plot)
        _prefix_ids(part, f"plot{n}_")
        frame = document.createElement("svg")
        frame.setAttribute("id", f"plot{n}")
        if plot.objectName():
            frame.setAttribute("class", plot.objectName())
        frame.setAttribute("x", str(shown.x()))
        frame.setAttribute("y", str(shown.y()))
        frame.setAttribute("width", str(shown.width()))
        frame.setAttribute("height", str(shown.height()))
        left, top = shown.x() - origin.x(), shown.y() - origin.y()
        frame.setAttribute("viewBox", f"{left} {top} {shown.width()} {shown.height()}")
        frame.setAttribute("overflow", "hidden")
        for child in list(part.childNodes):
            if child.nodeType == child.ELEMENT_NODE and child.tagName in ("title", "desc"):
                continue
            frame.appendChild(document.importNode(child, True))
        root.appendChild(frame)
    return document.toxml(encoding="utf-8").decode("utf-8")


def export_window_svg(window: QWidget, path: str | Path) -> None:
    """The window's plots as an SVG file (see :func:`window_svg`). Raises OSError."""
    Path(path).write_text(window_svg(window), encoding="utf-8")


# -- by extension ---------------------------------------------------------------------------


def check_export_path(path: str | Path) -> str:
    """The extension :func:`export` will write for ``path`` (".png", …), lower case.

    Raises ValueError, naming the extensions there are, for any other.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        allowed = ", ".join(EXPORT_FORMATS)
        raise ValueError(
            f"cannot export to {str(path)!r}: the file name must end in one of {allowed} "
            f"(got {suffix or 'no extension'!s})"
        )
    return suffix


def export(window: QWidget, path: str | Path) -> None:
    """Write ``path`` by its extension: .png (the window at 2×), .svg (its plots),
    .csv or .md (the values of ``window.model``).

    Raises ValueError for another extension, OSError when the file cannot be written.
    """
    suffix = check_export_path(path)
    if suffix == ".png":
        export_window_png(window, path)
    elif suffix == ".svg":
        export_window_svg(window, path)
    elif suffix == ".csv":
        Path(path).write_text(values_csv(window.model), encoding="utf-8", newline="")
    else:
        Path(path).write_text(values_markdown(window.model), encoding="utf-8")
