#!/usr/bin/env bash
# Runs the server tests again on PostgreSQL, the engine a deployment that outgrows one machine
# uses: installs and starts a local cluster (Debian's postgresql), makes a test role, and
# points the server tests at it. Needs root or sudo; without either it says so and skips.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    echo "test-postgres.sh: needs root or password-less sudo to start PostgreSQL; skipped." >&2
    exit 0
fi

if ! dpkg-query -W -f='${Status}' postgresql 2>/dev/null | grep -q "ok installed"; then
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        postgresql >/dev/null || {
        "${SUDO[@]}" apt-get update -q >/dev/null
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends postgresql >/dev/null
    }
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
# PostgreSQL refuses to run as root: pg_ctlcluster switches to the postgres user.
"${SUDO[@]}" pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
    "${SUDO[@]}" su postgres -c "pg_isready -q -h 127.0.0.1" && break
    sleep 1
done
"${SUDO[@]}" su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'creditdesk_test') THEN
        CREATE ROLE creditdesk_test LOGIN PASSWORD 'creditdesk_test' CREATEDB;
    END IF;
END $$;
SQL

echo "Server tests on PostgreSQL $version:"
QT_QPA_PLATFORM=offscreen \
CREDITDESK_TEST_POSTGRES="postgres://creditdesk_test:creditdesk_test@127.0.0.1:5432" \
    ctest --test-dir build --output-on-failure -j2 -L server "$@"
