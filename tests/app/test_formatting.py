"""The one number formatter: table-driven, every rule from both sides."""

from __future__ import annotations

import math

import pytest

from app.formatting import (
    Kind,
    format_aligned,
    format_entry,
    format_exact,
    format_scientific,
    format_sum,
    format_value,
    format_vector,
    parse_number,
)

M = "−"  # the typeset minus

VALUES = [
    # value, kind, text
    (1.21303, Kind.INFORMATION, "1.213"),
    (0.21133, Kind.INFORMATION, "0.2113"),  # a leading zero, never ".2113"
    (5.0, Kind.INFORMATION, "5.000"),  # 32 equally likely teams, in bits
    (12.5, Kind.INFORMATION, "12.50"),
    (0.0, Kind.INFORMATION, "0.000"),
    (-0.0, Kind.INFORMATION, "0.000"),  # never "−0.000"
    (-1e-9 + 1e-9, Kind.LOGIT, "0.000"),
    (-1.9, Kind.LOGIT, f"{M}1.900"),  # a typeset minus
    (0.0491, Kind.MSE, "0.0491"),
    (0.638, Kind.PROBABILITY, "0.638"),
    (0.64, Kind.BAR, "0.64"),
    (0.0952, Kind.BAR, "0.095"),
    # never round a value below 1 up to "1"
    (0.9997, Kind.BAR, "0.9997"),
    (0.99997, Kind.PROBABILITY, "0.99997"),
    (0.9999999999, Kind.PROBABILITY, f"1 {M} 1×10⁻¹⁰"),
    (1.0, Kind.PROBABILITY, "1.00"),  # exactly 1 is 1
    # scientific only for very small or very large values, one style
    (3.2e-5, Kind.INFORMATION, "3.200×10⁻⁵"),
    (-3.2e-5, Kind.BAR, f"{M}3.2×10⁻⁵"),
    (1.5e7, Kind.INFORMATION, "1.500×10⁷"),
    (1e-4, Kind.INFORMATION, "0.0001000"),  # the boundary is fixed notation
    (999999.0, Kind.INFORMATION, "999999"),
    (1e-300, Kind.PROBABILITY, "1.00×10⁻³⁰⁰"),
    # no nan, ever; infinities are written as such
    (math.inf, Kind.INFORMATION, "∞"),
    (-math.inf, Kind.LOGIT, f"{M}∞"),
    (math.nan, Kind.INFORMATION, "—"),
]


@pytest.mark.parametrize(("value", "kind", "text"), VALUES)
def test_format_value(value, kind, text):
    assert format_value(value, kind) == text


@pytest.mark.parametrize(("value", "kind", "_text"), VALUES)
def test_no_leading_dot_no_hyphen_no_nan(value, kind, _text):
    text = format_value(value, kind)
    assert not text.startswith(".") and f"{M}." not in text
    assert "-" not in text and "nan" not in text.lower() and "e" not in text


@pytest.mark.parametrize(
    ("values", "kind", "text"),
    [
        # one precision within a vector (the example mixed −0.01631 and −8)
        ([-8, 0, -0.01631, -11], Kind.LOGIT, f"[{M}8.00, 0.00, {M}0.02, {M}11.00]"),
        # zeros every entry ends with are dropped, but all keep the same decimals
        ([0, -1, -1.9, -3], Kind.LOGIT, f"[0.0, {M}1.0, {M}1.9, {M}3.0]"),
        ([0.638, 0.235, 0.0952, 0.0317], Kind.PROBABILITY, "[0.638, 0.235, 0.095, 0.032]"),
        ([0.5, 0.25, 0.25], Kind.PROBABILITY, "[0.50, 0.25, 0.25]"),
        ([1, 2, 3, 4, 5, 6], Kind.LOGIT, "[1.0, 2.0, 3.0, 4.0, 5.0, …]"),
        ([0.0, 0.0], Kind.PROBABILITY, "[0.0, 0.0]"),
        ([math.inf, 1.0], Kind.LOGIT, "[∞, 1.0]"),
    ],
)
def test_format_vector(values, kind, text):
    assert format_vector(values, kind) == text


def test_format_vector_shows_an_overflowing_softmax_as_inf_over_inf():
    assert format_vector([math.nan, math.nan, 0.0], Kind.PROBABILITY, naive=True) == (
        "[∞/∞, ∞/∞, 0.0]"
    )
    assert format_vector([math.nan], Kind.PROBABILITY) == "[—]"


@pytest.mark.parametrize(
    ("terms", "text"),
    [
        ((1.0373, -0.0879), f"1.037 {M} 0.088"),  # a minus, never "+ −"
        ((1.2, 0.2), "1.200 + 0.200"),  # one precision across the terms
        ((5.0, 0.0), "5.000 + 0.000"),
        ((0.0, -0.0), "0.000 + 0.000"),  # −0 is not a subtraction
    ],
)
def test_format_sum(terms, text):
    assert format_sum(*terms) == text


def test_format_aligned_uses_the_largest_values_decimals():
    assert format_aligned([5.0, 0.25, 4.75]) == ["5.000", "0.250", "4.750"]
    assert format_aligned([2e-5, 1.0]) == ["2.000×10⁻⁵", "1.000"]


def test_format_scientific_style():
    assert format_scientific(-0.000123, 2) == f"{M}1.2×10⁻⁴"
    assert format_scientific(6.02e23, 3) == "6.02×10²³"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1 / 3, "0.333333"),
        (0.5, "0.5"),
        (-2.5, f"{M}2.5"),
        (789.0, "789"),
        (0.9999999, "0.9999999"),
    ],
)
def test_format_entry(value, text):
    assert format_entry(value) == text


@pytest.mark.parametrize("value", [1 / 3, 0.1, -2.5, 1e-300, 123.456])
def test_format_exact_reads_back_exactly(value):
    assert parse_number(format_exact(value)) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1/3", 1 / 3), ("-5/2", -2.5), (f"{M}7/4", -1.75), (" 1 / 32 ", 1 / 32), ("2e-3", 0.002)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1/0", "1/2/3", "nan", "inf", "1e999"])
def test_parse_number_refuses_with_a_message(text):
    with pytest.raises(ValueError, match=r"\S"):
        parse_number(text)
