-- trailhound sql: AWS IAM AccessDenied Discovery Events (3e1f1568-9633-11eb-a69c-acde48001122)
-- dialect: spark; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail (errorCode = "AccessDenied") user_type=IAMUser (userAgent!=*.amazonaws.com) | bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, dc(eventName) as methods, dc(eventSource) as sources by src_ip, userIdentity.arn, _time | where failures >= 5 and methods >= 1 and sources >= 1 | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ...
-- requires: SET spark.sql.session.timeZone = UTC (time formatting)
-- semantics kept: all (see docs/sql.md for the rules)
WITH
events AS (
  SELECT
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN CASE WHEN (`errorCode` IS NOT NULL) THEN `errorCode` WHEN (get_json_object(`responseElements`, '$.ConsoleLogin') = 'Failure') THEN 'failure' WHEN TRUE THEN 'success' END ELSE `errorCode` END AS c_errorcode,
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN CASE WHEN (((`eventName` = 'CreateLoginProfile') OR (`eventName` LIKE '%User')) OR (`eventName` IN ('ListSigningCertificates', 'CreateAccessKey', 'ListAccessKeys', 'CreateVirtualMFADevice', 'GetAccountSummary', 'ListAccountAliases'))) THEN NULL WHEN (((`eventName` = 'ConsoleLogin') AND (`userIdentity`.`type` = 'AssumedRole')) AND (get_json_object(`additionalEventData`, '$.LoginTo') IS NULL)) THEN `userIdentity`.`sessionContext`.`sessionIssuer`.`type` WHEN (`eventType` = 'AwsConsoleSignIn') THEN `userIdentity`.`type` WHEN ((((`eventName` LIKE '%Instances') OR (`eventName` LIKE '%Volume')) OR (`eventName` LIKE 'Put%')) OR (`eventName` LIKE '%Bucket')) THEN `userIdentity`.`type` WHEN (`eventName` IN ('ListAliases', 'ListRoles', 'DeleteNetworkInterface')) THEN `userIdentity`.`sessionContext`.`sessionIssuer`.`type` WHEN (`eventName` LIKE 'AssumeRole%') THEN array_join(COALESCE(CASE WHEN size(filter(transform(`resources`, r -> r.`type`), v -> v IS NOT NULL)) > 0 THEN filter(transform(`resources`, r -> r.`type`), v -> v IS NOT NULL) END, CASE WHEN try_element_at(split(get_json_object(`responseElements`, '$.assumedRoleUser.arn'), '\\/', -1), 2) IS NOT NULL THEN array(try_element_at(split(get_json_object(`responseElements`, '$.assumedRoleUser.arn'), '\\/', -1), 2)) END), ',') WHEN TRUE THEN `userIdentity`.`type` END END AS c_user_type,
    `userAgent` AS c_useragent,
    CASE WHEN (`eventTime` RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(CAST(unix_timestamp(substr(`eventTime`, 1, 10) || ' ' || substr(`eventTime`, 12, 8), 'yyyy-MM-dd HH:mm:ss') AS DOUBLE) AS BIGINT) END AS c__time,
    `eventName` AS c_eventname,
    `eventSource` AS c_eventsource,
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN `sourceIPAddress` END AS c_src_ip,
    `userIdentity`.`arn` AS c_useridentity_arn
  FROM cloudtrail
),
stats_2 AS (
  SELECT
    c_src_ip AS c_src_ip,
    c_useridentity_arn AS c_useridentity_arn,
    CAST(floor(CAST(c__time AS DOUBLE) / 3600) * 3600 AS BIGINT) AS c__time,
    count(*) AS c_failures,
    min(CAST(floor(CAST(c__time AS DOUBLE) / 3600) * 3600 AS BIGINT)) AS c_firsttime,
    max(CAST(floor(CAST(c__time AS DOUBLE) / 3600) * 3600 AS BIGINT)) AS c_lasttime,
    count(DISTINCT c_eventname) AS c_methods,
    count(DISTINCT c_eventsource) AS c_sources
  FROM events
  WHERE (COALESCE(lower(c_sourcetype) = 'aws:cloudtrail', FALSE) AND COALESCE(lower(c_errorcode) = 'accessdenied', FALSE) AND COALESCE(lower(c_user_type) = 'iamuser', FALSE) AND ((c_useragent IS NOT NULL) AND NOT COALESCE(lower(c_useragent) LIKE '%.amazonaws.com' ESCAPE '!', FALSE)))
    AND (c_src_ip IS NOT NULL)
    AND (c_useridentity_arn IS NOT NULL)
    AND (CAST(floor(CAST(c__time AS DOUBLE) / 3600) * 3600 AS BIGINT) IS NOT NULL)
  GROUP BY 1, 2, 3
)
SELECT
  c_src_ip AS `src_ip`,
  c_useridentity_arn AS `userIdentity.arn`,
  c__time AS `_time`,
  c_failures AS `failures`,
  date_format(timestamp_seconds(c_firsttime), 'yyyy-MM-dd\'T\'HH:mm:ss') AS `firstTime`,
  date_format(timestamp_seconds(c_lasttime), 'yyyy-MM-dd\'T\'HH:mm:ss') AS `lastTime`,
  c_methods AS `methods`,
  c_sources AS `sources`
FROM stats_2
WHERE (((c_failures >= 5) AND (c_methods >= 1)) AND (c_sources >= 1));
