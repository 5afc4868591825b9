"""Import boundaries: the domain never imports Textual, and `--help` stays light."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

HEAVY_FOR_HELP = {"textual", "sqlalchemy", "sqlmodel", "docx", "openpyxl", "jinja2", "alembic"}


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_help_imports_nothing_heavy() -> None:
    mods = _modules_after(
        "import sys\nsys.argv = ['assure', '--help']\nfrom assure.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert not HEAVY_FOR_HELP & mods


def test_domain_layer_never_imports_textual() -> None:
    code = (
        "import importlib, pkgutil, sys\nimport assure.services, assure.models\n"
        "for pkg in (assure.services, assure.models):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import assure.cli, assure.core.db, assure.core.config, assure.core.clock"
    )
    assert "textual" not in _modules_after(code)
