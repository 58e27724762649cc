"""Turning numbers into text for people. No maths beyond unit conversion."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

from core import LN2


def in_units(nats: float, units: str) -> float:
    """A quantity given in nats, expressed in ``units`` ("nats" or "bits")."""
    return nats / LN2 if units == "bits" else nats


def format_number(value: float, digits: int = 4) -> str:
    """Fixed decimals, ``∞`` for infinities, never ``nan`` and never ``-0.0000``."""
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def format_probability(value: float) -> str:
    """Short text for a bar label: 0.64, 0.003, 1e-290 when tiny but not zero."""
    if math.isnan(value):
        return "—"
    if value != 0 and abs(value) < 0.001:
        return f"{value:.0e}".replace("-", "−")
    return f"{value:.3f}".rstrip("0").rstrip(".") if value < 1 else "1"


def format_vector(values: Sequence[float], fmt: Callable[[float], str], most: int = 5) -> str:
    """``[a, b, c]``, the first ``most`` entries, then ``…`` if there are more."""
    items = [fmt(float(v)) for v in values[:most]]
    if len(values) > most:
        items.append("…")
    return "[" + ", ".join(items) + "]"


def format_naive_probability(value: float) -> str:
    """An entry of the unshifted softmax: overflow shows as ∞/∞, never as nan."""
    return "∞/∞" if math.isnan(value) else format_probability(value)


def format_short(value: float) -> str:
    """A compact number: 4 significant digits, ∞ for infinities, minus signs typeset."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.4g}".replace("-", "−")


MINUS = "−"  # U+2212: typeset minus; the parser accepts it and the ASCII hyphen


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
        return format_number(value)
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
