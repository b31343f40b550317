-- trailhound sql: AWS Exfiltration via DataSync Task (05c4b09f-ea28-4c7c-a7aa-a246f665c8a2)
-- dialect: athena; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail eventName = CreateTask eventSource="datasync.amazonaws.com" | rename  requestParameters.*  as *  | stats count min(_time) as firstTime max(_time) as lastTime by src_ip aws_account_id awsRegion eventName destinationLocationArn sourceLocationArn userAgent user_arn userIdentity.principalId  errorCode | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timefor ...
-- semantics kept: all (see docs/sql.md for the rules)
WITH
events AS (
  SELECT
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    "eventname" AS c_eventname,
    "eventsource" AS c_eventsource,
    CASE WHEN regexp_like("eventtime", '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(to_unixtime(with_timezone(try(date_parse(substr("eventtime", 1, 10) || ' ' || substr("eventtime", 12, 8), '%Y-%m-%d %H:%i:%s')), 'UTC')) AS BIGINT) END AS c__time,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN "sourceipaddress" END AS c_src_ip,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN CASE WHEN ("useridentity"."type" IN ('AWSAccount', 'AWSService')) THEN "recipientaccountid" ELSE "useridentity"."accountid" END END AS c_aws_account_id,
    "awsregion" AS c_awsregion,
    "useragent" AS c_useragent,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN COALESCE("useridentity"."arn", CASE json_format(json_extract("requestparameters", '$.roleArn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.roleArn') END) END AS c_user_arn,
    "useridentity"."principalid" AS c_useridentity_principalid,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN CASE WHEN ("errorcode" IS NOT NULL) THEN "errorcode" WHEN (CASE json_format(json_extract("responseelements", '$.ConsoleLogin')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.ConsoleLogin') END = 'Failure') THEN 'failure' WHEN TRUE THEN 'success' END ELSE "errorcode" END AS c_errorcode,
    CASE json_format(json_extract("requestparameters", '$.sourcetype')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.sourcetype') END AS c_requestparameters_sourcetype,
    CASE json_format(json_extract("requestparameters", '$.eventName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.eventName') END AS c_requestparameters_eventname,
    CASE json_format(json_extract("requestparameters", '$.eventSource')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.eventSource') END AS c_requestparameters_eventsource,
    CASE json_format(json_extract("requestparameters", '$._time')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$._time') END AS c_requestparameters__time,
    CASE json_format(json_extract("requestparameters", '$.src_ip')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.src_ip') END AS c_requestparameters_src_ip,
    CASE json_format(json_extract("requestparameters", '$.aws_account_id')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.aws_account_id') END AS c_requestparameters_aws_account_id,
    CASE json_format(json_extract("requestparameters", '$.awsRegion')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.awsRegion') END AS c_requestparameters_awsregion,
    CASE json_format(json_extract("requestparameters", '$.destinationLocationArn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.destinationLocationArn') END AS c_requestparameters_destinationlocationarn,
    CASE json_format(json_extract("requestparameters", '$.sourceLocationArn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.sourceLocationArn') END AS c_requestparameters_sourcelocationarn,
    CASE json_format(json_extract("requestparameters", '$.userAgent')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.userAgent') END AS c_requestparameters_useragent,
    CASE json_format(json_extract("requestparameters", '$.user_arn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.user_arn') END AS c_requestparameters_user_arn,
    CASE json_format(json_extract("requestparameters", '$.userIdentity.principalId')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.userIdentity.principalId') END AS c_requestparameters_useridentity_principal,
    CASE json_format(json_extract("requestparameters", '$.errorCode')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.errorCode') END AS c_requestparameters_errorcode
  FROM cloudtrail
),
stats_2 AS (
  SELECT
    COALESCE(c_requestparameters_src_ip, c_src_ip) AS c_src_ip,
    COALESCE(c_requestparameters_aws_account_id, c_aws_account_id) AS c_aws_account_id,
    COALESCE(c_requestparameters_awsregion, c_awsregion) AS c_awsregion,
    COALESCE(c_requestparameters_eventname, c_eventname) AS c_eventname,
    c_requestparameters_destinationlocationarn AS c_destinationlocationarn,
    c_requestparameters_sourcelocationarn AS c_sourcelocationarn,
    COALESCE(c_requestparameters_useragent, c_useragent) AS c_useragent,
    COALESCE(c_requestparameters_user_arn, c_user_arn) AS c_user_arn,
    COALESCE(c_requestparameters_useridentity_principal, c_useridentity_principalid) AS c_useridentity_principalid,
    COALESCE(c_requestparameters_errorcode, c_errorcode) AS c_errorcode,
    count(*) AS c_count,
    COALESCE(CASE WHEN min(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END) = floor(min(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)) AND abs(min(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)) < 1e15 THEN CAST(CAST(min(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END) AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', min(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)), '\.?0+$', '') END, min(CASE WHEN CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END IS NULL THEN COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) END)) AS c_firsttime,
    COALESCE(max(CASE WHEN CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END IS NULL THEN COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) END), CASE WHEN max(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END) = floor(max(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)) AND abs(max(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)) < 1e15 THEN CAST(CAST(max(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END) AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', max(CASE WHEN regexp_like(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END), '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(COALESCE(c_requestparameters__time, CASE WHEN c__time = floor(c__time) AND abs(c__time) < 1e15 THEN CAST(CAST(c__time AS BIGINT) AS VARCHAR) ELSE regexp_replace(format('%.15f', c__time), '\.?0+$', '') END) AS DOUBLE) END)), '\.?0+$', '') END) AS c_lasttime
  FROM events
  WHERE (COALESCE(lower(c_sourcetype) = 'aws:cloudtrail', FALSE) AND COALESCE(lower(c_eventname) = 'createtask', FALSE) AND COALESCE(lower(c_eventsource) = 'datasync.amazonaws.com', FALSE))
    AND (COALESCE(c_requestparameters_src_ip, c_src_ip) IS NOT NULL)
    AND (COALESCE(c_requestparameters_aws_account_id, c_aws_account_id) IS NOT NULL)
    AND (COALESCE(c_requestparameters_awsregion, c_awsregion) IS NOT NULL)
    AND (COALESCE(c_requestparameters_eventname, c_eventname) IS NOT NULL)
    AND (c_requestparameters_destinationlocationarn IS NOT NULL)
    AND (c_requestparameters_sourcelocationarn IS NOT NULL)
    AND (COALESCE(c_requestparameters_useragent, c_useragent) IS NOT NULL)
    AND (COALESCE(c_requestparameters_user_arn, c_user_arn) IS NOT NULL)
    AND (COALESCE(c_requestparameters_useridentity_principal, c_useridentity_principalid) IS NOT NULL)
    AND (COALESCE(c_requestparameters_errorcode, c_errorcode) IS NOT NULL)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
)
SELECT
  c_src_ip AS "src_ip",
  c_aws_account_id AS "aws_account_id",
  c_awsregion AS "awsRegion",
  c_eventname AS "eventName",
  c_destinationlocationarn AS "destinationLocationArn",
  c_sourcelocationarn AS "sourceLocationArn",
  c_useragent AS "userAgent",
  c_user_arn AS "user_arn",
  c_useridentity_principalid AS "userIdentity.principalId",
  c_errorcode AS "errorCode",
  c_count AS "count",
  COALESCE(format_datetime(from_unixtime(CASE WHEN regexp_like(c_firsttime, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(c_firsttime AS DOUBLE) END, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss'), c_firsttime) AS "firstTime",
  COALESCE(format_datetime(from_unixtime(CASE WHEN regexp_like(c_lasttime, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$') THEN CAST(c_lasttime AS DOUBLE) END, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss'), c_lasttime) AS "lastTime"
FROM stats_2;
