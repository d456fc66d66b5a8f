# Shared by scripts/test and bench/*: Debian packages and a private, throw-away PostgreSQL.
# Source it, then call install_missing PKG..., start_postgres, and stop_postgres (on exit).

PG_PORT="${RELIEF_PG_PORT:-5433}"
PG_DIR="${RELIEF_PG_DIR:-/tmp/reliefmarket-pg-$(id -u)}"
STARTED_PG=""

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} ..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Runs a PostgreSQL tool as an unprivileged user: postgres when we are root, ourselves otherwise.
pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Starts (or reuses) the private cluster and exports RELIEF_TEST_POSTGRES, a server-level connection string.
start_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$bin" ] || { echo "PostgreSQL binaries not found"; return 1; }
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    pg "$bin/initdb" -D "$PG_DIR/data" -U relief --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
  fi
  if ! pg "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    # A throw-away server: durability is traded for speed.
    pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null ||
      { cat "$PG_DIR/log"; return 1; }
    STARTED_PG="$bin"
  fi
  PG_BIN="$bin"
  export RELIEF_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=relief;Password=relief"
}

# Runs SQL against the private server's maintenance database.
pg_sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U relief -d postgres -qAt -c "$1"; }

stop_postgres() { if [ -n "$STARTED_PG" ]; then pg "$STARTED_PG/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1; fi; }
