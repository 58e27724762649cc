"""Scenes: a saved explorer state with a title and a note, as a JSON file.

A lecturer prepares scenes before a class and opens them live; the built-in
ones in ``resources/scenes`` demonstrate each idea of the seed article.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.model import STATE_FIELDS, ExplorerState, build_state
from core.editing import normalise
from core.explorer import DEFAULT_LOSS
from core.registry import LEGACY_NAMES, LOSSES
from resources import SCENES

FORMAT = "logit-lab-scene"
#: 2: losses are named by their full TensorFlow names and a problem type is saved.
VERSION = 2


@dataclass(frozen=True)
class Scene:
    name: str  #: the file stem, used by --scene
    title: str
    description: str
    state: ExplorerState


def builtin_scenes() -> dict[str, Path]:
    """Built-in scene files by file stem ("03-max-shift-overflow"), in display order."""
    return {p.stem: p for p in sorted(SCENES.glob("*.json"))}


def scene_name(stem: str) -> str:
    """The name ``--scene`` takes and ``--list-scenes`` prints: the stem without its number."""
    return stem.split("-", 1)[-1] if stem[:1].isdigit() else stem


def find_builtin_scene(name: str) -> Path:
    """The built-in scene file called ``name`` (as listed, or the numbered file stem).

    Raises ValueError listing the names there are.
    """
    scenes = builtin_scenes()
    for stem, path in scenes.items():
        if name in (stem, scene_name(stem)):
            return path
    names = ", ".join(scene_name(stem) for stem in scenes)
    raise ValueError(f"no built-in scene called {name!r}; choose from: {names}")


def scene_to_dict(state: ExplorerState, title: str = "", description: str = "") -> dict[str, Any]:
    """A scene file's contents for ``state`` (what :func:`scene_from_dict` reads back)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "description": description,
        "state": state.to_json(),
    }


def migrate_settings(settings: dict[str, Any], version: int) -> dict[str, Any]:
    """A version-1 scene's settings as version 2 (a new dict; version 2 is returned as is).

    Version 1 named losses by short names ("sigmoid_cross_entropy") and had no
    problem type: every loss ran on the K logits of a softmax explorer, a sigmoid
    loss treating p as K independent targets. Version 2 names the TensorFlow
    function and says the problem type, so a sigmoid loss becomes a multi-label
    problem with the same logits and per-class targets (the same loss value).
    """
    if version >= 2:
        return settings
    out = dict(settings)
    loss = out.setdefault("loss", "softmax_cross_entropy")  # version 1's default
    if isinstance(loss, str) and loss in LEGACY_NAMES:
        kind = LEGACY_NAMES[loss]
        out["loss"] = kind.value
        if "multiclass" not in LOSSES[kind].problem_types:
            out.setdefault("problem_type", "multilabel")
            if out.get("target_mode", "index") == "index":
                k = len(out["logits"]) if isinstance(out.get("logits"), list) else 4
                target = [0.0] * k
                c = out.get("target_class", 0)
                if isinstance(c, int) and 0 <= c < k:
                    target[c] = 1.0
                out["soft_target"] = target
            elif out.get("auto_normalise", True) and isinstance(out.get("soft_target"), list):
                # Version 1 rescaled soft labels to sum to 1 while keep Σp = 1 was on (its
                # default); multi-label targets are never rescaled, so do it here.
                try:
                    p = np.asarray(out["soft_target"], dtype=np.float64)
                    if not math.isclose(float(p.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
                        out["soft_target"] = normalise(p).tolist()
                except (TypeError, ValueError):
                    pass  # not a list of probabilities: build_state says what is wrong
            out["target_mode"] = "soft"
    return out


def scene_from_dict(data: Any, name: str, language: str = "en") -> Scene:
    """Validate a parsed scene; missing settings take their defaults.

    ``title_<language>`` and ``description_<language>`` (e.g. ``title_zh_CN``),
    when present, replace the English text.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f'{name} is not a Logit Lab scene (missing "format": "{FORMAT}")')
    version = data.get("version", VERSION)
    if not isinstance(version, int) or version > VERSION:
        raise ValueError(f"{name} needs a newer Logit Lab (scene version {version!r})")
    settings = data.get("state", {})
    if not isinstance(settings, dict):
        raise ValueError(f'{name}: "state" must be an object')
    settings = migrate_settings(dict(settings), version)
    problem = settings.get("problem_type")
    if isinstance(problem, str) and problem in DEFAULT_LOSS:
        settings.setdefault("loss", DEFAULT_LOSS[problem].value)
    unknown = set(settings) - STATE_FIELDS
    if unknown:
        raise ValueError(f"{name}: unknown setting(s) {', '.join(sorted(unknown))}")
    # Resize first so that per-class lists of the scene's length are accepted.
    k = len(settings["logits"]) if isinstance(settings.get("logits"), list) else None
    base = ExplorerState()
    try:
        if settings.get("problem_type") == "binary":
            base = build_state(
                base,
                {
                    "problem_type": "binary",
                    "logits": [0.0],
                    "soft_target": [1.0],
                    "class_names": ("class 1",),
                    "loss": DEFAULT_LOSS["binary"],
                },
            )
        elif k is not None and k != base.num_classes:
            base = build_state(base, {"num_classes": k})
        state = build_state(base, settings)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    return Scene(
        name=name,
        title=str(data.get(f"title_{language}", data.get("title", name))),
        description=str(data.get(f"description_{language}", data.get("description", ""))),
        state=state,
    )


def load_scene(path: str | Path, language: str = "en") -> Scene:
    """Read and validate a scene file. Raises ValueError with a message for the user."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return scene_from_dict(data, path.stem, language)


def save_scene(
    path: str | Path, state: ExplorerState, title: str = "", description: str = ""
) -> None:
    """Write ``state`` as a scene file (atomically: a crash never leaves half a file)."""
    path = Path(path)
    data = scene_to_dict(state, title or path.stem, description)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
