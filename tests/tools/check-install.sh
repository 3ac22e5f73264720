#!/usr/bin/env bash
# `cmake --install` and `cpack` put routelint, its manual, its bash
# completion and its rule pages in place; the Debian package holds the same
# and depends on the libraries the binary links (none when it is static).
#   tests/tools/check-install.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/usr" >/dev/null
[[ -x $work/usr/bin/routelint ]] || fail "no bin/routelint"
"$work/usr/bin/routelint" --version | grep -Eq '^routelint [0-9]+\.[0-9]+\.[0-9]+( \([0-9a-f]{12}\))?$' ||
  fail "--version does not print the version (and commit)"
man_page=$work/usr/share/man/man1/routelint.1
[[ -f $man_page ]] || fail "no man page"
rendered=$(MANWIDTH=100 man -l "$man_page" 2>/dev/null | col -b)
grep -q "routelint - lint Azure hub-and-spoke routing" <<<"$rendered" || fail "the man page has no NAME line"
grep -q -- "--write-baseline FILE" <<<"$rendered" || fail "the man page lacks the options"
completion=$work/usr/share/bash-completion/completions/routelint
[[ -f $completion ]] || fail "no bash completion"
bash -c "_init_completion() { :; }; source '$completion' && complete -p routelint" | grep -q "_routelint" ||
  fail "the completion does not register"
[[ -f $work/usr/share/doc/routelint/rules/RL001-firewall-subnet-propagation-disabled.md ]] || fail "no rule pages"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/package" >/dev/null) || fail "cpack failed"
deb=$(ls "$work"/package/routelint_*.deb)
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/routelint ./usr/share/man/man1/routelint.1 ./usr/share/bash-completion/completions/routelint; do
  grep -q " $path\$" <<<"$contents" || fail "the package lacks $path"
done
# A dynamically linked binary's package depends on the libraries it links; a
# statically linked one (ROUTELINT_STATIC) on none.
depends=$(dpkg-deb -f "$deb" Depends)
if readelf -d "$work/usr/bin/routelint" | grep -q NEEDED; then
  grep -q "libre2" <<<"$depends" || fail "the package does not depend on libre2"
else
  [[ -z $depends ]] || fail "the package of a statically linked binary depends on: $depends"
fi
echo "install: binary, man page, completion and rule pages in place; $(basename "$deb") built"
