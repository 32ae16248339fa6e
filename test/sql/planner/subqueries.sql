-- Subqueries: uncorrelated and correlated scalar subqueries, IN / EXISTS as semi and anti
-- joins, subqueries under OR and in the select list, planned over a domain of outer values.
CREATE TABLE t (id int PRIMARY KEY, g int, x int);
CREATE TABLE u (id int PRIMARY KEY, t_id int, k int);
EXPLAIN SELECT id FROM t WHERE x > (SELECT avg(x) FROM t);
EXPLAIN SELECT id FROM t WHERE x = (SELECT max(u.k) FROM u WHERE u.t_id = t.id);
EXPLAIN SELECT id FROM t WHERE g IN (SELECT k FROM u);
EXPLAIN SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id AND u.k <> t.g);
EXPLAIN SELECT id FROM t WHERE x > 10 OR g IN (SELECT k FROM u);
EXPLAIN SELECT id, (SELECT count(*) FROM u WHERE u.t_id = t.id) AS n FROM t;
-- Errors.
SELECT id FROM t WHERE x = (SELECT k, id FROM u);
SELECT id FROM t WHERE g IN (SELECT nope FROM u);
SELECT (SELECT k FROM u) FROM t;
