# Sourced by the bench scripts: starts postfix's smtp-sink on a free 127.0.0.1 port without installing a system
# MTA (the postfix package is downloaded and unpacked into $1). Sets sink_port and sink_pid.
start_smtp_sink() {
  local work=$1
  (cd "$work" && { apt-get download postfix >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download postfix >/dev/null; }; })
  dpkg-deb -x "$work"/postfix_*.deb "$work/postfix"
  sink_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  # 256: the listen backlog. smtp-sink accepts every message and throws it away.
  LD_LIBRARY_PATH="$work/postfix/usr/lib/postfix" "$work/postfix/usr/sbin/smtp-sink" -u nobody "127.0.0.1:$sink_port" 256 &
  sink_pid=$!
  sleep 1
}
