#!/usr/bin/env bash
# Reports on a heap profile the way the README's "In CI" recipe does:
#
#   .ci/report.sh PROFILE [OUT_DIR] [more gen-report options…]
#
# Writes the HTML report, the PNG and DOT call graphs, the JSON report and the Markdown summary
# into OUT_DIR (default ci-artifacts/, where a CI system picks artifacts up), appends the summary
# to $GITHUB_STEP_SUMMARY when it is set, prints the file list, and exits with gen-report's code:
# 1 when a budget is breached (the files are written first), 2 for a bad profile or option.
#
# GEN_REPORT         the command (default: this checkout's build; in your CI: npx gen-report)
# GEN_REPORT_FORMATS format flags (default: --html --png --dot --json)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:?usage: .ci/report.sh PROFILE [OUT_DIR] [gen-report options…]}
out=${2:-ci-artifacts}
shift $(($# >= 2 ? 2 : 1))
read -r -a gen <<<"${GEN_REPORT:-node dist/bin/cli.js}"
read -r -a formats <<<"${GEN_REPORT_FORMATS:---html --png --dot --json}"
# Budgets for the bundled workload's short runs: a 10-second leak run holds a few MB in use, far
# below these; a runaway (or a broken unsampling) trips them.
budgets=(--max-total 256MiB --max-flat 'main\.query=192MiB')

mkdir -p "$out"
rc=0
"${gen[@]}" "$profile" "${formats[@]}" --markdown="$out/summary.md" --out-dir "$out" "${budgets[@]}" "$@" || rc=$?
if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then
  cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
ls -l "$out"
exit "$rc"
