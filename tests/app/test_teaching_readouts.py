"""The max-shift and two-class readouts: the seed's overflow and sigmoid = 2-class softmax."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from scipy import special


def test_max_shift_readout_shows_the_overflow_without_nan(window):
    window.load_builtin_scene("max-shift-overflow")
    label = window.findChild(QWidget, "readout_max_shift")
    text = label.text()
    assert "−666" in text and "−333" in text
    assert "∞/∞" in text and "nan" not in text.lower()
    assert label.property("overflows") is True
    window.model.update(logits=[1.0, 2.0, 3.0])
    assert window.findChild(QWidget, "readout_max_shift").property("overflows") is False


def test_two_class_readout_equals_the_sigmoid(window):
    two = window.findChild(QWidget, "readout_two_class")
    assert two.isHidden()  # four classes by default
    window.model.update(num_classes=2)
    window.model.update(logits=[0.0, 1.5])
    assert not two.isHidden()
    expected = f"{special.expit(1.5):.3f}"
    assert expected in two.text()
    assert "1.5" in two.text()
