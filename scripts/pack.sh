#!/usr/bin/env bash
# Packs every GradCheck package into artifacts/packages (the version is in Version.props):
#   the libraries and GradCheck.NUnit (dotnet pack GradCheck.sln), and the tool `gradcheck`:
#   its pointer package (from the same solution pack), gradcheck.linux-x64 compiled with Native AOT
#   (only on a linux-x64 machine: AOT compiles for the machine it runs on), and gradcheck.any,
#   the portable fallback for every other platform.
# Usage: bash scripts/pack.sh [--no-build]   (--no-build: reuse a Release build of the solution)
# Then:  dotnet tool install --tool-path DIR --add-source artifacts/packages gradcheck
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=artifacts/packages
rm -rf "$out"
dotnet pack GradCheck.sln -c Release -warnaserror "$@"
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  dotnet pack src/GradCheck.Cli -c Release -warnaserror -r linux-x64
else
  echo "pack.sh: not linux-x64, so gradcheck.linux-x64 (Native AOT) is not packed here"
fi
dotnet pack src/GradCheck.Cli -c Release -warnaserror -r any -p:PublishAot=false
ls -1 "$out"
