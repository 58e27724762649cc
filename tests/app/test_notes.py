"""The notes in the readout panel follow the state.

The scene note is written for the scene as it opened: it says so, and as soon as the state
differs in a way notes talk about it gains a "Now:" line generated from the current state.
The identity, max-shift and two-class notes are generated from the state on every change.
Expected numbers come from scipy / NumPy, parsed back from the text.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from gui_reference import show_view
from scipy import special
from test_readouts import NUMBER, assert_rounds_to, numbers, seen

from app.appearance import Appearance
from app.model import ExplorerModel
from app.scenes import find_builtin_scene, load_scene
from app.widgets.readouts import ReadoutPanel

LN2 = math.log(2.0)
CAPTION = "When the scene opened:"
START_LOGITS = np.array([2.0, 1.0, 0.1, -1.0])


def open_scene(qtbot, name: str = "start-here", appearance: Appearance | None = None):
    """The panel alone on a bare model, with a scene opened the way the main window does it."""
    model = ExplorerModel()
    rp = show_view(qtbot, ReadoutPanel(model, appearance), 420, 700)
    scene = load_scene(find_builtin_scene(name))
    model.replace_state(scene.state)
    rp.show_note(scene.title, scene.description, model.state)
    return model, rp, scene


def now_line(rp: ReadoutPanel) -> str:
    """The note's "Now:" line as shown (empty when there is none)."""
    lines = [line for line in seen(rp.note.text()).split("\n") if line.startswith("Now:")]
    assert len(lines) <= 1
    assert (lines[0].removeprefix("Now: ") if lines else "") == rp.note_now
    return rp.note_now


def phrase(rp: ReadoutPanel, start: str) -> str:
    """The phrase of the Now line that starts with ``start``."""
    found = [p for p in now_line(rp).split("; ") if p.startswith(start)]
    assert len(found) == 1, (start, now_line(rp))
    return found[0]


def value_of(rp: ReadoutPanel, start: str) -> str:
    """The single number in the phrase that starts with ``start`` ("q(bird) = 0.0954")."""
    tokens = NUMBER.findall(phrase(rp, start).split("=")[-1])
    assert len(tokens) == 1, phrase(rp, start)
    return tokens[0]


def test_the_note_says_it_describes_the_scene_as_it_opened(qtbot):
    model, rp, scene = open_scene(qtbot)
    text = seen(rp.note.text())
    assert rp.note.isVisibleTo(rp)
    assert text.startswith(f"{scene.title}\n{CAPTION} {scene.description}")
    assert "the true class is class 0" in text.lower()  # what the scene's author wrote
    assert now_line(rp) == ""


def test_clicking_bird_adds_what_is_true_now(qtbot):
    model, rp, _ = open_scene(qtbot)
    model.update(target_class=2)  # "bird"
    assert "the true class is bird" in now_line(rp)
    assert_rounds_to(value_of(rp, "q(bird)"), special.softmax(START_LOGITS)[2])
    assert_rounds_to(value_of(rp, "H(p,q)"), -special.log_softmax(START_LOGITS)[2])
    assert phrase(rp, "H(p,q)").endswith(" nats")
    # The scene's own text stays, marked as the opening state.
    assert f"{CAPTION} Drag a logit" in seen(rp.note.text())
    # Back to the scene's true class: the note is true again and the line goes.
    model.update(target_class=0)
    assert now_line(rp) == ""
    model.update(target_class=3)
    assert "the true class is fish" in now_line(rp)
    model.undo()
    assert now_line(rp) == ""


def test_units_switch_restates_the_numbers_in_the_new_unit(qtbot):
    model, rp, _ = open_scene(qtbot)
    model.update(units="bits")
    assert "units: bits" in now_line(rp)
    assert_rounds_to(value_of(rp, "H(p,q)"), -special.log_softmax(START_LOGITS)[0] / LN2)
    assert phrase(rp, "H(p,q)").endswith(" bits")
    assert "q(" not in now_line(rp)  # q did not change
    assert "true class" not in now_line(rp)


def test_changes_no_note_talks_about_add_nothing(qtbot):
    model, rp, _ = open_scene(qtbot)
    model.update(class_names=("cat", "dog", "robin", "fish"))  # not the true class
    model.update(slider_limit=20.0)
    model.clear_history()
    assert now_line(rp) == ""
    model.update(class_names=("kitten", "dog", "robin", "fish"))  # the true class
    assert "the true class is kitten" in now_line(rp)
    assert_rounds_to(value_of(rp, "q(kitten)"), special.softmax(START_LOGITS)[0])


def test_logits_and_temperature_are_restated_with_the_new_q(qtbot):
    model, rp, _ = open_scene(qtbot)
    model.set_logit(1, 3.5)
    z = np.array([2.0, 3.5, 0.1, -1.0])
    shown_z = numbers(phrase(rp, "z = ").split("=", 1)[1])
    for token, want in zip(shown_z, z, strict=True):
        assert_rounds_to(token, want)
    assert_rounds_to(value_of(rp, "q(cat)"), special.softmax(z)[0])
    model.update(temperature=2.5)
    assert_rounds_to(value_of(rp, "T = "), 2.5)
    assert_rounds_to(value_of(rp, "q(cat)"), special.softmax(z / 2.5)[0])
    assert_rounds_to(value_of(rp, "H(p,q)"), -special.log_softmax(z / 2.5)[0])
    assert "true class" not in now_line(rp)  # it did not change


def test_soft_targets_are_restated_with_their_sum(qtbot):
    model, rp, _ = open_scene(qtbot, "gibbs-inequality")
    assert now_line(rp) == ""
    model.update(auto_normalise=False)
    model.update(soft_target=[0.4, 0.3, 0.05, 0.05])
    p = np.array([0.4, 0.3, 0.05, 0.05])
    for token, want in zip(numbers(phrase(rp, "p = ").split("=", 1)[1]), p, strict=True):
        assert_rounds_to(token, want)
    assert_rounds_to(value_of(rp, "Σp"), 0.8)
    q = special.softmax([1.0, 0.5, 0.0, -0.5])
    for token, want in zip(numbers(phrase(rp, "q = ").split("=", 1)[1]), q, strict=True):
        assert_rounds_to(token, want)
    assert_rounds_to(value_of(rp, "H(p,q)"), float(-np.sum(p * np.log(q))))


def test_loss_and_its_options_are_named(qtbot):
    model, rp, _ = open_scene(qtbot, "label-smoothing")
    assert now_line(rp) == ""
    model.update(label_smoothing=0.25)
    assert_rounds_to(value_of(rp, "label smoothing s"), 0.25)
    model.update(label_smoothing=0.1)
    assert now_line(rp) == ""
    model.set_loss("tf.compat.v1.losses.mean_squared_error")
    assert "the loss is mean squared error" in now_line(rp)


def test_an_explicit_start_state_is_compared_with(qtbot):
    """show_note(title, text, start_state): the note describes ``start_state``."""
    model = ExplorerModel()
    rp = show_view(qtbot, ReadoutPanel(model), 420, 700)
    scene = load_scene(find_builtin_scene("thirty-two-teams"))
    rp.show_note(scene.title, scene.description, scene.state)  # the model is not there (yet)
    assert "K = 4 classes" in now_line(rp)
    model.replace_state(scene.state)
    assert now_line(rp) == ""
    model.update(units="nats")
    assert_rounds_to(value_of(rp, "H(p,q)"), math.log(32))


def test_the_note_keeps_its_scene_through_a_restyle(qtbot):
    look = Appearance()
    model, rp, _ = open_scene(qtbot, appearance=look)
    model.update(target_class=1)
    before = now_line(rp)
    assert "the true class is dog" in before
    look.set_projector(True)
    assert now_line(rp) == before  # the scene's start is kept, not reset to "now"
    look.set_projector(False)
    model.update(target_class=0)
    assert now_line(rp) == ""


def test_a_hidden_note_stays_hidden(qtbot):
    model, rp, _ = open_scene(qtbot)
    rp.show_note("", "")
    model.update(target_class=2, units="bits")
    assert not rp.note.isVisibleTo(rp)
    assert rp.note.text() == "" and rp.note_now == ""


def test_class_names_and_scene_text_are_shown_as_text(qtbot):
    model, rp, _ = open_scene(qtbot)
    rp.show_note("q < p & more", "When q < p, KL > 0.\nSecond line.")
    assert seen(rp.note.text()).split("\n")[:3] == [
        "q < p & more",
        f"{CAPTION} When q < p, KL > 0.",
        "Second line.",
    ]
    model.update(class_names=("<b>cat</b> & co", "dog", "bird", "fish"))
    assert "&lt;b&gt;cat&lt;/b&gt; &amp; co" in rp.note.text()
    assert "the true class is <b>cat</b> & co" in now_line(rp)


def test_the_other_notes_follow_every_change(qtbot):
    """Identity, max-shift and two-class notes: generated from the state after each change."""
    model, rp, _ = open_scene(qtbot, "two-class-sigmoid")
    for logits, t, units in (([0.5, 1.5], 1.0, "nats"), ([1.2, -0.7], 0.6, "bits")):
        model.update(logits=logits, temperature=t, units=units)
        x = np.array(logits) / t
        scale = 1 / LN2 if units == "bits" else 1.0
        ce = -special.log_softmax(x)[1] * scale
        identity = seen(rp.identity.text()).split("\n")[1]
        total, h, kl = NUMBER.findall(identity)
        assert_rounds_to(total, ce)
        assert_rounds_to(h, 0.0)
        assert_rounds_to(kl, ce)
        assert identity.endswith(units)
        shift = seen(rp.max_shift.text()).split("\n")[1].split("=", 1)[1]
        for token, want in zip(numbers(shift), x - x.max(), strict=True):
            assert_rounds_to(token, want)
        two = seen(rp.two_class.text()).split("\n")
        assert_rounds_to(NUMBER.findall(two[1].split("=")[1])[0], special.expit(x[1] - x[0]))
        assert_rounds_to(two[3].split("=")[-1].strip(), math.exp(x[1] - x[0]))
        # …and the scene note says what is true now.
        assert_rounds_to(value_of(rp, "q(positive)"), special.expit(x[1] - x[0]))


@pytest.mark.parametrize("name", ["start-here", "max-shift-overflow", "temperature"])
def test_every_number_in_the_now_line_is_formatted(qtbot, name):
    model, rp, _ = open_scene(qtbot, name)
    model.update(logits=[x + 0.5 for x in model.state.logits], units="bits")
    line = now_line(rp)
    assert line
    assert "-" not in re.sub(r"[a-z]-[a-z]", "", line)  # typeset minus only, as the formatter
    assert "nan" not in line and "e+" not in line and "e-" not in line
