#!/usr/bin/env bash
# Issue 8's capacity figures: 1, 2 and 3 nodes of the service (separate processes, the Release build) on one private
# PostgreSQL cluster (Debian's binaries, initdb into a temporary folder, default durability: fsync on) and postfix's
# smtp-sink, 10,000 subscribers due at once per run. Everything shares this machine's cores.
# Usage: bench/run-cluster-bench.sh [--subscribers 10000] [--nodes 1,2,3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/smtp-sink.sh

work=$(mktemp -d)
chmod 755 "$work"
sink_pid=""
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; fi
  if [ -f "$work/pg/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start_smtp_sink "$work"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
mkdir "$work/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$work/pg"; }
as_pg "$pg_bin/initdb" -D "$work/pg" -U paperboy --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/pg -c max_connections=300" >/dev/null
postmaster=$(head -1 "$work/pg/postmaster.pid")

dotnet build -c Release src/Paperboy.csproj >/dev/null
dotnet run -c Release --project bench/Paperboy.Bench.csproj -- cluster \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=paperboy;Database=postgres" \
  --app "$PWD/src/bin/Release/net10.0/Paperboy.dll" --port "$sink_port" --postmaster-pid "$postmaster" "$@"
