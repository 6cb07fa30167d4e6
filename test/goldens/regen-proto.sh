#!/usr/bin/env bash
# Goldens for --proto (test/proto.test.ts), --raw (test/raw.test.ts) and --callgrind (test/callgrind.test.ts): for each case, gen-report writes its --proto output and
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
# One case per line: the gen-report arguments (sources first), as in test/proto.test.ts.
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

# --raw goldens: what `go tool pprof -raw` prints for the same sources and flags (pprof's own
# spelling), in test/goldens/pprof-raw/<slug>@raw.txt (slug as above). test/raw.test.ts compares
# them with gen-report --raw.
raw=test/goldens/pprof-raw
while read -r line; do
  [ -z "$line" ] && continue
  read -ra args <<<"$line"
  slug=""
  flags=""
  pflags=()
  srcs=()
  for a in "${args[@]}"; do
    if [[ "$a" == -* ]]; then flags+="@${a#--}"; pflags+=("-${a#--}"); else slug+="${slug:++}${a#samples/}"; srcs+=("$a"); fi
  done
  slug="$(printf '%s' "$slug$flags@raw" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:@+-]/_/g')"
  TZ=UTC go tool pprof -raw "${pflags[@]}" "${srcs[@]}" >"$raw/$slug.txt" 2>/dev/null
  echo "regen-proto.sh: $raw/$slug.txt" >&2
done <<'CASES'
samples/labels.pb.gz
samples/allocs.pb.gz
samples/inline.pb.gz
samples/allocs.pb.gz samples/recursion.pb.gz
samples/labels.pb.gz --focus=main.serve
samples/labels.pb.gz --tagfocus=tenant=acme
samples/workload/leak.pb.gz --diff_base=samples/workload/fixed.pb.gz
CASES

# --callgrind goldens: `go tool pprof -callgrind` for the same sources and flags, in
# test/goldens/pprof-callgrind/<slug>@callgrind.txt (test/callgrind.test.ts).
cg=test/goldens/pprof-callgrind
while read -r line; do
  [ -z "$line" ] && continue
  read -ra args <<<"$line"
  slug=""
  flags=""
  pflags=()
  srcs=()
  for a in "${args[@]}"; do
    if [[ "$a" == -* ]]; then flags+="@${a#--}"; pflags+=("-${a#--}"); else slug+="${slug:++}${a#samples/}"; srcs+=("$a"); fi
  done
  slug="$(printf '%s' "$slug$flags@callgrind" | LC_ALL=C sed 's/[^A-Za-z0-9._=,:@+-]/_/g')"
  TZ=UTC go tool pprof -callgrind "${pflags[@]}" "${srcs[@]}" >"$cg/$slug.txt" 2>/dev/null
  echo "regen-proto.sh: $cg/$slug.txt" >&2
done <<'CASES'
samples/labels.pb.gz
samples/inline.pb.gz
samples/workload/leak.pb.gz
samples/labels.pb.gz --focus=main.serve --sample_index=alloc_objects
samples/workload/leak.pb.gz --diff_base=samples/workload/fixed.pb.gz
CASES
