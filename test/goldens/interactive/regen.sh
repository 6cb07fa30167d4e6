#!/usr/bin/env bash
# Regenerates the interactive goldens in test/goldens/interactive/pprof/ from cases.txt: each
# script is fed on stdin to Go's `go tool pprof` (Debian golang-go 1.19 was used), stdout and
# stderr kept together, as a user sees them. Needs google/pprof's profile package as GOPATH source
# (/usr/share/gocode, Debian golang-github-google-pprof-dev) to build samples/programs/legacy2proto.
# Paths: `$OUT` in a script is a scratch folder, written back as `$OUT` in the golden; the
# checkout's folder in list's "could not find file … on path DIR" is written as `$ROOT`.
# Usage: bash test/goldens/interactive/regen.sh [--check]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
here=test/goldens/interactive
command -v go >/dev/null || { echo "regen.sh: go not found (apt-get install golang-go)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
GOCODE="${GOCODE:-/usr/share/gocode}"
(cd samples/programs/legacy2proto &&
  GO111MODULE=off GOPATH="$tmp/gopath:$GOCODE" GOFLAGS= CGO_ENABLED=0 go build -o "$tmp/legacy2proto" .)

clean() { printf '%s' "$1" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:-]/_/g'; }
new="$tmp/pprof"; mkdir -p "$new"
n=0
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%#*}"
  read -r -a words <<<"$line" || true
  [ "${#words[@]}" -eq 0 ] && continue
  script="${words[0]}"; sample="${words[1]}"; flags=("${words[@]:2}")
  slug="$(clean "${sample#samples/}")"
  for f in "${flags[@]}"; do slug+="@$(clean "${f#-}")"; done
  ref="$sample"
  if [ "${sample%.prof}" != "$sample" ]; then
    ref="$tmp/conv-$(clean "$sample").pb.gz"
    [ -f "$ref" ] || "$tmp/legacy2proto" "$sample" "$ref"
  fi
  out="$tmp/out"; rm -rf "$out"; mkdir -p "$out"
  # `$OUT` stands for the scratch folder in the scripts (sed, not the shell: the script is data).
  sed "s#\$OUT#$out#g" "$here/scripts/$script.cmds" |
    env -u PPROF_BINARY_PATH TZ=UTC go tool pprof "${flags[@]}" "$ref" >"$tmp/raw" 2>&1 || true
  grep -v -e '^Local symbolization failed for ' -e '^Some binary filenames not available\. ' \
    -e '^Try setting PPROF_BINARY_PATH ' -e '^Main binary filename not available\.$' "$tmp/raw" |
    sed -e "s#$out#\$OUT#g" -e "s#on path $root\$#on path \$ROOT#" >"$new/$slug@$script.txt"
  # grep ends the last line; pprof's transcript ends with its prompt and no newline.
  [ "$(tail -c1 "$tmp/raw" | od -An -c | tr -d ' ')" = '\n' ] || truncate -s -1 "$new/$slug@$script.txt"
  n=$((n + 1))
done <"$here/cases.txt"
if [ "${1:-}" = "--check" ]; then
  diff -r "$here/pprof" "$new" && { echo "regen.sh: $n interactive goldens up to date" >&2; exit 0; }
  echo "regen.sh: interactive goldens are stale" >&2; exit 1
fi
rm -rf "$here/pprof"; mkdir -p "$here/pprof"; cp "$new"/* "$here/pprof/"
echo "regen.sh: $n interactive goldens written to $here/pprof" >&2
