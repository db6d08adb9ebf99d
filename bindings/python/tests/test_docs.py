"""Docstrings on everything public, and type stubs that cover the public API."""

import ast
import inspect
import pathlib

import hippain
import hippain.plotting


def _public_members(cls):
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, (property, classmethod, staticmethod)) or inspect.isfunction(member):
            yield name, member


def test_docstrings_everywhere():
    missing = []
    assert hippain.__doc__
    for name in hippain.__all__:
        obj = getattr(hippain, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for mname, member in _public_members(obj):
                fn = member.fget if isinstance(member, property) else getattr(
                    member, "__func__", member)
                if not (fn.__doc__ or "").strip():
                    missing.append("%s.%s" % (name, mname))
    for name in hippain.plotting.__all__:
        if not getattr(hippain.plotting, name).__doc__:
            missing.append("plotting." + name)
    assert not missing, "no docstring: %s" % ", ".join(missing)


def test_stubs_cover_the_api():
    stub = pathlib.Path(hippain.__file__).with_name("__init__.pyi")
    assert stub.exists() and pathlib.Path(hippain.__file__).with_name("py.typed").exists()
    tree = ast.parse(stub.read_text())
    names = set()
    classes = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
            if isinstance(node, ast.ClassDef):
                classes[node.name] = (
                    {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                    | {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)})
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    assert set(hippain.__all__) <= names, set(hippain.__all__) - names
    # every public method and property of the main classes is in the stub
    for cls in (hippain.Ontology, hippain.Assessment, hippain.Plan, hippain.Interview,
                hippain.Profile, hippain.Batch, hippain.EntryList):
        have = {n for n, _ in _public_members(cls)}
        assert have <= classes[cls.__name__], (cls.__name__, have - classes[cls.__name__])
