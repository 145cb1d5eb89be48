#!/usr/bin/env bash
# Action step: fail the job the way `lattice-lint lint` exited (1: findings at
# or above fail-on, 2: input or usage errors), after the reports were published.
set -euo pipefail
code="${LL_EXIT_CODE:-2}"
case "$code" in
  0) echo "lattice-lint: no findings at or above the threshold" ;;
  1) echo "::error title=lattice-lint::findings at or above fail-on; see the annotations and the job summary"; exit 1 ;;
  *) echo "::error title=lattice-lint::lattice-lint exited $code (input or usage errors); see the log"; exit "$code" ;;
esac
