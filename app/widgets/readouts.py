"""ReadoutPanel: each quantity with its formula and live value.

Colours (captions, errors, passed checks, the scene note) and the font size
come from the shared :class:`~app.appearance.Appearance`; a change of it
(projector mode) restyles the panel live.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_aligned, format_value, format_vector, in_units
from app.i18n import N_, loss_label, tr
from app.model import EVERYTHING, Change, ExplorerModel
from app.widgets.common import blocked, tint
from core import ExplorerResult

# Unit names, shown through tr() (listed here so the translation tools find them).
UNIT_NAMES = (N_("nats"), N_("bits"))


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


class Readout(QFrame):
    """One quantity: a caption, its formula with the value, and a reason when infinite.

    The dynamic property ``value`` holds the number shown, in the units shown.
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
        self.setAccessibleName(spec.name)
        # One line per quantity (wrapping only when narrow): the numbers must all
        # fit on a projector screen beside the plots.
        # No style sheet here: it would stop the application font (projector mode) applying.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(0)
        self.text = QLabel()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.hide()
        layout.addWidget(self.text)
        layout.addWidget(self.reason)
        self.name = spec.name
        self.formula = spec.formula
        self.setProperty("value", 0.0)
        self.plain_text = ""
        self._shown: tuple[float, str, str | None, str] = (0.0, "", None, "")
        self.restyle()

    def restyle(self) -> None:
        """Colours from the appearance (the value text is rebuilt with them)."""
        tint(self.reason, foreground=self.appearance.html("error"))
        self.show_value(*self._shown)

    def show_value(
        self, value: float, unit: str, formula: str | None = None, reason: str = ""
    ) -> None:
        self._shown = (value, unit, formula, reason)
        formula = self.formula if formula is None else formula
        unit_text = f" {unit}" if unit else ""
        muted = self.appearance.html("muted")
        self.text.setText(
            f"<span style='color:{muted}'>{tr(self.name)}</span>&nbsp;&nbsp;"
            f"{formula} = <b>{format_value(value, self.kind)}</b>{unit_text}"
        )
        self.setProperty("value", float(value))
        self.plain_text = f"{self.name}: {formula} = {format_value(value, self.kind)}{unit_text}"
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))


def infinity_reason(result: ExplorerResult) -> str:
    """Why H(p,q) or KL is infinite, naming the classes; empty when finite."""
    bad = np.flatnonzero((result.p > 0) & (result.q == 0))
    if not math.isinf(result.cross_entropy) or bad.size == 0:
        return ""
    classes = ", ".join(str(i) for i in bad[:5])
    return f"∞ because q = 0 where p > 0 (class {classes}): log 0 = −∞."


def _framed_label(name: str, tip: str) -> QLabel:
    """A boxed, wrapping label for a worked example under the readouts."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setContentsMargins(6, 4, 6, 4)
    label.setToolTip(tip)
    return label


class ReadoutPanel(QWidget):
    """The five readouts of the contract, plus a check of H(p,q) = H(p) + KL.

    ``model.changed`` arrives at :meth:`_on_changed`, which redraws only for a
    new result or a unit switch (a rename, a pin or a history point changes no
    number shown here). ``appearance.changed`` restyles the panel.
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.readouts = {name: Readout(name, self.appearance) for name in SPECS}
        for r in self.readouts.values():
            layout.addWidget(r)
        self.identity = QLabel(objectName="identity_note")
        self.identity.setWordWrap(True)
        self.identity.setToolTip(
            "Gibbs' inequality H(p,q) ≥ H(p) holds for normalised p and q;\n"
            "the identity H(p,q) = H(p) + KL(p‖q) holds always."
        )
        layout.addWidget(self.identity)
        self.max_shift = _framed_label(
            "readout_max_shift",
            "The max-shift trick: softmax(z) = softmax(z − max z), and after the shift every\n"
            "exponent is ≤ 0, so exp cannot overflow. The textbook exp(z)/Σ exp(z) overflows\n"
            "float64 once a logit/T exceeds about 709.78: exp gives ∞ and ∞/∞ is undefined.",
        )
        layout.addWidget(self.max_shift)
        self.two_class = _framed_label(
            "readout_two_class",
            "With two classes, softmax is the sigmoid: q₁ = e^z₁/(e^z₀ + e^z₁) = σ(z₁ − z₀).\n"
            "The logit difference is the log-odds ln(q₁/q₀); odds = q₁/q₀ = e^(z₁ − z₀).",
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
        for readout in self.readouts.values():
            readout.restyle()

    def _restyle(self) -> None:
        self._apply_style()
        self.show_note(*self._note)
        self._on_changed(EVERYTHING)

    # -- drawing -----------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """The one entry for the model's changes: redraw for new numbers or other units."""
        if change.recomputed or change.touches("units"):
            with blocked(self):
                self._redraw()

    def _refresh_max_shift(self, r: ExplorerResult) -> None:
        html = self.appearance.html
        verdict = (
            f"<span style='color:{html('error')}'>{tr('✗ exp overflows: use the shift')}</span>"
            if r.naive_overflows
            else f"<span style='color:{html('ok')}'>{tr('✓ agrees (no overflow here)')}</span>"
        )
        self.max_shift.setText(
            f"<span style='color:{html('muted')}'>{tr('max-shift trick')}</span><br>"
            f"(z − max z)/T = {format_vector(r.shifted, Kind.LOGIT)}<br>"
            f"naive e<sup>z</sup>/Σe<sup>z</sup> = "
            f"{format_vector(r.q_naive, Kind.PROBABILITY, naive=True)} {verdict}<br>"
            f"shifted softmax = {format_vector(r.q, Kind.PROBABILITY)}"
        )
        self.max_shift.setProperty("overflows", r.naive_overflows)

    def _refresh_two_class(self, r: ExplorerResult) -> None:
        visible = r.two_class_sigmoid is not None and r.two_class_log_odds is not None
        self.two_class.setVisible(visible)
        if not visible:
            return
        odds = format_value(math.exp(min(r.two_class_log_odds, 700.0)), Kind.RATIO)
        muted = self.appearance.html("muted")
        self.two_class.setText(
            f"<span style='color:{muted}'>{tr('two classes: softmax = sigmoid')}</span><br>"
            f"σ((z₁ − z₀)/T) = <b>{format_value(r.two_class_sigmoid, Kind.PROBABILITY)}</b> = q₁ "
            f"= {format_value(float(r.q[1]), Kind.PROBABILITY)}<br>"
            f"log-odds ln(q₁/q₀) = (z₁ − z₀)/T = {format_value(r.two_class_log_odds, Kind.LOGIT)}, "
            f"odds q₁/q₀ = {odds}"
        )

    def show_note(self, title: str, text: str) -> None:
        """Show a scene's title and explanation under the readouts (empty hides it)."""
        self._note = (title, text)
        self.note.setText(f"<b>{title}</b><br>{text}" if text else "")
        self.note.setVisible(bool(text))

    def refresh(self) -> None:
        """Redraw everything from ``model.state`` and ``model.result``."""
        self._on_changed(EVERYTHING)

    def _redraw(self) -> None:
        state, r = self._model.state, self._model.result
        units = state.units
        unit_name = tr(units.value)
        reason = infinity_reason(r)
        h, ce, kl = (in_units(v, units) for v in (r.entropy, r.cross_entropy, r.kl))
        self.readouts["readout_entropy"].show_value(h, unit_name)
        self.readouts["readout_cross_entropy"].show_value(ce, unit_name, reason=reason)
        self.readouts["readout_kl"].show_value(kl, unit_name, reason=reason)
        self.readouts["readout_mse"].show_value(r.mse, "")
        kind = state.loss
        # TensorFlow's losses are computed from logits: finite for any finite input.
        self.readouts["readout_loss"].show_value(r.loss, tr("nats"), formula=loss_label(kind))
        self._refresh_max_shift(r)
        self._refresh_two_class(r)
        if math.isfinite(ce):
            gibbs = "≥" if ce >= h - 1e-12 else "<"
            shown = format_aligned([ce, h, abs(kl)])  # one precision for the identity
            sign = "−" if kl < 0 else "+"
            self.identity.setText(
                f"H(p,q) = H(p) + KL: {shown[0]} = {shown[1]} {sign} {shown[2]}"
                f"   ·   Gibbs: H(p,q) {gibbs} H(p)"
            )
        else:
            self.identity.setText("H(p,q) = H(p) + KL = ∞")
