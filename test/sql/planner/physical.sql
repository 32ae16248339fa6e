-- The physical choices: index lookups, watermark filters, temporal filters, interval joins,
-- state cleaning by watermark, joins without keys, semi and anti joins.
CREATE TABLE k (id int PRIMARY KEY, v int, w int);
CREATE INDEX k_v ON k (v);
EXPLAIN SELECT * FROM k WHERE id = 3;
EXPLAIN SELECT id, w FROM k WHERE v = 5 AND w > 2;
EXPLAIN SELECT * FROM k WHERE w = 5;
CREATE TABLE ev (k int, v int, ts timestamp, WATERMARK FOR ts AS ts - INTERVAL '5 seconds') APPEND ONLY;
CREATE TABLE ev2 (k int, ts timestamp, WATERMARK FOR ts AS ts - INTERVAL '5 seconds') APPEND ONLY;
CREATE SOURCE bids (auction bigint, price bigint, date_time timestamp, WATERMARK FOR date_time AS date_time - INTERVAL '4 seconds')
  WITH (connector = 'nexmark', nexmark.table.type = 'Bid', nexmark.event.num = '100');
EXPLAIN CREATE MATERIALIZED VIEW recent AS SELECT k, v FROM ev WHERE ts > now() - INTERVAL '1 hour' AND v > 0;
EXPLAIN CREATE MATERIALIZED VIEW recent_count AS SELECT count(*) FROM k WHERE now() - INTERVAL '1 hour' < to_timestamp(w);
EXPLAIN CREATE MATERIALIZED VIEW per_minute AS SELECT window_start, k, count(*) FROM TUMBLE(ev, ts, INTERVAL '1 minute') GROUP BY window_start, k;
EXPLAIN CREATE MATERIALIZED VIEW closed AS SELECT window_start, sum(v) FROM TUMBLE(ev, ts, INTERVAL '1 minute') GROUP BY window_start EMIT ON WINDOW CLOSE;
EXPLAIN CREATE MATERIALIZED VIEW top_bids AS SELECT * FROM (SELECT window_start, auction, price, row_number() OVER (PARTITION BY window_start ORDER BY price DESC) AS r FROM TUMBLE(bids, date_time, INTERVAL '10 seconds')) AS x WHERE r <= 3;
EXPLAIN CREATE MATERIALIZED VIEW pairs AS SELECT a.k, b.k AS k2 FROM ev AS a JOIN ev2 AS b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1 minute' AND a.ts;
EXPLAIN CREATE MATERIALIZED VIEW near AS SELECT a.k, b.k AS k2 FROM ev AS a JOIN ev2 AS b ON b.ts BETWEEN a.ts AND a.ts + INTERVAL '10 seconds';
EXPLAIN CREATE MATERIALIZED VIEW crossed AS SELECT a.id, b.k FROM k AS a JOIN ev AS b ON a.v < b.v;
EXPLAIN CREATE MATERIALIZED VIEW with_match AS SELECT id FROM k WHERE v IN (SELECT v FROM ev) AND NOT EXISTS (SELECT 1 FROM ev2 WHERE ev2.k = k.id);
EXPLAIN CREATE MATERIALIZED VIEW kept AS SELECT k.id, ev.ts FROM k LEFT JOIN ev ON k.id = ev.k;
