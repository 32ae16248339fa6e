-- Q19: the ten highest bids of each auction (Top-N).
CREATE MATERIALIZED VIEW nexmark_q19 AS
SELECT * FROM
(SELECT *, row_number() OVER (PARTITION BY auction ORDER BY price DESC) AS rank_number FROM bid)
WHERE rank_number <= 10;
