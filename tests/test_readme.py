"""The README's pipeline examples run as written, from a checkout, in one fresh process."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end != -1 else len(text)]


def _python_blocks(section: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", section, re.S)


def _java_available() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def test_readme_pipeline_examples_run(tmp_path):
    for module in ("datatrove", "pyspark", "pandas", "datasets"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} not installed (pip install '.[test]' installs it)")
    if not _java_available():
        pytest.skip("no Java for the Spark example")
    blocks = _python_blocks(_section(README.read_text(encoding="utf-8"), "## In pipelines"))
    assert len(blocks) >= 4, "records, datatrove, Spark and pandas/datasets examples"
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    script = tmp_path / "readme_examples.py"
    script.write_text("\n".join(blocks), encoding="utf-8")
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for name in seeds:  # the records example printed every seed with its language
        assert re.search(rf"^{re.escape(name)} de ", done.stdout, re.M), done.stdout[-2000:]
    written = list((tmp_path / "out" / "datatrove").glob("*.jsonl*"))
    assert written, "the datatrove example wrote nothing"
    assert "removed_categories" in done.stdout  # the Spark example showed its columns
