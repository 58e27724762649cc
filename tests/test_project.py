"""The project's promises about itself: the README's commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    """The indented command lines of the README's "Run" sections."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^    (python3 -m venv .+)$", text, flags=re.MULTILINE)


def test_readme_has_the_two_commands():
    commands = readme_commands()
    assert len(commands) == 2, commands
    run, test = commands
    assert run.endswith("logit-lab") and "pip install ." in run
    assert "'.[test]'" in test and test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = readme_commands()[1]
    assert test_command in ci.splitlines()


def test_pyproject_declares_the_contracted_dependencies():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = meta["dependencies"]
    assert 'PySide6-Essentials>=6.7,<6.12; python_version < "3.12"' in deps
    assert 'PySide6-Essentials>=6.7; python_version >= "3.12"' in deps
    assert {d.split(">")[0] for d in deps} >= {"pyqtgraph", "numpy"}
    assert meta["gui-scripts"]["logit-lab"] == "app.main:main"
    assert set(meta["optional-dependencies"]["test"]) >= {
        "pytest>=7",
        "pytest-qt>=4.2",
        "hypothesis>=6.80",
        "scipy>=1.10",
    }


def test_every_contract_object_name_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in (
        "class_count",
        "logit_slider_{i}",
        "logit_spin_{i}",
        "target_mode",
        "target_class",
        "target_spin_{i}",
        "temperature_spin",
        "units",
        "readout_entropy",
        "readout_cross_entropy",
        "readout_kl",
        "readout_mse",
        "readout_loss",
        "probability_plot",
        "information_plot",
    ):
        assert f"`{name}`" in readme, name
