-- "AWS IAM AccessDenied Discovery Events" in DuckDB SQL, with Splunk's and the AWS add-on's semantics:
--   errorCode = "AccessDenied"       search: whole value, case-insensitive (raw errorCode; the add-on's
--                                    errorCode eval only fills in success/failure when it is absent)
--   user_type=IAMUser                the add-on 7.0.0's calculated user_type (not plain userIdentity.type):
--                                    absent for *User, ListAccessKeys & co., the session issuer's type for
--                                    ListRoles/ListAliases/DeleteNetworkInterface, the resources' type for
--                                    AssumeRole*; then matched case-insensitively
--   userAgent!=*.amazonaws.com       the field must exist; wildcard, case-insensitive
--   bucket _time span=1h             _time is rewritten to the hour, so min/max(_time) are the hour too
--   stats ... by src_ip, arn, _time  events missing a by-field are dropped; dc = COUNT(DISTINCT)
-- {{events}} is replaced by bench/run.py with the relation that reads the files.
WITH ev AS ({{events}}),
f AS (
  SELECT sourceIPAddress AS src_ip, userIdentity.arn AS arn, eventName, eventSource,
         (CAST(epoch(strptime(eventTime, '%Y-%m-%dT%H:%M:%SZ')) AS BIGINT) // 3600) * 3600 AS hour
  FROM ev
  WHERE lower(errorCode) = 'accessdenied'
    AND lower(CASE
          WHEN eventName = 'CreateLoginProfile' OR eventName LIKE '%User'
               OR eventName IN ('ListSigningCertificates', 'CreateAccessKey', 'ListAccessKeys',
                                'CreateVirtualMFADevice', 'GetAccountSummary', 'ListAccountAliases') THEN NULL
          WHEN eventName = 'ConsoleLogin' AND userIdentity.type = 'AssumedRole'
               AND additionalEventData.LoginTo IS NULL THEN userIdentity.sessionContext.sessionIssuer.type
          WHEN eventType = 'AwsConsoleSignIn' THEN userIdentity.type
          WHEN eventName LIKE '%Instances' OR eventName LIKE '%Volume' OR eventName LIKE 'Put%'
               OR eventName LIKE '%Bucket' THEN userIdentity.type
          WHEN eventName IN ('ListAliases', 'ListRoles', 'DeleteNetworkInterface')
               THEN userIdentity.sessionContext.sessionIssuer.type
          WHEN eventName LIKE 'AssumeRole%' THEN nullif(array_to_string(coalesce(
                 nullif(list_filter(list_transform(resources, r -> r.type), x -> x IS NOT NULL), []),
                 [split_part(responseElements.assumedRoleUser.arn, '/', 2)]), ','), '')
          ELSE userIdentity.type END) = 'iamuser'
    AND userAgent IS NOT NULL AND NOT (userAgent ILIKE '%.amazonaws.com')
    AND sourceIPAddress IS NOT NULL AND userIdentity.arn IS NOT NULL
)
SELECT src_ip, arn AS "userIdentity.arn", hour AS "_time", count(*) AS failures,
       strftime(to_timestamp(min(hour)), '%Y-%m-%dT%H:%M:%S') AS firstTime,
       strftime(to_timestamp(max(hour)), '%Y-%m-%dT%H:%M:%S') AS lastTime,
       count(DISTINCT eventName) AS methods, count(DISTINCT eventSource) AS sources
FROM f
GROUP BY src_ip, arn, hour
HAVING count(*) >= 5
ORDER BY src_ip, arn, hour;
