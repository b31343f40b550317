-- trailhound sql: AWS Detect Users creating keys with encrypt policy without MFA (c79c164f-4b21-4847-98f9-cf6a9f49179e)
-- dialect: spark; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail eventName=CreateKey OR eventName=PutKeyPolicy | spath input=requestParameters.policy output=key_policy_statements path=Statement{} | mvexpand key_policy_statements | spath input=key_policy_statements output=key_policy_action_1 path=Action | spath input=key_policy_statements output=key_policy_action_2 path=Action{} | eval key_policy_action=mvappend(key_policy_action_1, key ...
-- requires: SET spark.sql.session.timeZone = UTC (time formatting)
-- semantics kept: all (see docs/sql.md for the rules)
WITH
events AS (
  SELECT
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    `eventName` AS c_eventname,
    get_json_object(`requestParameters`, '$.policy') AS c_requestparameters_policy,
    CASE WHEN (`eventTime` RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(CAST(unix_timestamp(substr(`eventTime`, 1, 10) || ' ' || substr(`eventTime`, 12, 8), 'yyyy-MM-dd HH:mm:ss') AS DOUBLE) AS BIGINT) END AS c__time,
    `eventSource` AS c_eventsource,
    `eventID` AS c_eventid,
    `awsRegion` AS c_awsregion,
    `userIdentity`.`principalId` AS c_useridentity_principalid,
    CASE WHEN (`eventVersion` IS NOT NULL OR (`eventName` IS NOT NULL AND `eventSource` IS NOT NULL)) THEN CASE WHEN (`eventName` = 'PutBucketAcl') THEN `userIdentity`.`userName` WHEN (`eventName` IN ('CreateLoadBalancerListeners', 'CreateLoadBalancerPolicy', 'CreateLogGroup', 'CreateLogStream', 'GetBucketEncryption')) THEN `userIdentity`.`sessionContext`.`sessionIssuer`.`userName` WHEN (`eventName` = 'CreateLoginProfile') THEN get_json_object(`responseElements`, '$.loginProfile.userName') WHEN (`eventName` = 'CreateUser') THEN get_json_object(`responseElements`, '$.user.userName') WHEN (`eventName` IN ('DeleteUser', 'DeleteLoginProfile')) THEN get_json_object(`requestParameters`, '$.userName') WHEN (`eventName` = 'UpdateUser') THEN get_json_object(`requestParameters`, '$.newUserName') WHEN (`eventName` = 'CreateAccessKey') THEN COALESCE(get_json_object(`responseElements`, '$.accessKey.userName'), regexp_replace(`errorMessage`, '.*resource\\s*:\\s*(?:user\\s*)?(.*)', '$1')) WHEN (`eventName` IN ('ListSigningCertificates', 'ListAccessKeys', 'GetUser', 'GetAccountSummary', 'ListAccountAliases')) THEN regexp_replace(`errorMessage`, '.*resource\\s*:\\s*(?:user\\s*)?(.*)', '$1') WHEN (`eventName` = 'CreateVirtualMFADevice') THEN `userIdentity`.`userName` WHEN (`eventName` IN ('CreateNetworkInterface', 'DeleteNetworkInterface')) THEN `userIdentity`.`sessionContext`.`sessionIssuer`.`userName` WHEN ((`eventName` = 'AssumeRole') AND (`userIdentity`.`type` = 'AssumedRole')) THEN try_element_at(split(get_json_object(`requestParameters`, '$.roleArn'), '\\/', -1), -1) WHEN (`eventName` IN ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')) THEN try_element_at(split(get_json_object(`responseElements`, '$.assumedRoleUser.arn'), '\\/', -1), -1) WHEN (((`eventName` = 'ConsoleLogin') AND (`userIdentity`.`type` = 'AssumedRole')) AND (get_json_object(`additionalEventData`, '$.LoginTo') IS NOT NULL)) THEN COALESCE(try_element_at(split(`userIdentity`.`principalId`, '\\:', -1), 2), `userIdentity`.`userName`) WHEN ((`eventType` = 'AwsConsoleSignIn') OR (`eventName` IN ('ListAliases', 'ListRoles'))) THEN COALESCE(`userIdentity`.`userName`, `userIdentity`.`sessionContext`.`sessionIssuer`.`userName`) WHEN ((((`eventName` LIKE '%Instances') OR (`eventName` LIKE '%Volume')) OR (`eventName` LIKE 'Put%')) OR (`eventName` LIKE '%Bucket')) THEN COALESCE(`userIdentity`.`userName`, `userIdentity`.`sessionContext`.`sessionIssuer`.`userName`) WHEN TRUE THEN `userIdentity`.`userName` END END AS c_user
  FROM cloudtrail
),
spath_2 AS (
  SELECT
    c_sourcetype AS c_sourcetype,
    c_eventname AS c_eventname,
    c_requestparameters_policy AS c_requestparameters_policy,
    c__time AS c__time,
    c_eventsource AS c_eventsource,
    c_eventid AS c_eventid,
    c_awsregion AS c_awsregion,
    c_useridentity_principalid AS c_useridentity_principalid,
    c_user AS c_user,
    CASE WHEN size(filter(transform(COALESCE(from_json(get_json_object(c_requestparameters_policy, '$.Statement'), 'array<string>'), CASE WHEN get_json_object(c_requestparameters_policy, '$.Statement') IS NOT NULL THEN array(get_json_object(c_requestparameters_policy, '$.Statement')) END), n -> n), v -> v IS NOT NULL)) > 0 THEN filter(transform(COALESCE(from_json(get_json_object(c_requestparameters_policy, '$.Statement'), 'array<string>'), CASE WHEN get_json_object(c_requestparameters_policy, '$.Statement') IS NOT NULL THEN array(get_json_object(c_requestparameters_policy, '$.Statement')) END), n -> n), v -> v IS NOT NULL) END AS c_key_policy_statements
  FROM events
  WHERE (COALESCE(lower(c_sourcetype) = 'aws:cloudtrail', FALSE) AND (COALESCE(lower(c_eventname) = 'createkey', FALSE) OR COALESCE(lower(c_eventname) = 'putkeypolicy', FALSE)))
),
spath_3 AS (
  SELECT
    c_sourcetype AS c_sourcetype,
    c_eventname AS c_eventname,
    c_requestparameters_policy AS c_requestparameters_policy,
    c__time AS c__time,
    c_eventsource AS c_eventsource,
    c_eventid AS c_eventid,
    c_awsregion AS c_awsregion,
    c_useridentity_principalid AS c_useridentity_principalid,
    c_user AS c_user,
    u1.`v` AS c_key_policy_statements,
    get_json_object(u1.`v`, '$.Action') AS c_key_policy_action_1
  FROM spath_2
  LATERAL VIEW explode(c_key_policy_statements) u1 AS `v`
),
spath_4 AS (
  SELECT
    c_sourcetype AS c_sourcetype,
    c_eventname AS c_eventname,
    c_requestparameters_policy AS c_requestparameters_policy,
    c__time AS c__time,
    c_eventsource AS c_eventsource,
    c_eventid AS c_eventid,
    c_awsregion AS c_awsregion,
    c_useridentity_principalid AS c_useridentity_principalid,
    c_user AS c_user,
    c_key_policy_statements AS c_key_policy_statements,
    c_key_policy_action_1 AS c_key_policy_action_1,
    CASE WHEN size(filter(transform(COALESCE(from_json(get_json_object(c_key_policy_statements, '$.Action'), 'array<string>'), CASE WHEN get_json_object(c_key_policy_statements, '$.Action') IS NOT NULL THEN array(get_json_object(c_key_policy_statements, '$.Action')) END), n -> n), v -> v IS NOT NULL)) > 0 THEN filter(transform(COALESCE(from_json(get_json_object(c_key_policy_statements, '$.Action'), 'array<string>'), CASE WHEN get_json_object(c_key_policy_statements, '$.Action') IS NOT NULL THEN array(get_json_object(c_key_policy_statements, '$.Action')) END), n -> n), v -> v IS NOT NULL) END AS c_key_policy_action_2
  FROM spath_3
),
spath_5 AS (
  SELECT
    c_sourcetype AS c_sourcetype,
    c_eventname AS c_eventname,
    c_requestparameters_policy AS c_requestparameters_policy,
    c__time AS c__time,
    c_eventsource AS c_eventsource,
    c_eventid AS c_eventid,
    c_awsregion AS c_awsregion,
    c_useridentity_principalid AS c_useridentity_principalid,
    c_user AS c_user,
    c_key_policy_statements AS c_key_policy_statements,
    c_key_policy_action_1 AS c_key_policy_action_1,
    c_key_policy_action_2 AS c_key_policy_action_2,
    CASE WHEN size(concat(COALESCE(CASE WHEN c_key_policy_action_1 IS NOT NULL THEN array(c_key_policy_action_1) END, CAST(array() AS ARRAY<STRING>)), COALESCE(c_key_policy_action_2, CAST(array() AS ARRAY<STRING>)))) > 0 THEN concat(COALESCE(CASE WHEN c_key_policy_action_1 IS NOT NULL THEN array(c_key_policy_action_1) END, CAST(array() AS ARRAY<STRING>)), COALESCE(c_key_policy_action_2, CAST(array() AS ARRAY<STRING>))) END AS c_key_policy_action,
    get_json_object(c_key_policy_statements, '$.Principal.AWS') AS c_key_policy_principal
  FROM spath_4
),
stats_6 AS (
  SELECT
    c_eventname AS c_eventname,
    c_eventsource AS c_eventsource,
    c_eventid AS c_eventid,
    c_awsregion AS c_awsregion,
    c_useridentity_principalid AS c_useridentity_principalid,
    c_user AS c_user,
    count(*) AS c_count,
    min(c__time) AS c_firsttime,
    max(c__time) AS c_lasttime
  FROM spath_5
  WHERE (COALESCE(exists(c_key_policy_action, x0 -> lower(x0) = 'kms:encrypt'), FALSE) AND (c_key_policy_principal IS NOT NULL))
    AND (c_eventname IS NOT NULL)
    AND (c_eventsource IS NOT NULL)
    AND (c_eventid IS NOT NULL)
    AND (c_awsregion IS NOT NULL)
    AND (c_useridentity_principalid IS NOT NULL)
    AND (c_user IS NOT NULL)
  GROUP BY 1, 2, 3, 4, 5, 6
)
SELECT
  c_eventname AS `eventName`,
  c_eventsource AS `eventSource`,
  c_eventid AS `eventID`,
  c_awsregion AS `awsRegion`,
  c_useridentity_principalid AS `userIdentity.principalId`,
  c_user AS `user`,
  c_count AS `count`,
  date_format(timestamp_seconds(c_firsttime), 'yyyy-MM-dd\'T\'HH:mm:ss') AS `firstTime`,
  date_format(timestamp_seconds(c_lasttime), 'yyyy-MM-dd\'T\'HH:mm:ss') AS `lastTime`
FROM stats_6;
