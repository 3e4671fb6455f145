"""Figures a benchmark hands to ``bench.all``: each ``record`` call merges its values into
the JSON file named by ``RSI_BENCH_FIGURES`` (nothing happens without it)."""

import json
import os
from pathlib import Path
from typing import Any

FIGURES_ENV = "RSI_BENCH_FIGURES"


def record(bench: str, **values: Any) -> None:
    target = os.environ.get(FIGURES_ENV)
    if not target:
        return
    path = Path(target)
    figures = json.loads(path.read_text()) if path.exists() else {}
    figures.setdefault(bench, {}).update(values)
    path.write_text(json.dumps(figures, indent=2))
