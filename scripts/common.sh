# Helpers shared by scripts/run, scripts/test and scripts/format (sourced, not run).
# Sets HP_ROOT (the repository) and HP_JOBS (parallel jobs, $HP_JOBS or nproc).

HP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HP_JOBS=${HP_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Debian 12 packages needed by the build scripts/run configures: the library, the hippain
# tool, the examples and the C tests (Criterion; libical parses the iCalendar exports back;
# CMake looks for a Python interpreter for the test scripts).
HP_BUILD_PACKAGES=(
    build-essential cmake pkg-config
    libxml2-dev libxml2-utils libjansson-dev libcriterion-dev libical-dev python3
)

# Debian 12 packages needed to build and run every test (scripts/test).
HP_TEST_PACKAGES=(
    "${HP_BUILD_PACKAGES[@]}"
    liblzma-dev zlib1g-dev libicu-dev # linking a static libhippain: pkg-config --static
    clang libclang-rt-14-dev clang-format valgrind doxygen
    swig python3-dev python3-venv python3-setuptools python3-wheel python3-pytest python3-numpy
    # the Python binding's research helpers, Dask example and executed notebook
    python3-pandas python3-matplotlib python3-dask python3-nbformat python3-nbclient
    python3-ipykernel
    lua5.4 liblua5.4-dev lua5.1 liblua5.1-0-dev luajit libluajit-5.1-dev
    gcovr
)

hp_die() {
    echo "error: $*" >&2
    exit 1
}

# hp_require_packages PKG...: installs the Debian packages that are not installed yet
# (apt-get update once, then apt-get install), as root or through sudo.
hp_require_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "warning: no dpkg/apt-get here: make sure these are installed: $*" >&2
        return 0
    fi
    local missing=() p
    for p in "$@"; do
        if [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) != ii* ]]; then
            missing+=("$p")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 ||
            hp_die "missing packages (${missing[*]}) and not root: install them or run as root"
        apt=(sudo "${apt[@]}")
    fi
    echo "Installing missing Debian packages: ${missing[*]}" >&2
    "${apt[@]}" update -qq >&2 || hp_die "apt-get update failed"
    "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
        hp_die "apt-get install ${missing[*]} failed"
}

# The ontology compiled into the library: data/hippain.xml unless $HP_DEFAULT_ONTOLOGY
# names another file. Passed on every configure so that a reused build folder follows it.
hp_default_ontology() {
    echo "${HP_DEFAULT_ONTOLOGY:-$HP_ROOT/data/hippain.xml}"
}
