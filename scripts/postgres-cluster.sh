#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests, never as root, and prints the environment the
# PostgreSQL test cases read (source it: `eval "$(bash scripts/postgres-cluster.sh start)"`):
#   MRA_TEST_POSTGRES            postgres://mra@127.0.0.1:PORT/postgres (a superuser: each test makes its database)
#   MRA_TEST_POSTGRES_PASSWORD   its password (scram-sha-256)
#   MRA_TEST_POSTGRES_CA         the server's self-signed TLS certificate, the root for sslmode=verify-full
#   MRA_TEST_POSTGRES_SMALL_TABLESPACE  a tablespace on a 48 MB file system, as root only (the disk-full case)
#   MRA_TEST_POSTGRES_FOLDER     the cluster's folder; `bash scripts/postgres-cluster.sh stop FOLDER` stops it and removes it
# `standby FOLDER` then makes a hot standby of that cluster with pg_basebackup (streaming replication, on another
# port) and prints MRA_TEST_POSTGRES_STANDBY (its URL; same user and password) and MRA_TEST_POSTGRES_STANDBY_FOLDER.
# The tests' cluster runs with fsync=off (it is thrown away); MRA_POSTGRES_FSYNC=on starts one that syncs as a
# production server does, for benchmarks beside SQLite's synchronous=FULL.
# Without PostgreSQL's server (Debian's postgresql package) it prints nothing and the PostgreSQL cases are skipped,
# each saying why.
set -euo pipefail
command=${1:-start}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
# As root, the cluster runs as the postgres user the Debian package made.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$command" in
start)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgres-cluster: no PostgreSQL server; PostgreSQL cases skipped" >&2; exit 0; }
    folder=$(mktemp -d /tmp/mra-postgres.XXXXXX)
    chmod 755 "$folder"
    password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" > "$folder/password"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf '%s\n' "$port" > "$folder/port"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -U mra --auth=scram-sha-256 --pwfile="$folder/password" \
        --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1
    # TLS for the clients that ask (sslmode=require or verify-full): a self-signed certificate for the loopback
    # names, which the tests give as the root (MRA_TEST_POSTGRES_CA).
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$folder/server.key" -out "$folder/server.crt" \
        >/dev/null 2>&1
    chmod 600 "$folder/server.key"
    [ "$(id -u)" -eq 0 ] && chown postgres "$folder/server.key" "$folder/server.crt"
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=${MRA_POSTGRES_FSYNC:-off} -c max_connections=200 -c ssl=on -c ssl_cert_file=$folder/server.crt -c ssl_key_file=$folder/server.key" start >/dev/null
    # A tablespace on a small file system of its own (a 48 MB tmpfs) for the disk-full case; mounting needs root,
    # and without it that case is skipped, saying so.
    [ "$(id -u)" -eq 0 ] && mkdir "$folder/small" &&
        { mount -t tmpfs -o size=48m,uid=postgres,gid=postgres,mode=700 tmpfs "$folder/small" 2>/dev/null ||
            rmdir "$folder/small"; }
    if mountpoint -q "$folder/small" 2>/dev/null; then
        PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U mra -d postgres -qc \
            "CREATE TABLESPACE small_disk LOCATION '$folder/small'"
        echo "export MRA_TEST_POSTGRES_SMALL_TABLESPACE=small_disk"
    fi
    echo "export MRA_TEST_POSTGRES=postgres://mra@127.0.0.1:$port/postgres"
    echo "export MRA_TEST_POSTGRES_CA=$folder/server.crt"
    echo "export MRA_TEST_POSTGRES_PASSWORD=$password"
    echo "export MRA_TEST_POSTGRES_FOLDER=$folder"
    ;;
standby)
    primary=${2:?give the primary cluster folder}
    [ -f "$primary/port" ] || { echo "postgres-cluster: $primary is not a cluster this script started" >&2; exit 2; }
    folder=$(mktemp -d /tmp/mra-postgres-standby.XXXXXX)
    chmod 755 "$folder"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$folder"
    # The primary's small tablespace goes to a folder of the standby's own.
    small=$(mountpoint -q "$primary/small" 2>/dev/null && echo yes || true)
    as_owner env PGPASSWORD="$(cat "$primary/password")" "$bin/pg_basebackup" -h 127.0.0.1 -p "$(cat "$primary/port")" \
        -U mra -D "$folder/data" -R -X stream -C -S "standby_$port" \
        ${small:+-T "$primary/small=$folder/small"} >"$folder/basebackup.log" 2>&1
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c hot_standby=on -c max_connections=200" start >/dev/null
    echo "export MRA_TEST_POSTGRES_STANDBY=postgres://mra@127.0.0.1:$port/postgres"
    echo "export MRA_TEST_POSTGRES_STANDBY_FOLDER=$folder"
    ;;
stop)
    folder=${2:?give the cluster folder}
    [ -d "$folder/data" ] && as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
    mountpoint -q "$folder/small" 2>/dev/null && umount "$folder/small"
    rm -rf "$folder"
    ;;
*) echo "usage: postgres-cluster.sh start | standby FOLDER | stop FOLDER" >&2; exit 2 ;;
esac
