"""Packaging: `pip install` of bindings/python into a fresh venv (offline, no build
isolation), then the installed package imports and passes the tests outside the build
tree."""

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import HERE, SOURCE_DIR

pytestmark = pytest.mark.skipif(
    os.environ.get("HIPPAIN_TEST_INSTALLED") == "1" or not os.environ.get("HIPPAIN_BUILD_DIR"),
    reason="runs from ctest (needs HIPPAIN_BUILD_DIR), not inside the installed run")


def test_pip_install_into_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True)
    py = venv / "bin" / "python"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # nothing from the build tree
    env["HIPPAIN_SETUP_TMP"] = str(tmp_path / "setup")
    subprocess.run([str(py), "-m", "pip", "install", "--no-build-isolation", "--no-index",
                    "--disable-pip-version-check", "-q", str(SOURCE_DIR / "bindings" / "python")],
                   check=True, env=env, cwd=tmp_path)
    # the source tree stays clean
    assert not list((SOURCE_DIR / "bindings" / "python").glob("*.egg-info"))
    assert not (SOURCE_DIR / "bindings" / "python" / "build").exists()

    # imported from the venv, outside the build tree, without LD_LIBRARY_PATH (RPATH)
    run_env = dict(env)
    run_env.pop("LD_LIBRARY_PATH", None)
    out = subprocess.run(
        [str(py), "-c", "import hippain, sys; print(hippain.__file__); "
         "a = hippain.Ontology.default().assess(findings={'pain_lateral_hip': True}); "
         "print(a.causes[0].id, len(a.plan(weeks=2)))"],
        check=True, env=run_env, cwd=tmp_path, capture_output=True, text=True).stdout.split("\n")
    assert out[0].startswith(str(venv)), out
    assert out[1].endswith(" 2")
    # the installed package ships its stubs
    site = pathlib.Path(out[0]).parent
    assert (site / "py.typed").exists() and (site / "__init__.pyi").exists()

    # and passes the test suite (without the install, notebook and valgrind-sized parts)
    run_env.update(HIPPAIN_TEST_INSTALLED="1", HIPPAIN_LEAK_CYCLES="2000",
                   HIPPAIN_SOURCE_DIR=str(SOURCE_DIR))
    tests = [str(p) for p in sorted(HERE.glob("test_*.py"))
             if p.name not in ("test_install.py", "test_notebook.py")]
    r = subprocess.run([str(py), "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                       env=run_env, cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert " skipped" not in r.stdout.strip().splitlines()[-1], r.stdout[-4000:]
