"""The readout panel built alone on a bare model: values, units, the numbers it prints, how it
fits at narrow widths, what it skips, colours, font scale.

Expected numbers come from scipy / NumPy (here and in gui_reference.py), never from ``core``
nor from the app's formatter: a shown number is parsed back and must be the reference value
rounded to the digits shown.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from gui_reference import (
    READOUTS,
    chinese_interface,
    expected_readouts,
    inputs_from_state,
    loss_nats,
    show_view,
)
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QFont, QPalette, Qt, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from scipy import special

from app.appearance import PROJECTOR_SCALE, Appearance
from app.model import ExplorerModel
from app.scenes import find_builtin_scene, load_scene
from app.widgets.common import NumberText
from app.widgets.readouts import ReadoutPanel

LN2 = math.log(2.0)
NBSP, WORD_JOINER = "\u00a0", "\u2060"
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
#: A number as people read it: −1.234, 0.0954, 1.234×10⁻⁵, ∞.
NUMBER = re.compile(r"−?(?:\d+(?:\.\d+)?(?:×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?|∞)")


# -- reading what the panel shows --------------------------------------------------------


def panel(qtbot, model, appearance=None) -> ReadoutPanel:
    return show_view(qtbot, ReadoutPanel(model, appearance), 420, 700)


def seen(text: str) -> str:
    """A label's text as a reader sees it: rendered by Qt's rich-text parser (so a stray "<"
    that swallows text shows up), ordinary spaces, no invisible joiners."""
    if Qt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    for invisible in ("\u2028", "\u2029"):
        text = text.replace(invisible, "\n")
    return text.replace(NBSP, " ").replace(WORD_JOINER, "")


def parse_shown(token: str) -> tuple[float, float]:
    """A shown number and half a unit of its last digit (how far rounding may move it)."""
    token = token.replace("−", "-")
    if token.lstrip("-") == "∞":
        return (-math.inf if token.startswith("-") else math.inf), 0.0
    mantissa, _, power = token.partition("×10")
    exponent = int(power.translate(_SUPERSCRIPT)) if power else 0
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return float(mantissa) * 10.0**exponent, 0.5 * 10.0 ** (exponent - decimals)


def assert_rounds_to(token: str, want: float) -> None:
    """``token`` is ``want`` rounded to the digits it shows."""
    assert NUMBER.fullmatch(token), f"{token!r} is not one shown number"
    value, half = parse_shown(token)
    if math.isinf(want):
        assert value == want, (token, want)
        return
    assert abs(value - want) <= half * (1 + 1e-9) + 1e-300, f"{token} shown for {want!r}"


def numbers(text: str) -> list[str]:
    return NUMBER.findall(seen(text))


def line(readout) -> str:
    """A readout as read: its caption and formula, then its value beside them."""
    return f"{seen(readout.caption.text())} {seen(readout.value.text())}"


def bold_number(readout) -> str:
    """The number at the start of the readout's (bold) value."""
    assert readout.value.font().bold()
    match = NUMBER.match(seen(readout.value.text()))
    assert match, readout.value.text()
    return match.group(0)


def decimals(token: str) -> int:
    return len(token.split(".")[1]) if "." in token else 0


def values(rp: ReadoutPanel) -> dict[str, float]:
    out = {}
    for name in READOUTS:
        v = rp.findChild(QWidget, name).property("value")
        assert isinstance(v, float), name
        out[name] = v
    return out


def assert_values_match(rp: ReadoutPanel, model: ExplorerModel) -> None:
    want = expected_readouts(inputs_from_state(model.state))
    got = values(rp)
    for name in READOUTS:
        assert not math.isnan(got[name]), name
        assert got[name] == pytest.approx(want[name], rel=1e-9, abs=1e-12), name


# -- values and units ---------------------------------------------------------------------


def test_readouts_match_the_formulas(qtbot, model):
    rp = panel(qtbot, model)
    assert_values_match(rp, model)
    model.update(temperature=0.7, logits=[0.5, 2.0, -1.0, 0.0])
    assert_values_match(rp, model)
    model.update(target_mode="soft", soft_target=[0.1, 0.2, 0.3, 0.4])
    assert_values_match(rp, model)
    model.update(units="bits")
    assert_values_match(rp, model)
    assert "bits" in rp.readouts["readout_entropy"].plain_text
    model.update(num_classes=6)
    assert_values_match(rp, model)


@pytest.mark.parametrize("units", ["nats", "bits"])
def test_every_readout_shows_the_reference_number_with_its_unit(qtbot, model, units):
    rp = panel(qtbot, model)
    model.update(temperature=0.7, logits=[0.5, 2.0, -1.0, 0.0])
    model.update(target_mode="soft", soft_target=[0.1, 0.2, 0.3, 0.4], units=units)
    logits, p = np.array([0.5, 2.0, -1.0, 0.0]) / 0.7, np.array([0.1, 0.2, 0.3, 0.4])
    scale = 1 / LN2 if units == "bits" else 1.0
    log_q = special.log_softmax(logits)
    want = {
        "readout_entropy": float(np.sum(special.entr(p))) * scale,
        "readout_cross_entropy": float(-np.sum(p * log_q)) * scale,
        "readout_kl": float(np.sum(special.rel_entr(p, np.exp(log_q)))) * scale,
        "readout_mse": float(np.mean((np.exp(log_q) - p) ** 2)),
        "readout_loss": float(-np.sum(p * log_q)),  # softmax cross-entropy, nats
    }
    unit = {name: units for name in READOUTS} | {"readout_mse": "(unitless)"}
    unit["readout_loss"] = "nats"
    for name, readout in rp.readouts.items():
        shown = bold_number(readout)
        assert_rounds_to(shown, want[name])
        text = line(readout)
        assert f"= {shown} {unit[name]}" in text, text
        # The copy (Edit › Copy readouts) says the same, with ordinary spaces.
        assert f"= {shown} {unit[name]}" in readout.plain_text, readout.plain_text
        assert NBSP not in readout.plain_text and WORD_JOINER not in readout.plain_text
        # A number never parts from its unit at a line break.
        assert f"{shown}{NBSP}" in readout.value.text(), name
    assert values(rp)["readout_loss"] == pytest.approx(want["readout_loss"], rel=1e-12)


def test_loss_stays_in_nats_and_shows_bits_beside_them(qtbot, model):
    """32 equally likely teams: the loss is ln 32 = 3.466 nats = 5 bits, and says both."""
    rp = panel(qtbot, model)
    loss = rp.readouts["readout_loss"]
    model.update(num_classes=32)
    model.update(logits=[0.0] * 32, target_mode="soft", soft_target=[1 / 32] * 32)
    assert values(rp)["readout_loss"] == pytest.approx(np.log(32), rel=1e-12)
    assert "3.466 nats" in line(loss)
    assert "bits" not in line(loss)
    model.update(units="bits")
    assert values(rp)["readout_loss"] == pytest.approx(np.log(32), rel=1e-12)  # still nats
    assert "= 3.466 nats (5.000 bits)" in line(loss)
    assert "= 3.466 nats (5.000 bits)" in loss.plain_text
    assert bold_number(rp.readouts["readout_cross_entropy"]) == "5.000"
    # Another state: both numbers against scipy.
    model.update(num_classes=3)
    model.update(logits=[1.5, -0.5, 0.2], target_mode="index", target_class=2)
    nats = float(-special.log_softmax([1.5, -0.5, 0.2])[2])
    tokens = numbers(re.sub(r"^.*= ", "", line(loss)))
    assert len(tokens) == 2, line(loss)
    assert_rounds_to(tokens[0], nats)
    assert_rounds_to(tokens[1], nats / LN2)
    assert re.search(r"nats \(\S+ bits\)$", line(loss))


def test_mse_loss_is_unitless_in_both_units(qtbot, model):
    rp = panel(qtbot, model)
    loss = rp.readouts["readout_loss"]
    model.set_loss("tf.compat.v1.losses.mean_squared_error")
    want = float(np.mean((special.softmax([2.0, 1.0, 0.1, -1.0]) - [1, 0, 0, 0]) ** 2))
    assert values(rp)["readout_loss"] == pytest.approx(
        loss_nats(inputs_from_state(model.state)), rel=1e-12
    )
    for units in ("nats", "bits"):
        model.update(units=units)
        text = line(loss)
        assert_rounds_to(bold_number(loss), want)
        assert text.endswith(f"= {bold_number(loss)} (unitless)"), text
        assert "nats" not in text and "bits" not in text


# -- the identity, the max-shift box and the two-class box ----------------------------------


IDENTITY_CASES = {
    # name: (logits, soft p or class index, auto-normalise)
    "one-hot": ([2.0, 1.0, 0.1, -1.0], 0, True),
    "soft": ([1.0, 0.5, 0.0, -0.5], [0.5, 0.3, 0.15, 0.05], True),
    # H(p) = 0.69, KL = 0.37 and H(p,q) = 1.06 cross a decade: one precision for all three.
    "decade": ([0.0, 0.0, 0.0, 0.0], [0.5, 0.5, 0.0, 0.0], True),
    # Σp = 0.8: KL < 0, written "− 0.17", never "+ −0.17"; Gibbs does not hold.
    "unnormalised": ([1.0, 0.0, -1.0], [0.5, 0.2, 0.1], False),
}


@pytest.mark.parametrize("units", ["nats", "bits"])
@pytest.mark.parametrize("case", list(IDENTITY_CASES))
def test_identity_has_one_precision_and_its_own_signs(qtbot, model, case, units):
    logits, target, auto = IDENTITY_CASES[case]
    rp = panel(qtbot, model)
    model.update(num_classes=len(logits))
    if isinstance(target, int):
        model.update(logits=logits, target_class=target, units=units)
        p = np.eye(len(logits))[target]
    else:
        model.update(logits=logits, auto_normalise=auto, units=units)
        model.update(target_mode="soft", soft_target=target)
        p = np.array(target)
    scale = 1 / LN2 if units == "bits" else 1.0
    log_q = special.log_softmax(logits)
    h = float(np.sum(special.entr(p))) * scale
    ce = float(-np.sum(p * log_q)) * scale
    kl = float(np.sum(special.xlogy(p, p)) - np.sum(p * log_q)) * scale
    text = seen(rp.identity.text())
    match = re.search(rf"(\S+) = (\S+) ([+−]) (\S+) {units}\n", text)
    assert match, text
    shown_ce, shown_h, sign, shown_kl = match.groups()
    assert len({decimals(shown_ce), decimals(shown_h), decimals(shown_kl)}) == 1, text
    assert_rounds_to(shown_ce, ce)
    assert_rounds_to(shown_h, h)
    assert_rounds_to(shown_kl, abs(kl))
    assert sign == ("−" if kl < 0 else "+")
    assert "+ −" not in text and "− −" not in text
    # The parts of the sum never part at a line break.
    assert f"{NBSP}{sign}{NBSP}" in rp.identity.text()
    if case == "unnormalised":
        assert re.search(r"H\(p,q\) < H\(p\) \(Σp = 0\.800\)", text), text
    else:
        assert "H(p,q) ≥ H(p)" in text


def test_max_shift_box_numbers_come_from_the_state(qtbot, model):
    rp = panel(qtbot, model)
    for logits, t in (([2.0, 1.0, 0.1, -1.0], 1.0), ([0.5, 3.0, -2.0], 0.7)):
        model.update(num_classes=len(logits))
        model.update(logits=logits, temperature=t)
        z = np.array(logits) / t
        lines = seen(rp.max_shift.text()).split("\n")
        shifted = numbers(lines[1].split("=", 1)[1])
        naive = numbers(lines[2].split("=", 1)[1])
        safe = numbers(lines[3].split("=", 1)[1])
        for token, want in zip(shifted, z - z.max(), strict=True):
            assert_rounds_to(token, want)
        for tokens in (naive, safe):
            for token, want in zip(tokens, special.softmax(z), strict=True):
                assert_rounds_to(token, want)
        assert len({decimals(t) for t in safe}) == 1  # one precision per vector
    model.update(num_classes=3)
    model.update(logits=[123.0, 456.0, 789.0], temperature=1.0)
    lines = seen(rp.max_shift.text()).split("\n")
    assert "∞/∞" in lines[2]  # exp(789) overflows float64
    assert lines[4] == "✗ exp overflows: use the shift"
    for token, want in zip(numbers(lines[1].split("=", 1)[1]), [-666, -333, 0], strict=True):
        assert_rounds_to(token, want)
    # The tooltip's number goes through the formatter too: ln(largest double) = 709.78…
    limit = float(np.log(np.finfo(np.float64).max))
    tip_numbers = [t for t in numbers(rp.max_shift.toolTip()) if "." in t]
    assert len(tip_numbers) == 1
    assert_rounds_to(tip_numbers[0], limit)


def test_two_class_readout_is_the_sigmoid(qtbot, model):
    rp = panel(qtbot, model)
    assert not rp.two_class.isVisibleTo(rp)
    model.update(num_classes=2)
    model.update(logits=[0.3, 1.8])
    assert rp.two_class.isVisibleTo(rp)
    for logits, t in (([0.3, 1.8], 1.0), ([2.0, -1.5], 0.5)):
        model.update(logits=logits, temperature=t)
        x = (logits[1] - logits[0]) / t
        lines = seen(rp.two_class.text()).split("\n")
        assert_rounds_to(lines[1].split("=")[1].split()[0], special.expit(x))
        assert_rounds_to(lines[2].split("=")[-1].strip(), x)
        assert_rounds_to(lines[3].split("=")[-1].strip(), np.exp(x))
    # Beyond float64's exp the odds are written exp(x), not a clamped number.
    model.update(logits=[0.0, 1000.0], temperature=1.0)
    odds = seen(rp.two_class.text()).split("\n")[3]
    assert odds.endswith("= exp(1000)"), odds


# -- fitting: wrap or scroll, never cut ------------------------------------------------------


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    """The interface language; Chinese through the app's own .qm, removed afterwards."""
    if request.param == "en":
        yield "en"
        return
    with chinese_interface():
        yield request.param


@pytest.fixture
def interface_font(qapp):
    """A laptop's usual 10 pt interface font, whatever earlier tests left behind; restored."""
    saved = QFont(qapp.font())
    font = QFont(saved)
    font.setPointSizeF(10.0)
    qapp.setFont(font)
    yield font
    qapp.setFont(saved)


SCENES = {
    # scene: the edits after opening it (so the note has a "Now:" line)
    "start-here": {"target_class": 2, "units": "bits"},
    "two-class-sigmoid": {"logits": [0.25, -1.75]},
    "max-shift-overflow": {"units": "bits"},
}


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def overflowing_width(label: QLabel) -> float:
    """How far the widest unbreakable run of ``label`` sticks out of its text area (≤ 0: fits).

    heightForWidth cannot see a word longer than the line; this lays the text out the
    way QLabel does (word wrap, no document margin) and measures the widest line.
    """
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    if Qt.mightBeRichText(label.text()):
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    width = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    document.setTextWidth(width)
    return document.idealWidth() - width


def assert_every_label_fits(rp: ReadoutPanel, scroll: QScrollArea) -> int:
    """Nothing cut: every visible label shows all its text inside the panel."""
    assert rp.width() <= scroll.viewport().width(), "the panel is wider than its scroll area"
    assert not scroll.horizontalScrollBar().isVisible()
    checked = 0
    for label in rp.findChildren(QLabel):
        if not label.isVisibleTo(rp) or not label.text():
            continue
        what = f"{label.objectName() or label.parent().objectName()}: {seen(label.text())!r}"
        assert "…" not in label.text(), what
        if label.wordWrap():
            assert label.heightForWidth(label.width()) <= label.height(), what
            assert overflowing_width(label) <= 0.5, what
        else:
            assert label.sizeHint().width() <= label.width(), what
        assert label.minimumWidth() == 0, what
        right = label.mapTo(rp, QPoint(label.width(), 0)).x()
        assert right <= rp.width(), what
        checked += 1
    for value in rp.findChildren(NumberText):
        if not value.isVisibleTo(rp):
            continue
        what = f"{value.parent().objectName()}: {value.text()!r}"
        # Wider than its widest word; all its lines inside its height; inside the panel.
        assert value.width() >= value.minimumSizeHint().width(), what
        assert value.heightForWidth(value.width()) <= value.height(), what
        assert value.mapTo(rp, QPoint(value.width(), 0)).x() <= rp.width(), what
        checked += 1
    return checked


@pytest.mark.parametrize("scene", list(SCENES))
@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("width", [260, 320, 480])
def test_panel_fits_any_width_in_a_scroll_area(
    qtbot, interface_font, language, scene, projector, width
):
    """Alone in a QScrollArea at 260–480 px, normal and projector, English and Chinese."""
    model, look = ExplorerModel(), Appearance()
    opened = load_scene(find_builtin_scene(scene), language)
    model.replace_state(opened.state)
    rp = ReadoutPanel(model, look)
    rp.show_note(opened.title, opened.description, model.state)
    model.update(**SCENES[scene])
    assert rp.note_now, "the note should have a Now: line"
    if language != "en":
        assert "熵" in rp.readouts["readout_entropy"].caption.text()  # the translator is in use
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(rp)
    show_view(qtbot, scroll, width, 400)
    look.set_projector(projector)
    _settle()
    assert look.base_point_size == pytest.approx(10.0)
    assert rp.font().pointSizeF() == pytest.approx(10.0 * look.font_scale)
    checked = assert_every_label_fits(rp, scroll)
    assert checked >= 8
    if projector:  # and back again, live
        look.set_projector(False)
        _settle()
        assert_every_label_fits(rp, scroll)


def test_fit_check_catches_a_label_that_cannot_wrap(qtbot, interface_font, model):
    """The fit check itself: a long unbreakable word or a minimum width is caught."""
    rp = ReadoutPanel(model)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(rp)
    show_view(qtbot, scroll, 260, 400)
    rp.show_note("Title", "x" * 80)
    _settle()
    with pytest.raises(AssertionError):
        assert_every_label_fits(rp, scroll)
    rp.show_note("Title", "A note that wraps.")
    rp.identity.setMinimumWidth(400)
    _settle()
    with pytest.raises(AssertionError):
        assert_every_label_fits(rp, scroll)


def test_numbers_and_units_are_joined_in_every_label(qtbot, language):
    """No line break inside "3.389 bits" or "1.213 − 0.088", nor inside 比特 in Chinese."""
    model = ExplorerModel()
    rp = panel(qtbot, model)
    model.update(units="bits")
    rp.show_note("Title", "Text.")
    model.update(target_class=2)
    units = [QCoreApplication.translate("LogitLab", u) for u in ("nats", "bits", "(unitless)")]
    if language != "en":
        assert "比特" in units  # the translator is in use
    texts = [label.text() for label in rp.findChildren(QLabel)]
    texts += [value.text() for value in rp.findChildren(NumberText)]
    assert any(units[1] in text.replace(WORD_JOINER, "") for text in texts)
    for text in texts:
        text = text.replace("&nbsp;", NBSP)
        for unit in units:
            # After a number comes a non-breaking space, then the unit with joiners
            # wherever a line could otherwise break inside it (Chinese).
            assert not re.search(rf"\d {re.escape(unit)}", text), text
            if len(unit) > 1 and any(ord(c) > 0x2E80 for c in unit):
                assert not re.search(rf"\d{NBSP}{re.escape(unit)}", text), text
        assert not re.search(r"\d [+−] \d", text), text
        assert not re.search(r" = \d", text), text
    shown = line(rp.readouts["readout_entropy"])
    assert shown.endswith(f"= 0.000 {units[1]}"), shown


# -- redraws, colours, fonts --------------------------------------------------------------


def test_readouts_redraw_only_for_new_numbers_or_units(qtbot, model, monkeypatch):
    rp = panel(qtbot, model)
    calls = []
    original = rp._redraw
    monkeypatch.setattr(rp, "_redraw", lambda: (calls.append(1), original()))
    model.update(class_names=("a", "b", "c", "d"))
    model.clear_history()
    assert calls == []
    model.update(units="bits")
    assert len(calls) == 1
    assert_values_match(rp, model)
    model.set_logit(0, -3.0)
    assert len(calls) == 2
    assert_values_match(rp, model)


def test_readout_colours_come_from_the_appearance(qtbot, model):
    look = Appearance()
    rp = panel(qtbot, model, look)
    entropy = rp.readouts["readout_entropy"]
    assert look.html("muted") in entropy.caption.text()
    error = entropy.reason.palette().color(QPalette.ColorRole.WindowText)
    assert error == look.qcolor("error")
    rp.show_note("Title", "A note for the room.")
    assert rp.note.isVisibleTo(rp)
    assert rp.note.palette().color(QPalette.ColorRole.Window) == look.qcolor("note_background")
    assert look.html("muted") in rp.note.text()  # the "When the scene opened:" caption
    # The max-shift verdict: "ok" without overflow, "error" with it.
    verdict = rp.max_shift.verdict
    assert verdict.palette().color(QPalette.ColorRole.WindowText) == look.qcolor("ok")
    assert verdict.isVisibleTo(rp) and verdict.text().startswith("✓")
    assert rp.max_shift.property("overflows") is False
    model.update(num_classes=3)
    model.update(logits=[123.0, 456.0, 789.0])
    assert rp.max_shift.property("overflows") is True
    assert verdict.palette().color(QPalette.ColorRole.WindowText) == look.qcolor("error")
    assert verdict.text().startswith("✗")
    assert_values_match(rp, model)
    rp.show_note("", "")
    assert not rp.note.isVisibleTo(rp)


def test_projector_mode_enlarges_the_readouts_live(qtbot, model):
    look = Appearance()
    rp = panel(qtbot, model, look)
    size = rp.readouts["readout_kl"].value.font().pointSizeF()
    assert size == pytest.approx(look.base_point_size)
    rp.show_note("Title", "A note.")
    look.set_projector(True)
    assert rp.readouts["readout_kl"].value.font().pointSizeF() == pytest.approx(
        PROJECTOR_SCALE * size
    )
    assert rp.note.font().pointSizeF() == pytest.approx(PROJECTOR_SCALE * size)
    assert rp.note.isVisibleTo(rp) and "A note." in rp.note.text()
    assert_values_match(rp, model)
    look.set_projector(False)
    assert rp.readouts["readout_kl"].value.font().pointSizeF() == pytest.approx(size)


def test_panel_makes_its_own_appearance_when_given_none(qtbot, model):
    rp = ReadoutPanel(model)
    qtbot.addWidget(rp)
    assert isinstance(rp.appearance, Appearance)
    assert all(r.appearance is rp.appearance for r in rp.readouts.values())


class _LayoutRequests(QWidget):
    """Counts the LayoutRequest events a widget receives (an event filter)."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_new_numbers_repaint_the_readouts_without_laying_the_panel_out_again(qtbot):
    # The identity note and the worked examples change with every logit; they ask for a
    # new layout of the panel only when they need another size.
    model = ExplorerModel()
    model.update(num_classes=2, logits=[1.0, 0.0])
    rp = panel(qtbot, model)
    _settle()
    values = (1.25, 2.5, 0.75, 1.5)

    def show_each() -> None:
        for z in values:
            model.update(logits=[z, 0.0])
            _settle()
            ce = special.logsumexp([z, 0.0]) - z  # p is one-hot on class 0
            assert f"{ce:.4f}"[:5] in seen(rp.identity.text()), rp.identity.text()
            sigmoid_line = seen(rp.two_class.text()).split("\n")[1]  # σ((z₁ − z₀)/T) = …
            shown = float(re.search(r"= (\d\.\d+)", sigmoid_line).group(1))
            assert shown == pytest.approx(special.expit(-z), abs=5e-4), sigmoid_line

    show_each()  # the room may grow once here (a number with more digits) and then stays
    requests = [_LayoutRequests(w) for w in (rp, rp.max_shift, rp.two_class)]
    values = (1.5, 0.75, 2.5, 1.25, 1.0)
    show_each()
    assert [r.count for r in requests] == [0, 0, 0]
    # Three classes: the two-class example goes, and the panel is laid out again.
    model.update(num_classes=3)
    _settle()
    assert not rp.two_class.isVisibleTo(rp)
    assert requests[0].count >= 1
