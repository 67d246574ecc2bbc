#!/usr/bin/env bash
# Runs the SMTP benchmark against postfix's smtp-sink on 127.0.0.1, without installing a system MTA:
# the postfix package is downloaded and unpacked into a temporary folder, and removed afterwards.
# Usage: bench/run-smtp-bench.sh [--messages 5000] [--memory-messages 100000]
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
sink_pid=""
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$work" && { apt-get download postfix >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download postfix >/dev/null; }; })
dpkg-deb -x "$work"/postfix_*.deb "$work/postfix"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
# 256: the listen backlog. smtp-sink accepts every message and throws it away.
LD_LIBRARY_PATH="$work/postfix/usr/lib/postfix" "$work/postfix/usr/sbin/smtp-sink" -u nobody "127.0.0.1:$port" 256 &
sink_pid=$!
sleep 1

dotnet run -c Release --project bench/Paperboy.Bench.csproj -- smtp --port "$port" "$@"
