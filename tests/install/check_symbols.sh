#!/usr/bin/env bash
# Usage: check_symbols.sh NM LIBRARY
# Fails unless every dynamic symbol LIBRARY defines is public API: named hp_..., and not
# hp__... (the prefix of internal functions, which must stay hidden).
set -euo pipefail
nm=$1
lib=$2
symbols=$("$nm" -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sed 's/@.*//' | sort -u)
if [[ -z $symbols ]]; then
    echo "FAIL: $lib exports no symbols at all" >&2
    exit 1
fi
bad=$(grep -v '^hp_' <<<"$symbols" || true)
internal=$(grep '^hp__' <<<"$symbols" || true)
if [[ -n $bad || -n $internal ]]; then
    echo "FAIL: $lib exports symbols outside the public hp_ API:" >&2
    printf '  %s\n' $bad $internal >&2
    exit 1
fi
echo "OK: $lib exports $(wc -l <<<"$symbols") symbols, all hp_"
