-- Join graphs: comma joins and JOIN ... ON in any order become one graph, joined along
-- their predicates (no cross product where a predicate connects the tables), with
-- conditions over one table pushed to it and equalities through equivalence classes.
CREATE TABLE a (id int PRIMARY KEY, x int, s text);
CREATE TABLE b (id int PRIMARY KEY, a_id int, y int);
CREATE TABLE c (id int PRIMARY KEY, b_id int, z int);
CREATE TABLE d (id int PRIMARY KEY, c_id int, w int);
INSERT INTO a SELECT g, g % 10, 'a' || g FROM generate_series(1, 100) AS g;
INSERT INTO b SELECT g, g % 100 + 1, g % 7 FROM generate_series(1, 1000) AS g;
INSERT INTO c SELECT g, g % 1000 + 1, g % 3 FROM generate_series(1, 2000) AS g;
INSERT INTO d SELECT g, g % 2000 + 1, g FROM generate_series(1, 50) AS g;
-- Listed from the smallest table out, with the predicates in another order.
EXPLAIN SELECT a.s, d.w FROM d, a, c, b WHERE c.b_id = b.id AND d.c_id = c.id AND b.a_id = a.id AND a.x = 3;
-- Explicit joins and a filter on the far end.
EXPLAIN SELECT count(*) FROM a JOIN b ON b.a_id = a.id JOIN c ON c.b_id = b.id JOIN d ON d.c_id = c.id WHERE d.w < 10;
-- Transitive equalities: a and c share a key through b.
EXPLAIN SELECT count(*) FROM a, b, c WHERE a.id = b.a_id AND b.a_id = c.b_id;
-- Nothing connects the tables: a cross product, smallest first.
EXPLAIN SELECT count(*) FROM a, d, b WHERE a.x = 1 AND d.w = 2;
-- Outer joins keep their place.
EXPLAIN SELECT count(*) FROM a LEFT JOIN b ON b.a_id = a.id, c WHERE c.b_id = b.id;
SELECT count(*) FROM d, a, c, b WHERE c.b_id = b.id AND d.c_id = c.id AND b.a_id = a.id AND a.x = 3;
-- What every branch of an OR shares comes out of it: here the join key (TPC-H q19's shape).
EXPLAIN SELECT count(*) FROM a, b WHERE (a.id = b.a_id AND a.x = 1 AND b.y > 2) OR (b.a_id = a.id AND a.x = 2) OR (a.id = b.a_id AND a.x = 3 AND b.y < 1);
SELECT count(*) FROM a, b WHERE (a.id = b.a_id AND a.x = 1 AND b.y > 2) OR (a.id = b.a_id AND a.x = 2) OR (a.id = b.a_id AND a.x = 3 AND b.y < 1);
