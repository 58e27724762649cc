"""ReadoutPanel: each quantity with its formula, live value and unit; the scene note.

Every number goes through :mod:`app.formatting` (one formatter for the
readouts, the notes, the tooltips and the copied text). A number and its
unit, and the parts of a sum such as "1.213 − 0.088", are joined with
non-breaking spaces, so the word-wrapped labels break between words but
never inside a number; the panel reports its height for its width and sits
in a vertical scroll area when narrow (the main window provides it).

Colours (captions, errors, passed checks, the scene note) and the font size
come from the shared :class:`~app.appearance.Appearance`; a change of it
(projector mode) restyles the panel live.
"""

from __future__ import annotations

import html
import math
import sys
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.appearance import Appearance
from app.formatting import (
    CJK_START,
    Kind,
    format_aligned,
    format_value,
    format_vector,
    in_units,
    term_sign,
)
from app.i18n import N_, loss_label, tr
from app.model import EVERYTHING, Change, ExplorerModel, ExplorerState, ProblemType, Units
from app.widgets.common import NumberText, blocked, tint
from core import ExplorerResult, LossKind

# Unit names, shown through tr() (listed here so the translation tools find them).
UNIT_NAMES = (N_("nats"), N_("bits"))

#: Joins what must stay on one line: a number and its unit, "1.213 − 0.088".
NBSP = "\u00a0"
#: Forbids a line break between the characters it joins (and is never drawn).
WORD_JOINER = "\u2060"
#: exp overflows float64 above this: ln of the largest double (about 709.78).
OVERFLOW_EXPONENT = math.log(sys.float_info.max)


def unbreakable(text: str) -> str:
    """``text`` with its spaces made non-breaking: a line never breaks inside it.

    Chinese text may break between any two characters, so a unit such as 比特
    also gets word joiners between its characters.
    """
    text = text.replace(" ", NBSP)
    if any(ord(c) >= CJK_START for c in text):
        text = WORD_JOINER.join(text)
    return text


def number(value: float, kind: Kind) -> str:
    """One number from the formatter, never broken across lines ("1 − 3×10⁻⁹" included)."""
    return unbreakable(format_value(value, kind))


def quantity(value: float, kind: Kind, unit: str = "") -> str:
    """A number with its unit, on one line: "3.466 nats"."""
    return number(value, kind) + (NBSP + unbreakable(unit) if unit else "")


def equation(left: str, right: str) -> str:
    """``left = right`` that breaks, if at all, inside ``left`` or ``right`` (never at "=")."""
    return f"{left}{NBSP}={NBSP}{right}"


def plain(text: str) -> str:
    """Displayed text back to ordinary spaces and no joiners (for the clipboard)."""
    return text.replace(NBSP, " ").replace(WORD_JOINER, "")


@dataclass(frozen=True)
class _Spec:
    name: str
    formula: str
    tip: str


SPECS = {
    "readout_entropy": _Spec(
        N_("entropy"),
        "H(p) = −Σ pᵢ log pᵢ",
        N_(
            "Entropy of the true distribution: the expected information −log pᵢ.\n"
            "32 equally likely teams: log₂ 32 = 5 bits. 0·log 0 = 0.",
        ),
    ),
    "readout_cross_entropy": _Spec(
        N_("cross-entropy"),
        "H(p,q) = −Σ pᵢ log qᵢ",
        N_(
            "Cross-entropy: the information when p is coded with q.\n"
            "Gibbs' inequality: H(p,q) ≥ H(p), with equality only when q = p.",
        ),
    ),
    "readout_kl": _Spec(
        N_("KL"),
        "KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) = H(p,q) − H(p)",
        N_(
            "Relative entropy: the extra information paid for using q instead of p.\n"
            "KL ≥ 0, and KL = 0 exactly when q = p.",
        ),
    ),
    "readout_mse": _Spec(
        N_("MSE"),
        "(1/K) Σ (qᵢ − pᵢ)²",
        N_(
            "Mean squared error between q and p (unitless).",
        ),
    ),
    "readout_loss": _Spec(
        N_("loss"),
        "",
        N_(
            "The selected loss for this one example, exactly as TensorFlow computes it,\n"
            "always in nats (TensorFlow's unit).",
        ),
    ),
}


#: The readouts' formulas where the outputs are sigmoids: sums of per-output Bernoulli terms.
SIGMOID_FORMULAS = {
    ProblemType.BINARY: {
        "readout_entropy": "H(y) = −y log y − (1 − y) log(1 − y)",
        "readout_cross_entropy": "H(y,σ) = −y log σ − (1 − y) log(1 − σ)",
        "readout_kl": "KL(y‖σ) = H(y,σ) − H(y)",
        "readout_mse": "(σ − y)²",
    },
    ProblemType.MULTILABEL: {
        "readout_entropy": "H(p) = Σᵢ H(tᵢ), H(t) = −t log t − (1 − t) log(1 − t)",
        "readout_cross_entropy": "H(p,q) = −Σᵢ [tᵢ log σᵢ + (1 − tᵢ) log(1 − σᵢ)]",
        "readout_kl": "KL = Σᵢ KL(tᵢ‖σᵢ) = H(p,q) − H(p)",
        "readout_mse": "(1/K) Σ (σᵢ − tᵢ)²",
    },
}


class Readout(QFrame):
    """One quantity: a caption and its formula, the value and unit beside them (``value``, a
    :class:`~app.widgets.common.NumberText`), and a reason when infinite.

    The dynamic property ``value`` holds the number shown first, in the units
    shown first; ``plain_text`` is the same line for the clipboard.
    """

    def __init__(
        self, object_name: str, appearance: Appearance | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        spec = SPECS[object_name]
        self.kind = Kind.MSE if object_name == "readout_mse" else Kind.INFORMATION
        self.setObjectName(object_name)
        self.setToolTip(tr(spec.tip))
        self.setAccessibleName(tr(spec.name))
        # The caption and formula wrap between words when narrow; the value beside them is
        # plain text in its own NumberText, so a change of the number repaints only it.
        # No style sheet here: it would stop the application font (projector mode) applying.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(0)
        self._row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(6)
        self.caption = QLabel()
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setWordWrap(True)
        self.value = NumberText()
        bold = QFont()  # only the weight: the size still follows the panel's font
        bold.setBold(True)
        self.value.setFont(bold)
        row.addWidget(self.caption, 1)
        row.addWidget(self.value)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.hide()
        layout.addLayout(row)
        layout.addWidget(self.reason)
        self.name = spec.name
        self.formula = spec.formula
        self.setProperty("value", 0.0)
        self.plain_text = ""
        self._arrange()
        self._shown: tuple = (0.0, "", None, "", None, None)
        self.restyle()

    def restyle(self) -> None:
        """Colours from the appearance (the value text is rebuilt with them)."""
        tint(self.reason, foreground=self.appearance.html("error"))
        self.show_value(*self._shown)

    def show_value(
        self,
        value: float,
        unit: str,
        formula: str | None = None,
        reason: str = "",
        kind: Kind | None = None,
        also: tuple[float, str] | None = None,
    ) -> None:
        """Show ``formula = value unit``, and ``(also)`` beside it: the value in other units.

        ``kind`` overrides the readout's own kind of number (the loss readout
        shows MSE as MSE).
        """
        self._shown = (value, unit, formula, reason, kind, also)
        formula = self.formula if formula is None else formula
        kind = self.kind if kind is None else kind
        shown = number(value, kind)
        unit_text = NBSP + unbreakable(unit) if unit else ""
        also_text = f" ({quantity(also[0], kind, also[1])})" if also is not None else ""
        muted = self.appearance.html("muted")
        name = tr(self.name)
        self.caption.setText(
            f"<span style='color:{muted}'>{html.escape(name)}</span>&nbsp;&nbsp;"
            f"{html.escape(formula)}{NBSP}="
        )
        self.value.setText(f"{shown}{unit_text}{also_text}")
        self._arrange()
        self.setProperty("value", float(value))
        self.plain_text = plain(f"{name}: {formula} = {shown}{unit_text}{also_text}")
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))

    #: The value stands beside the formula while it takes at most this part of the width.
    BESIDE = 0.45

    def _arrange(self) -> None:
        """The value beside the formula (aligned with its last line), or under it when narrow."""
        beside = self.value.sizeHint().width() <= self.BESIDE * self.contentsRect().width()
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)
            align = Qt.AlignmentFlag.AlignBottom if beside else Qt.AlignmentFlag.AlignLeft
            self._row.setAlignment(self.value, align)
            self.updateGeometry()  # the frame's height for its width changed

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's spelling)
        super().resizeEvent(event)
        self._arrange()


def infinity_reason(result: ExplorerResult) -> str:
    """Why H(p,q) or KL is infinite, naming the classes; empty when finite."""
    bad = np.flatnonzero((result.p > 0) & (result.q == 0))
    if not math.isinf(result.cross_entropy) or bad.size == 0:
        return ""
    classes = ", ".join(str(i) for i in bad[:5])
    return tr("∞ because q = 0 where p > 0 (class {classes}): log 0 = −∞.").format(classes=classes)


class WorkedExample(QFrame):
    """A boxed worked example under the readouts: a caption, lines that change with every
    logit, and an optional verdict line; the panel colours the caption and the verdict.

    All plain text on purpose: a rich-text label lays out a document and paints
    twice for each new text. The lines are a :class:`~app.widgets.common.NumberText`,
    which asks for a new layout only when it needs more room. :meth:`text` is what
    the box shows, line by line.
    """

    def __init__(self, name: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        self.caption, self.body, self.verdict = QLabel(), NumberText(), QLabel()
        for label in (self.caption, self.verdict):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        for widget in (self.caption, self.body, self.verdict):
            layout.addWidget(widget)
        self.verdict.hide()

    def show_lines(self, caption: str, lines: list[str], verdict: str = "") -> None:
        """``caption``, then ``lines``, then ``verdict`` (hidden when empty)."""
        self.caption.setText(caption)
        self.body.setText("\n".join(lines))
        self.verdict.setText(verdict)
        self.verdict.setVisible(bool(verdict))

    def text(self) -> str:
        shown = [self.caption.text(), self.body.text()]
        if self.verdict.text():
            shown.append(self.verdict.text())
        return "\n".join(shown)


def _as_html(text: str) -> str:
    """Plain text (a scene's title or note, a class name) for a rich-text label."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def _differs(old: object, new: object) -> bool:
    if isinstance(old, np.ndarray) or isinstance(new, np.ndarray):
        a, b = np.asarray(old), np.asarray(new)
        return a.shape != b.shape or not np.array_equal(a, b)
    return old != new


#: State fields a scene note can talk about (see :func:`now_phrases`).
NOTE_FIELDS = (
    "problem_type",
    "weight",
    "reduction",
    "logits",
    "num_classes",
    "class_names",
    "target_mode",
    "target_class",
    "soft_target",
    "auto_normalise",
    "temperature",
    "units",
    "loss",
    "label_smoothing",
    "pos_weight",
)


def now_phrases(start: ExplorerState, state: ExplorerState, result: ExplorerResult) -> list[str]:
    """What differs from the scene's starting state, in the terms scene notes use.

    Empty while the state is the one the scene opened with (or differs only
    in what no note talks about: pins, the slider range, the names of classes
    that are not the true class). Numbers come from the formatter, in the
    current units.
    """

    def changed(name: str) -> bool:
        return _differs(getattr(start, name), getattr(state, name))

    phrases: list[str] = []
    if changed("problem_type"):
        phrases.append(tr("problem: {kind}").format(kind=state.problem_type.value))
    resized = start.num_classes != state.num_classes
    if resized:
        phrases.append(tr("K = {k} classes").format(k=state.num_classes))
    true_name = state.class_names[state.target_class]
    if state.soft:
        target_changed = not start.soft or changed("soft_target") or changed("auto_normalise")
        if target_changed:
            phrases.append(equation("p", format_vector(state.soft_target, Kind.PROBABILITY)))
            total = float(np.sum(state.soft_target))
            if not math.isclose(total, 1.0, rel_tol=0.0, abs_tol=1e-9):
                phrases.append(equation("Σp", number(total, Kind.PROBABILITY)))
    else:
        start_name = start.class_names[start.target_class] if not start.soft else None
        target_changed = (
            start.soft
            or resized
            or start.target_class != state.target_class
            or start_name != true_name
        )
        if target_changed:
            phrases.append(tr("the true class is {name}").format(name=true_name))
    q_changed = resized or changed("logits") or changed("temperature")
    if changed("logits"):
        phrases.append(equation("z", format_vector(state.logits, Kind.LOGIT)))
    if changed("temperature"):
        phrases.append(equation("T", number(state.temperature, Kind.RATIO)))
    if changed("loss"):
        phrases.append(tr("the loss is {loss}").format(loss=loss_label(state.loss)))
    if changed("label_smoothing"):
        phrases.append(
            tr("label smoothing s = {s}").format(s=number(state.label_smoothing, Kind.PROBABILITY))
        )
    if changed("pos_weight"):
        phrases.append(equation("pos_weight", number(state.pos_weight, Kind.RATIO)))
    if changed("weight"):
        phrases.append(equation(tr("weight"), number(state.weight, Kind.RATIO)))
    if changed("reduction"):
        phrases.append(equation(tr("reduction"), state.reduction.value))
    if changed("units"):
        phrases.append(tr("units: {unit}").format(unit=unbreakable(tr(state.units.value))))
    if q_changed or target_changed:
        if state.soft:
            phrases.append(equation("q", format_vector(result.q, Kind.PROBABILITY)))
        else:
            q_true = number(float(result.q[state.target_class]), Kind.PROBABILITY)
            phrases.append(equation(f"q({true_name})", q_true))
    if q_changed or target_changed or changed("units"):
        ce = in_units(result.cross_entropy, state.units)
        phrases.append(equation("H(p,q)", quantity(ce, Kind.INFORMATION, tr(state.units.value))))
    return phrases


class ReadoutPanel(QWidget):
    """The five readouts of the contract, plus a check of H(p,q) = H(p) + KL.

    ``model.changed`` arrives at :meth:`_on_changed`, which redraws the
    numbers only for a new result or a unit switch (a rename, a pin or a
    history point changes no number shown here) and the scene note for any
    change it talks about. ``appearance.changed`` restyles the panel.
    """

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readout_panel")
        self._model = model
        self.appearance = appearance if appearance is not None else Appearance(parent=self)
        self._note: tuple[str, str] = ("", "")
        self._note_start: ExplorerState | None = None
        #: The note's generated "Now:" line as plain text; empty while the state is the scene's.
        self.note_now = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.readouts = {name: Readout(name, self.appearance) for name in SPECS}
        for r in self.readouts.values():
            layout.addWidget(r)
        # It changes with every logit: a NumberText, which re-lays out the panel only when
        # it needs more room (a QLabel did at every new text: 1.3 ms per change).
        self.identity = NumberText()
        self.identity.setObjectName("identity_note")
        self.identity.setToolTip(
            tr(
                "Gibbs' inequality H(p,q) ≥ H(p) holds for normalised p and q;\n"
                "the identity H(p,q) = H(p) + KL(p‖q) holds always."
            )
        )
        layout.addWidget(self.identity)
        self.floor = QLabel(objectName="loss_floor_note")
        self.floor.setWordWrap(True)
        self.floor.setToolTip(
            tr(
                "With label smoothing the target is p′, never one-hot, so the loss cannot\n"
                "reach 0: its smallest value is at q = p′. That is why it stops falling."
            )
        )
        layout.insertWidget(layout.indexOf(self.readouts["readout_loss"]) + 1, self.floor)
        self.max_shift = WorkedExample(
            "readout_max_shift",
            tr(
                "The max-shift trick: softmax(z) = softmax(z − max z), and after the shift every\n"
                "exponent is ≤ 0, so exp cannot overflow. The textbook exp(z)/Σ exp(z) overflows\n"
                "float64 once a logit/T exceeds about {limit}: exp gives ∞ and ∞/∞ is undefined."
            ).format(limit=number(OVERFLOW_EXPONENT, Kind.LOGIT)),
        )
        layout.addWidget(self.max_shift)
        self.two_class = WorkedExample(
            "readout_two_class",
            tr(
                "With two classes, softmax is the sigmoid: q₁ = e^z₁/(e^z₀ + e^z₁) = σ(z₁ − z₀).\n"
                "The logit difference is the log-odds ln(q₁/q₀); odds = q₁/q₀ = e^(z₁ − z₀)."
            ),
        )
        layout.addWidget(self.two_class)
        # The open scene's explanation: what a lecturer wants the room to read.
        self.note = QLabel(objectName="scene_note")
        self.note.setWordWrap(True)
        self.note.setFrameShape(QFrame.Shape.Box)
        self.note.setMargin(6)
        self.note.hide()
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._apply_style()
        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._on_changed(EVERYTHING)

    # -- style -------------------------------------------------------------
    def _apply_style(self) -> None:
        """The font size and colours of the appearance.

        The panel's font is set explicitly (the interface size times the font
        scale), so it follows projector mode whatever the application font is.
        """
        self.setFont(self.appearance.font())
        tint(self.note, background=self.appearance.html("note_background"))
        for box in (self.max_shift, self.two_class):
            tint(box.caption, foreground=self.appearance.html("muted"))
        for readout in self.readouts.values():
            readout.restyle()

    def _restyle(self) -> None:
        self._apply_style()
        self._refresh_note()
        self._on_changed(EVERYTHING)

    # -- drawing -----------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """The one entry for the model's changes: redraw for new numbers or other units,
        and the scene note for anything it describes."""
        if change.recomputed or change.touches("units"):
            with blocked(self):
                self._redraw()
        if self._note[1] and change.touches(*NOTE_FIELDS):
            self._refresh_note()

    def _refresh_max_shift(self, r: ExplorerResult) -> None:
        if r.naive_overflows:
            verdict, colour = tr("✗ exp overflows: use the shift"), "error"
        else:
            verdict, colour = tr("✓ agrees (no overflow here)"), "ok"
        self.max_shift.show_lines(
            tr("max-shift trick"),
            [
                f"(z − max z)/T = {format_vector(r.shifted, Kind.LOGIT)}",
                f"{tr('naive')} exp(z)/Σ exp(z) = "
                f"{format_vector(r.q_naive, Kind.PROBABILITY, naive=True)}",
                f"{tr('shifted softmax')} = {format_vector(r.q, Kind.PROBABILITY)}",
            ],
            verdict,
        )
        tint(self.max_shift.verdict, foreground=self.appearance.html(colour))
        self.max_shift.setProperty("overflows", r.naive_overflows)

    def _refresh_floor(self, r: ExplorerResult) -> None:
        """The smallest reachable loss, while label smoothing keeps it above 0."""
        shown = r.smoothing_applied and r.loss_floor is not None
        self.floor.setVisible(shown)
        if not shown:
            return
        muted = self.appearance.html("muted")
        self.floor.setText(
            f"<span style='color:{muted}'>{tr('floor with label smoothing:')}</span> "
            + tr("the loss cannot go below {floor}, its value at q = p′.").format(
                floor=f"<b>{quantity(r.loss_floor, Kind.INFORMATION, tr('nats'))}</b>"
            )
        )
        self.floor.setProperty("value", float(r.loss_floor))

    def _refresh_two_class(self, r: ExplorerResult) -> None:
        visible = r.two_class_sigmoid is not None and r.two_class_log_odds is not None
        self.two_class.setVisible(visible)
        if not visible:
            return
        log_odds = r.two_class_log_odds
        if abs(log_odds) < OVERFLOW_EXPONENT:
            odds = number(math.exp(log_odds), Kind.RATIO)
        else:  # e^x overflows (or its inverse underflows) in float64: a power of e
            odds = f"exp({number(log_odds, Kind.LOGIT)})"
        sigmoid = number(r.two_class_sigmoid, Kind.PROBABILITY)
        if r.problem_type == "binary":
            softmax = number(r.two_class_softmax or 0.0, Kind.PROBABILITY)
            self.two_class.show_lines(
                tr("one sigmoid = a 2-class softmax"),
                [
                    f"σ(z/T) ={NBSP}{sigmoid} = softmax([0, z/T])₁ ={NBSP}{softmax}",
                    f"{tr('log-odds')} ln(σ/(1 − σ)) = z/T ={NBSP}{number(log_odds, Kind.LOGIT)}",
                    f"{tr('odds')} σ/(1 − σ) ={NBSP}{odds}",
                ],
            )
            return
        self.two_class.show_lines(
            tr("two classes: softmax = sigmoid"),
            [
                f"σ((z₁ − z₀)/T) ={NBSP}{sigmoid} = q₁",
                f"{tr('log-odds')} ln(q₁/q₀) = (z₁ − z₀)/T ={NBSP}{number(log_odds, Kind.LOGIT)}",
                f"{tr('odds')} q₁/q₀ ={NBSP}{odds}",
            ],
        )

    def show_note(self, title: str, text: str, start_state: ExplorerState | None = None) -> None:
        """Show a scene's title and explanation under the readouts (empty text hides it).

        The note describes the scene as it opened, ``start_state`` (default:
        the model's state now, which is the scene's when called right after
        opening it). As soon as the state differs in a way notes talk about,
        a "Now:" line generated from the current state follows the text.
        """
        self._note = (title, text)
        self._note_start = start_state if start_state is not None else self._model.state
        self._refresh_note()

    def _refresh_note(self) -> None:
        title, text = self._note
        self.note.setVisible(bool(text))
        if not text:
            self.note_now = ""
            self.note.setText("")
            return
        start = self._note_start if self._note_start is not None else self._model.state
        phrases = now_phrases(start, self._model.state, self._model.result)
        separator = tr("; ")
        self.note_now = plain(separator.join(phrases))
        muted = self.appearance.html("muted")
        parts = [f"<b>{_as_html(title)}</b>"] if title else []
        caption = tr("When the scene opened:")
        parts.append(f"<i style='color:{muted}'>{caption}</i> {_as_html(text)}")
        if phrases:
            now = separator.join(_as_html(p) for p in phrases)
            parts.append(f"<b>{tr('Now:')}</b> {now}")
        self.note.setText("<br>".join(parts))

    def refresh(self) -> None:
        """Redraw everything from ``model.state`` and ``model.result``."""
        self._on_changed(EVERYTHING)

    def _redraw(self) -> None:
        state, r = self._model.state, self._model.result
        units = state.units
        unit_name = tr(units.value)
        reason = infinity_reason(r)
        h, ce, kl = (in_units(v, units) for v in (r.entropy, r.cross_entropy, r.kl))
        formulas = SIGMOID_FORMULAS.get(state.problem_type, {})
        self.readouts["readout_entropy"].show_value(
            h, unit_name, formula=formulas.get("readout_entropy")
        )
        self.readouts["readout_cross_entropy"].show_value(
            ce, unit_name, reason=reason, formula=formulas.get("readout_cross_entropy")
        )
        self.readouts["readout_kl"].show_value(
            kl, unit_name, reason=reason, formula=formulas.get("readout_kl")
        )
        self.readouts["readout_mse"].show_value(
            r.mse, tr("(unitless)"), formula=formulas.get("readout_mse")
        )
        # The loss stays in nats, TensorFlow's unit (the contract); in bits mode its value
        # in bits stands beside it, so it reads against H(p,q). MSE has no unit.
        if state.loss is LossKind.MSE:
            self.readouts["readout_loss"].show_value(
                r.loss, tr("(unitless)"), formula=loss_label(state.loss), kind=Kind.MSE
            )
        else:
            also = (in_units(r.loss, units), unit_name) if units is Units.BITS else None
            self.readouts["readout_loss"].show_value(
                r.loss, tr("nats"), formula=loss_label(state.loss), also=also
            )
        self._refresh_floor(r)
        self.max_shift.setVisible(not r.sigmoid_outputs)  # the pitfalls cover the sigmoid
        if not r.sigmoid_outputs:
            self._refresh_max_shift(r)
        self._refresh_two_class(r)
        self._refresh_identity(h, ce, kl, unit_name, float(np.sum(r.p)))

    def _refresh_identity(self, h: float, ce: float, kl: float, unit: str, p_sum: float) -> None:
        """H(p,q) = H(p) + KL with one precision for its three numbers, and Gibbs' inequality."""
        if not math.isfinite(ce):
            self.identity.setText(f"H(p,q) = H(p) + KL ={NBSP}∞")
            return
        shown = format_aligned([ce, h, abs(kl)], Kind.INFORMATION)
        sign = term_sign(kl, shown[2])
        total, first, second = (unbreakable(s) for s in shown)
        equation = f"{total}{NBSP}= {first}{NBSP}{sign}{NBSP}{second}{NBSP}{unbreakable(unit)}"
        if ce >= h - 1e-12:
            gibbs = f"{tr('Gibbs:')} H(p,q) ≥ H(p)"
        else:  # only possible for a p that does not sum to 1
            gibbs = f"{tr('Gibbs:')} H(p,q) < H(p) (Σp ={NBSP}{number(p_sum, Kind.PROBABILITY)})"
        self.identity.setText(f"H(p,q) = H(p) + KL:\n{equation}\n{gibbs}")
