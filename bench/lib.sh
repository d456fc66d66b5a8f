# Shared by the bench scripts: publish the shop in Release, start/stop it on a port, measure a URL with wrk.
source scripts/lib/services.sh

OUT="${BENCH_OUT:-bench/.out}" # another folder lets two runs of one checkout go at once (with BENCH_PORT)
PORT="${BENCH_PORT:-5099}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
APP_PID=""

publish() { dotnet publish src/ReliefMarket.Web -c Release -o "$OUT/app" --nologo -v quiet >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log"; exit 1; }; }

start_app() { # provider connection-string
  # Production on purpose: the sandbox payment page, the mail folder and the demo catalog are asked for explicitly.
  (cd "$OUT/app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Site__PublicBaseUrl="http://127.0.0.1:$PORT" Payments__UseSandbox=true Email__UsePickupFolder=true Database__SeedDemoData=true \
    Logging__LogLevel__Default=Warning Database__Provider="$1" "ConnectionStrings__$1=$2" \
    dotnet ReliefMarket.Web.dll) >"$OUT/app-$1.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0
    sleep 0.5
  done
  echo "the app did not start:"; cat "$OUT/app-$1.log"; return 1
}

stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; APP_PID=""; fi; }

# A fresh, empty database for the provider; prints its connection string.
fresh_database() {
  if [ "$1" = Postgres ]; then
    local name="${BENCH_DB:-relief_bench}" # another name lets two checkouts bench at once
    pg_sql "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1; pg_sql "CREATE DATABASE $name" >/dev/null || return 1
    echo "$RELIEF_TEST_POSTGRES;Database=$name"
  else
    rm -f "$OUT"/bench.db*; echo "Data Source=$PWD/$OUT/bench.db"
  fi
}

measure() { # url [wrk args] -> "rps p99ms errors"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${@:2}" "http://127.0.0.1:$PORT$1" >"$OUT/wrk.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$OUT/wrk.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$OUT/wrk.txt" | tr '\n' ' ')
  echo "${rps:-0} ${p99:-0} ${errors}"
}
