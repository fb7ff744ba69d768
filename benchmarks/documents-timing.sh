#!/usr/bin/env bash
# Times `gradcheck check` of a generated homework document of 100 display equations beside `gradcheck check` of the
# same 100 derivations written as a .claims file, process start included (issue #10's goal: the document under 2 s).
# The generator (benchmarks/documents-timing.py) writes both files from one list of derivations: ten kinds
# (exp, sigmoid, tanh, ln, product rule, quotient, binary cross-entropy, softmax Jacobian with indices, a two-step chain
# in one equation, and one wrong step in ten, refuted with its correction), each at ten coefficients.
# Usage: bash benchmarks/documents-timing.sh [RUNS]   (default 10; needs a Release build of src/GradCheck.Cli;
#        uses hyperfine when installed, else /usr/bin/time; set GRADCHECK_AOT=PATH to time a Native AOT binary too,
#        e.g. from `dotnet publish src/GradCheck.Cli -c Release -r linux-x64 -o /tmp/gc-aot`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
dll=src/GradCheck.Cli/bin/Release/net10.0/gradcheck.dll
[ -f "$dll" ] || { echo "build first: dotnet build src/GradCheck.Cli -c Release" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benchmarks/documents-timing.py "$work/homework.md" "$work/homework.claims"

# Both must say the same: 90 derivations hold, 10 are refuted (exit 1 for both).
doc_summary="$(dotnet "$dll" check "$work/homework.md" | tail -1)" || true
claims_summary="$(dotnet "$dll" check "$work/homework.claims" | tail -1)" || true
echo "document: $doc_summary"
echo "claims:   $claims_summary"

commands=("dotnet $dll check $work/homework.md" "dotnet $dll check $work/homework.claims")
if [ -n "${GRADCHECK_AOT:-}" ]; then
  commands+=("$GRADCHECK_AOT check $work/homework.md" "$GRADCHECK_AOT check $work/homework.claims")
fi

if command -v hyperfine > /dev/null; then
  hyperfine -N -i -w 2 -r "$runs" "${commands[@]}"
else
  for c in "${commands[@]}"; do
    printf '%s:' "$c"
    for _ in $(seq "$runs"); do
      /usr/bin/time -f ' %e' $c > /dev/null 2>> "$work/times" || true
      tail -1 "$work/times" | tr -d '\n'
    done
    echo ' s'
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
