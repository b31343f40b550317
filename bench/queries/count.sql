-- * | stats count
WITH ev AS ({{events}})
SELECT count(*) AS "count" FROM ev;
