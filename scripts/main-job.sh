#!/usr/bin/env bash
# The main job: build the tool, then evaluate both Fashion-MNIST examples (expansive and
# dissipative mixed-oscillator encoders) on the simulated board and compare the two modes.
# Uses the Debian package dataset-fashion-mnist when installed, else the 1,000-image subset
# in examples/data. Extra arguments go to every eval (for example --limit 200).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build tools/neurodeploy -c Release -v quiet -nologo >/dev/null
nd() { dotnet tools/neurodeploy/bin/Release/net10.0/neurodeploy.dll "$@"; }
out=${NEURODEPLOY_OUT:-out}
mkdir -p "$out"

for mode in expansive dissipative; do
    model=examples/fashion-mnist-$mode/fashion-mnist-$mode.nir
    if [ ! -f "$model" ]; then
        echo "missing $model; see docs/examples.md to train it" >&2
        exit 2
    fi
    nd eval "$model" --dt 1e-4 --dataset fashion-mnist --target sim:// --output "$out/$mode.json" "$@"
done

python3 - "$out" <<'PY' 2>/dev/null || awk 'BEGIN{print "(python3 not found: see the JSON files for the ratio)"}'
import json, sys
e = json.load(open(sys.argv[1] + "/expansive.json"))
d = json.load(open(sys.argv[1] + "/dissipative.json"))
print(f"expansive / dissipative: spikes per inference x{e['spikes_per_inference'] / d['spikes_per_inference']:.2f}, "
      f"energy per inference x{e['energy_per_inference_joules'] / d['energy_per_inference_joules']:.2f}")
PY
