"""PitfallPanel: three common mistakes, each switched on to show the wrong number beside
the right one.

* **The activation applied twice** (a softmax of a softmax, σ of σ).
* **Probabilities passed as logits** to a ``…_with_logits`` loss.
* **The naive softmax** e^z/Σe^z without the max shift, which overflows.

The switches and the precision (``dtype``) are part of the state: each check
box and the combo call ``model.try_update(...)`` and show the model's values
(an undo puts them back). The numbers come from ``model.result.pitfalls``
(:class:`core.pitfalls.Pitfalls`), computed in the chosen precision. A wrong
number that is not finite is written ∞ or "undefined (∞/∞)", never "nan".
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.appearance import Appearance
from app.formatting import Kind, format_value, format_vector
from app.i18n import output_names, tr
from app.model import EVERYTHING, PITFALL_FIELDS, Change, ExplorerModel, FloatType, ProblemType
from app.widgets.common import RefreshedWhenShown, blocked, guard_wheel, tint
from app.widgets.readouts import NBSP, unbreakable
from core.pitfalls import Pitfalls

#: The seed's overflow example: three logits whose exp overflows float64.
SEED_LOGITS = (123.0, 456.0, 789.0)


def _overflowed(pit: Pitfalls) -> bool:
    """True when the naive formula's exponent passed the dtype's limit (exp gave ∞)."""
    return pit.largest_exponent > pit.exp_limit


def undefined(pit: Pitfalls, sigmoid: bool = False) -> str:
    """What a NaN of the naive formula is: ∞/∞ (overflow), 0/0 (underflow), or for a
    sigmoid 0·∞ (a label of 0 times log 0)."""
    if sigmoid:
        return tr("undefined (0·∞)")
    return tr("undefined (∞/∞)") if _overflowed(pit) else tr("undefined (0/0)")


def wrong_value(
    value: float, pit: Pitfalls, kind: Kind = Kind.INFORMATION, sigmoid: bool = False
) -> str:
    """A wrong number for people: ∞ for an infinity, "undefined (∞/∞)" (or 0/0, 0·∞) for
    NaN, else the formatter's text. Never "nan"."""
    if math.isnan(value):
        return undefined(pit, sigmoid)
    return format_value(value, kind)


def wrong_vector(values: Sequence[float], pit: Pitfalls) -> str:
    """A naive probability vector: its NaN entries as ∞/∞ (overflow) or 0/0 (underflow)."""
    text = format_vector(values, Kind.PROBABILITY, naive=True)
    return text if _overflowed(pit) else text.replace("∞/∞", "0/0")


class PitfallPanel(RefreshedWhenShown, QWidget):
    """The three pitfall switches, the precision, and the wrong numbers beside the right ones."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pitfall_panel")
        self.setAccessibleName(tr("Pitfalls"))
        self._model = model
        self.appearance = appearance or Appearance(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)

        self.caption = QLabel(
            tr("Common mistakes: switch one on to see the wrong number beside the right one.")
        )
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

        row = QHBoxLayout()
        self.dtype_label = QLabel(tr("Precision:"))
        self.dtype = QComboBox(objectName="dtype")
        self.dtype.addItem(tr("float64 (double)"), FloatType.FLOAT64.value)
        self.dtype.addItem(tr("float32 (single)"), FloatType.FLOAT32.value)
        self.dtype.setAccessibleName(tr("Precision of the pitfalls"))
        self.dtype.setToolTip(
            tr(
                "The float precision the pitfalls are computed in. exp overflows above "
                "709.78 in float64 and above 88.72 in float32."
            )
        )
        self.dtype.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.dtype.setMinimumContentsLength(8)
        self.dtype_label.setBuddy(self.dtype)
        row.addWidget(self.dtype_label)
        row.addWidget(self.dtype, 1)
        layout.addLayout(row)

        self.boxes: dict[str, QCheckBox] = {}
        self.details: dict[str, QLabel] = {}
        for name in PITFALL_FIELDS:
            box = QCheckBox(objectName=name)
            detail = QLabel(objectName=f"{name}_detail")
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.RichText)
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            detail.setContentsMargins(22, 0, 0, 6)
            detail.hide()
            layout.addWidget(box)
            layout.addWidget(detail)
            self.boxes[name] = box
            self.details[name] = detail
            box.toggled.connect(lambda on, name=name: self._switch(name, on))
            if name == "pitfall_naive_softmax":
                self.seed_example = QPushButton(
                    tr("Try [123, 456, 789]"), objectName="pitfall_seed_example"
                )
                self.seed_example.setAccessibleName(tr("Try [123, 456, 789]"))
                self.seed_example.setSizePolicy(
                    QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed
                )
                self.seed_example.clicked.connect(self._show_seed_example)
                layout.addWidget(self.seed_example)
        layout.addStretch(1)
        guard_wheel(self.dtype)
        self.dtype.currentIndexChanged.connect(self._choose_dtype)

        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- edits: through the model, then show what the model holds --------------------
    def _switch(self, name: str, on: bool) -> None:
        self._model.try_update(**{name: on})
        self._refresh_controls()  # a refused change puts the box back

    def _choose_dtype(self, index: int) -> None:
        self._model.try_update(dtype=self.dtype.itemData(index))
        self._refresh_controls()

    def _show_seed_example(self) -> None:
        if self._model.state.problem_type is ProblemType.MULTICLASS:
            self._model.try_update(num_classes=3, logits=list(SEED_LOGITS))

    # -- style -------------------------------------------------------------------
    def _apply_style(self) -> None:
        self.setFont(self.appearance.font())
        tint(self.caption, foreground=self.appearance.html("muted"))

    def _restyle(self) -> None:
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- following the model ---------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """The switches, the precision, and the numbers when they are new."""
        if not (change.recomputed or change.touches(*PITFALL_FIELDS, "dtype", "class_names")):
            return
        if self.hidden_now():  # another tab is in front: catch up when shown
            return
        self.refresh()

    def refresh(self) -> None:
        """Redraw everything from ``model.state`` and ``model.result``."""
        self._refresh_controls()
        state, pit = self._model.state, self._model.result.pitfalls
        sigmoid = state.problem_type.sigmoid
        self.boxes["pitfall_double_softmax"].setText(
            tr("Sigmoid applied twice") if sigmoid else tr("Softmax applied twice")
        )
        self.boxes["pitfall_probabilities_as_logits"].setText(tr("Probabilities passed as logits"))
        self.boxes["pitfall_naive_softmax"].setText(
            tr("Naive sigmoid 1/(1 + e^−z)") if sigmoid else tr("Naive softmax (no max shift)")
        )
        self._refresh_tips(sigmoid)
        multiclass = state.problem_type is ProblemType.MULTICLASS
        self.seed_example.setEnabled(multiclass)
        self.seed_example.setToolTip(
            tr(
                "Set K = 3 and the logits to [123, 456, 789]: exp(789) overflows, so the naive "
                "softmax gives ∞/∞ while the shifted one gives [0, 0, 1]."
            )
            if multiclass
            else tr(
                "The overflow example [123, 456, 789] is a softmax over three classes: choose "
                "the multiclass problem type first."
            )
        )
        texts = {
            "pitfall_double_softmax": self._double_text(pit, sigmoid),
            "pitfall_probabilities_as_logits": self._as_logits_text(pit, sigmoid),
            "pitfall_naive_softmax": self._naive_text(pit, sigmoid),
        }
        for name, detail in self.details.items():
            on = bool(getattr(state, name))
            detail.setVisible(on)
            detail.setText(texts[name] if on else "")

    def _refresh_controls(self) -> None:
        state = self._model.state
        with blocked(self.dtype, *self.boxes.values()):
            for name, box in self.boxes.items():
                box.setChecked(bool(getattr(state, name)))
            self.dtype.setCurrentIndex(self.dtype.findData(state.dtype.value))

    def _refresh_tips(self, sigmoid: bool) -> None:
        activation = "σ" if sigmoid else "softmax"
        self.boxes["pitfall_double_softmax"].setToolTip(
            tr(
                "A model that already ends in {f} whose output goes through {f} again, "
                "e.g. a {f} layer followed by a loss that applies its own."
            ).format(f=activation)
        )
        self.boxes["pitfall_probabilities_as_logits"].setToolTip(
            tr(
                "Passing probabilities q to a …_with_logits loss, which applies its own "
                "activation to them again."
            )
        )
        self.boxes["pitfall_naive_softmax"].setToolTip(
            tr(
                "The textbook formula without the stability trick: exp of a large number "
                "overflows to ∞ in the chosen precision."
            )
        )
        for box in self.boxes.values():
            box.setAccessibleName(box.text())

    # -- the texts --------------------------------------------------------------------
    def _wrong(self, text: str) -> str:
        return f"<span style='color:{self.appearance.html('warning')}'><b>{text}</b></span>"

    def _right(self, text: str) -> str:
        return f"<span style='color:{self.appearance.html('ok')}'><b>{text}</b></span>"

    def _muted(self, text: str) -> str:
        return f"<span style='color:{self.appearance.html('muted')}'>{text}</span>"

    def _outcome_name(self, pit: Pitfalls) -> str:
        """The name of the class (or outcome) whose probability the pitfall quotes."""
        names = output_names(self._model.state)
        return names[min(pit.true_index, len(names) - 1)]

    def _double_text(self, pit: Pitfalls, sigmoid: bool) -> str:
        i = pit.true_index
        name = html.escape(self._outcome_name(pit))
        right = format_value(float(pit.q[i]), Kind.PROBABILITY)
        wrong = wrong_value(float(pit.q_twice[i]), pit, Kind.PROBABILITY, sigmoid)
        twice = "σ(σ(z))" if sigmoid else "softmax(softmax(z))"
        once = "σ(z)" if sigmoid else "softmax(z)"
        once_vector, twice_vector = once, twice
        if self._model.state.problem_type is ProblemType.BINARY:  # the two outcomes
            once_vector = f"[1{NBSP}−{NBSP}{once}, {once}]"
            twice_vector = f"[1{NBSP}−{NBSP}{twice}, {twice}]"
        if sigmoid:
            why = tr(
                "σ of a probability lies between 0.5 and 0.731: whatever the logit, "
                "the prediction is squeezed into that band."
            )
        else:
            why = tr(
                "A second softmax reads probabilities in [0, 1] as logits that differ by at "
                "most 1, so it squeezes the prediction towards uniform (1/K)."
            )
        return (
            f"q({name}): {tr('right')} {once} ={NBSP}{self._right(unbreakable(right))}, "
            f"{tr('wrong')} {twice} ={NBSP}{self._wrong(unbreakable(wrong))}<br>"
            f"{once_vector} ={NBSP}{format_vector(pit.q, Kind.PROBABILITY)}<br>"
            f"{twice_vector} ={NBSP}{format_vector(pit.q_twice, Kind.PROBABILITY)}<br>"
            + self._muted(html.escape(why))
        )

    def _as_logits_text(self, pit: Pitfalls, sigmoid: bool) -> str:
        nats = tr("nats")
        right = format_value(pit.loss, Kind.INFORMATION)
        wrong = wrong_value(pit.loss_probabilities_as_logits, pit, sigmoid=sigmoid)
        perfect = wrong_value(pit.loss_perfect_as_logits, pit, sigmoid=sigmoid)
        activation = tr("sigmoid") if sigmoid else tr("softmax")
        why = tr(
            "The loss applies its own {f} to what it is given, so the probabilities are "
            "squashed a second time and the loss can no longer reach its minimum."
        ).format(f=activation)
        return (
            f"{tr('loss of the logits (right):')} {self._right(unbreakable(right))}{NBSP}{nats}<br>"
            f"{tr('loss of the probabilities as logits (wrong):')} "
            f"{self._wrong(unbreakable(wrong))}{NBSP}{nats}<br>"
            + tr("even a perfect prediction would score {value} nats").format(
                value=self._wrong(unbreakable(perfect))
            )
            + "<br>"
            + self._muted(html.escape(why))
        )

    def _naive_text(self, pit: Pitfalls, sigmoid: bool) -> str:
        nats = tr("nats")
        naive_formula = "1/(1 + e<sup>−z</sup>)" if sigmoid else "e<sup>z</sup>/Σe<sup>z</sup>"
        stable_formula = tr("σ from e<sup>−|z|</sup>") if sigmoid else tr("softmax of z − max z")
        broken = pit.naive_overflows or not bool(np.isfinite(pit.q_naive).all())
        x = unbreakable(format_value(pit.largest_exponent, Kind.LOGIT))
        naive = wrong_vector(pit.q_naive, pit)
        stable = format_vector(pit.q, Kind.PROBABILITY)
        loss_right = format_value(pit.loss, Kind.INFORMATION)
        loss_wrong = wrong_value(pit.loss_naive, pit, sigmoid=sigmoid)
        loss_text = unbreakable(loss_wrong)
        if math.isfinite(pit.loss_naive):
            loss_text += f"{NBSP}{nats}"  # "undefined nats" would make no sense
        if broken:
            naive_text, loss_text = self._wrong(naive), self._wrong(loss_text)
        else:
            naive_text = naive
        limit = tr(
            "exp overflows above {limit} in {dtype}; the largest exponent here is {x}"
        ).format(
            limit=f"{pit.exp_limit:.2f}",
            dtype=pit.dtype,
            x=x,
        )
        if not broken:
            why = tr("No overflow here: both agree. Push a logit past the limit to break it.")
        elif sigmoid and _overflowed(pit):
            why = tr(
                "exp({x}) = ∞, so the naive σ is exactly 0 and log 0 = −∞. The stable form "
                "computes log σ from e^−|z|, which never overflows."
            ).format(x=x)
        elif sigmoid:
            why = tr(
                "The naive σ rounded to exactly 1 (or 0), so the log of the other outcome is "
                "log 0 = −∞. The stable form computes log σ from e^−|z| and never rounds so."
            )
        elif _overflowed(pit):
            why = tr(
                "exp({x}) = ∞ and ∞/∞ has no value. Subtracting the largest logit first keeps "
                "every exponent ≤ 0, so exp cannot overflow."
            ).format(x=x)
        elif not bool(np.isfinite(pit.q_naive).all()):
            why = tr(
                "Every exp underflowed to 0 and 0/0 has no value. Subtracting the largest "
                "logit first makes one exponent 0, so the sum is at least 1."
            )
        else:
            why = tr(
                "The naive q of the true class rounded to 0, so log 0 = −∞; the stable loss "
                "works with log q, which stays finite."
            )
        return (
            f"{tr('naive')} {naive_formula} ={NBSP}{naive_text}<br>"
            f"{tr('stable')} {stable_formula} ={NBSP}{self._right(stable)}<br>"
            f"{tr('loss: naive')} {loss_text}, {tr('stable')} "
            f"{self._right(unbreakable(loss_right))}{NBSP}{nats}<br>"
            f"{html.escape(limit)}<br>" + self._muted(html.escape(why))
        )
