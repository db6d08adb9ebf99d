"""The example notebook runs top to bottom (nbclient, kernel python3 with this
process's environment, so the same hippain is imported)."""

import os
import pytest

from conftest import SOURCE_DIR

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")


def test_explore_notebook_executes(tmp_path, monkeypatch):
    import hippain
    # the kernel imports the same hippain as this process (absolute path)
    pkg_parent = os.path.dirname(os.path.dirname(os.path.abspath(hippain.__file__)))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [pkg_parent] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    path = SOURCE_DIR / "examples" / "python" / "explore.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code_cells)
    text = "".join(o.get("text", "") for c in code_cells for o in c.get("outputs", []))
    assert "InvalidInput" in text and "runner.weekly_km" in text
