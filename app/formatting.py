"""Turning numbers into text for people. No maths beyond unit conversion."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

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
