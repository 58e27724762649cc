"""The Chinese interface: every marked string is translated and the .qm loads."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from gui_reference import chinese_interface

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "update_translations", TRANSLATIONS / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_has_a_finished_chinese_translation():
    tool = _tool()
    strings = tool.source_strings(ROOT / "app")
    assert len(strings) > 80
    root = ET.parse(TRANSLATIONS / "logit_lab_zh_CN.ts").getroot()
    finished = {
        m.findtext("source"): m.find("translation").text
        for m in root.iter("message")
        if m.find("translation").get("type") != "unfinished"
    }
    missing = [s for s in strings if not finished.get(s)]
    assert not missing, f"run resources/translations/update_translations.py: {missing}"


def test_compiled_translation_is_installed_by_qt(qapp):
    from app.i18n import tr

    with chinese_interface():
        assert tr("&File") == "文件(&F)"
        assert tr("entropy") == "熵"
        assert tr("no such string") == "no such string"
    assert tr("&File") == "&File"


@pytest.mark.parametrize("path", sorted((ROOT / "resources" / "scenes").glob("*.json")))
def test_every_builtin_scene_has_a_chinese_title_and_note(path):
    from app.scenes import load_scene

    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["title_zh_CN"] and data["description_zh_CN"]
    scene = load_scene(path, "zh_CN")
    assert scene.title == data["title_zh_CN"]
    assert load_scene(path).title == data["title"]


def test_model_notices_speak_chinese_with_the_chinese_interface(qapp, qtbot):
    # A problem-type switch explains what it did in the status bar, in the UI language.
    from app.model import ExplorerModel

    notices: list[str] = []
    with chinese_interface():
        model = ExplorerModel()
        model.notice.connect(notices.append)
        assert model.set_problem_type("binary")
        assert notices[-1].startswith("4 个 softmax 类别无法变成一个 sigmoid")
    notices.clear()
    english = ExplorerModel()
    english.notice.connect(notices.append)
    assert english.set_problem_type("binary")
    assert notices[-1].startswith("4 softmax classes cannot become one sigmoid")


def test_the_sweep_titles_speak_chinese_and_keep_their_colours(qapp, qtbot):
    # The CE-vs-MSE sweep's titles are translated templates with coloured words.
    from app.model import ExplorerModel
    from app.plots.sweep_plot import GradientSweepPlot, LossSweepPlot

    with chinese_interface():
        model = ExplorerModel()
        loss_plot, gradient_plot = LossSweepPlot(model), GradientSweepPlot(model)
        for plot in (loss_plot, gradient_plot):
            qtbot.addWidget(plot)
            plot.show()  # a plot draws when first shown
        plain, rich = loss_plot._title_candidates()[0]
        assert plain == "损失、KL 和 MSE 随“class 0”的 z 变化"
        colour = loss_plot.appearance.html("cross_entropy")
        assert f"<span style='color:{colour}'>损失</span>" in rich
        assert gradient_plot._title_candidates()[0][0] == "梯度 ∂/∂z：损失 对比 MSE"
        assert "显示的损失：" in loss_plot.toolTip()
    english = LossSweepPlot(ExplorerModel())
    qtbot.addWidget(english)
    english.show()
    assert english._title_candidates()[0][0] == "loss, KL and MSE vs z of “class 0”"
    assert english._title_candidates()[-1][0] == "loss, KL, MSE"
