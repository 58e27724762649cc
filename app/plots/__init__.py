"""pyqtgraph views of the explorer: each creates its items once, then only updates them."""

import pyqtgraph as pg

# pyqtgraph drops mouse moves less than 10 ms apart by default (mouseRateLimit), so a
# quick press-drag-release (a touch screen, a test) would arrive as a click. Drags are
# coalesced by the model (one recompute per event-loop turn), so take every move.
pg.setConfigOptions(mouseRateLimit=0)

from app.plots.information_plot import (  # noqa: E402 (after the configuration)
    HistoryPlot,
    InformationPanel,
    InformationPlot,
)
from app.plots.probability_plot import ProbabilityPlot  # noqa: E402
from app.plots.sweep_plot import GradientSweepPlot, LossSweepPlot, SweepPanel  # noqa: E402

__all__ = [
    "ProbabilityPlot",
    "InformationPlot",
    "HistoryPlot",
    "InformationPanel",
    "LossSweepPlot",
    "GradientSweepPlot",
    "SweepPanel",
]
