#!/usr/bin/env bash
# Action step: lint the paths once, writing every report the action publishes:
# annotations (github format, on stdout, which the runner reads), SARIF for
# code scanning, the Markdown summary (appended to $GITHUB_STEP_SUMMARY), and
# the topology diagram. Never fails the step itself: the exit code is passed on
# as an output, and the last step decides (so the uploads run first).
#
# Inputs arrive as environment variables (the action maps them; no ${{ }} is
# expanded inside this script): LL_PATHS (space-separated), LL_FAIL_ON,
# LL_ARGS (extra lint arguments, space-separated), LL_ANNOTATIONS,
# LL_SUMMARY, LL_DIAGRAM (svg, png, html, mermaid or "none"), LL_WORKING_DIRECTORY,
# LL_BASE (a git revision; on a pull request, origin/$GITHUB_BASE_REF by default).
#
# With a base revision the pull request is judged on what it changes: lint
# reports only the findings new since the base (--since), the summary adds the
# topology change (diff --format markdown), and the diagram marks it (--diff).
set -uo pipefail
: "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}"
out="$RUNNER_TEMP/lattice-lint/reports"
mkdir -p "$out"
cd "${LL_WORKING_DIRECTORY:-.}" || exit 2

read -r -a paths <<<"${LL_PATHS:-.}"
read -r -a extra <<<"${LL_ARGS:-}"
[ ${#paths[@]} -gt 0 ] || paths=(.)

base="${LL_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/$GITHUB_BASE_REF"
fi
since=()
if [ -n "$base" ]; then
  if git rev-parse --verify -q "$base^{commit}" >/dev/null 2>&1; then
    since=(--since "$base")
  else
    echo "::warning title=lattice-lint::base revision $base is not in the clone (check out with fetch-depth: 0); every finding is reported"
    base=""
  fi
fi

formats=(--format "sarif=$out/lattice-lint.sarif" --format "markdown=$out/summary.md" --format "json=$out/lattice-lint.json")
if [ "${LL_ANNOTATIONS:-true}" = "true" ]; then
  formats+=(--format github)
else
  formats+=(--format text)
fi
link=()
if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${GITHUB_SHA:-}" ]; then
  link=(--link-base "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA")
fi

lattice-lint lint --no-color --fail-on "${LL_FAIL_ON:-error}" "${formats[@]}" ${link[@]+"${link[@]}"} ${since[@]+"${since[@]}"} ${extra[@]+"${extra[@]}"} -- "${paths[@]}"
code=$?
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
echo "sarif-file=$out/lattice-lint.sarif" >>"$GITHUB_OUTPUT"
echo "json-file=$out/lattice-lint.json" >>"$GITHUB_OUTPUT"
echo "markdown-file=$out/summary.md" >>"$GITHUB_OUTPUT"

if [ -n "$base" ]; then
  if lattice-lint diff "$base" --format markdown --output "$out/change.md" ${extra[@]+"${extra[@]}"} -- "${paths[@]}"; then
    { echo; cat "$out/change.md"; } >>"$out/summary.md"
    echo "change-file=$out/change.md" >>"$GITHUB_OUTPUT"
  else
    echo "::warning title=lattice-lint::the topology change since $base could not be computed"
  fi
fi

if [ "${LL_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -f "$out/summary.md" ]; then
  cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi

diagram="${LL_DIAGRAM:-svg}"
if [ "$diagram" != "none" ]; then
  file="$RUNNER_TEMP/lattice-lint/diagram/lattice-topology.$diagram"
  [ "$diagram" = "mermaid" ] && file="${file%.mermaid}.mmd"
  mkdir -p "$(dirname "$file")"
  marks=()
  [ -n "$base" ] && marks=(--diff "$base")
  if lattice-lint diagram --format "$diagram" --output "$file" ${marks[@]+"${marks[@]}"} ${extra[@]+"${extra[@]}"} -- "${paths[@]}"; then
    echo "diagram-file=$file" >>"$GITHUB_OUTPUT"
  else
    echo "::warning title=lattice-lint::the topology diagram could not be drawn"
  fi
fi
exit 0
