"""ExplorerModel: one emission per real change, none for a no-op, coalesced posts, history."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_reference import (
    LN2,
    cross_entropy_nats,
    entropy_nats,
    expected_readouts,
    inputs_from_state,
    kl_nats,
    log_q_of,
    q_of,
)

import app.model as model_module
from app.model import HISTORY_LENGTH, ExplorerModel, ExplorerState, build_state

# -- changed: once per real change, never for a no-op ---------------------------------------


def test_changed_emitted_once_per_real_change(model, counter):
    changed = counter(model.changed)
    assert model.update(logits=[3.0, 1.0, 0.1, -1.0]) is True
    assert changed.count == 1
    np.testing.assert_array_equal(model.state.logits, [3.0, 1.0, 0.1, -1.0])
    # Several fields in one update: still exactly one emission.
    assert model.update(temperature=2.0, units="bits", target_class=2) is True
    assert changed.count == 2
    assert (model.state.temperature, model.state.units, model.state.target_class) == (
        2.0,
        "bits",
        2,
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"logits": [2.0, 1.0, 0.1, -1.0]},  # the default values, as a list
        {"logits": np.array([2.0, 1.0, 0.1, -1.0])},  # array-equal, a new array object
        {"logits": (2, 1, 0.1, -1)},  # ints and a tuple, same values
        {"temperature": 1.0},
        {"temperature": 1},
        {"units": "nats"},
        {"target_mode": "index", "target_class": 0},
        {"soft_target": [0.7, 0.1, 0.1, 0.1]},
        {"num_classes": 4},
        {"class_names": ["class 0", "class 1", "class 2", "class 3"]},
        {"loss": "tf.nn.softmax_cross_entropy_with_logits"},  # the default loss, by name
        {"problem_type": "multiclass"},
        {"weight": 1},
        {"reduction": "weighted_sum_by_nonzero_weights"},
        {"dtype": "float64"},
        {},
    ],
    ids=lambda c: ",".join(c) or "nothing",
)
def test_no_op_update_emits_nothing(model, counter, changes):
    before_state, before_result = model.state, model.result
    history = len(model.history)
    changed = counter(model.changed)
    assert model.update(**changes) is False
    assert changed.count == 0
    assert model.state is before_state
    assert model.result is before_result
    assert len(model.history) == history


def test_repeating_a_change_emits_only_the_first_time(model, counter):
    changed = counter(model.changed)
    for _ in range(3):
        model.update(logits=np.array([0.5, 0.5, 0.5, 0.5]))
        model.try_update(temperature=3.0)
    assert changed.count == 2


# -- invalid updates -----------------------------------------------------------------------

INVALID = [
    {"temperature": 0.0},
    {"temperature": -1.0},
    {"temperature": 20.5},
    {"temperature": math.nan},
    {"temperature": "warm"},
    {"logits": [1.0, math.nan, 0.0, 0.0]},
    {"logits": [1.0, math.inf, 0.0, 0.0]},
    {"logits": [1.0, 1000.5, 0.0, 0.0]},
    {"logits": [1.0, 2.0, 3.0]},  # 3 logits but 4 targets and names
    {"logits": [[1.0, 2.0], [3.0, 4.0]]},
    {"num_classes": 1},
    {"num_classes": 101},
    {"num_classes": 2.5},
    {"num_classes": True},
    {"target_class": 4},
    {"target_class": -1},
    {"target_class": 1.0},
    {"target_mode": "fuzzy"},
    {"units": "furlongs"},
    {"loss": "hinge"},
    {"label_smoothing": 1.5},
    {"label_smoothing": -0.1},
    {"pos_weight": -1.0},
    {"soft_target": [0.5, -0.1, 0.3, 0.3]},
    {"soft_target": [0.5, 0.5]},
    {"soft_target": [0.5, math.nan, 0.25, 0.25]},
    {"class_names": ["a", "b"]},
    {"no_such_setting": 1},
    {"target_mode": "soft", "loss": "tf.nn.sparse_softmax_cross_entropy_with_logits"},
    {"target_mode": "soft", "loss": "tf.compat.v1.losses.sparse_softmax_cross_entropy"},
    # A sigmoid loss does not suit one true class among K (the multiclass default).
    {"loss": "tf.nn.sigmoid_cross_entropy_with_logits"},
    {"loss": "tf.compat.v1.losses.sigmoid_cross_entropy"},
    {"problem_type": "trinary"},
    {"problem_type": "binary"},  # K = 4 logits, and a softmax loss
    {"problem_type": "binary", "loss": "tf.nn.sigmoid_cross_entropy_with_logits"},  # still K = 4
    {
        "problem_type": "binary",
        "logits": [1.0, 2.0],
        "soft_target": [1.0, 0.0],
        "class_names": ["a", "b"],
        "loss": "tf.nn.sigmoid_cross_entropy_with_logits",
    },
    {"problem_type": "multilabel"},  # the softmax loss does not suit K sigmoids
    {"weight": -1.0},
    {"weight": math.inf},
    {"reduction": "mean"},
    {"dtype": "float16"},
    # A valid part next to an invalid part: nothing at all may be applied.
    {"logits": [5.0, 5.0, 5.0, 5.0], "temperature": 0.0},
]


@pytest.mark.parametrize("changes", INVALID, ids=lambda c: ",".join(f"{k}" for k in c))
def test_invalid_update_raises_and_changes_nothing(model, counter, changes):
    before_state, before_result = model.state, model.result
    before_json = before_state.to_json()
    history = model.history.copy()
    changed, rejected = counter(model.changed), counter(model.rejected)
    with pytest.raises(ValueError):
        model.update(**changes)
    assert model.state is before_state
    assert model.result is before_result
    assert model.state.to_json() == before_json
    np.testing.assert_array_equal(model.history, history)
    assert changed.count == 0
    assert rejected.count == 0


@pytest.mark.parametrize("changes", INVALID[::3], ids=lambda c: ",".join(f"{k}" for k in c))
def test_invalid_try_update_emits_rejected_and_changes_nothing(model, counter, changes):
    before_state = model.state
    changed, rejected = counter(model.changed), counter(model.rejected)
    assert model.try_update(**changes) is False
    assert model.state is before_state
    assert changed.count == 0
    assert rejected.count == 1
    (message,) = rejected.calls[0]
    assert isinstance(message, str) and message.strip()


def test_state_arrays_are_read_only(model):
    with pytest.raises(ValueError):
        model.state.logits[0] = 99.0
    with pytest.raises(ValueError):
        model.state.soft_target[0] = 0.0
    np.testing.assert_array_equal(model.state.logits, [2.0, 1.0, 0.1, -1.0])


def test_build_state_never_modifies_the_old_state():
    old = ExplorerState()
    new = build_state(old, {"num_classes": 6, "temperature": 2.0})
    assert old.num_classes == 4 and old.temperature == 1.0
    assert new.num_classes == 6 and new.temperature == 2.0


def test_update_with_a_list_is_not_aliased(model):
    logits = [1.0, 2.0, 3.0, 4.0]
    model.update(logits=logits)
    logits[0] = 100.0
    assert model.state.logits[0] == 1.0


# -- the result matches independent formulas ----------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"logits": [123.0, 456.0, 789.0], "num_classes": 3, "target_class": 0},
        {"temperature": 0.3, "target_class": 3},
        {"target_mode": "soft", "soft_target": [0.5, 0.3, 0.2, 0.0], "temperature": 4.0},
        {"target_mode": "soft", "auto_normalise": False, "soft_target": [0.9, 0.9, 0.0, 0.2]},
    ],
)
def test_result_matches_independent_formulas(model, changes):
    model.update(**changes)
    inp = inputs_from_state(model.state)
    r = model.result
    np.testing.assert_allclose(r.q, q_of(inp), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(r.p, inp.p)
    log_q = log_q_of(inp)
    assert r.entropy == pytest.approx(entropy_nats(inp.p), rel=1e-12, abs=1e-15)
    assert r.cross_entropy == pytest.approx(cross_entropy_nats(inp.p, log_q), rel=1e-12)
    assert r.kl == pytest.approx(kl_nats(inp.p, log_q), rel=1e-9, abs=1e-12)
    assert r.mse == pytest.approx(float(np.mean((q_of(inp) - inp.p) ** 2)), rel=1e-12, abs=1e-300)
    want = expected_readouts(inp)
    assert r.loss == pytest.approx(want["readout_loss"], rel=1e-9, abs=1e-12)


# -- posted changes coalesce ---------------------------------------------------------------


def test_posts_in_one_turn_coalesce_into_one_recompute(model, counter, qtbot, monkeypatch):
    calls = []
    real = model_module.evaluate_state
    monkeypatch.setattr(model_module, "evaluate_state", lambda s: calls.append(s) or real(s))
    changed = counter(model.changed)
    before = model.state
    for step in range(1, 51):
        model.set_logit(0, step / 10, transient=True)
    # Nothing is applied inside the same turn of the event loop...
    assert model.state is before
    assert changed.count == 0 and calls == []
    # ...but the next edit builds on the posted values, so a fast drag never goes back.
    model.set_logit(1, 1.5, transient=True)
    assert model.state is before
    qtbot.waitUntil(lambda: changed.count >= 1, timeout=2000)
    qtbot.wait(50)
    assert changed.count == 1
    assert len(calls) == 1
    np.testing.assert_array_equal(model.state.logits, [5.0, 1.5, 0.1, -1.0])
    assert changed.calls[0][0].transient
    assert model.result.q[0] == pytest.approx(q_of(inputs_from_state(model.state))[0])


def test_posts_of_different_fields_merge(model, counter, qtbot):
    changed = counter(model.changed)
    model.post(temperature=2.0)
    model.post(logits=[0.0, 0.0, 0.0, 1.0])
    model.post(temperature=3.0)
    qtbot.waitUntil(lambda: changed.count == 1, timeout=2000)
    qtbot.wait(20)
    assert changed.count == 1
    assert model.state.temperature == 3.0
    np.testing.assert_array_equal(model.state.logits, [0.0, 0.0, 0.0, 1.0])


def test_flush_applies_posted_changes_at_once(model, counter, qtbot):
    changed = counter(model.changed)
    model.post(logits=[1.0, 1.0, 1.0, 1.0])
    assert model.flush() is True
    assert changed.count == 1
    np.testing.assert_array_equal(model.state.logits, [1.0, 1.0, 1.0, 1.0])
    qtbot.wait(20)  # the timer must not apply it a second time
    assert changed.count == 1
    assert model.flush() is False


def test_update_applies_pending_posts_first(model, counter):
    changed = counter(model.changed)
    model.post(logits=[0.0, 0.0, 0.0, 3.0])
    model.update(temperature=2.0)
    assert changed.count == 1
    np.testing.assert_array_equal(model.state.logits, [0.0, 0.0, 0.0, 3.0])
    assert model.state.temperature == 2.0


def test_posting_the_current_value_emits_nothing(model, counter, qtbot):
    changed = counter(model.changed)
    model.post(logits=[9.0, 1.0, 0.1, -1.0])
    model.post(logits=[2.0, 1.0, 0.1, -1.0])  # back to the current value in the same turn
    qtbot.wait(30)
    assert changed.count == 0


def test_invalid_post_is_rejected_on_flush(model, counter, qtbot):
    before = model.state
    changed, rejected = counter(model.changed), counter(model.rejected)
    model.post(temperature=0.0)
    qtbot.waitUntil(lambda: rejected.count == 1, timeout=2000)
    assert changed.count == 0
    assert model.state is before
    assert not model.in_gesture  # the bad value is not kept pending
    model.set_logit(0, 3.0, transient=True)  # the next edit does not carry it along
    assert model.flush() and model.state.temperature == 1.0


# -- history -------------------------------------------------------------------------------


def test_history_grows_by_one_row_per_change(model):
    n0 = len(model.history)
    assert model.history.shape == (n0, 4)
    model.update(logits=[0.0, 0.0, 0.0, 0.0])
    model.update(logits=[0.0, 0.0, 0.0, 0.0])  # no-op: no row
    model.update(target_mode="soft")
    assert len(model.history) == n0 + 2
    inp = inputs_from_state(model.state)
    log_q = log_q_of(inp)
    want = [
        entropy_nats(inp.p),
        cross_entropy_nats(inp.p, log_q),
        kl_nats(inp.p, log_q),
        float(np.mean((q_of(inp) - inp.p) ** 2)),
    ]
    # History is in nats even when the readouts show bits.
    model.update(units="bits")
    np.testing.assert_allclose(model.history[-1], want, rtol=1e-10, atol=1e-15)
    assert model.history[-1][0] != pytest.approx(want[0] / LN2)


def test_history_is_capped(model):
    for i in range(HISTORY_LENGTH + 20):
        model.update(logits=[i / 100, 0.0, 0.0, 0.0])
    assert len(model.history) == HISTORY_LENGTH
    inp = inputs_from_state(model.state)
    assert model.history[-1][1] == pytest.approx(cross_entropy_nats(inp.p, log_q_of(inp)))


def test_clear_history(model, counter):
    model.update(logits=[0.0, 0.0, 0.0, 0.0])
    changed = counter(model.changed)
    model.clear_history()
    assert len(model.history) == 1
    assert changed.count == 1


# -- the number of classes -----------------------------------------------------------------


def test_growing_k_keeps_existing_values(model):
    model.update(target_mode="soft", soft_target=[0.4, 0.3, 0.2, 0.1], target_class=2)
    model.update(num_classes=7)
    s = model.state
    assert s.num_classes == 7
    np.testing.assert_array_equal(s.logits[:4], [2.0, 1.0, 0.1, -1.0])
    np.testing.assert_allclose(s.soft_target[:4], [0.4, 0.3, 0.2, 0.1], rtol=1e-12)
    assert s.soft_target.sum() == pytest.approx(1.0)
    assert s.target_class == 2
    assert len(s.class_names) == 7 and s.class_names[:4] == ExplorerState().class_names


def test_shrinking_k_keeps_the_remaining_values(model):
    model.update(target_class=1, target_mode="soft", soft_target=[0.4, 0.4, 0.1, 0.1])
    model.update(num_classes=2)
    s = model.state
    np.testing.assert_array_equal(s.logits, [2.0, 1.0])
    assert s.target_class == 1
    # p keeps its proportions (and sums to 1 with auto-normalise on).
    np.testing.assert_allclose(s.soft_target, [0.5, 0.5])


def test_shrinking_k_below_the_true_class_clamps_it(model):
    model.update(target_class=3)
    model.update(num_classes=2)
    assert model.state.target_class == 1


def test_round_trip_k_without_auto_normalise_keeps_p(model):
    model.update(target_mode="soft", auto_normalise=False, soft_target=[0.5, 0.2, 0.1, 0.9])
    model.update(num_classes=3)
    np.testing.assert_array_equal(model.state.soft_target, [0.5, 0.2, 0.1])


def test_replace_state_from_a_new_model(counter):
    a = ExplorerModel()
    b = ExplorerModel()
    a.update(num_classes=5, temperature=2.5, target_class=4, units="bits")
    changed = counter(b.changed)
    assert b.replace_state(a.state) is True
    assert changed.count == 1
    assert b.state.same_as(a.state)
    assert b.replace_state(a.state) is False
    assert changed.count == 1
