#!/usr/bin/env bash
# Compares two folders made by scripts/outputs-snapshot.sh. JSON and stdout name their artifacts by path, so
# each folder's own name is replaced by OUT before comparing; everything else must be byte-identical.
# Usage: scripts/outputs-compare.sh BEFORE_DIR AFTER_DIR   (exit 0 when identical)
set -eu
a=${1:?usage: outputs-compare.sh BEFORE AFTER}; b=${2:?usage: outputs-compare.sh BEFORE AFTER}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for side in a b; do
  dir=${!side}
  cp -r "$dir" "$tmp/$side"
  grep -rlF -- "$dir" "$tmp/$side" | while read -r f; do
    DIR="$dir" perl -pi -e 's/\Q$ENV{DIR}\E/OUT/g' "$f"
  done
done
diff -r "$tmp/a" "$tmp/b" && echo "identical: $(find "$tmp/a" -type f | wc -l) files"
