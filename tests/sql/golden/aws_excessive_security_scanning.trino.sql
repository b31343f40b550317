-- trailhound sql: AWS Excessive Security Scanning (1fdd164a-def8-4762-83a9-9ffe24e74d5a)
-- dialect: trino; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail eventName=Describe* OR eventName=List* OR eventName=Get*  | stats dc(eventName) as dc_events min(_time) as firstTime max(_time) as lastTime values(eventName) as command values(src) as src values(userAgent) as userAgent by user userIdentity.arn | where dc_events > 50 | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(la ...
-- semantics kept: all (see docs/sql.md for the rules)
WITH
events AS (
  SELECT
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    "eventname" AS c_eventname,
    CASE WHEN regexp_like("eventtime", '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(to_unixtime(with_timezone(try(date_parse(substr("eventtime", 1, 10) || ' ' || substr("eventtime", 12, 8), '%Y-%m-%d %H:%i:%s')), 'UTC')) AS BIGINT) END AS c__time,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN "sourceipaddress" END AS c_src,
    "useragent" AS c_useragent,
    CASE WHEN ("eventversion" IS NOT NULL OR ("eventname" IS NOT NULL AND "eventsource" IS NOT NULL)) THEN CASE WHEN ("eventname" = 'PutBucketAcl') THEN "useridentity"."username" WHEN ("eventname" IN ('CreateLoadBalancerListeners', 'CreateLoadBalancerPolicy', 'CreateLogGroup', 'CreateLogStream', 'GetBucketEncryption')) THEN "useridentity"."sessioncontext"."sessionissuer"."username" WHEN ("eventname" = 'CreateLoginProfile') THEN CASE json_format(json_extract("responseelements", '$.loginProfile.userName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.loginProfile.userName') END WHEN ("eventname" = 'CreateUser') THEN CASE json_format(json_extract("responseelements", '$.user.userName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.user.userName') END WHEN ("eventname" IN ('DeleteUser', 'DeleteLoginProfile')) THEN CASE json_format(json_extract("requestparameters", '$.userName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.userName') END WHEN ("eventname" = 'UpdateUser') THEN CASE json_format(json_extract("requestparameters", '$.newUserName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.newUserName') END WHEN ("eventname" = 'CreateAccessKey') THEN COALESCE(CASE json_format(json_extract("responseelements", '$.accessKey.userName')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.accessKey.userName') END, regexp_replace("errormessage", '.*resource\s*:\s*(?:user\s*)?(.*)', '$1')) WHEN ("eventname" IN ('ListSigningCertificates', 'ListAccessKeys', 'GetUser', 'GetAccountSummary', 'ListAccountAliases')) THEN regexp_replace("errormessage", '.*resource\s*:\s*(?:user\s*)?(.*)', '$1') WHEN ("eventname" = 'CreateVirtualMFADevice') THEN "useridentity"."username" WHEN ("eventname" IN ('CreateNetworkInterface', 'DeleteNetworkInterface')) THEN "useridentity"."sessioncontext"."sessionissuer"."username" WHEN (("eventname" = 'AssumeRole') AND ("useridentity"."type" = 'AssumedRole')) THEN element_at(split(CASE json_format(json_extract("requestparameters", '$.roleArn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("requestparameters", '$.roleArn') END, '/'), -1) WHEN ("eventname" IN ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')) THEN element_at(split(CASE json_format(json_extract("responseelements", '$.assumedRoleUser.arn')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("responseelements", '$.assumedRoleUser.arn') END, '/'), -1) WHEN ((("eventname" = 'ConsoleLogin') AND ("useridentity"."type" = 'AssumedRole')) AND (CASE json_format(json_extract("additionaleventdata", '$.LoginTo')) WHEN 'null' THEN 'null' ELSE json_extract_scalar("additionaleventdata", '$.LoginTo') END IS NOT NULL)) THEN COALESCE(element_at(split("useridentity"."principalid", ':'), 2), "useridentity"."username") WHEN (("eventtype" = 'AwsConsoleSignIn') OR ("eventname" IN ('ListAliases', 'ListRoles'))) THEN COALESCE("useridentity"."username", "useridentity"."sessioncontext"."sessionissuer"."username") WHEN (((("eventname" LIKE '%Instances') OR ("eventname" LIKE '%Volume')) OR ("eventname" LIKE 'Put%')) OR ("eventname" LIKE '%Bucket')) THEN COALESCE("useridentity"."username", "useridentity"."sessioncontext"."sessionissuer"."username") WHEN TRUE THEN "useridentity"."username" END END AS c_user,
    "useridentity"."arn" AS c_useridentity_arn
  FROM cloudtrail
),
stats_2 AS (
  SELECT
    c_user AS c_user,
    c_useridentity_arn AS c_useridentity_arn,
    count(DISTINCT c_eventname) AS c_dc_events,
    min(c__time) AS c_firsttime,
    max(c__time) AS c_lasttime,
    CASE WHEN cardinality(array_sort(array_distinct(array_agg(c_eventname) FILTER (WHERE c_eventname IS NOT NULL)))) > 0 THEN array_sort(array_distinct(array_agg(c_eventname) FILTER (WHERE c_eventname IS NOT NULL))) END AS c_command,
    CASE WHEN cardinality(array_sort(array_distinct(array_agg(c_src) FILTER (WHERE c_src IS NOT NULL)))) > 0 THEN array_sort(array_distinct(array_agg(c_src) FILTER (WHERE c_src IS NOT NULL))) END AS c_src,
    CASE WHEN cardinality(array_sort(array_distinct(array_agg(c_useragent) FILTER (WHERE c_useragent IS NOT NULL)))) > 0 THEN array_sort(array_distinct(array_agg(c_useragent) FILTER (WHERE c_useragent IS NOT NULL))) END AS c_useragent
  FROM events
  WHERE (COALESCE(lower(c_sourcetype) = 'aws:cloudtrail', FALSE) AND (COALESCE(lower(c_eventname) LIKE 'describe%' ESCAPE '!', FALSE) OR COALESCE(lower(c_eventname) LIKE 'list%' ESCAPE '!', FALSE) OR COALESCE(lower(c_eventname) LIKE 'get%' ESCAPE '!', FALSE)))
    AND (c_user IS NOT NULL)
    AND (c_useridentity_arn IS NOT NULL)
  GROUP BY 1, 2
)
SELECT
  c_user AS "user",
  c_useridentity_arn AS "userIdentity.arn",
  c_dc_events AS "dc_events",
  format_datetime(from_unixtime(c_firsttime, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss') AS "firstTime",
  format_datetime(from_unixtime(c_lasttime, 'UTC'), 'yyyy-MM-dd''T''HH:mm:ss') AS "lastTime",
  c_command AS "command",
  c_src AS "src",
  c_useragent AS "userAgent"
FROM stats_2
WHERE (c_dc_events > 50);
