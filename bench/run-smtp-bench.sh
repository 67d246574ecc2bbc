#!/usr/bin/env bash
# Runs the SMTP benchmark against postfix's smtp-sink on 127.0.0.1, without installing a system MTA:
# the postfix package is downloaded and unpacked into a temporary folder, and removed afterwards.
# Usage: bench/run-smtp-bench.sh [--messages 5000] [--rounds N] [--memory-messages 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/smtp-sink.sh

work=$(mktemp -d)
sink_pid=""
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_smtp_sink "$work"
dotnet run -c Release --project bench/Paperboy.Bench.csproj -- smtp --port "$sink_port" "$@"
