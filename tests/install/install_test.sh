#!/usr/bin/env bash
# The install test (run by ctest as "install"): installs a build into a temporary prefix,
# checks what was installed, runs the installed hippain tool (which must find the library in
# that prefix with no LD_LIBRARY_PATH), then builds and runs consumer.c against that prefix
# once through pkg-config and once through find_package(hippain).
set -euo pipefail

usage() {
    echo "usage: $0 --build DIR --work DIR --source DIR --cc CC --cmake CMAKE --bindir REL --libdir REL" \
        "--includedir REL --datadir REL --kind shared|static --version X.Y.Z [--flags FLAGS]" >&2
    exit 2
}
build= work= source= cc= cmake= bindir= libdir= includedir= datadir= kind= version= flags=
while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || usage
    case $1 in
    --build) build=$2 ;;
    --work) work=$2 ;;
    --source) source=$2 ;;
    --cc) cc=$2 ;;
    --cmake) cmake=$2 ;;
    --bindir) bindir=$2 ;;
    --libdir) libdir=$2 ;;
    --includedir) includedir=$2 ;;
    --datadir) datadir=$2 ;;
    --kind) kind=$2 ;;
    --version) version=$2 ;;
    --flags) flags=$2 ;;
    *) usage ;;
    esac
    shift 2
done
for v in build work source cc cmake bindir libdir includedir datadir kind version; do
    [[ -n ${!v} ]] || usage
done
read -r -a extra_flags <<<"$flags"
repo=$(cd "$source/../.." && pwd)
major=${version%%.*}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step() { echo "--- $*"; }

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

step "cmake --install $build --prefix $prefix"
if ! "$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
    cat "$work/install.log" >&2
    fail "cmake --install failed"
fi

step "checking the installed files"
inc=$prefix/$includedir/hippain
for h in "$repo"/include/hippain/*.h; do
    [[ -f $inc/$(basename "$h") ]] || fail "header $(basename "$h") not installed"
done
[[ -f $inc/version.h ]] || fail "the configured version.h is not installed"
[[ ! -e $inc/version.h.in ]] || fail "version.h.in must not be installed"
grep -q "HP_VERSION_STRING \"$version\"" "$inc/version.h" || fail "version.h is not configured"
share=$prefix/$datadir/hippain
for f in hippain.xml hippain.rng FORMAT.md vocabulary.tsv; do
    if [[ -f $repo/data/$f ]]; then
        cmp -s "$repo/data/$f" "$share/$f" || fail "data file $f not installed in $share"
    fi
done
pc=$prefix/$libdir/pkgconfig/hippain.pc
[[ -f $pc ]] || fail "$pc not installed"
cmakedir=$prefix/$libdir/cmake/hippain
for f in hippainConfig.cmake hippainConfigVersion.cmake hippainTargets.cmake; do
    [[ -f $cmakedir/$f ]] || fail "$cmakedir/$f not installed"
done
lib=$prefix/$libdir
if [[ $kind == shared ]]; then
    real=$lib/libhippain.so.$version
    [[ -f $real && ! -L $real ]] || fail "$real not installed"
    [[ $(readlink "$lib/libhippain.so.$major") == "libhippain.so.$version" ]] ||
        fail "libhippain.so.$major is not a symlink to libhippain.so.$version"
    [[ $(readlink "$lib/libhippain.so") == "libhippain.so.$major" ]] ||
        fail "libhippain.so is not a symlink to libhippain.so.$major"
    soname=$(readelf -d "$real" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [[ $soname == "libhippain.so.$major" ]] || fail "SONAME is '$soname', not libhippain.so.$major"
else
    [[ -f $lib/libhippain.a ]] || fail "$lib/libhippain.a not installed"
fi

step "the installed hippain tool"
tool=$prefix/$bindir/hippain
[[ -x $tool ]] || fail "$tool not installed"
if [[ $kind == shared ]]; then
    resolved=$(env -u LD_LIBRARY_PATH ldd "$tool" | awk '/libhippain/ { print $3 }')
    [[ -n $resolved && $(realpath "$(dirname "$resolved")") == "$(realpath "$lib")" ]] ||
        fail "$tool loads libhippain from '$resolved', not $lib"
fi
out=$(env -u LD_LIBRARY_PATH "$tool" --version) || fail "$tool --version exited with $?"
echo "$out"
[[ $out == "hippain $version (libhippain $version)" ]] || fail "unexpected output from $tool --version"
env -u LD_LIBRARY_PATH "$tool" assess --json "$repo/examples/profiles/lateral_hip.json" \
    >"$work/assess.json" || fail "$tool assess exited with $?"
grep -q '"causes"' "$work/assess.json" || fail "$tool assess printed no causes"

# Runs a consumer and checks, for a shared build, that it uses the installed library.
run_consumer() {
    local exe=$1
    if [[ $kind == shared ]]; then
        local resolved
        resolved=$(env -u LD_LIBRARY_PATH ldd "$exe" | awk '/libhippain/ { print $3 }')
        [[ $resolved == "$lib/"* ]] || fail "$exe loads libhippain from '$resolved', not $lib"
    fi
    local out
    out=$(env -u LD_LIBRARY_PATH "$exe") || fail "$exe exited with $?"
    echo "$out"
    grep -q "^libhippain $version: " <<<"$out" || fail "unexpected output from $exe"
}

step "consumer through pkg-config"
export PKG_CONFIG_PATH=$lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
pc_static=()
[[ $kind == static ]] && pc_static=(--static)
[[ $(pkg-config --modversion hippain) == "$version" ]] || fail "pkg-config --modversion"
[[ $(pkg-config --variable=libdir hippain) == "$lib" ]] ||
    fail "libdir in hippain.pc is $(pkg-config --variable=libdir hippain), not $lib"
[[ $(pkg-config --variable=includedir hippain) == "$prefix/$includedir" ]] ||
    fail "includedir in hippain.pc is $(pkg-config --variable=includedir hippain)"
read -r -a pc_flags <<<"$(pkg-config "${pc_static[@]}" --cflags --libs hippain)"
echo "pkg-config ${pc_static[*]} --cflags --libs hippain: ${pc_flags[*]}"
rpath=()
[[ $kind == shared ]] && rpath=("-Wl,-rpath,$lib")
"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror "${extra_flags[@]}" "$source/consumer.c" \
    -o "$work/consumer_pkgconfig" "${pc_flags[@]}" "${rpath[@]}"
run_consumer "$work/consumer_pkgconfig"

step "consumer through find_package(hippain)"
if ! "$cmake" -S "$source/consumer" -B "$work/consumer-build" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DHP_EXPECTED_VERSION="$version" \
    >"$work/consumer-configure.log" 2>&1; then
    cat "$work/consumer-configure.log" >&2
    fail "configuring the find_package consumer failed"
fi
grep 'hippain .* in ' "$work/consumer-configure.log" || true
if ! "$cmake" --build "$work/consumer-build" >"$work/consumer-build.log" 2>&1; then
    cat "$work/consumer-build.log" >&2
    fail "building the find_package consumer failed"
fi
run_consumer "$work/consumer-build/consumer"

echo "OK: installed $kind libhippain $version; consumer ran through pkg-config and find_package"
