"""A psycopg2 session against Weir: what a Python application or notebook does.

Prints one JSON object per step; the test compares them. Usage: psycopg2_client.py PORT
"""
import datetime
import decimal
import json
import sys

import psycopg2
import psycopg2.extras

port = int(sys.argv[1])
conn = psycopg2.connect(host="127.0.0.1", port=port, user="weir", dbname="dev")
out = []


def step(name, value):
    out.append({"step": name, "value": value})


def plain(v):
    """Python values as JSON, keeping their Python type visible."""
    if isinstance(v, decimal.Decimal):
        return {"Decimal": str(v)}
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {"timedelta": v.total_seconds()}
    return v


# psycopg2 opens a transaction (BEGIN) before the first statement unless autocommit is on.
cur = conn.cursor()
cur.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text, amount numeric(10,2), placed timestamp, paid boolean)")
conn.commit()
cur.execute(
    "INSERT INTO orders VALUES (%s, %s, %s, %s, %s)",
    (1, "ann", decimal.Decimal("12.50"), datetime.datetime(2024, 3, 1, 12, 0, 5), True),
)
cur.executemany(
    "INSERT INTO orders VALUES (%s, %s, %s, %s, %s)",
    [
        (2, "bob", decimal.Decimal("7.25"), datetime.datetime(2024, 3, 1, 12, 1), False),
        (3, "ann", decimal.Decimal("100.00"), datetime.datetime(2024, 3, 2, 9, 30), True),
        (4, "o'hara", None, None, None),
    ],
)
conn.commit()
step("rowcount", cur.rowcount)

cur.execute("CREATE MATERIALIZED VIEW per_customer AS SELECT customer, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer")
conn.commit()
cur.execute("FLUSH")
cur.execute("SELECT customer, n, total FROM per_customer ORDER BY customer")
step("view", [[plain(v) for v in row] for row in cur.fetchall()])
step("description", [[d.name, d.type_code] for d in cur.description])

cur.execute("SELECT id, amount, placed, placed::date, paid, placed - timestamp '2024-03-01' FROM orders WHERE customer = %s ORDER BY id", ("ann",))
step("types", [[plain(v) for v in row] for row in cur.fetchall()])

# A dictionary cursor, as pandas-style code uses.
dcur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
dcur.execute("SELECT id, customer FROM orders WHERE amount IS NULL")
step("dict", [dict(r) for r in dcur.fetchall()])

cur.execute("UPDATE orders SET amount = amount * 2 WHERE customer = %s", ("ann",))
cur.execute("DELETE FROM orders WHERE id = %s", (2,))
conn.commit()
cur.execute("FLUSH")
cur.execute("SELECT customer, n, total FROM per_customer ORDER BY customer")
step("view after changes", [[plain(v) for v in row] for row in cur.fetchall()])

# Errors come as exceptions with the SQLSTATE; after a rollback the session goes on.
for bad in ["SELECT 1/0", "SELECT * FROM missing_table", "SELECT nope FROM orders", "SELEC 1"]:
    try:
        cur.execute(bad)
        step("error", None)
    except psycopg2.Error as e:
        step("error", e.pgcode)
        conn.rollback()

conn.autocommit = True
cur.execute("SELECT count(*) FROM orders")
step("after errors", cur.fetchone()[0])

# Server-side (named) cursors: DECLARE / FETCH in a transaction.
conn.autocommit = False
try:
    named = conn.cursor(name="big")
    named.itersize = 2
    named.execute("SELECT id FROM orders ORDER BY id")
    step("named cursor", [r[0] for r in named])
    named.close()
    conn.commit()
except psycopg2.Error as e:
    step("named cursor", e.pgcode)
    conn.rollback()

conn.close()
print(json.dumps(out))
