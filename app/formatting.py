"""Turning numbers into text for people. No maths beyond unit conversion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import Enum
from fractions import Fraction

from core import LN2


def in_units(nats: float, units: str) -> float:
    """A quantity given in nats, expressed in ``units`` ("nats" or "bits")."""
    return nats / LN2 if units == "bits" else nats


#: From here on, characters are CJK: they may break a line between any two of them, and a
#: fallback font draws them with its own, taller metrics.
CJK_START = 0x2E80
MINUS = "−"  # U+2212: typeset minus; the parser accepts it and the ASCII hyphen
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
#: Below this (and not 0) or at and above BIG, numbers are written as a × 10ⁿ.
SMALL, BIG = 1e-4, 1e6


class Kind(Enum):
    """What a number is; each kind is always shown with the same significant digits."""

    INFORMATION = 4  #: H(p), H(p,q), KL, a loss: 1.213, 0.2113, 5.000
    MSE = 3  #: mean squared error: 0.0491
    PROBABILITY = 3  #: a probability in text: 0.638, 0.0952
    BAR = 2  #: a value printed on a bar, where room is short: 0.64, 0.095
    LOGIT = 4  #: a logit, a log-odds, a shifted logit: −1.900
    GRADIENT = 3  #: a derivative: −0.362
    RATIO = 4  #: odds and other positive ratios

    @property
    def significant(self) -> int:
        return int(self.value)


def _special(value: float) -> str | None:
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    if value == 0:
        return None
    return None


def format_scientific(value: float, significant: int) -> str:
    """``a × 10ⁿ`` with ``significant`` digits in a: the one style for very small or large."""
    mantissa, exponent = f"{value:.{max(significant - 1, 0)}e}".split("e")
    power = str(int(exponent)).translate(_SUPERSCRIPT)
    return f"{mantissa}×10{power}".replace("-", MINUS)


def _decimals(value: float, significant: int) -> int:
    """Decimals that give ``value`` its ``significant`` digits in fixed notation."""
    if value == 0:
        return max(significant - 1, 0)
    return max(significant - 1 - math.floor(math.log10(abs(value))), 0)


def _fixed(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.lstrip("-")  # never "−0.000"
    return text.replace("-", MINUS)


def format_value(value: float, kind: Kind = Kind.INFORMATION) -> str:
    """One number for people, the same way everywhere (readouts, bars, notes, copies).

    * ``kind.significant`` significant digits in fixed notation, trailing zeros
      kept so that a number keeps its width while it changes: 1.213, 0.2113;
    * never a leading dot, never "−0", a typeset minus sign;
    * a value below 1 is never rounded up to "1": more digits are shown
      (0.9997), and past eight decimals it is written 1 − 3×10⁻⁹;
    * ∞ and −∞ for infinities, "—" for a missing value (never "nan");
    * a × 10ⁿ, with the same significant digits, below 1e−4 and from 1e6 up.
    """
    special = _special(value)
    if special is not None:
        return special
    value = float(value)
    if value == 0:
        return _fixed(0.0, kind.significant - 1)
    if abs(value) < SMALL or abs(value) >= BIG:
        return format_scientific(value, kind.significant)
    decimals = _decimals(value, kind.significant)
    text = _fixed(value, decimals)
    if abs(value) < 1 <= abs(float(text.replace(MINUS, "-"))):
        # 0.99997 must not read as 1: a probability of 1 means certainty.
        while decimals < 8 and abs(float(text.replace(MINUS, "-"))) >= 1:
            decimals += 1
            text = _fixed(value, decimals)
        if abs(float(text.replace(MINUS, "-"))) >= 1:
            rest = format_scientific(1 - abs(value), 1)
            text = f"1 {MINUS} {rest}" if value > 0 else f"{MINUS}(1 {MINUS} {rest})"
    return text


def format_vector(
    values: Sequence[float], kind: Kind = Kind.LOGIT, most: int = 5, naive: bool = False
) -> str:
    """``[a, b, c, …]``: the first ``most`` entries with one precision for all of them.

    The decimals are those that give the largest entry ``kind.significant``
    digits; zeros that every entry ends with are dropped ([0.0, −1.0, −1.9]).
    Infinities are ∞, a missing value is — (with ``naive``, the ∞/∞ of an
    overflowing softmax).
    """
    shown = [float(v) for v in values[:most]]
    finite = [abs(v) for v in shown if math.isfinite(v)]
    biggest = max(finite, default=0.0)
    if biggest and (biggest >= BIG or biggest < SMALL):
        items = [format_value(v, kind) for v in shown]
    else:
        decimals = _decimals(biggest, kind.significant) if biggest else 1
        texts = [_fixed(v, decimals) if math.isfinite(v) else "" for v in shown]
        while decimals > 1 and all(t == "" or t.endswith("0") for t in texts):
            decimals -= 1
            texts = [t[:-1] if t else t for t in texts]
        items = [
            t if t else ("∞/∞" if naive and math.isnan(v) else format_value(v, kind))
            for t, v in zip(texts, shown, strict=True)
        ]
    if len(values) > most:
        items.append("…")
    return "[" + ", ".join(items) + "]"


def common_decimals(values: Sequence[float], kind: Kind) -> int | None:
    """Decimals that give the largest finite value ``kind.significant`` digits; None when
    the values need scientific notation (or none is finite)."""
    finite = [abs(float(v)) for v in values if math.isfinite(v)]
    biggest = max(finite, default=0.0)
    if not finite or biggest >= BIG or 0 < biggest < SMALL:
        return None
    return _decimals(biggest, kind.significant)


def format_aligned(values: Sequence[float], kind: Kind = Kind.INFORMATION) -> list[str]:
    """Each value with the same decimals (those of the largest), for numbers read together
    ("1.2130 = 1.0373 + 0.1757"); infinities and scientific cases as format_value."""
    decimals = common_decimals(values, kind)
    return [
        _fixed(float(v), decimals)
        if decimals is not None and math.isfinite(v) and (v == 0 or abs(v) >= SMALL)
        else format_value(float(v), kind)
        for v in values
    ]


def term_sign(term: float, shown: str) -> str:
    """The operator before a term written as ``shown`` (its absolute value): "−" for a
    negative term, else "+", so a sum never reads "+ −"; a term shown as 0 is added."""
    return MINUS if term < 0 and shown.strip("0.") else "+"


def format_sum(first: float, *terms: float, kind: Kind = Kind.INFORMATION) -> str:
    """``a + b − c`` with one precision: each term with its own sign, never "+ −"."""
    texts = format_aligned([first, *(abs(t) for t in terms)], kind)
    text = texts[0]
    for term, shown in zip(terms, texts[1:], strict=True):
        text += f" {term_sign(term, shown)} {shown}"
    return text


def parse_number(text: str) -> float:
    """A number typed by a person: a decimal, scientific notation or a fraction.

    "1/3", "-5/2", "0.25", "1e-3", "−2" (typeset minus) and surrounding or
    inner spaces are accepted. The fraction is evaluated exactly and rounded
    once, so "1/3" is the double nearest to 1/3. Raises ValueError with a
    message for the user for anything else (including "inf", "nan" and 1/0).
    """
    body = text.replace(MINUS, "-").replace(" ", "").replace(",", ".")
    if not body:
        raise ValueError("type a number, for example 0.25 or 1/3")
    parts = body.split("/")
    if len(parts) > 2:
        raise ValueError(f"{text!r} is not a number: use one fraction bar, as in 1/3")
    try:
        values = [Fraction(part) for part in parts]
    except ValueError:
        raise ValueError(
            f"{text!r} is not a number: type a decimal such as 0.25 or a fraction such as 1/3"
        ) from None
    value = values[0]
    if len(values) == 2:
        if values[1] == 0:
            raise ValueError(f"{text!r} divides by zero")
        value /= values[1]
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{text!r} is too large") from None


def format_entry(value: float, significant: int = 6) -> str:
    """A number in an entry box: ``significant`` digits, trailing zeros dropped.

    Never rounds a value below 1 up to "1" (0.9999999 shows as 0.9999999),
    and uses the typeset minus sign.
    """
    if not math.isfinite(value):
        return format_value(value)
    digits = significant
    text = f"{value:.{digits}g}"
    while digits < 17 and abs(value) < 1 and abs(float(text)) >= 1:
        digits += 1
        text = f"{value:.{digits}g}"
    if float(text) == 0:
        text = "0"
    return text.replace("-", MINUS)


def format_exact(value: float) -> str:
    """The full value: the shortest text that reads back as exactly the same double."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace("-", MINUS)
