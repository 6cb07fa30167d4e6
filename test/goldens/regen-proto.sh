#!/usr/bin/env bash
# Goldens for --proto (test/cli/proto-output.test.ts), --raw (test/cli/raw.test.ts) and --callgrind (test/cli/callgrind.test.ts): for each case, gen-report writes its --proto output and
# `go tool pprof -text` reads it back; its table is the golden test/goldens/pprof-proto/<slug>.txt,
# slug = the sources' names (without samples/, "/" as "_") joined by "+", then "@" + each flag
# without its leading dashes, then "@proto@text". Needs a built dist/ (npm run build) and Go.
# Usage: bash test/goldens/regen-proto.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
command -v go >/dev/null || { echo "regen-proto.sh: go not found (apt-get install golang-go)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
out=test/goldens/pprof-proto
# One case per line: the gen-report arguments (sources first), as in test/cli/proto-output.test.ts.
while read -r line; do
  [ -z "$line" ] && continue
  read -ra args <<<"$line"
  slug=""
  flags=""
  for a in "${args[@]}"; do
    if [[ "$a" == -* ]]; then flags+="@${a#--}"; else slug+="${slug:++}${a#samples/}"; fi
  done
  slug="$(printf '%s' "$slug$flags@proto@text" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:@+-]/_/g')"
  NO_COLOR=1 node dist/bin/cli.js "${args[@]}" --proto --output "$tmp/p.pb.gz" --quiet
  TZ=UTC go tool pprof -text "$tmp/p.pb.gz" >"$out/$slug.txt" 2>/dev/null
  echo "regen-proto.sh: $out/$slug.txt" >&2
done <<'CASES'
samples/allocs.pb.gz samples/recursion.pb.gz
samples/workload/leak.pb.gz --diff_base=samples/workload/fixed.pb.gz
samples/workload/leak.pb.gz --base=samples/workload/fixed.pb.gz
samples/allocs.pb.gz --focus=main.scratch --sample_index=alloc_objects
CASES

# One pprof output per case line (SOURCES and --FLAGS, spelled as for gen-report): `go tool pprof
# -FORMAT` into DIR/<slug>@FORMAT.txt, slug as above. Usage: pprof_goldens FORMAT DIR <<CASES
pprof_goldens() {
  local format="$1" dir="$2" line slug flags a
  local -a args pflags srcs
  while read -r line; do
    [ -z "$line" ] && continue
    read -ra args <<<"$line"
    slug="" flags="" pflags=() srcs=()
    for a in "${args[@]}"; do
      if [[ "$a" == -* ]]; then flags+="@${a#--}"; pflags+=("-${a#--}"); else slug+="${slug:++}${a#samples/}"; srcs+=("$a"); fi
    done
    slug="$(printf '%s' "$slug$flags@$format" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:@+-]/_/g')"
    TZ=UTC go tool pprof "-$format" "${pflags[@]}" "${srcs[@]}" >"$dir/$slug.txt" 2>/dev/null
    echo "regen-proto.sh: $dir/$slug.txt" >&2
  done
}

# --raw goldens: what `go tool pprof -raw` prints for the same sources and flags (pprof's own
# spelling), in test/goldens/pprof-raw/<slug>@raw.txt. test/cli/raw.test.ts compares them with
# gen-report --raw.
pprof_goldens raw test/goldens/pprof-raw <<'CASES'
samples/labels.pb.gz
samples/allocs.pb.gz
samples/inline.pb.gz
samples/allocs.pb.gz samples/recursion.pb.gz
samples/labels.pb.gz --focus=main.serve
samples/labels.pb.gz --tagfocus=tenant=acme
samples/workload/leak.pb.gz --diff_base=samples/workload/fixed.pb.gz
CASES

# --callgrind goldens: `go tool pprof -callgrind` for the same sources and flags, in
# test/goldens/pprof-callgrind/<slug>@callgrind.txt (test/cli/callgrind.test.ts).
pprof_goldens callgrind test/goldens/pprof-callgrind <<'CASES'
samples/labels.pb.gz
samples/inline.pb.gz
samples/workload/leak.pb.gz
samples/labels.pb.gz --focus=main.serve --sample_index=alloc_objects
samples/workload/leak.pb.gz --diff_base=samples/workload/fixed.pb.gz
CASES
