#!/usr/bin/env bash
# A throw-away PostgreSQL cluster from Debian's package, on loopback, under its own user and data folder.
#   .ci/pg.sh start DIR   -> initdb into DIR/data, start on a free 127.0.0.1 port, print the SQLAlchemy URL
#   .ci/pg.sh stop DIR    -> stop the cluster (fast) and remove DIR
# Run as root, the cluster runs as the system user "postgres" (Debian's package creates it); otherwise as the
# calling user. Password authentication (scram) with a random password; unix sockets only inside DIR.
set -euo pipefail
cmd=${1:?start or stop}; dir=${2:?folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir" && chmod 700 "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pw=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$pw" > "$dir/pw"; [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
  as_owner "$bin/initdb" -D "$dir/data" -U corridor --pwfile="$dir/pw" --auth=scram-sha-256 -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pw"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  PGPASSWORD=$pw "$bin/createdb" -h 127.0.0.1 -p "$port" -U corridor corridor
  echo "postgresql+psycopg://corridor:$pw@127.0.0.1:$port/corridor"
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
