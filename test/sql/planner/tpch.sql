-- The 22 TPC-H queries of test/tpch/queries over the schema with a little data.
\i test/sql/planner/tpch-data.ts
\explain test/tpch/queries/q*.sql
