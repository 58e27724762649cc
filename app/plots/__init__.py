"""pyqtgraph views of the explorer: each creates its items once, then only updates them."""

from app.plots.information_plot import HistoryPlot, InformationPanel, InformationPlot
from app.plots.probability_plot import ProbabilityPlot

__all__ = ["ProbabilityPlot", "InformationPlot", "HistoryPlot", "InformationPanel"]
