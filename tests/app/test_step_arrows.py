"""Optional arrows on the logit sliders: one gradient-descent step of the loss and of MSE.

Expected steps come from scipy: −η (q − p)/T for softmax cross-entropy and −η ∂MSE/∂z.
"""

from __future__ import annotations

import numpy as np
from gui_reference import inputs_from_state, type_into
from scipy import special

from app.widgets.class_table import SLIDER_STEPS


def _expected_steps(state) -> tuple[np.ndarray, np.ndarray]:
    inp = inputs_from_state(state)
    t, k, p = inp.temperature, inp.k, inp.p
    q = special.softmax(inp.logits / t)
    g_ce = (q - p) / t
    r = q - p
    g_mse = 2.0 / k * (q * r - q * np.dot(q, r)) / t
    eta = state.learning_rate
    return -eta * g_ce, -eta * g_mse


def test_the_view_menu_shows_and_hides_the_step_arrows(qtbot, window):
    sliders = [window.class_table.rows[i].slider for i in range(4)]
    assert all(s.step_arrows == [] for s in sliders)  # off by default
    action = window.window_actions.actions["gradient_steps"]
    action.trigger()
    assert action.isChecked() and window.appearance.gradient_steps
    ce, mse = _expected_steps(window.model.state)
    for i, s in enumerate(sliders):
        (ce_len, _), (mse_len, _) = s.step_arrows
        assert abs(ce_len - ce[i] * SLIDER_STEPS) < 1e-9
        assert abs(mse_len - mse[i] * SLIDER_STEPS) < 1e-9
    # They follow the learning rate and the logits as the user types.
    window.model.update(learning_rate=0.5)
    type_into(qtbot, window.findChild(type(window.class_table.rows[0].spin), "logit_spin_0"), "-3")
    ce, mse = _expected_steps(window.model.state)
    assert window.model.state.logits[0] == -3.0
    assert abs(sliders[0].step_arrows[0][0] - ce[0] * SLIDER_STEPS) < 1e-9
    assert sliders[0].step_arrows[0][0] > 0  # the true class's logit is pushed up
    action.trigger()
    assert all(s.step_arrows == [] for s in sliders)
    window.grab()  # paints without error in both states
