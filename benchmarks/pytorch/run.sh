#!/bin/sh
# The benchmarks' objectives in PyTorch (float64, one thread and all cores), for Report to put
# beside ours: writes benchmarks/results/pytorch.json. Installs Debian's python3-torch when it is
# missing. Not part of CI; run it on a quiet machine, as the JMH benchmarks.
#
#   benchmarks/pytorch/run.sh [output.json [all|first|second [case]]]   (second: issue 15's HVP, Hessian,
#   Jacobian; case: only the first-order cases whose key contains it, e.g. MLP)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../results/pytorch.json"}
python=/usr/bin/python3

if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "run.sh: python3-torch is missing; installing it from Debian" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
  fi
  $sudo apt-get install -y python3-torch || {
    $sudo apt-get update && $sudo apt-get install -y python3-torch
  }
fi

exec "$python" "$here/run.py" "$out" "${2:-all}" "${3:-}"
