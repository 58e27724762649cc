"""Scenes: a saved explorer state with a title and a note, as a JSON file.

A lecturer prepares scenes before a class and opens them live; the built-in
ones in ``resources/scenes`` demonstrate each idea of the seed article, in its
order. Besides its state a scene may name the panels to bring to the front
(:data:`PANELS`, and which TensorFlow tab), a question to ask the room before
the numbers are revealed (``predict``), and steps: named states a clicker
advances through, each one the scene's state with a few settings changed.

File format (version 3; versions 1 and 2 are still read)::

    {
      "format": "logit-lab-scene", "version": 3,
      "title": "…", "title_zh_CN": "…",
      "description": "…", "description_zh_CN": "…",
      "predict": "…", "predict_zh_CN": "…",
      "panels": ["gradient_dock"], "tensorflow_tab": "pitfalls",
      "state": {settings; missing ones take their defaults},
      "steps": [
        {"title": "…", "title_zh_CN": "…", "note": "…", "note_zh_CN": "…",
         "changes": {settings that differ from "state"}}
      ]
    }

Each step is relative to the scene's own state, not to the step before it.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.model import (
    STATE_FIELDS,
    UNSAVED_FIELDS,
    ExplorerState,
    ProblemType,
    build_state,
    changed_fields,
    loss_unsuitable_reason,
)
from core.editing import normalise
from core.explorer import DEFAULT_LOSS
from core.registry import LEGACY_NAMES, LOSSES
from resources import SCENES

FORMAT = "logit-lab-scene"
#: 2: losses are named by their full TensorFlow names and a problem type is saved.
#: 3: panels, a TensorFlow tab, a question for the room (predict) and steps.
VERSION = 3

#: The docks (by objectName) a scene may bring to the front when it opens.
PANELS = frozenset(
    {
        "sweep_dock",
        "gradient_dock",
        "sigmoid_dock",
        "descent_dock",
        "tensorflow_dock",
        "readouts_dock",
    }
)
#: The tabs of the TensorFlow dock a scene may show, in the dock's order.
TENSORFLOW_TABS = ("guide", "equivalences", "pitfalls", "code")

#: The keys a step may have: its text (optionally per language) and its changes.
_STEP_KEY = re.compile(r"(title|note)(_[A-Za-z]{2,3}(_[A-Za-z0-9]{2,4})?)?|changes")


@dataclass(frozen=True)
class SceneStep:
    """A named state within a scene: the scene's state with a few settings changed."""

    title: str
    note: str
    state: ExplorerState


@dataclass(frozen=True)
class Scene:
    """A scene as read, its text in one language; the fields after ``state`` are version 3."""

    name: str  #: the file stem, used by --scene
    title: str
    description: str
    state: ExplorerState
    #: Dock objectNames (from :data:`PANELS`) to bring to the front, in this order.
    panels: tuple[str, ...] = ()
    #: The TensorFlow dock's tab to show (from :data:`TENSORFLOW_TABS`), or None.
    tensorflow_tab: str | None = None
    #: A question for the room, asked before the numbers are shown ("" for none).
    predict: str = ""
    #: What the clicker steps through after the scene's own state.
    steps: tuple[SceneStep, ...] = ()


def builtin_scenes() -> dict[str, Path]:
    """Built-in scene files by file stem ("06-max-shift-overflow"), in display order."""
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


# -- validation of the version-3 fields -------------------------------------------------------


def check_panels(panels: Any, name: str = "scene") -> tuple[str, ...]:
    """``panels`` as a tuple of dock names; ValueError naming any that do not exist."""
    if isinstance(panels, str) or not isinstance(panels, (list, tuple)):
        raise ValueError(f'{name}: "panels" must be a list of panel names')
    if not all(isinstance(p, str) for p in panels):
        raise ValueError(f'{name}: "panels" must be a list of panel names')
    unknown = sorted(set(panels) - PANELS)
    if unknown:
        raise ValueError(
            f"{name}: unknown panel(s) {', '.join(unknown)}; "
            f"choose from: {', '.join(sorted(PANELS))}"
        )
    if len(set(panels)) != len(panels):
        raise ValueError(f"{name}: a panel is listed twice in {list(panels)}")
    return tuple(panels)


def check_tensorflow_tab(tab: Any, panels: tuple[str, ...], name: str = "scene") -> str | None:
    """``tab`` (None or one of :data:`TENSORFLOW_TABS`); it needs the TensorFlow dock."""
    if tab is None:
        return None
    if tab not in TENSORFLOW_TABS:
        raise ValueError(
            f"{name}: unknown tensorflow_tab {tab!r}; choose from: {', '.join(TENSORFLOW_TABS)}"
        )
    if "tensorflow_dock" not in panels:
        raise ValueError(f'{name}: tensorflow_tab needs "tensorflow_dock" among the panels')
    return str(tab)


def _text(data: Mapping[str, Any], key: str, language: str, default: str, where: str) -> str:
    """``data[key_<language>]`` when present and not empty, else ``data[key]``, else default."""
    value = data.get(f"{key}_{language}") or data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f'{where}: "{key}" must be text, got {value!r}')
    return value


_BINARY_START = {
    "problem_type": "binary",
    "logits": [0.0],
    "soft_target": [1.0],
    "class_names": ("class 1",),
    "target_class": 0,
    "loss": DEFAULT_LOSS["binary"],
}


def step_state(base: ExplorerState, changes: Mapping[str, Any]) -> ExplorerState:
    """``build_state(base, changes)``, able to change K or the problem type as a scene can.

    A step that switches the problem type without naming a loss gets that
    problem's default loss when the scene's loss does not suit it; a step whose
    logits have another length resizes the per-class settings first (the ones
    it names replace them). Raises ValueError as :func:`build_state` does.
    """
    settings = dict(changes)
    k = len(settings["logits"]) if isinstance(settings.get("logits"), list) else None
    problem = getattr(settings.get("problem_type"), "value", settings.get("problem_type"))
    if isinstance(problem, str) and problem in DEFAULT_LOSS and problem != base.problem_type:
        kind = ProblemType(problem)
        if loss_unsuitable_reason(base.loss, kind) is None:
            settings.setdefault("loss", base.loss)
        if kind is ProblemType.BINARY:
            base = build_state(base, _BINARY_START)
        else:
            k_start = k or max(base.num_classes, 2)
            loss = DEFAULT_LOSS[problem]
            base = build_state(base, {"problem_type": kind, "num_classes": k_start, "loss": loss})
    elif k is not None and k != base.num_classes and base.problem_type is not ProblemType.BINARY:
        base = build_state(base, {"num_classes": k})
    return build_state(base, settings)


def _steps_from(data: Any, state: ExplorerState, name: str, language: str) -> tuple[SceneStep, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValueError(f'{name}: "steps" must be a list')
    steps = []
    for n, item in enumerate(data, start=1):
        where = f"{name}: step {n}"
        if not isinstance(item, dict):
            raise ValueError(f"{where} must be an object")
        unknown = sorted(k for k in item if not isinstance(k, str) or not _STEP_KEY.fullmatch(k))
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
        changes = item.get("changes", {})
        if not isinstance(changes, dict):
            raise ValueError(f'{where}: "changes" must be an object')
        try:
            built = step_state(state, changes)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        steps.append(
            SceneStep(
                title=_text(item, "title", language, "", where),
                note=_text(item, "note", language, "", where),
                state=built,
            )
        )
    return tuple(steps)


def _step_changes(state: ExplorerState, step: SceneStep, n: int) -> dict[str, Any]:
    """The settings a step file needs: those that differ from the scene's state.

    Checked by rebuilding: a setting that ``build_state`` would change on its own
    (the selected class following the true class) is written too.
    """
    base, target = state.to_json(), step.state.to_json()
    changes = {key: value for key, value in target.items() if base.get(key) != value}
    for _ in range(3):
        try:
            rebuilt = step_state(state, changes)
        except ValueError:
            changes = dict(target)
            continue
        differ = changed_fields(rebuilt, step.state) - UNSAVED_FIELDS - {"num_classes"}
        if not differ:
            return changes
        changes.update({key: target[key] for key in differ if key in target})
    raise ValueError(f"step {n} cannot be saved: its state cannot be rebuilt from the scene's")


def scene_to_dict(
    state: ExplorerState,
    title: str = "",
    description: str = "",
    panels: Iterable[str] = (),
    predict: str = "",
    steps: Iterable[SceneStep] = (),
    tensorflow_tab: str | None = None,
) -> dict[str, Any]:
    """A scene file's contents for ``state`` (what :func:`scene_from_dict` reads back).

    ``panels``, ``tensorflow_tab``, ``predict`` and ``steps`` are written only when
    given. Raises ValueError for an unknown panel or tab, or a step that cannot be
    saved.
    """
    panels = check_panels(panels if isinstance(panels, str) else tuple(panels), "the scene")
    tensorflow_tab = check_tensorflow_tab(tensorflow_tab, panels, "the scene")
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "description": description,
    }
    if predict:
        data["predict"] = predict
    if panels:
        data["panels"] = list(panels)
    if tensorflow_tab is not None:
        data["tensorflow_tab"] = tensorflow_tab
    data["state"] = state.to_json()
    steps = tuple(steps)
    if steps:
        data["steps"] = [
            {"title": step.title, "note": step.note, "changes": _step_changes(state, step, n)}
            for n, step in enumerate(steps, start=1)
        ]
    return data


def migrate_settings(settings: dict[str, Any], version: int) -> dict[str, Any]:
    """A version-1 scene's settings as version 2 (a new dict; version 2 is returned as is).

    Version 1 named losses by short names ("sigmoid_cross_entropy") and had no
    problem type: every loss ran on the K logits of a softmax explorer, a sigmoid
    loss treating p as K independent targets. Version 2 names the TensorFlow
    function and says the problem type, so a sigmoid loss becomes a multi-label
    problem with the same logits and per-class targets (the same loss value).
    Version 3 changed nothing in the settings.
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

    ``title_<language>``, ``description_<language>`` and ``predict_<language>``
    (e.g. ``title_zh_CN``), when present, replace the English text; so do a
    step's ``title_<language>`` and ``note_<language>``.
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
            base = build_state(base, _BINARY_START)
        elif k is not None and k != base.num_classes:
            base = build_state(base, {"num_classes": k})
        state = build_state(base, settings)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    panels = check_panels(data.get("panels", []), name)
    return Scene(
        name=name,
        title=_text(data, "title", language, name, name),
        description=_text(data, "description", language, "", name),
        state=state,
        panels=panels,
        tensorflow_tab=check_tensorflow_tab(data.get("tensorflow_tab"), panels, name),
        predict=_text(data, "predict", language, "", name),
        steps=_steps_from(data.get("steps"), state, name, language),
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
    path: str | Path,
    state: ExplorerState,
    title: str = "",
    description: str = "",
    panels: Iterable[str] = (),
    predict: str = "",
    steps: Iterable[SceneStep] = (),
    tensorflow_tab: str | None = None,
) -> None:
    """Write ``state`` as a scene file, atomically: a failure never leaves half a file.

    The text goes to a temporary file in the same folder, is flushed to disk and
    then replaces ``path`` in one step; on any error the temporary file is removed
    and ``path`` keeps what it had. Pins are not saved. Raises OSError when the
    file cannot be written, ValueError for an unknown panel or tab.
    """
    path = Path(path)
    data = scene_to_dict(
        state, title or path.stem, description, panels, predict, steps, tensorflow_tab
    )
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # os.open honours the umask, so the file gets the permissions a plain write would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the replaced file (POSIX; best effort elsewhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
