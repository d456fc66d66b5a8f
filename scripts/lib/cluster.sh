# Shared by scripts/cluster and bench/cluster: two shop nodes on PostgreSQL behind nginx (TLS, round-robin).
# Source it after scripts/lib/services.sh, then: cluster_prepare, cluster_publish, cluster_start, ..., cluster_stop.
# Everything lives in one temporary folder ($CLUSTER_DIR): the published app, node logs, the shared email
# pickup folder, the nginx config, its self-signed certificate and its logs.
#
# Settings (environment):
#   CLUSTER_NODE1_PORT, CLUSTER_NODE2_PORT   the nodes' own ports (5101, 5102), on 127.0.0.1
#   CLUSTER_HTTPS_PORT, CLUSTER_HTTP_PORT    nginx (8443, 8080); http answers with a redirect to https
#   CLUSTER_ENVIRONMENT                      ASPNETCORE_ENVIRONMENT of the nodes (Production)
#   CLUSTER_DEMO_PASSWORD                    password of the demo accounts (a throw-away value for this cluster)
#   CLUSTER_MAX_UNITS_PER_PRODUCT            Ordering:MaxUnitsPerProduct of the nodes (1000): the proof buys a
#                                            product's whole stock in one order, beyond a shopper's usual limit
#   CLUSTER_DIR                              the folder to use (default: a new one from mktemp)
#   CLUSTER_KEEP=1                           keep the folder after stopping (one made by mktemp is removed otherwise)

CLUSTER_NODE1_PORT="${CLUSTER_NODE1_PORT:-5101}"
CLUSTER_NODE2_PORT="${CLUSTER_NODE2_PORT:-5102}"
CLUSTER_HTTPS_PORT="${CLUSTER_HTTPS_PORT:-8443}"
CLUSTER_HTTP_PORT="${CLUSTER_HTTP_PORT:-8080}"
CLUSTER_ENVIRONMENT="${CLUSTER_ENVIRONMENT:-Production}"
CLUSTER_DEMO_PASSWORD="${CLUSTER_DEMO_PASSWORD:-Cluster-demo-2026}"
CLUSTER_DATABASE="relief_cluster"
CLUSTER_PUBLIC_URL="https://localhost:$CLUSTER_HTTPS_PORT"
CLUSTER_NODE_PIDS=("" "")
CLUSTER_NGINX_PID=""
export CLUSTER_NODE1_PORT CLUSTER_NODE2_PORT CLUSTER_HTTPS_PORT CLUSTER_HTTP_PORT CLUSTER_PUBLIC_URL CLUSTER_DATABASE CLUSTER_DEMO_PASSWORD

cluster_log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cluster_port_of() { if [ "$1" = 1 ]; then echo "$CLUSTER_NODE1_PORT"; else echo "$CLUSTER_NODE2_PORT"; fi; }

# Installs what is missing, starts (or reuses) the private PostgreSQL and makes the working folder.
cluster_prepare() {
  install_missing postgresql nginx openssl curl || return 1
  local port
  for port in "$CLUSTER_NODE1_PORT" "$CLUSTER_NODE2_PORT" "$CLUSTER_HTTPS_PORT" "$CLUSTER_HTTP_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      cluster_log "port $port on 127.0.0.1 is in use; choose others with CLUSTER_NODE1_PORT, CLUSTER_NODE2_PORT, CLUSTER_HTTPS_PORT, CLUSTER_HTTP_PORT"
      return 1
    fi
  done
  start_postgres || return 1
  if [ -z "${CLUSTER_DIR:-}" ]; then CLUSTER_DIR="$(mktemp -d -t reliefmarket-cluster.XXXXXX)"; CLUSTER_DIR_MADE=1; fi
  mkdir -p "$CLUSTER_DIR"/{mail,nginx/temp,node1-home,node2-home}
  # The nodes' connection string; PostgreSQL runs on the port services.sh chose.
  CLUSTER_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Database=$CLUSTER_DATABASE;Username=relief;Password=relief"
  CLUSTER_MAIL_DIR="$CLUSTER_DIR/mail"
  export CLUSTER_DIR CLUSTER_CONNECTION CLUSTER_MAIL_DIR PG_PORT PG_BIN
  cluster_log "working folder $CLUSTER_DIR"
}

# Release build of the shop into $CLUSTER_DIR/app.
cluster_publish() {
  cluster_log "publishing the shop (Release)"
  dotnet publish src/ReliefMarket.Web -c Release -o "$CLUSTER_DIR/app" --nologo -v quiet >"$CLUSTER_DIR/publish.log" 2>&1 ||
    { cat "$CLUSTER_DIR/publish.log" >&2; return 1; }
}

# An empty relief_cluster database (dropped first if a previous run left one).
cluster_fresh_database() {
  pg_sql "DROP DATABASE IF EXISTS $CLUSTER_DATABASE WITH (FORCE)" >/dev/null 2>&1
  pg_sql "CREATE DATABASE $CLUSTER_DATABASE" >/dev/null
}

# psql against the cluster's database: cluster_sql "SELECT ..." prints unaligned rows, fields split by |.
cluster_sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U relief -d "$CLUSTER_DATABASE" -qAt -v ON_ERROR_STOP=1 -c "$1"; }

# Starts node N (1 or 2) in the background; its log is $CLUSTER_DIR/node<N>.log (appended on a restart).
cluster_start_node() {
  local n="$1" port
  port="$(cluster_port_of "$n")"
  # Each node has its own HOME, as on its own machine: nothing (such as ASP.NET's default key folder
  # under ~/.aspnet) is shared through the file system except the email pickup folder, which is
  # configured. What the nodes share, they share through PostgreSQL.
  (cd "$CLUSTER_DIR/app" && exec env \
    HOME="$CLUSTER_DIR/node$n-home" \
    ASPNETCORE_ENVIRONMENT="$CLUSTER_ENVIRONMENT" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    AllowedHosts="localhost;127.0.0.1" \
    Site__PublicBaseUrl="$CLUSTER_PUBLIC_URL" \
    ForwardedHeaders__KnownProxies__0=127.0.0.1 \
    Database__Provider=Postgres \
    ConnectionStrings__Postgres="$CLUSTER_CONNECTION" \
    Jobs__Storage=Postgres \
    Payments__UseSandbox=true \
    Email__UsePickupFolder=true \
    Email__PickupFolder="$CLUSTER_MAIL_DIR" \
    Database__SeedDemoData=true \
    DemoAccounts__Password="$CLUSTER_DEMO_PASSWORD" \
    Ordering__MaxUnitsPerProduct="${CLUSTER_MAX_UNITS_PER_PRODUCT:-1000}" \
    dotnet ReliefMarket.Web.dll) >>"$CLUSTER_DIR/node$n.log" 2>&1 &
  CLUSTER_NODE_PIDS[$((n - 1))]=$!
  echo "$!" >"$CLUSTER_DIR/node$n.pid"
  cluster_log "node $n: pid $! on http://127.0.0.1:$port"
}

# Waits until node N answers /healthz/ready (or /healthz where ready does not exist yet) with 200.
cluster_wait_ready() {
  local n="$1" port pid code
  port="$(cluster_port_of "$n")"
  pid="${CLUSTER_NODE_PIDS[$((n - 1))]}"
  for _ in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cluster_log "node $n exited while starting; the end of its log:"; tail -n 40 "$CLUSTER_DIR/node$n.log" >&2; return 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz/ready")
    [ "$code" = 200 ] && return 0
    if [ "$code" = 404 ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")" = 200 ]; then
      cluster_log "node $n: /healthz/ready does not exist (yet); /healthz answered 200"
      return 0
    fi
    sleep 0.5
  done
  cluster_log "node $n did not become ready in 120 s; the end of its log:"; tail -n 40 "$CLUSTER_DIR/node$n.log" >&2; return 1
}

# SIGKILLs node N: no shutdown, no goodbye, like a machine that lost power.
cluster_kill_node() {
  local n="$1" pid="${CLUSTER_NODE_PIDS[$(($1 - 1))]}"
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  CLUSTER_NODE_PIDS[$((n - 1))]=""
  cluster_log "node $n: killed (SIGKILL)"
}

cluster_stop_node() {
  local n="$1" pid="${CLUSTER_NODE_PIDS[$(($1 - 1))]}"
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  CLUSTER_NODE_PIDS[$((n - 1))]=""
}

# A throw-away self-signed certificate for localhost and 127.0.0.1, valid two days.
cluster_certificate() {
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$CLUSTER_DIR/nginx/cert.key" -out "$CLUSTER_DIR/nginx/cert.pem" >/dev/null 2>&1
}

cluster_nginx_config() {
  local user_line=""
  # nginx started by root runs its workers as another user; they only need the temp folders.
  if [ "$(id -u)" -eq 0 ]; then
    user_line="user www-data;"
    chmod 711 "$CLUSTER_DIR" "$CLUSTER_DIR/nginx"
    chown www-data "$CLUSTER_DIR/nginx/temp"
  fi
  cat >"$CLUSTER_DIR/nginx/nginx.conf" <<EOF
# Generated by scripts/lib/cluster.sh for one run; not the system's nginx.
$user_line
worker_processes 1;
pid $CLUSTER_DIR/nginx/nginx.pid;
error_log $CLUSTER_DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log $CLUSTER_DIR/nginx/access.log;
  client_body_temp_path $CLUSTER_DIR/nginx/temp/body;
  proxy_temp_path $CLUSTER_DIR/nginx/temp/proxy;
  fastcgi_temp_path $CLUSTER_DIR/nginx/temp/fastcgi;
  uwsgi_temp_path $CLUSTER_DIR/nginx/temp/uwsgi;
  scgi_temp_path $CLUSTER_DIR/nginx/temp/scgi;

  upstream relief {
    # Round-robin. Passive health: one failed attempt takes a node out for 5 s, then it is tried again.
    server 127.0.0.1:$CLUSTER_NODE1_PORT max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$CLUSTER_NODE2_PORT max_fails=1 fail_timeout=5s;
    keepalive 32;
  }

  server {
    listen 127.0.0.1:$CLUSTER_HTTP_PORT;
    server_name localhost;
    return 301 https://\$host:$CLUSTER_HTTPS_PORT\$request_uri;
  }

  server {
    listen 127.0.0.1:$CLUSTER_HTTPS_PORT ssl;
    server_name localhost;
    ssl_certificate $CLUSTER_DIR/nginx/cert.pem;
    ssl_certificate_key $CLUSTER_DIR/nginx/cert.key;
    client_max_body_size 10m;

    location / {
      proxy_pass http://relief;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # \$host drops the port; on this non-default port the shop must see the authority the browser
      # used (its same-origin check compares Origin with Host), so the port is passed on.
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      # A dead node is skipped: the request goes to the other one. nginx retries only idempotent
      # requests (GET, HEAD, ...); a POST that the dead node may have started is not repeated.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
      # Which node answered, for scripts/cluster check (this cluster only; deploy/nginx.conf omits it).
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
}

cluster_start_nginx() {
  cluster_certificate || { cluster_log "openssl could not make a certificate"; return 1; }
  cluster_nginx_config
  nginx -t -q -e "$CLUSTER_DIR/nginx/error.log" -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" ||
    { cat "$CLUSTER_DIR/nginx/error.log" >&2; return 1; }
  nginx -e "$CLUSTER_DIR/nginx/error.log" -c "$CLUSTER_DIR/nginx/nginx.conf" -p "$CLUSTER_DIR/nginx" -g 'daemon off;' \
    >>"$CLUSTER_DIR/nginx/stdout.log" 2>&1 &
  CLUSTER_NGINX_PID=$!
  for _ in $(seq 1 40); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$CLUSTER_HTTPS_PORT/healthz")" = 200 ] && {
      cluster_log "nginx: pid $CLUSTER_NGINX_PID on $CLUSTER_PUBLIC_URL (http://127.0.0.1:$CLUSTER_HTTP_PORT redirects)"; return 0; }
    kill -0 "$CLUSTER_NGINX_PID" 2>/dev/null || break
    sleep 0.25
  done
  cluster_log "nginx did not answer:"; tail -n 20 "$CLUSTER_DIR/nginx/error.log" >&2; return 1
}

# The whole cluster: fresh database, node 1 (migrates and seeds), then node 2, then nginx.
cluster_start() {
  cluster_fresh_database || { cluster_log "could not create the database $CLUSTER_DATABASE"; return 1; }
  cluster_start_node 1 && cluster_wait_ready 1 || return 1
  cluster_start_node 2 && cluster_wait_ready 2 || return 1
  CLUSTER_BOTH_UP_AT="$(date -u +%s)"
  export CLUSTER_BOTH_UP_AT
  cluster_start_nginx
}

# Prints the end of every log; called when something failed.
cluster_show_logs() {
  local f
  for f in "$CLUSTER_DIR"/node1.log "$CLUSTER_DIR"/node2.log "$CLUSTER_DIR"/nginx/error.log; do
    [ -s "$f" ] || continue
    printf '\n--- last lines of %s\n' "${f#"$CLUSTER_DIR"/}" >&2
    tail -n 30 "$f" >&2
  done
}

# Stops nginx, both nodes and the PostgreSQL this shell started; removes the folder unless CLUSTER_KEEP=1.
cluster_stop() {
  if [ -n "$CLUSTER_NGINX_PID" ]; then
    kill -QUIT "$CLUSTER_NGINX_PID" 2>/dev/null; wait "$CLUSTER_NGINX_PID" 2>/dev/null; CLUSTER_NGINX_PID=""
  fi
  cluster_stop_node 1
  cluster_stop_node 2
  stop_postgres
  if [ "${CLUSTER_DIR_MADE:-0}" = 1 ] && [ -d "$CLUSTER_DIR" ] && [ "${CLUSTER_KEEP:-0}" != 1 ]; then
    rm -rf "$CLUSTER_DIR"
  fi
}
