"""Export (app/export.py) in-process: every plot as a 2× PNG and as SVG, the window as a 2×
PNG and as SVG, and the values as CSV and Markdown.

The values are checked against the readouts the window shows (exactly) and against
independent scipy / NumPy formulas (gui_reference.py), never against ``core``. The SVGs
are parsed as XML and must hold what each plot draws: every visible curve's colour,
every bar series' colour, every text label, every image.
"""

from __future__ import annotations

import csv
import io
import math
import re
import xml.dom.minidom as minidom

import numpy as np
import pyqtgraph as pg
import pytest
from gui_reference import (
    READOUTS,
    expected_readouts,
    inputs_from_state,
    readout_values,
)
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDockWidget
from scipy import special

from app import export
from app.formatting import Kind, format_value

#: Every plot of the window, by its path of attributes.
PLOTS = (
    ("probability_plot",),
    ("information_panel", "information_plot"),
    ("information_panel", "history_plot"),
    ("sweep_panel", "loss_plot"),
    ("sweep_panel", "gradient_plot"),
    ("gradient_bars",),
    ("sigmoid_panel", "sigmoid_plot"),
    ("sigmoid_panel", "loss_plot"),
    ("sigmoid_panel", "gradient_plot"),
    ("surface_panel", "plot"),
    ("training_panel", "loss_plot"),
    ("training_panel", "probability_plot"),
)
SEPARATOR_ROW = re.compile(r"^\|( *:?-+:? *\|)+$")


def plot_at(window, names: tuple[str, ...]) -> pg.PlotWidget:
    obj = window
    for name in names:
        obj = getattr(obj, name)
    assert isinstance(obj, pg.PlotWidget), names
    return obj


def settle(qtbot, rounds: int = 4) -> None:
    for _ in range(rounds):
        QApplication.processEvents()
    qtbot.wait(10)


def bring_to_front(qtbot, plot: pg.PlotWidget) -> None:
    """Raise the dock that holds ``plot`` (a tab behind another is not drawn)."""
    parent = plot.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    if parent is not None:
        parent.raise_()
    plot.show()
    settle(qtbot)


def colours(image: QImage) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 60))
        for y in range(0, image.height(), max(1, image.height() // 40))
    }


# -- what a plot draws, and where to find it in an SVG -------------------------------------------


def _items(plot: pg.PlotWidget):
    stack = list(plot.getPlotItem().childItems())
    while stack:
        item = stack.pop()
        stack.extend(item.childItems())
        if item.isVisible():
            yield item


def _colour(value) -> str | None:
    """The colour name of a pen, brush or colour spec; None when nothing is drawn with it."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and value and not isinstance(value[0], (int, float)):
        value = value[0]
    if hasattr(value, "style") and hasattr(value, "color"):  # QPen or QBrush
        style = value.style()
        if style in (pg.QtCore.Qt.PenStyle.NoPen, pg.QtCore.Qt.BrushStyle.NoBrush):
            return None
        colour = value.color()
    else:
        colour = pg.mkColor(value)
    return None if colour.alpha() == 0 else colour.name()


def expected_contents(plot: pg.PlotWidget) -> dict[str, set[str]]:
    """What the SVG of ``plot`` must contain: stroke colours of the curves with data, fill
    colours of the bar series, the text of the labels, and whether there is an image."""
    strokes, fills, texts, images = set(), set(), set(), set()
    for item in _items(plot):
        if isinstance(item, pg.PlotCurveItem):
            x, y = item.getData()
            if x is not None and len(x) > 1 and np.isfinite(np.asarray(y, dtype=float)).any():
                colour = _colour(item.opts.get("pen"))
                if colour:
                    strokes.add(colour)
        elif isinstance(item, pg.BarGraphItem):
            if len(np.atleast_1d(item.opts.get("height"))) > 0:
                brush = item.opts.get("brushes") or item.opts.get("brush")
                colour = _colour(brush)
                if colour:
                    fills.add(colour)
        elif isinstance(item, pg.TextItem):
            text = item.textItem.toPlainText()
            texts.update(line for line in text.splitlines() if line.strip())
        elif isinstance(item, pg.ImageItem) and item.image is not None:
            images.add("image")
    return {"strokes": strokes, "fills": fills, "texts": texts, "images": images}


def svg_contents(text: str) -> tuple[minidom.Document, dict[str, set[str]]]:
    doc = minidom.parseString(text)  # fails on anything that is not well-formed XML
    elements = doc.getElementsByTagName("*")

    def attribute(name: str) -> set[str]:
        found = set()
        for e in elements:
            value = e.getAttribute(name).strip().lower()
            if value and value != "none":
                found.add(value)
        return found

    # Qt writes text runs as separate <text> elements, in order: join them.
    joined = "".join(
        node.data
        for t in doc.getElementsByTagName("text")
        for node in t.childNodes
        if node.nodeType == node.TEXT_NODE
    )
    return doc, {
        "strokes": attribute("stroke"),
        "fills": attribute("fill"),
        "text": {re.sub(r"\s", "", joined)},
        "images": {"image"} if doc.getElementsByTagName("image") else set(),
    }


def assert_svg_shows(plot: pg.PlotWidget, text: str, name: str) -> minidom.Document:
    want = expected_contents(plot)
    doc, got = svg_contents(text)
    drawn = doc.getElementsByTagName("path") + doc.getElementsByTagName("polyline")
    assert len(drawn) > 2, f"{name}: only {len(drawn)} paths"
    missing = {
        "strokes": want["strokes"] - got["strokes"],
        "fills": want["fills"] - got["fills"],
        "images": want["images"] - got["images"],
        "texts": {t for t in want["texts"] if re.sub(r"\s", "", t) not in next(iter(got["text"]))},
    }
    assert not any(missing.values()), f"{name}: the SVG lacks {missing}"
    assert want["strokes"] or want["fills"], f"{name}: nothing to check (no curve, no bar)"
    return doc


# -- the plots ------------------------------------------------------------------------------


def test_the_list_covers_every_plot_of_the_window(window):
    listed = {id(plot_at(window, names)) for names in PLOTS}
    found = {id(p) for p in window.findChildren(pg.PlotWidget)}
    assert listed == found


def test_every_plot_exports_a_png_at_twice_its_size(window, qtbot, tmp_path):
    for names in PLOTS:
        plot = plot_at(window, names)
        bring_to_front(qtbot, plot)
        out = tmp_path / f"{'_'.join(names)}.png"
        export.export_plot_png(plot, out)
        image = QImage(str(out))
        assert not image.isNull(), names
        assert (image.width(), image.height()) == (2 * plot.width(), 2 * plot.height()), names
        assert len(colours(image)) > 5, f"{names}: a blank picture"
        # 192 dpi: placed in a slide at the size it had on screen, twice as sharp.
        assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(192 / 0.0254), names


def test_plot_png_takes_another_scale(window, tmp_path):
    plot = window.probability_plot
    export.export_plot_png(plot, tmp_path / "x3.png", scale=3)
    image = QImage(str(tmp_path / "x3.png"))
    assert (image.width(), image.height()) == (3 * plot.width(), 3 * plot.height())


def test_every_plot_exports_an_svg_with_what_it_draws(window, qtbot, tmp_path):
    # Something on every plot: soft labels (every bar series has a height) and a few
    # steps of the training race (its plots have curves).
    window.model.update(target_mode="soft", soft_target=[0.4, 0.3, 0.2, 0.1])
    window.race.step(5)
    settle(qtbot)
    for names in PLOTS:
        plot = plot_at(window, names)
        bring_to_front(qtbot, plot)
        out = tmp_path / f"{'_'.join(names)}.svg"
        export.export_plot_svg(plot, out)
        assert_svg_shows(plot, out.read_text(encoding="utf-8"), ".".join(names))


def _numbers(d: str) -> np.ndarray:
    return np.array([float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", d)])


def bar_points(doc: minidom.Document) -> np.ndarray:
    """Every corner of every bar (the paths under the groups of the plots' ``Bars``, a
    BarGraphItem: pyqtgraph names a group after its item's class), as (x, y) rows."""
    points = []
    for group in doc.getElementsByTagName("g"):
        if group.getAttribute("id").startswith("Bars"):
            for path in group.getElementsByTagName("path"):
                points.append(_numbers(path.getAttribute("d")).reshape(-1, 2))
    return np.concatenate(points) if points else np.empty((0, 2))


def test_a_plot_in_a_tab_behind_exports_its_bars_in_place(window, qtbot):
    """pyqtgraph's SVG exporter draws with the view transform of the last paint: a plot in
    a dock tab behind another (never painted at its size, changed since) must still have
    its bars inside its axes."""
    window.readout_dock.raise_()  # the gradient bars are the tab behind the readouts
    settle(qtbot)
    window.model.update(logits=[3.0, -2.0, 0.5, 1.0], temperature=0.5)
    settle(qtbot)
    plot = window.gradient_bars
    doc = minidom.parseString(export.plot_svg(plot))
    points = bar_points(doc)
    assert len(points) >= 4 * 4  # four corners of at least one bar per logit
    box = plot.getPlotItem().vb.sceneBoundingRect()
    inside = (
        (points[:, 0] >= box.left() - 1)
        & (points[:, 0] <= box.right() + 1)
        & (points[:, 1] >= box.top() - 1)
        & (points[:, 1] <= box.bottom() + 1)
    )
    assert inside.all(), (points[~inside][:4], box)


def test_bars_are_paths_in_drawing_coordinates(window):
    """No rectangle is left inside a data-to-drawing matrix: its outline would be scaled
    by the matrix in renderers without non-scaling strokes (librsvg, slide tools)."""
    doc = minidom.parseString(export.plot_svg(window.probability_plot))
    for rect in doc.getElementsByTagName("rect"):
        parent = rect.parentNode
        while parent is not None and parent.nodeType == parent.ELEMENT_NODE:
            transform = parent.getAttribute("transform")
            if transform.startswith("matrix("):
                a, b, c, d = (float(v) for v in transform[7:-1].split(",")[:4])
                assert math.isclose(abs(a * d - b * c), 1.0, rel_tol=1e-6), transform
            parent = parent.parentNode
    # The q bars: one closed path per class, in the bars' colour.
    q_colour = _colour(window.probability_plot.q_bars.opts.get("brush"))
    q_paths = [
        p
        for p in doc.getElementsByTagName("path")
        if p.getAttribute("fill").lower() == q_colour
        or (p.parentNode.getAttribute("fill").lower() == q_colour and not p.getAttribute("fill"))
    ]
    assert len(q_paths) >= window.model.state.num_classes
    assert all(p.getAttribute("d").rstrip().endswith("Z") for p in q_paths)


def test_closed_paths_keep_their_closepath(window):
    """The fix for pyqtgraph 0.14.0 (which cannot read "Z") puts every "Z" back."""
    doc = minidom.parseString(export.plot_svg(window.sweep_panel.loss_plot))
    clip = doc.getElementsByTagName("clipPath")
    assert clip, "the view's clipping is kept"
    for path in clip[0].getElementsByTagName("path"):
        tokens = path.getAttribute("d").split()
        assert tokens[0].startswith("M") and tokens[-1] == "Z", tokens
        assert all(t == "Z" or re.fullmatch(r"[MLC]?-?[\d.e-]+,-?[\d.e-]+", t) for t in tokens)


# -- the window -------------------------------------------------------------------------------


def test_window_png_is_rendered_at_twice_its_size(window, qtbot, tmp_path):
    settle(qtbot)
    out = tmp_path / "window.png"
    export.export_window_png(window, out)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (2 * window.width(), 2 * window.height())
    assert image.dotsPerMeterX() == round(192 / 0.0254)
    assert len(colours(image)) > 10
    # Drawn at 2×, not a 1× picture enlarged: a 1× picture enlarged has every pixel twice.
    pairs = sum(
        image.pixel(x, y) != image.pixel(x + 1, y)
        for y in range(0, image.height(), 7)
        for x in range(0, image.width() - 1, 2)
    )
    assert pairs > 500


def test_window_svg_holds_the_plots_it_shows(window, qtbot, tmp_path):
    settle(qtbot)
    out = tmp_path / "window.svg"
    export.export_window_svg(window, out)
    doc = minidom.parseString(out.read_text(encoding="utf-8"))
    root = doc.documentElement
    assert (root.getAttribute("width"), root.getAttribute("height")) == (
        str(window.width()),
        str(window.height()),
    )
    shown = export.visible_plots(window)
    assert window.probability_plot in shown
    assert window.gradient_bars not in shown  # a tab behind the readouts
    frames = [e for e in root.childNodes if e.nodeType == e.ELEMENT_NODE and e.tagName == "svg"]
    assert len(frames) == len(shown)
    # Ids are unique, and every url(#…) points at one of them.
    ids = [e.getAttribute("id") for e in doc.getElementsByTagName("*") if e.getAttribute("id")]
    assert len(ids) == len(set(ids))
    for e in doc.getElementsByTagName("*"):
        for ref in re.findall(r"url\(#([^)]+)\)", e.getAttribute("clip-path")):
            assert ref in ids
    # Each plot where the window shows it.
    for frame, plot in zip(frames, shown, strict=True):
        rect = export.shown_rect(plot, window)
        assert int(frame.getAttribute("x")) == rect.x()
        assert int(frame.getAttribute("y")) == rect.y()
        assert frame.getElementsByTagName("path")


def test_export_chooses_by_extension(window, qtbot, tmp_path):
    settle(qtbot)
    for name in ("a.png", "b.svg", "c.csv", "d.md", "E.CSV"):
        export.export(window, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 100, name
    assert QImage(str(tmp_path / "a.png")).width() == 2 * window.width()
    minidom.parse(str(tmp_path / "b.svg"))
    assert (tmp_path / "E.CSV").read_text(encoding="utf-8") == export.values_csv(window.model)
    assert (tmp_path / "d.md").read_text(encoding="utf-8") == export.values_markdown(window.model)


@pytest.mark.parametrize("name", ["values.txt", "values", "picture.jpeg", "table.markdown"])
def test_export_refuses_another_extension(window, tmp_path, name):
    with pytest.raises(ValueError) as raised:
        export.export(window, tmp_path / name)
    message = str(raised.value)
    for suffix in (".png", ".svg", ".csv", ".md"):
        assert suffix in message
    assert not (tmp_path / name).exists()


# -- the values -------------------------------------------------------------------------------


def read_csv(text: str) -> tuple[dict[str, tuple[float, str]], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text)))
    blank = rows.index([])
    head, *quantities = rows[:blank]
    assert head == ["quantity", "value", "unit"]
    header, *classes = rows[blank + 1 :]
    assert header == ["class", "z", "p", "q", "∂loss/∂z", "∂MSE/∂z"]
    return (
        {name: (float(value), unit) for name, value, unit in quantities},
        [dict(zip(header, row, strict=True)) for row in classes],
    )


def reference_gradients(state) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """q, ∂(softmax cross-entropy)/∂z and ∂MSE/∂z of a multiclass state, from scipy."""
    inp = inputs_from_state(state)
    t = inp.temperature
    q = special.softmax(inp.logits / t)
    grad_ce = (q * np.sum(inp.p) - inp.p) / t  # −Σ pᵢ log qᵢ; p need not sum to 1
    jacobian = (np.diag(q) - np.outer(q, q)) / t  # ∂q/∂z
    grad_mse = jacobian.T @ (2.0 * (q - inp.p) / inp.k)
    return q, grad_ce, grad_mse


STATES = {
    "default": {},
    "soft, bits, T = 2": {
        "target_mode": "soft",
        "soft_target": [0.1, 0.2, 0.3, 0.4],
        "units": "bits",
        "temperature": 2.0,
        "logits": [0.5, -1.25, 2.0, 0.0],
    },
    "mse loss": {"loss": "tf.compat.v1.losses.mean_squared_error"},
}


@pytest.mark.parametrize("changes", STATES.values(), ids=STATES.keys())
def test_csv_values_are_the_readouts_and_the_references(window, changes):
    window.model.update(**changes)
    state = window.model.state
    quantities, classes = read_csv(export.values_csv(window.model))
    shown = readout_values(window)
    want = expected_readouts(inputs_from_state(state))
    names = ["H(p)", "H(p,q)", "KL(p‖q)", "MSE", str(state.loss.value)]
    assert list(quantities) == names
    units = state.units.value
    mse_loss = state.loss.value.endswith("mean_squared_error")
    assert [u for _, u in quantities.values()] == [
        units,
        units,
        units,
        "",
        "" if mse_loss else "nats",
    ]
    for name, readout in zip(names, READOUTS, strict=True):
        value = quantities[name][0]
        assert value == shown[readout], (name, value, shown[readout])  # the very same double
        assert math.isclose(value, want[readout], rel_tol=1e-9, abs_tol=1e-12), name
    q, grad_ce, grad_mse = reference_gradients(state)
    assert [row["class"] for row in classes] == list(state.class_names)
    np.testing.assert_array_equal([float(r["z"]) for r in classes], state.logits)
    np.testing.assert_allclose([float(r["p"]) for r in classes], inputs_from_state(state).p)
    np.testing.assert_allclose([float(r["q"]) for r in classes], q, rtol=1e-12)
    np.testing.assert_allclose([float(r["∂MSE/∂z"]) for r in classes], grad_mse, atol=1e-14)
    if not mse_loss:  # the selected loss is softmax cross-entropy
        np.testing.assert_allclose(
            [float(r["∂loss/∂z"]) for r in classes], grad_ce, rtol=1e-10, atol=1e-15
        )


def test_csv_holds_every_digit(window):
    window.model.update(logits=[1 / 3, 2 / 7, -0.1, math.pi])
    quantities, classes = read_csv(export.values_csv(window.model))
    assert [float(r["z"]) for r in classes] == [1 / 3, 2 / 7, -0.1, math.pi]
    assert quantities["H(p,q)"][0] == window.model.result.cross_entropy


def test_csv_of_a_binary_problem_is_one_logit(window):
    window.model.set_problem_type("binary")
    window.model.update(logits=[0.8], soft_target=[0.25])
    state = window.model.state
    quantities, classes = read_csv(export.values_csv(window.model))
    assert len(classes) == 1
    row = classes[0]
    assert float(row["z"]) == 0.8
    assert float(row["p"]) == 0.25  # the target y
    assert math.isclose(float(row["q"]), special.expit(0.8), rel_tol=1e-12)  # σ(z)
    # MSE = (σ − y)², so its gradient is 2(σ − y)σ(1 − σ); the loss's is σ − y.
    sigma = special.expit(0.8)
    assert math.isclose(float(row["∂MSE/∂z"]), 2 * (sigma - 0.25) * sigma * (1 - sigma))
    assert math.isclose(float(row["∂loss/∂z"]), sigma - 0.25, rel_tol=1e-12)
    want = expected_readouts(inputs_from_state(state))
    for name, readout in zip(quantities, READOUTS, strict=True):
        assert math.isclose(quantities[name][0], want[readout], rel_tol=1e-9, abs_tol=1e-12)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """The pipe tables in ``text``: each a header, a separator row and rows, as cells."""
    blocks = [b for b in text.strip().split("\n\n") if b.strip()]
    tables = []
    for block in blocks:
        lines = block.splitlines()
        assert len(lines) >= 3, block
        assert all(line.startswith("| ") and line.endswith(" |") for line in lines), block
        assert SEPARATOR_ROW.match(lines[1]), lines[1]
        cells = [
            [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            for i, line in enumerate(lines)
            if i != 1
        ]
        widths = {len(row) for row in cells}
        assert len(widths) == 1, f"rows of different lengths: {cells}"
        tables.append(cells)
    return tables


def test_markdown_is_two_tables_that_read_like_the_window(window):
    window.model.update(units="bits", target_mode="soft", soft_target=[0.1, 0.2, 0.3, 0.4])
    text = export.values_markdown(window.model)
    quantities, classes = markdown_tables(text)
    assert quantities[0] == ["quantity", "value", "unit"]
    shown = readout_values(window)
    values = [shown[name] for name in READOUTS]
    kinds = [Kind.INFORMATION] * 3 + [Kind.MSE, Kind.INFORMATION]
    assert [row[1] for row in quantities[1:]] == [
        format_value(v, k) for v, k in zip(values, kinds, strict=True)
    ]
    assert [row[2] for row in quantities[1:]] == ["bits", "bits", "bits", "", "nats"]
    assert "tf.nn.softmax_cross_entropy_with_logits" in quantities[-1][0]
    # The readouts print the same numbers.
    for name, row in zip(READOUTS, quantities[1:], strict=True):
        assert row[1] in window.readout_panel.readouts[name].plain_text
    assert classes[0][:4] == ["class", "z", "p", "q = softmax(z/T)"]
    assert len(classes) == 1 + window.model.state.num_classes
    assert [row[0] for row in classes[1:]] == list(window.model.state.class_names)
    assert classes[1][3] == format_value(float(window.model.result.q[0]), Kind.PROBABILITY)


def test_markdown_escapes_a_bar_in_a_class_name(window):
    window.model.update(class_names=("a|b", "dog", "bird", "fish"))
    _, classes = markdown_tables(export.values_markdown(window.model))
    assert classes[1][0] == "a\\|b"
