-- trailhound sql: AWS IAM AccessDenied Discovery Events (3e1f1568-9633-11eb-a69c-acde48001122)
-- dialect: trino; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail (errorCode = "AccessDenied") user_type=IAMUser (userAgent!=*.amazonaws.com) | bucket _time span=1h | stats count as failures min(_time) as firstTime max(_time) as lastTime, dc(eventName) as methods, dc(eventSource) as sources by src_ip, userIdentity.arn, _time | where failures >= 5 and methods >= 1 and sources >= 1 | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ...
-- semantics kept: all (see docs/sql.md for the rules)
WITH
events AS (
  SELECT
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN CASE WHEN ("errorcode" IS NOT NULL) THEN "errorcode" WHEN (CASE json_format(json_extract("responseelements", '$.ConsoleLogin')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.ConsoleLogin') END = 'Failure') THEN 'failure' WHEN TRUE THEN 'success' END ELSE "errorcode" END AS c_errorcode,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN CASE WHEN ((("eventname" = 'CreateLoginProfile') OR ("eventname" LIKE '%User')) OR ("eventname" IN ('ListSigningCertificates', 'CreateAccessKey', 'ListAccessKeys', 'CreateVirtualMFADevice', 'GetAccountSummary', 'ListAccountAliases'))) THEN NULL WHEN ((("eventname" = 'ConsoleLogin') AND ("useridentity"."type" = 'AssumedRole')) AND (CASE json_format(json_extract("additionaleventdata", '$.LoginTo')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("additionaleventdata", '$.LoginTo') END IS NULL)) THEN "useridentity"."sessioncontext"."sessionissuer"."type" WHEN ("eventtype" = 'AwsConsoleSignIn') THEN "useridentity"."type" WHEN (((("eventname" LIKE '%Instances') OR ("eventname" LIKE '%Volume')) OR ("eventname" LIKE 'Put%')) OR ("eventname" LIKE '%Bucket')) THEN "useridentity"."type" WHEN ("eventname" IN ('ListAliases', 'ListRoles', 'DeleteNetworkInterface')) THEN "useridentity"."sessioncontext"."sessionissuer"."type" WHEN ("eventname" LIKE 'AssumeRole%') THEN array_join(COALESCE(CASE WHEN cardinality(filter(transform("resources", r -> r."type"), v -> v IS NOT NULL)) > 0 THEN filter(transform("resources", r -> r."type"), v -> v IS NOT NULL) END, CASE WHEN element_at(split(CASE json_format(json_extract("responseelements", '$.assumedRoleUser.arn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.assumedRoleUser.arn') END, '/'), 2) IS NOT NULL THEN ARRAY[element_at(split(CASE json_format(json_extract("responseelements", '$.assumedRoleUser.arn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.assumedRoleUser.arn') END, '/'), 2)] END), ',') WHEN TRUE THEN "useridentity"."type" END END AS c_user_type,
    "useragent" AS c_useragent,
    CASE WHEN regexp_like("eventtime", '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(to_unixtime(with_timezone(try(date_parse(substr("eventtime", 1, 10) || ' ' || substr("eventtime", 12, 8), '%Y-%m-%d %H:%i:%s')), 'UTC')) AS BIGINT) END AS c__time,
    "eventname" AS c_eventname,
    "eventsource" AS c_eventsource,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN "sourceipaddress" END AS c_src_ip,
    "useridentity"."arn" AS c_useridentity_arn
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
  c_src_ip AS "src_ip",
  c_useridentity_arn AS "userIdentity.arn",
  c__time AS "_time",
  c_failures AS "failures",
  format_datetime(from_unixtime(c_firsttime, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss') AS "firstTime",
  format_datetime(from_unixtime(c_lasttime, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss') AS "lastTime",
  c_methods AS "methods",
  c_sources AS "sources"
FROM stats_2
WHERE (((c_failures >= 5) AND (c_methods >= 1)) AND (c_sources >= 1));
