"""EquivalencePanel: the identities of the seed, checked live on the current numbers.

Each line puts two numbers that must agree side by side, both from
``model.result`` (computed in ``core`` by different routes), and marks them
✓ when they agree (``math.isclose`` with ``rel_tol=1e-12, abs_tol=1e-15``) or
✗ in the warning colour when they do not:

* sparse labels = one-hot labels (``sparse_loss`` against ``onehot_loss``);
* a 2-class softmax = the sigmoid of the logit difference;
* cross-entropy = entropy + KL;
* for a ``tf.compat.v1.losses`` loss, the value under every reduction, the
  selected one checked against the loss;
* the positive and negative parts of a ``pos_weight`` loss;
* the floor that label smoothing puts under the loss.

A line that does not apply to the current state says why, in grey. Every
section is a word-wrapped rich-text label with an objectName and a dynamic
property ``agrees`` (True, False, or None when it does not apply).
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.appearance import Appearance
from app.formatting import Kind, format_aligned, format_vector, in_units
from app.i18n import tr
from app.model import EVERYTHING, Change, ExplorerModel
from app.widgets.common import RefreshedWhenShown, tint
from app.widgets.readouts import NBSP, number, unbreakable
from core import ExplorerResult, Reduction

#: The tolerance of every check: the two routes may differ only by rounding.
REL_TOL, ABS_TOL = 1e-12, 1e-15
#: A break opportunity that is never drawn: TensorFlow's long names wrap after "_".
ZERO_WIDTH_SPACE = "\u200b"
#: The sections, in order, by objectName.
SECTIONS = (
    "equivalence_sparse",
    "equivalence_two_class",
    "equivalence_identity",
    "equivalence_reductions",
    "equivalence_pos_weight",
    "equivalence_floor",
)
#: The formula of each reduction: S = Σ w·L over the N per-element losses L.
REDUCTION_FORMULAS = {
    Reduction.NONE: "w·L",
    Reduction.SUM: "Σ w·L",
    Reduction.MEAN: "Σ w·L / Σ w",
    Reduction.SUM_OVER_BATCH_SIZE: "Σ w·L / N",
    Reduction.SUM_BY_NONZERO_WEIGHTS: "Σ w·L / #(w ≠ 0)",
}


def agree(a: float, b: float) -> bool:
    """The panel's test: equal up to rounding (two infinities of one sign agree)."""
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def breakable(name: str) -> str:
    """``name`` (a TensorFlow reduction) that may wrap after each "_"."""
    return name.replace("_", "_" + ZERO_WIDTH_SPACE)


class EquivalencePanel(RefreshedWhenShown, QWidget):
    """The seed's identities with both numbers and a ✓ or ✗, live."""

    def __init__(
        self,
        model: ExplorerModel,
        appearance: Appearance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("equivalences")
        self.setAccessibleName(tr("Equivalences"))
        self._model = model
        self.appearance = appearance or Appearance(parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.caption = QLabel(
            tr("Two routes to one number: ✓ when they agree to rounding, ✗ when they do not.")
        )
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.labels: dict[str, QLabel] = {}
        for name in SECTIONS:
            label = QLabel(objectName=name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(0, 4, 0, 4)
            layout.addWidget(label)
            self.labels[name] = label
        self.labels["equivalence_sparse"].setToolTip(
            tr(
                "tf.nn.sparse_softmax_cross_entropy_with_logits takes the class index y;\n"
                "tf.nn.softmax_cross_entropy_with_logits takes the one-hot vector p.\n"
                "Both compute −log qᵧ."
            )
        )
        self.labels["equivalence_two_class"].setToolTip(
            tr(
                "With two classes, q₁ = e^z₁/(e^z₀ + e^z₁) = 1/(1 + e^−(z₁ − z₀)) = σ(z₁ − z₀):\n"
                "a sigmoid output is a 2-class softmax whose other logit is 0."
            )
        )
        self.labels["equivalence_identity"].setToolTip(
            tr(
                "H(p,q) = H(p) + KL(p‖q): the cross-entropy is the entropy of p plus the extra\n"
                "cost of coding with q. H(p) is fixed by the data, so minimising H(p,q)\n"
                "minimises KL."
            )
        )
        self.labels["equivalence_reductions"].setToolTip(
            tr(
                "L: the per-element losses of the tf.nn function; w: the weight; N: the number\n"
                "of elements. The reduction turns the weighted losses into the reported number."
            )
        )
        layout.addStretch(1)
        model.changed.connect(self._on_changed)
        self.appearance.changed.connect(self._restyle)
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- style ---------------------------------------------------------------
    def _apply_style(self) -> None:
        self.setFont(self.appearance.font())
        tint(self.caption, foreground=self.appearance.html("muted"))

    def _restyle(self) -> None:
        self._apply_style()
        self._on_changed(EVERYTHING)

    # -- pieces of text ----------------------------------------------------------
    def _muted(self, text: str) -> str:
        return f"<span style='color:{self.appearance.html('muted')}'>{text}</span>"

    def _title(self, text: str) -> str:
        return f"<b>{html.escape(text)}</b>"

    def _mark(self, agrees: bool) -> str:
        if agrees:
            return f"<span style='color:{self.appearance.html('ok')}'><b>✓</b></span>"
        return f"<span style='color:{self.appearance.html('warning')}'><b>✗</b></span>"

    def _verdict(self, a: float, b: float) -> tuple[bool, str]:
        """✓, or ✗ with how far apart the two numbers are."""
        agrees = agree(a, b)
        text = self._mark(agrees)
        if not agrees:
            if math.isfinite(a) and math.isfinite(b):
                gap = number(abs(a - b), Kind.INFORMATION)
                text += " " + tr("(they differ by {gap})").format(gap=gap)
            else:
                text += " " + tr("(one of them is not finite)")
        return agrees, text

    def _show(self, name: str, text: str, agrees: bool | None) -> None:
        label = self.labels[name]
        label.setText(text)
        label.setProperty("agrees", agrees)

    def _not_applicable(self, name: str, title: str, why: str) -> None:
        self._show(name, f"{self._muted(self._title(title))}<br>{self._muted(why)}", None)

    # -- following the model ------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        """New numbers, or other units for the information identity."""
        if not (change.recomputed or change.touches("units", "reduction")):
            return
        if self.hidden_now():  # another tab is in front: catch up when shown
            return
        self.refresh()

    def refresh(self) -> None:
        """Redraw every section from ``model.state`` and ``model.result``."""
        r = self._model.result
        self._refresh_sparse(r)
        self._refresh_two_class(r)
        self._refresh_identity(r)
        self._refresh_reductions(r)
        self._refresh_pos_weight(r)
        self._refresh_floor(r)

    def _refresh_sparse(self, r: ExplorerResult) -> None:
        title = tr("sparse labels = one-hot labels")
        if r.sparse_loss is None or r.onehot_loss is None:
            if r.sigmoid_outputs:
                why = tr(
                    "Applies to a softmax over K classes with a class index: sigmoid outputs "
                    "take one target per output."
                )
            else:
                why = tr("Applies when the true label is a class index; it is a distribution now.")
            self._not_applicable("equivalence_sparse", title, why)
            return
        y = r.target_class
        sparse, onehot = format_aligned([r.sparse_loss, r.onehot_loss], Kind.INFORMATION)
        nats = tr("nats")
        agrees, verdict = self._verdict(r.sparse_loss, r.onehot_loss)
        text = (
            f"{self._title(title)}<br>"
            f"{tr('sparse, y = {y}:').format(y=y)} −log{NBSP}q<sub>{y}</sub> ={NBSP}"
            f"<b>{unbreakable(sparse)}</b>{NBSP}{nats}<br>"
            f"{tr('one-hot p:')} −Σ{NBSP}p<sub>i</sub>{NBSP}log{NBSP}q<sub>i</sub> ={NBSP}"
            f"<b>{unbreakable(onehot)}</b>{NBSP}{nats}{NBSP}{verdict}"
        )
        self._show("equivalence_sparse", text, agrees)

    def _refresh_two_class(self, r: ExplorerResult) -> None:
        title = tr("2-class softmax = sigmoid of the logit difference")
        if r.two_class_softmax is None or r.two_class_sigmoid is None:
            if r.problem_type == "multilabel":
                why = tr(
                    "Applies to a softmax over two classes or to one sigmoid: choose multiclass "
                    "with K = 2, or binary."
                )
            else:
                why = tr("Set K = 2 or choose binary to see it.")
            self._not_applicable("equivalence_two_class", title, why)
            return
        log_odds = r.two_class_log_odds
        x = number(log_odds, Kind.LOGIT) if log_odds is not None else "—"
        soft, sig = format_aligned([r.two_class_softmax, r.two_class_sigmoid], Kind.PROBABILITY)
        if r.problem_type == "binary":
            left = f"softmax([0,{NBSP}z/T])<sub>1</sub>"
            right = f"σ(z/T) ={NBSP}σ({x})"
        else:
            left = "softmax([z<sub>0</sub>, z<sub>1</sub>]/T)<sub>1</sub>"
            right = f"σ((z<sub>1</sub>{NBSP}−{NBSP}z<sub>0</sub>)/T) ={NBSP}σ({x})"
        agrees, verdict = self._verdict(r.two_class_softmax, r.two_class_sigmoid)
        note = tr("log-odds {x}: the logit difference is the sigmoid's input.").format(x=x)
        text = (
            f"{self._title(title)}<br>"
            f"{left} ={NBSP}<b>{unbreakable(soft)}</b><br>"
            f"{right} ={NBSP}<b>{unbreakable(sig)}</b>{NBSP}{verdict}<br>" + self._muted(note)
        )
        self._show("equivalence_two_class", text, agrees)

    def _refresh_identity(self, r: ExplorerResult) -> None:
        units = self._model.state.units
        unit = unbreakable(tr(units.value))
        title = tr("cross-entropy = entropy + KL")
        total = r.entropy + r.kl  # display arithmetic: the sum the identity states
        ce, h, kl, added = (in_units(v, units) for v in (r.cross_entropy, r.entropy, r.kl, total))
        shown = [unbreakable(s) for s in format_aligned([ce, h, kl, added], Kind.INFORMATION)]
        agrees, verdict = self._verdict(r.cross_entropy, total)
        text = (
            f"{self._title(title)}<br>"
            f"H(p,q) ={NBSP}<b>{shown[0]}</b>{NBSP}{unit}<br>"
            f"H(p) + KL(p‖q) ={NBSP}{shown[1]} +{NBSP}{shown[2]}"
            f" ={NBSP}<b>{shown[3]}</b>{NBSP}{unit}{NBSP}{verdict}"
        )
        if r.sigmoid_outputs:
            text += "<br>" + self._muted(
                tr("Summed over the outputs, each a yes/no distribution [1 − p, p].")
            )
        self._show("equivalence_identity", text, agrees)

    def _refresh_reductions(self, r: ExplorerResult) -> None:
        spec = r.loss_spec
        title = tr("reductions of the tf.compat.v1 losses")
        if not spec.compat_v1 or not r.reductions:
            self._not_applicable(
                "equivalence_reductions",
                title,
                tr(
                    "Reductions belong to the tf.compat.v1.losses functions; {name} returns "
                    "its losses without a weight or a reduction."
                ).format(name=breakable(spec.tf_name)),
            )
            return
        selected = self._model.state.reduction.value
        n = spec.num_elements(r.num_logits)
        values = [r.reductions[red.value] for red in Reduction]
        *shown, loss = format_aligned([*values, r.loss], Kind.INFORMATION)
        agrees, verdict = self._verdict(r.reductions[selected], r.loss)
        rows = []
        for red, value in zip(Reduction, shown, strict=True):
            # whole, except that a narrow table may break it before " / "
            formula = unbreakable(REDUCTION_FORMULAS[red]).replace(f"{NBSP}/", " /")
            if red is Reduction.NONE:
                formula = tr("{formula}, shown as their mean").format(formula=formula)
            name = breakable(red.value)
            cells = (name, formula, unbreakable(value))
            if red.value == selected:
                cells = (f"▶{NBSP}{name}", *cells[1:])
                cells = tuple(f"<b>{c}</b>" for c in cells)
            rows.append(
                f"<tr><td>{cells[0]}</td><td>{cells[1]}</td><td align='right'>{cells[2]}</td></tr>"
            )
        weight = number(r.weight, Kind.RATIO)
        intro = tr("L: the N = {n} per-element losses of the tf.nn function; w = {w}.").format(
            n=n, w=weight
        )
        check = tr("the loss: {value} nats").format(value=f"<b>{unbreakable(loss)}</b>")
        text = (
            f"{self._title(title)}<br>{self._muted(intro)}"
            f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>"
            f"▶{NBSP}{breakable(selected)} = {check}{NBSP}{verdict}"
        )
        self._show("equivalence_reductions", text, agrees)

    def _refresh_pos_weight(self, r: ExplorerResult) -> None:
        label = self.labels["equivalence_pos_weight"]
        if "pos_weight" not in r.loss_spec.options:
            label.hide()
            label.setProperty("agrees", None)
            return
        w = number(r.pos_weight, Kind.RATIO)
        # Display arithmetic: the two columns' totals (already times the reduction factor).
        negative = float(r.loss_terms_split[:, 0].sum())
        positive = float(r.loss_terms_split[:, 1].sum())
        pos, neg, total = (
            unbreakable(s) for s in format_aligned([positive, negative, r.loss], Kind.INFORMATION)
        )
        nats = tr("nats")
        agrees, verdict = self._verdict(positive + negative, r.loss)
        if r.pos_weight > 1:
            now = tr("Here missed positives cost more.")
        elif r.pos_weight < 1:
            now = tr("Here false alarms cost more.")
        else:
            now = tr("Here w = 1: plain sigmoid cross-entropy.")
        text = (
            f"{self._title(tr('pos_weight rescales the positive-label terms'))}<br>"
            f"{tr('positive-label part (× w = {w}):').format(w=w)} <b>{pos}</b>{NBSP}{nats}<br>"
            f"{tr('negative-label part (× 1):')} <b>{neg}</b>{NBSP}{nats}<br>"
            f"{tr('together: the loss')} <b>{total}</b>{NBSP}{nats}{NBSP}{verdict}<br>"
            + self._muted(
                html.escape(
                    tr(
                        "w > 1: a missed positive (a false negative) costs w times more than a "
                        "false alarm; w < 1 the other way round."
                    )
                )
                + " "
                + html.escape(now)
            )
        )
        self._show("equivalence_pos_weight", text, agrees)
        label.show()

    def _refresh_floor(self, r: ExplorerResult) -> None:
        label = self.labels["equivalence_floor"]
        if not r.smoothing_applied or r.loss_floor is None or not r.loss_floor > 0:
            label.hide()
            label.setProperty("agrees", None)
            return
        floor = number(r.loss_floor, Kind.INFORMATION)
        factor = ""
        if not math.isclose(r.loss_factor, 1.0, rel_tol=REL_TOL):
            factor = f"{number(r.loss_factor, Kind.RATIO)}{NBSP}·{NBSP}"
        smoothed = format_vector(r.p_smoothed, Kind.PROBABILITY)
        text = (
            f"{self._title(tr('label smoothing floor'))}<br>"
            + tr("lowest reachable loss = {factor}H(p′) = {floor} nats: why the loss stops falling")
            .replace(" = ", f" ={NBSP}")
            .format(factor=factor, floor=f"<b>{floor}</b>")
            + "<br>"
            + self._muted(
                tr(
                    "The smoothed target p′ = {p} is never one-hot, so even q = p′ leaves its "
                    "entropy: the loss cannot reach 0."
                ).format(p=smoothed)
            )
        )
        self._show("equivalence_floor", text, None)
        label.show()
