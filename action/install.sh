#!/usr/bin/env bash
# Action step: build lattice-lint and its diagram helper from the action's own
# checkout (the version the workflow pinned with uses: …@REF) and put them on
# the job's PATH. Needs Go (the action sets it up from go.mod).
set -euo pipefail
: "${GITHUB_ACTION_PATH:?}" "${RUNNER_TEMP:?}" "${GITHUB_PATH:?}"
bin="$RUNNER_TEMP/lattice-lint/bin"
mkdir -p "$bin"
(cd "$GITHUB_ACTION_PATH" && GOBIN="$bin" go install ./cmd/lattice-lint ./cmd/lattice-lint-render)
echo "$bin" >>"$GITHUB_PATH"
"$bin/lattice-lint" version
