-- * | stats count by eventSource   (stats drops events without eventSource)
WITH ev AS ({{events}})
SELECT eventSource, count(*) AS "count" FROM ev WHERE eventSource IS NOT NULL GROUP BY eventSource ORDER BY eventSource;
