"""The notebook app: ipywidgets views of an analysed article and the Workbench that wires them.

>>> from workbench.ui import Workbench
>>> Workbench.open("sample:kursk_marino")  # doctest: +SKIP

Modules: :mod:`~workbench.ui.controller` (state and selection, no widgets),
:mod:`~workbench.ui.backend` (findings store adapter), one module per widget
(:mod:`~workbench.ui.article_view`, :mod:`~workbench.ui.entity_table`,
:mod:`~workbench.ui.map_view`, :mod:`~workbench.ui.load_panel`,
:mod:`~workbench.ui.corrections`, :mod:`~workbench.ui.findings_panel`,
:mod:`~workbench.ui.history`), the interface strings in English and Arabic
(:mod:`~workbench.ui.i18n`, whose :func:`~workbench.ui.i18n.t` other parts of the
workbench use with their own registered catalogues) and :mod:`~workbench.ui.app`.
"""

from __future__ import annotations

from workbench.ui.app import Workbench, WorkbenchConfig

__all__ = ["Workbench", "WorkbenchConfig"]
