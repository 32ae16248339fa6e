-- Q11: bids per bidder in each session of activity (a session ends after 10 s without a bid).
CREATE MATERIALIZED VIEW nexmark_q11 AS
SELECT
  b.bidder,
  count(*) AS bid_count,
  SESSION_START(b.date_time, INTERVAL '10' SECOND) AS starttime,
  SESSION_END(b.date_time, INTERVAL '10' SECOND) AS endtime
FROM bid b
GROUP BY b.bidder, SESSION(b.date_time, INTERVAL '10' SECOND);
