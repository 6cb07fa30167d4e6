#!/usr/bin/env bash
# Renders every sample profile in every file format into one folder, so two builds can be compared with
# scripts/outputs-compare.sh (a refactor must leave every byte the same).
# Markdown goes to a file: with --text on stdout too, the command refuses two outputs there.
# Usage: scripts/outputs-snapshot.sh OUT_DIR   (run from the repository root after `npm run build`)
set -u
out=${1:?usage: outputs-snapshot.sh OUT_DIR}
rm -rf "$out" && mkdir -p "$out"
# Profiles only: the sample programs' sources and the workload's run descriptions are not inputs.
find samples -type f ! -path 'samples/programs/*' ! -name '*.md' ! -name '*.json' | sort | while read -r f; do
  slug=$(printf '%s' "$f" | tr '/' '_')
  NO_COLOR=1 node dist/bin/cli.js "$f" --text --dot --svg --png --html --json --markdown="$out/$slug/summary.md" \
    --out-dir "$out/$slug" -q >"$out/$slug.stdout" 2>"$out/$slug.stderr"
  echo $? >"$out/$slug.rc"
done
