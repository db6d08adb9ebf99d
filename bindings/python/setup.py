"""Build the hippain extension with SWIG against an installed or built libhippain.

Where the library is found, first match wins:
  1. HIPPAIN_BUILD_DIR: a CMake build tree of the repository (headers from the repository's
     include/ and <build>/include, library from HIPPAIN_LIBRARY_DIR or <build>/lib);
  2. pkg-config hippain (an installed library; set PKG_CONFIG_PATH for a non-system prefix).
The extension gets an RPATH to the library directory, so it imports without
LD_LIBRARY_PATH. SWIG (swig4.0) must be installed. Build files go to a temporary
directory, not to the source tree.

    python3 -m venv --system-site-packages v
    HIPPAIN_BUILD_DIR=$PWD/build v/bin/pip install --no-build-isolation --no-index bindings/python
"""

import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
# The interface file: ../hippain.i in the repository, or a copy next to setup.py (sdist).
INTERFACE = next((p for p in (HERE.parent / "hippain.i", HERE / "hippain.i") if p.exists()),
                 None)
TMP = pathlib.Path(os.environ.get("HIPPAIN_SETUP_TMP") or tempfile.mkdtemp(prefix="hippain-setup-"))


def _pkg_config(*args):
    out = subprocess.run(["pkg-config", *args, "hippain"], check=True, capture_output=True,
                         text=True).stdout
    return shlex.split(out)


def library_flags():
    """(include_dirs, library_dirs, extra_compile_args) for libhippain."""
    build = os.environ.get("HIPPAIN_BUILD_DIR")
    if build:
        build = pathlib.Path(build).resolve()
        source = pathlib.Path(os.environ.get("HIPPAIN_SOURCE_DIR", HERE.parents[1]))
        libdir = pathlib.Path(os.environ.get("HIPPAIN_LIBRARY_DIR", build / "lib"))
        return ([str(source / "include"), str(build / "include")], [str(libdir)], [])
    try:
        cflags = _pkg_config("--cflags")
        libs = _pkg_config("--libs-only-L")
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit("hippain: libhippain not found: set HIPPAIN_BUILD_DIR to a CMake build "
                 "directory or make `pkg-config hippain` work (%s)" % e)
    incs = [f[2:] for f in cflags if f.startswith("-I")]
    other = [f for f in cflags if not f.startswith("-I")]
    return incs, [f[2:] for f in libs if f.startswith("-L")], other


class BuildSwig(build_ext):
    """Run SWIG (-threads) into a temporary directory, put the generated hippain_core.py
    into the package, then compile the wrapper."""

    def run(self):
        if INTERFACE is None:
            sys.exit("hippain: hippain.i not found (expected at ../hippain.i)")
        swig = shutil.which("swig") or shutil.which("swig4.0")
        if not swig:
            sys.exit("hippain: swig not found (Debian: apt install swig)")
        ext = self.extensions[0]
        gen = TMP / "swig"
        gen.mkdir(parents=True, exist_ok=True)
        wrap = gen / "hippain_wrap.c"
        cmd = [swig, "-python", "-threads", "-outdir", str(gen), "-o", str(wrap)]
        cmd += ["-I" + d for d in ext.include_dirs] + [str(INTERFACE)]
        self.announce(" ".join(cmd), level=2)
        subprocess.run(cmd, check=True)
        ext.sources = [str(wrap)]
        super().run()
        # the SWIG-generated Python module goes next to the extension
        dest = pathlib.Path(self.get_ext_fullpath(ext.name)).parent
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(gen / "hippain_core.py", dest / "hippain_core.py")
        if self.inplace:
            return


incs, libdirs, cflags = library_flags()
setup(
    ext_modules=[Extension(
        "hippain._hippain_core",
        sources=[],  # set by BuildSwig
        include_dirs=incs,
        library_dirs=libdirs,
        runtime_library_dirs=libdirs,
        libraries=["hippain"],
        extra_compile_args=cflags + ["-w"],
    )],
    cmdclass={"build_ext": BuildSwig},
    options={
        "build": {"build_base": str(TMP / "build")},
        "egg_info": {"egg_base": str(TMP)},
    },
)
