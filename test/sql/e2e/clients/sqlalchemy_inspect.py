"""What Superset, notebooks and other SQLAlchemy users do against a PostgreSQL-wire database:
connect, list schemas, tables, views and materialized views through the inspector, reflect a
table's columns, primary key and indexes, and run a Core select on the reflected table.
Prints one JSON line per step; the test runs it against Weir and PostgreSQL and compares.
Usage: python3 sqlalchemy_inspect.py PORT DATABASE"""
import json
import sys

import sqlalchemy as sa

engine = sa.create_engine(f"postgresql+psycopg2://weir@127.0.0.1:{sys.argv[1]}/{sys.argv[2]}")


def step(name, value):
    print(json.dumps({"step": name, "value": value}, default=str, sort_keys=True))


with engine.connect() as conn:
    inspector = sa.inspect(conn)
    step("schemas", sorted(s for s in inspector.get_schema_names() if s == "public"))
    step("tables", sorted(inspector.get_table_names(schema="public")))
    step("views", sorted(inspector.get_view_names(schema="public", include=("plain",))))
    step("materialized views", sorted(inspector.get_view_names(schema="public", include=("materialized",))))
    for table in ("t", "pair"):
        step(f"columns {table}", [
            {"name": c["name"], "type": str(c["type"]), "nullable": c["nullable"], "default": c["default"]}
            for c in inspector.get_columns(table, schema="public")
        ])
        step(f"primary key {table}", inspector.get_pk_constraint(table, schema="public"))
        step(f"indexes {table}", sorted((i["name"], i["column_names"], i["unique"]) for i in inspector.get_indexes(table, schema="public")))
        step(f"foreign keys {table}", inspector.get_foreign_keys(table, schema="public"))
    step("view definition", inspector.get_view_definition("v", schema="public") is not None)
    # A Core select on a reflected table.
    t = sa.Table("t", sa.MetaData(), autoload_with=conn)
    rows = conn.execute(sa.select(t.c.id, t.c.name).where(t.c.id > sa.bindparam("low")).order_by(t.c.id), {"low": 0}).fetchall()
    step("select", [list(r) for r in rows])
