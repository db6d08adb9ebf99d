"""Shared fixtures. The tests import `hippain` from PYTHONPATH (the build's package
directory, set by ctest) or from wherever it is installed (the venv test)."""

import json
import os
import pathlib

import pytest

import hippain

HERE = pathlib.Path(__file__).resolve().parent
# The repository: HIPPAIN_SOURCE_DIR when ctest runs us, else relative to this file.
SOURCE_DIR = pathlib.Path(os.environ.get("HIPPAIN_SOURCE_DIR", HERE.parents[2]))
DATA = SOURCE_DIR / "tests" / "data"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long-running (leak loop, install, notebook)")


@pytest.fixture(scope="session")
def onto():
    return hippain.Ontology.default()


@pytest.fixture(scope="session")
def mini_path():
    return DATA / "ontologies" / "mini.xml"


@pytest.fixture(scope="session")
def lateral():
    """The lateral-hip example profile as a dict."""
    with open(SOURCE_DIR / "examples" / "profiles" / "lateral_hip.json") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def profiles():
    """Every profile of tests/data/profiles, by name."""
    out = {}
    for p in sorted((DATA / "profiles").glob("*.json")):
        with open(p) as f:
            out[p.stem] = json.load(f)
    return out


@pytest.fixture
def lateral_assessment(onto, lateral):
    return onto.assess(findings=lateral["findings"], runner=lateral["runner"])
