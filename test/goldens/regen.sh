#!/usr/bin/env bash
# Regenerates the pprof goldens in test/goldens/pprof/ from test/goldens/cases.txt.
# Needs Go's `go tool pprof` (Debian golang-go 1.19 was used) and google/pprof's
# profile package as GOPATH source (/usr/share/gocode, Debian
# golang-github-google-pprof-dev) to build samples/programs/legacy2proto.
# Usage: bash test/goldens/regen.sh [--check]     (or: npm run goldens)
#   --check: compare with the committed goldens instead of writing them (exit 1 if stale)
#   REGEN_FROM=<git rev>: read samples/ of that commit instead of the work tree
# See test/goldens/README.md for the format and naming rule.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cases=test/goldens/cases.txt
out=test/goldens/pprof

command -v go >/dev/null || { echo "regen.sh: go not found (apt-get install golang-go)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
GOCODE="${GOCODE:-/usr/share/gocode}"
[ -d "$GOCODE/src/github.com/google/pprof/profile" ] || {
  echo "regen.sh: $GOCODE has no github.com/google/pprof/profile (apt-get install golang-github-google-pprof-dev)" >&2; exit 1; }
(cd samples/programs/legacy2proto &&
  GO111MODULE=off GOPATH="$tmp/gopath:$GOCODE" GOFLAGS= CGO_ENABLED=0 go build -o "$tmp/legacy2proto" .)

# Inputs: the work tree, or with REGEN_FROM=<git rev> the samples/ of that
# commit (handy while someone else has uncommitted samples in the work tree).
# The converter is always built from the work tree.
inroot="$root"
if [ -n "${REGEN_FROM:-}" ]; then
  inroot="$tmp/inputs"
  mkdir -p "$inroot"
  git archive "$REGEN_FROM" samples | tar -x -C "$inroot"
  echo "regen.sh: reading samples/ of $REGEN_FROM ($(git rev-parse --short "$REGEN_FROM"))" >&2
fi

# slug: the sample's path without a leading "samples/" (so samples/x.pb.gz ->
# x.pb.gz, samples/workload/node/leak.pb.gz -> workload_node_leak.pb.gz), then
# "@" + each flag without its first "-"; in each part every character outside
# [A-Za-z0-9._=,:-] (so also "/") is replaced by "_".
clean() { printf '%s' "$1" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:-]/_/g'; }
slug_of() {
  local s; s="$(clean "${1#samples/}")"; shift
  local f
  for f in "$@"; do s+="@$(clean "${f#-}")"; done
  printf '%s' "$s"
}

# REF: the sample itself, except a legacy text profile with "#\t0xPC\tfunc..."
# comment lines (Go's debug=1 format), which is first converted to protobuf by
# legacy2proto (cached per sample).
# A sample the converter rejects (samples/synthetic/bad/) runs as-is, so the
# golden holds pprof's own error message.
declare -A refs=()
set_ref() {  # sets REF
  local sample="$1"
  if [ -z "${refs[$sample]+x}" ]; then
    refs[$sample]="$sample"
    if [ "$(head -c2 "$sample" | od -An -tx1 | tr -d ' \n')" != "1f8b" ] &&
       LC_ALL=C grep -qE $'^#[ \t]+0x[0-9a-fA-F]+[ \t]+[^ \t]' "$sample"; then
      local conv="$tmp/conv/${sample//\//_}.pb.gz"
      mkdir -p "$tmp/conv"
      if "$tmp/legacy2proto" "$sample" "$conv" 2>>"$tmp/legacy2proto.log"; then
        refs[$sample]="$conv"
      else
        echo "regen.sh: legacy2proto rejected $sample; running pprof on it as-is" >&2
      fi
    fi
  fi
  REF="${refs[$sample]}"
}

out="$root/$out"
cases="$root/$cases"
cd "$inroot"
new="$tmp/pprof"
mkdir -p "$new"
declare -A seen=() warned=()
n=0; nerr=0; lineno=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  line="${line%%#*}"                       # comments
  read -r -a words <<<"$line" || true
  [ "${#words[@]}" -eq 0 ] && continue
  sample="${words[0]}"; flags=("${words[@]:1}")
  [ -f "$sample" ] || { echo "regen.sh: $cases:$lineno: no such sample $sample" >&2; exit 1; }
  if [ -z "${REGEN_FROM:-}" ] && [ -z "${warned[$sample]+x}" ] &&
     { ! git -C "$root" ls-files --error-unmatch -- "$sample" >/dev/null 2>&1 ||
       ! git -C "$root" diff --quiet HEAD -- "$sample" 2>/dev/null; }; then
    warned[$sample]=1
    echo "regen.sh: warning: $sample is untracked or differs from HEAD; its goldens follow the work tree" >&2
  fi
  slug="$(slug_of "$sample" "${flags[@]}")"
  [ -z "${seen[$slug]+x}" ] || { echo "regen.sh: $cases:$lineno: duplicate case $slug (line ${seen[$slug]})" >&2; exit 1; }
  seen[$slug]=$lineno
  ext=txt
  for f in "${flags[@]}"; do case "$f" in -dot|--dot) ext=gv ;; esac; done
  set_ref "$sample"
  # pprof's default symbolization: binaries named by the samples' mappings do
  # not exist here, so it only demangles/simplifies C++-looking names (see
  # README.md). PPROF_BINARY_PATH is unset so no machine setting leaks in.
  # stdin is /dev/null: pprof must not read the rest of cases.txt (it did, with
  # -addresses on a profile whose binaries are missing).
  kind=sample
  [ "$REF" = "$sample" ] || kind=legacy2proto
  if env -u PPROF_BINARY_PATH TZ=UTC go tool pprof "${flags[@]}" "$REF" </dev/null >"$new/$slug.$ext" 2>"$tmp/stderr"; then
    printf '%s\t%s\t%s\t%s\n' "$slug.$ext" "$sample" "${flags[*]}" "$kind" >>"$tmp/index"
  else
    printf '%s\t%s\t%s\t%s\n' "$slug.err" "$sample" "${flags[*]}" "$kind" >>"$tmp/index"
    rm -f "$new/$slug.$ext"
    # The converted file's temporary path must not leak into the golden, and
    # the symbolizer's advisory lines (missing binaries) are left out.
    sed "s#$tmp/conv/[^ :]*#$sample#g" "$tmp/stderr" |
      grep -v -e '^Local symbolization failed for ' -e '^Some binary filenames not available\. ' \
        -e '^Try setting PPROF_BINARY_PATH ' -e '^Main binary filename not available\.$' >"$new/$slug.err" || true
    nerr=$((nerr + 1))
  fi
  n=$((n + 1))
done <"$cases"

{
  printf '# Written by test/goldens/regen.sh: one line per case of cases.txt, in order.\n'
  printf '# golden file (in pprof/)\tsample\tflags (space-separated)\tpprof read: sample itself | legacy2proto output\n'
  cat "$tmp/index"
} >"$tmp/index.tsv"
if [ "${1:-}" = "--check" ]; then
  if diff -r "$out" "$new" >"$tmp/diff" && cmp -s "$tmp/index.tsv" "$root/test/goldens/index.tsv"; then
    echo "regen.sh: $n cases, goldens in $out are up to date" >&2; exit 0
  fi
  echo "regen.sh: goldens in $out are stale:" >&2; head -50 "$tmp/diff" >&2; exit 1
fi
rm -rf "$out"
mkdir -p "$out"
cp "$new"/* "$out"/
cp "$tmp/index.tsv" "$root/test/goldens/index.tsv"
echo "regen.sh: $n cases, $nerr of them pprof errors (.err goldens), written to $out" >&2
