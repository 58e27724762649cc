"""Interface translation through Qt's translator (``--lang zh_CN``).

Strings are wrapped in :func:`tr`; ``resources/translations/update_translations.py``
collects them into the ``.ts`` file, and ``pyside6-lrelease`` compiles the
``.qm`` that :func:`app.main.main` installs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core import LossKind, loss_spec

if TYPE_CHECKING:
    from app.model import ExplorerState

CONTEXT = "LogitLab"


def tr(text: str) -> str:
    """``text`` in the interface language (itself when there is no translation)."""
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``text`` for translation without translating it now.

    For module-level tables built before the translator is installed; callers
    pass the value through :func:`tr` when they show it.
    """
    return text


def loss_label(kind: LossKind | str) -> str:
    """The translated name of a loss, from the core registry (which marks it with N_)."""
    return tr(loss_spec(kind).label)


def output_names(state: ExplorerState) -> tuple[str, ...]:
    """The names of the outputs the window shows: the classes, or for a binary problem
    its two outcomes ("not cat", "cat")."""
    if state.problem_type.value == "binary":
        name = state.class_names[0]
        return (tr("not {name}").format(name=name), name)
    return state.class_names
