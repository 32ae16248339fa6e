-- The README's tour: psql -h localhost -p 5433 -U weir dev -f examples/demo.sql
\echo '== a table, and a materialized view kept up to date as it changes'
CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2));
INSERT INTO orders VALUES (1, 'ann', 10.50), (2, 'bob', 3.25), (3, 'ann', 7);
CREATE MATERIALIZED VIEW spend AS
  SELECT customer, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY customer;
UPDATE orders SET amount = amount * 2 WHERE customer = 'bob';
DELETE FROM orders WHERE id = 1;
FLUSH;
SELECT * FROM spend ORDER BY customer;

\echo '== event time: a watermark, and windows emitted once they close'
CREATE TABLE clicks (page text, ts timestamp, WATERMARK FOR ts AS ts - INTERVAL '5 seconds') APPEND ONLY;
CREATE MATERIALIZED VIEW clicks_per_minute AS
  SELECT window_start, page, count(*) AS clicks
  FROM TUMBLE(clicks, ts, INTERVAL '1 minute')
  GROUP BY window_start, page
  EMIT ON WINDOW CLOSE;
INSERT INTO clicks VALUES ('/home', '2024-05-06 12:00:10'), ('/home', '2024-05-06 12:00:40'), ('/cart', '2024-05-06 12:00:50');
INSERT INTO clicks VALUES ('/home', '2024-05-06 12:01:30');
FLUSH;
-- The 12:00 window closed when the watermark (12:01:25) passed its end; 12:01 is still open.
SELECT * FROM clicks_per_minute ORDER BY window_start, page;

\echo '== a correlated subquery, maintained like any view'
CREATE MATERIALIZED VIEW customers AS
  SELECT DISTINCT customer,
         (SELECT max(amount) FROM orders o2 WHERE o2.customer = o.customer) AS biggest
  FROM orders o;
FLUSH;
SELECT * FROM customers ORDER BY customer;

\echo '== how a view runs'
EXPLAIN CREATE MATERIALIZED VIEW top_pages AS
  SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY window_start ORDER BY clicks DESC) AS rank
                 FROM clicks_per_minute) AS ranked WHERE rank <= 3;
