#!/usr/bin/env bash
# Rebuilds the Go-written reference profiles in samples/ from the programs here.
# Needs Go (Debian golang-go 1.19 was used) and, for legacy2proto,
# golang-github-google-pprof-dev (google/pprof's profile package in /usr/share/gocode).
# Usage: bash samples/programs/gen.sh [PROGRAM...]   (from anywhere; default: all)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
samples="$(cd "$here/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export GO111MODULE=off GOPATH="$tmp/gopath:/usr/share/gocode" GOFLAGS= CGO_ENABLED=0

(cd "$here/sizes" && go run ./genfuncs > funcs_gen.go.new && mv funcs_gen.go.new funcs_gen.go && gofmt -w funcs_gen.go)

progs=("$@")
[ ${#progs[@]} -gt 0 ] || progs=(recursion inline sizes allocs labels counts)
for prog in "${progs[@]}"; do
  (cd "$here/$prog" && go build -o "$tmp/$prog" .)
  # Run from the temp dir so the binary name (pprof's "File:" line) is the
  # program name; GOGC/GODEBUG are left at their defaults.
  (cd "$tmp" && "./$prog" "$samples")
  echo "wrote profiles of $prog" >&2
done

# gperftools and Java legacy formats (no Go program writes them): written by a
# generator that follows pprof's parsers, into samples/legacy/.
(cd "$here/legacygen" && go build -o "$tmp/legacygen" .)
"$tmp/legacygen" "$samples/legacy"

(cd "$here/legacy2proto" && go build -o "$tmp/legacy2proto" .)
echo "built legacy2proto (test/goldens/regen.sh builds its own copy)" >&2
ls -l "$samples"/*.pb.gz "$samples"/*.prof >&2
