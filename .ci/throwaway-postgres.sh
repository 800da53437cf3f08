# Sourced, not run (by .ci/run and bench/history.sh). Starts a throwaway PostgreSQL cluster:
# Debian's server (installed when missing), a temporary directory, a free local port, password
# authentication; initdb refuses root, so as root it runs as the postgres user. The cluster is
# stopped and deleted when the sourcing script exits. Sets PG_URL to
# postgresql://coldstart:PASSWORD@127.0.0.1:PORT/postgres (a superuser).
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends postgresql
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi
pg_dir="$(mktemp -d)"
pg_pw="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$pg_pw" >"$pg_dir/pw"
pg_as=()
if [ "$(id -u)" = 0 ]; then
  chown -R postgres: "$pg_dir"
  pg_as=(runuser -u postgres --)
fi
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U coldstart --auth=scram-sha-256 --pwfile="$pg_dir/pw" \
  -E UTF8 --no-sync >/dev/null
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
trap '"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
PG_URL="postgresql://coldstart:$pg_pw@127.0.0.1:$pg_port/postgres"
PG_VERSION="$("$pg_bin/postgres" --version | awk '{print $3}')"
