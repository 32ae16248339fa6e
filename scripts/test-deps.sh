#!/usr/bin/env bash
# Installs the system packages Weir's tests use, when they are missing: a real PostgreSQL
# server (the correctness oracle), psql (a real client of Weir's wire protocol) and
# python3-psycopg2 (for the runner of RisingWave's peer tests and the psycopg2 client test),
# pgJDBC with a JDK (the JDBC client test runs a Java source file), SQLAlchemy (its
# inspector is what Superset and notebooks use to list tables and columns), pgcli (its
# completion queries), psqlODBC with unixODBC's isql, and Chromium (the dashboard, headless).
# Runs before `npm test`. Needs root and apt-get to install; otherwise it says what is
# missing, and the tests that need it report that they were skipped.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v psql >/dev/null || need+=(postgresql-client)
# RisingWave's peer tests run through their runner, a Python script over psycopg2.
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
[ -f /usr/share/java/postgresql.jar ] || need+=(libpostgresql-jdbc-java)
command -v javac >/dev/null || need+=(default-jdk-headless)
/usr/bin/python3 -c 'import sqlalchemy' 2>/dev/null || need+=(python3-sqlalchemy)
/usr/bin/python3 -c 'import pgcli.pgexecute' 2>/dev/null || need+=(pgcli)
# psqlODBC and unixODBC's isql: the ODBC path of Excel and Power BI.
command -v isql >/dev/null || need+=(unixodbc)
# A self-signed certificate for the TLS tests.
command -v openssl >/dev/null || need+=(openssl)
ls /usr/lib/*/odbc/psqlodbcw.so >/dev/null 2>&1 || need+=(odbc-postgresql)
# Headless Chromium, driven by playwright-core, for the dashboard.
command -v chromium >/dev/null || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} for the tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "missing ${need[*]} (install them to run every test); tests that need them will be skipped" >&2
fi
