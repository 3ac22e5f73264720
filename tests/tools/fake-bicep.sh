#!/bin/sh
# Stands in for the Bicep CLI in tests: `fake-bicep.sh build --stdout X.bicep`
# prints X.compiled.txt (the template X.bicep compiles to), or fails like
# bicep does when there is none.
[ "$1" = build ] && [ "$2" = --stdout ] || { echo "usage: bicep build --stdout FILE" >&2; exit 2; }
compiled="${3%.bicep}.compiled.txt"
[ -f "$compiled" ] || { echo "$3(1,1) : Error BCP000: cannot compile" >&2; exit 1; }
cat "$compiled"
