"""What pgcli asks on connect to complete names: the search path, schemas, tables, views and
their columns, foreign keys, functions, data types and databases (pgcli's own PGExecute, as
its completion refresher runs it). Prints one JSON line per step; the test runs it against
Weir and PostgreSQL and compares. Usage: python3 pgcli_metadata.py PORT DATABASE"""
import json
import sys

from pgcli.pgexecute import PGExecute

db = PGExecute(database=sys.argv[2], user="weir", password=None, host="127.0.0.1", port=int(sys.argv[1]), dsn=None)


def step(name, rows):
    print(json.dumps({"step": name, "value": sorted([list(r) for r in rows], key=str)}, default=str))


step("search path", [[p] for p in db.search_path()])
step("schemata", [[s] for s in db.schemata() if s == "public"])
step("tables", [r for r in db.tables() if r[0] == "public"])
step("views", [r for r in db.views() if r[0] == "public"])
step("table columns", [r for r in db.table_columns() if r[0] == "public"])
step("view columns", [r for r in db.view_columns() if r[0] == "public"])
step("foreign keys", list(db.foreignkeys()))
step("functions", [[f.schema_name, f.func_name, f.return_type, f.is_aggregate, f.is_window] for f in db.functions() if f.schema_name == "public"])
step("datatypes", [r for r in db.datatypes() if r[0] == "public"])
step("databases", [["the database connected to"] for d in db.databases() if d == sys.argv[2]])
step("function definition", [[db.function_definition("add1").strip()]])
step("view definition", [[db.view_definition("v") is not None]])
for title, cur, headers, status, *_ in db.run("SELECT id, name FROM t ORDER BY id"):
    step("query", [[headers, status]] + [list(r) for r in cur])
