-- trailhound sql: AWS Multiple Users Failing To Authenticate From Ip (71e1fb89-dd5f-4691-8523-575420de4630)
-- dialect: duckdb; reads the table cloudtrail
-- search: sourcetype=aws:cloudtrail eventName=ConsoleLogin action=failure | bucket span=10m _time | stats  dc(user_name) AS unique_accounts values(user_name) as tried_accounts by _time, src_ip | where unique_accounts>30 | search *
-- semantics kept: all (see docs/sql.md for the rules)
WITH
calculated AS (
  SELECT
    CASE WHEN ("eventVersion" IS NOT NULL OR ("eventName" IS NOT NULL AND "eventSource" IS NOT NULL)) THEN 'aws:cloudtrail' ELSE '_json' END AS c_sourcetype,
    "eventName" AS c_eventname,
    CASE WHEN regexp_matches("eventTime", '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]*)?[Zz]?$') THEN CAST(epoch(try_strptime(substr("eventTime", 1, 10) || ' ' || substr("eventTime", 12, 8), '%Y-%m-%d %H:%M:%S')) AS BIGINT) END AS c__time,
    CASE WHEN ("eventVersion" IS NOT NULL OR ("eventName" IS NOT NULL AND "eventSource" IS NOT NULL)) THEN CASE WHEN ("eventName" = 'ListRoles') THEN (string_split("userIdentity"."principalId", ':'))[1] WHEN ("eventName" = 'CreateLoginProfile') THEN CASE json_type("responseElements", '$.loginProfile.userName') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("responseElements", '$.loginProfile.userName') END WHEN ("eventName" = 'CreateUser') THEN CASE json_type("responseElements", '$.user.userName') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("responseElements", '$.user.userName') END WHEN ("eventName" IN ('DeleteUser', 'DeleteLoginProfile')) THEN CASE json_type("requestParameters", '$.userName') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("requestParameters", '$.userName') END WHEN ("eventName" = 'UpdateUser') THEN CASE json_type("requestParameters", '$.newUserName') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("requestParameters", '$.newUserName') END WHEN ("eventName" = 'CreateAccessKey') THEN COALESCE(CASE json_type("responseElements", '$.accessKey.userName') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("responseElements", '$.accessKey.userName') END, regexp_replace("errorMessage", '.*resource\s*:\s*(?:user\s*)?(.*)', '\1', 'g')) WHEN ("eventName" IN ('ListSigningCertificates', 'ListAccessKeys', 'GetUser', 'GetAccountSummary', 'ListAccountAliases')) THEN regexp_replace("errorMessage", '.*resource\s*:\s*(?:user\s*)?(.*)', '\1', 'g') WHEN ("eventName" = 'CreateVirtualMFADevice') THEN "userIdentity"."userName" WHEN TRUE THEN COALESCE("userIdentity"."userName", "userIdentity"."sessionContext"."sessionIssuer"."userName", (string_split((string_split(CASE WHEN ("userIdentity"."arn" IS NULL) THEN CASE json_type("requestParameters", '$.roleArn') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("requestParameters", '$.roleArn') END ELSE "userIdentity"."arn" END, ':'))[-1], '/'))[-1]) END END AS c_user_name,
    CASE WHEN ("eventVersion" IS NOT NULL OR ("eventName" IS NOT NULL AND "eventSource" IS NOT NULL)) THEN "sourceIPAddress" END AS c_src_ip,
    CASE WHEN ("eventVersion" IS NOT NULL OR ("eventName" IS NOT NULL AND "eventSource" IS NOT NULL)) THEN CASE WHEN ("errorCode" IS NOT NULL) THEN "errorCode" WHEN (CASE json_type("responseElements", '$.ConsoleLogin') WHEN 'NULL' THEN 'null' WHEN 'OBJECT' THEN NULL WHEN 'ARRAY' THEN NULL ELSE json_extract_string("responseElements", '$.ConsoleLogin') END = 'Failure') THEN 'failure' WHEN TRUE THEN 'success' END ELSE "errorCode" END AS c_errorcode,
    ("eventVersion" IS NOT NULL OR ("eventName" IS NOT NULL AND "eventSource" IS NOT NULL)) AS c__cloudtrail_shaped
  FROM cloudtrail
),
events AS (
  SELECT
    c_sourcetype AS c_sourcetype,
    c_eventname AS c_eventname,
    CASE WHEN c__cloudtrail_shaped THEN CASE WHEN c_eventname IS NOT NULL AND c_errorcode IS NOT NULL THEN CASE c_eventname
    WHEN 'DeleteUser' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'deleted'
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'DeleteUserPolicy' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'PutUserPolicy' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateUser' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'created'
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateSecurityGroup' THEN CASE
      WHEN (c_errorcode = 'Client.UnauthorizedOperation') THEN 'created'
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'DeleteSecurityGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'RevokeSecurityGroupIngress' THEN CASE
      WHEN (c_errorcode = 'Client.UnauthorizedOperation') THEN 'deleted'
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'RevokeSecurityGroupEgress' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'AuthorizeSecurityGroupEgress' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'AuthorizeSecurityGroupIngress' THEN CASE
      WHEN (c_errorcode = 'Client.UnauthorizedOperation') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'AssumeRole' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'AssumeRoleWithSAML' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'AssumeRoleWithWebIdentity' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'ConsoleLogin' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'GetFederationToken' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'GetSessionToken' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      WHEN (c_errorcode IS NOT NULL) THEN 'failure'
      ELSE NULL END
    WHEN 'DeleteEndpoint' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AddClientIDToOpenIDConnectProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AddRoleToInstanceProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AddUserToGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AttachGroupPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AttachRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'AttachUserPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ChangePassword' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateAccessKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateAccountAlias' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateInstanceProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateLoginProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateOpenIDConnectProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreatePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreatePolicyVersion' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateRole' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateSAMLProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateVirtualMFADevice' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeactivateMFADevice' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteAccessKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteAccountAlias' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteAccountPasswordPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteGroupPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteInstanceProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteLoginProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'DeleteNetworkInterface' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'DeleteOpenIDConnectProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeletePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeletePolicyVersion' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteRole' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteSAMLProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteServerCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteSigningCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteSSHPublicKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DeleteVirtualMFADevice' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DetachGroupPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DetachRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'DetachUserPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'EnableMFADevice' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetAccessKeyLastUsed' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetAccountAuthorizationDetails' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetAccountPasswordPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetAccountSummary' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'GetContextKeysForCustomPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetContextKeysForPrincipalPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetCredentialReport' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetGroupPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetInstanceProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetLoginProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetOpenIDConnectProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetPolicyVersion' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetRole' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetSAMLProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetServerCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetSSHPublicKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'GetUser' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'GetUserPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListAccessKeys' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'ListAccountAliases' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'ListAttachedGroupPolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListAttachedRolePolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListAttachedUserPolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListEntitiesForPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListGroupPolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListGroups' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListGroupsForUser' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListInstanceProfiles' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListInstanceProfilesForRole' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListMFADevices' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListOpenIDConnectProviders' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListPolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListPolicyVersions' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListRolePolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListRoles' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListSAMLProviders' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListServerCertificates' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListSigningCertificates' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'ListSSHPublicKeys' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListUserPolicies' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListUsers' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'ListVirtualMFADevices' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'PutGroupPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'PutRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'SetDefaultPolicyVersion' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'SimulateCustomPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'SimulatePrincipalPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateAccessKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateAccountPasswordPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateAssumeRolePolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateLoginProfile' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateOpenIDConnectProviderThumbprint' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateSAMLProvider' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateServerCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateSigningCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateSSHPublicKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UpdateUser' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'UploadServerCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UploadSigningCertificate' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'UploadSSHPublicKey' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateTags' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateStack' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreatePlatformEndpoint' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateBucket' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode = 'AccessDenied') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'DeleteBucket' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'PutBucketPublicAccessBlock' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'PutBucketAcl' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'PutObject' THEN CASE
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateVolume' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode = 'AccessDenied') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'DeleteVolume' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode = 'AccessDenied') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'AttachVolume' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'DetachVolume' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'TerminateInstances' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'RunInstances' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'StopInstances' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'stopped'
      WHEN (c_errorcode IS NOT NULL) THEN 'stopped'
      ELSE NULL END
    WHEN 'StartInstances' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'started'
      WHEN (c_errorcode IS NOT NULL) THEN 'started'
      ELSE NULL END
    WHEN 'RebootInstances' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'restarted'
      WHEN (c_errorcode IS NOT NULL) THEN 'restarted'
      ELSE NULL END
    WHEN 'CreateNetworkAcl' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode = 'AccessDenied') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateNetworkAclEntry' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'DeleteNetworkAcl' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'deleted'
      WHEN (c_errorcode = 'AccessDenied') THEN 'deleted'
      WHEN (c_errorcode IS NOT NULL) THEN 'deleted'
      ELSE NULL END
    WHEN 'DeleteNetworkAclEntry' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode = 'AccessDenied') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'ReplaceNetworkAclEntry' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'ReplaceNetworkAclAssociation' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'TagUser' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'unknown'
      ELSE NULL END
    WHEN 'CreateNetworkInterface' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      ELSE NULL END
    WHEN 'ListAliases' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      ELSE NULL END
    WHEN 'CheckMfa' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'success'
      ELSE NULL END
    WHEN 'CreateChangeSet' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateDeliveryStream' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateKeyspace' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateLoadBalancerListeners' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateLoadBalancerPolicy' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'modified'
      WHEN (c_errorcode IS NOT NULL) THEN 'modified'
      ELSE NULL END
    WHEN 'CreateQueue' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateFunction20150331' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateLogGroup' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'CreateLogStream' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    WHEN 'GetBucketEncryption' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'read'
      WHEN (c_errorcode IS NOT NULL) THEN 'read'
      ELSE NULL END
    WHEN 'CreateTable' THEN CASE
      WHEN (c_errorcode = 'success') THEN 'created'
      WHEN (c_errorcode IS NOT NULL) THEN 'created'
      ELSE NULL END
    ELSE NULL END END END AS c_action,
    c__time AS c__time,
    c_user_name AS c_user_name,
    c_src_ip AS c_src_ip
  FROM calculated
),
stats_3 AS (
  SELECT
    CAST(floor(CAST(c__time AS DOUBLE) / 600) * 600 AS BIGINT) AS c__time,
    c_src_ip AS c_src_ip,
    count(DISTINCT c_user_name) AS c_unique_accounts,
    CASE WHEN len(list_sort(list_distinct(list(c_user_name) FILTER (WHERE c_user_name IS NOT NULL)))) > 0 THEN list_sort(list_distinct(list(c_user_name) FILTER (WHERE c_user_name IS NOT NULL))) END AS c_tried_accounts
  FROM events
  WHERE (COALESCE(lower(c_sourcetype) = 'aws:cloudtrail', FALSE) AND COALESCE(lower(c_eventname) = 'consolelogin', FALSE) AND COALESCE(lower(c_action) = 'failure', FALSE))
    AND (CAST(floor(CAST(c__time AS DOUBLE) / 600) * 600 AS BIGINT) IS NOT NULL)
    AND (c_src_ip IS NOT NULL)
  GROUP BY 1, 2
)
SELECT
  c__time AS "_time",
  c_src_ip AS "src_ip",
  c_unique_accounts AS "unique_accounts",
  c_tried_accounts AS "tried_accounts"
FROM stats_3
WHERE (c_unique_accounts > 30);
