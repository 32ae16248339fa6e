-- Aggregates, grouping, window functions, Top-N, set operations and the errors of each.
CREATE TABLE s (id int PRIMARY KEY, g int, v int, ts timestamp);
EXPLAIN SELECT g, count(*), sum(v) FILTER (WHERE v > 0), count(DISTINCT v) FROM s GROUP BY g HAVING count(*) > 1 ORDER BY count(*) DESC;
EXPLAIN SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) FROM s;
EXPLAIN CREATE MATERIALIZED VIEW top2 AS SELECT * FROM (SELECT g, v, rank() OVER (PARTITION BY g ORDER BY v) AS r FROM s) AS x WHERE r <= 2;
EXPLAIN SELECT id, sum(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM s;
EXPLAIN SELECT window_start, g, count(*) FROM TUMBLE(s, ts, INTERVAL '1 minute') GROUP BY window_start, g;
EXPLAIN SELECT g FROM s UNION SELECT v FROM s;
EXPLAIN SELECT g FROM s INTERSECT SELECT v FROM s EXCEPT SELECT id FROM s;
EXPLAIN SELECT DISTINCT ON (g) g, v FROM s ORDER BY g, v DESC;
-- Errors.
SELECT g, v FROM s GROUP BY g;
SELECT sum(count(*)) FROM s;
SELECT g FROM s WHERE count(*) > 1;
SELECT g FROM s UNION SELECT g, v FROM s;
