#!/usr/bin/env python3
"""Deterministic synthetic CloudTrail for trailhound's benchmark (bench/run.py).

    bench/generate.py --size 200MB --out DIR [--seed N] [--layout jsonl|awslogs]

Writes, for a given size and seed, always the same events (invented values: example account ids,
documentation IP ranges):
  jsonl    DIR/events.jsonl, one CloudTrail record per line, in time order;
  awslogs  DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz,
           S3 delivery files {"Records":[...]} of about 1-5 MB uncompressed each (fewer bytes for the
           quiet regions at the end of a day), holding exactly the same events as the jsonl layout.
and DIR/manifest-<layout>.json: the event count, the byte count, and the rows each benchmark query
must return, computed here independently of any engine (the seed detection's rows, counts by
eventSource, the total count).

--size counts the bytes of the JSON-lines form (one record plus a newline per event); generation
stops at the first event that reaches it, so both layouts hold the same events.

The data is ordinary account activity (IAM users, assumed roles, the root user and AWS services
calling 93 APIs of 28 services, with the user agents and error codes those have) mixed with
planted scenarios for the seed detection "AWS IAM AccessDenied Discovery Events": bursts that fire
and near misses that must not (four denials, an hour boundary, denials whose user_type the add-on
leaves empty, assumed roles, root, calls made through an AWS service, two source IPs, other error
codes). See SCENARIOS below.
"""
import argparse
import gzip
import heapq
import json
import os
import random
import re
import sys
import time as _time

START = 1793577600  # 2026-11-02T00:00:00Z
EVENTS_PER_HOUR = 4000
SCENARIO_EVERY = 250  # one planted scenario per this many background events (on average)

ACCOUNTS = ["111122223333", "444455556666", "777788889999"]
ACCOUNT_WEIGHTS = [6, 3, 1]
REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"]
REGION_WEIGHTS = [10, 4, 3, 1]

# (eventSource, eventName, readOnly, weight, error codes it may get, global service?)
APIS = [
    ("s3.amazonaws.com", "ListBuckets", True, 30, ["AccessDenied"]),
    ("s3.amazonaws.com", "GetBucketAcl", True, 20, ["AccessDenied", "NoSuchBucket"]),
    ("s3.amazonaws.com", "GetBucketPolicy", True, 15, ["NoSuchBucketPolicy", "AccessDenied"]),
    ("s3.amazonaws.com", "GetBucketEncryption", True, 10, ["ServerSideEncryptionConfigurationNotFoundError"]),
    ("s3.amazonaws.com", "PutBucketTagging", False, 3, ["AccessDenied"]),
    ("s3.amazonaws.com", "CreateBucket", False, 1, ["BucketAlreadyOwnedByYou"]),
    ("s3.amazonaws.com", "PutBucketPolicy", False, 1, ["MalformedPolicy"]),
    ("ec2.amazonaws.com", "DescribeInstances", True, 60, ["Client.UnauthorizedOperation"]),
    ("ec2.amazonaws.com", "DescribeVolumes", True, 25, ["Client.UnauthorizedOperation"]),
    ("ec2.amazonaws.com", "DescribeSecurityGroups", True, 25, ["Client.UnauthorizedOperation"]),
    ("ec2.amazonaws.com", "DescribeSubnets", True, 20, []),
    ("ec2.amazonaws.com", "DescribeVpcs", True, 15, []),
    ("ec2.amazonaws.com", "DescribeNetworkInterfaces", True, 20, []),
    ("ec2.amazonaws.com", "DescribeInstanceStatus", True, 25, []),
    ("ec2.amazonaws.com", "RunInstances", False, 3, ["Client.InsufficientInstanceCapacity", "Client.UnauthorizedOperation"]),
    ("ec2.amazonaws.com", "StartInstances", False, 2, ["Client.IncorrectInstanceState"]),
    ("ec2.amazonaws.com", "StopInstances", False, 2, []),
    ("ec2.amazonaws.com", "TerminateInstances", False, 1, []),
    ("ec2.amazonaws.com", "CreateTags", False, 6, []),
    ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", False, 1, ["Client.InvalidPermission.Duplicate"]),
    ("ec2.amazonaws.com", "CreateNetworkInterface", False, 3, []),
    ("ec2.amazonaws.com", "DeleteNetworkInterface", False, 3, []),
    ("ec2.amazonaws.com", "AttachVolume", False, 1, []),
    ("iam.amazonaws.com", "ListUsers", True, 8, ["AccessDenied"]),
    ("iam.amazonaws.com", "GetUser", True, 6, ["AccessDenied", "NoSuchEntityException"]),
    ("iam.amazonaws.com", "ListRoles", True, 10, ["AccessDenied"]),
    ("iam.amazonaws.com", "GetRole", True, 12, ["NoSuchEntityException"]),
    ("iam.amazonaws.com", "ListPolicies", True, 6, ["AccessDenied"]),
    ("iam.amazonaws.com", "GetPolicyVersion", True, 6, []),
    ("iam.amazonaws.com", "ListAttachedRolePolicies", True, 8, []),
    ("iam.amazonaws.com", "ListAccessKeys", True, 4, ["AccessDenied"]),
    ("iam.amazonaws.com", "ListGroups", True, 3, ["AccessDenied"]),
    ("iam.amazonaws.com", "GetAccountSummary", True, 2, ["AccessDenied"]),
    ("iam.amazonaws.com", "ListAccountAliases", True, 2, []),
    ("iam.amazonaws.com", "CreateAccessKey", False, 1, ["LimitExceededException"]),
    ("iam.amazonaws.com", "CreateUser", False, 1, ["EntityAlreadyExistsException"]),
    ("iam.amazonaws.com", "AttachRolePolicy", False, 1, []),
    ("iam.amazonaws.com", "PutRolePolicy", False, 1, []),
    ("sts.amazonaws.com", "AssumeRole", True, 80, ["AccessDenied"]),
    ("sts.amazonaws.com", "GetCallerIdentity", True, 25, []),
    ("sts.amazonaws.com", "AssumeRoleWithWebIdentity", True, 10, ["InvalidIdentityToken"]),
    ("sts.amazonaws.com", "GetSessionToken", True, 3, []),
    ("kms.amazonaws.com", "Decrypt", True, 90, ["AccessDenied", "InvalidCiphertextException"]),
    ("kms.amazonaws.com", "GenerateDataKey", True, 50, ["AccessDenied"]),
    ("kms.amazonaws.com", "Encrypt", True, 10, []),
    ("kms.amazonaws.com", "DescribeKey", True, 15, ["NotFoundException"]),
    ("kms.amazonaws.com", "ListKeys", True, 3, ["AccessDenied"]),
    ("logs.amazonaws.com", "CreateLogStream", False, 30, ["ResourceAlreadyExistsException"]),
    ("logs.amazonaws.com", "DescribeLogGroups", True, 10, []),
    ("logs.amazonaws.com", "CreateLogGroup", False, 2, ["ResourceAlreadyExistsException"]),
    ("lambda.amazonaws.com", "ListFunctions20150331", True, 8, ["AccessDenied"]),
    ("lambda.amazonaws.com", "GetFunction20150331v2", True, 6, ["ResourceNotFoundException"]),
    ("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", False, 1, []),
    ("dynamodb.amazonaws.com", "DescribeTable", True, 20, ["ResourceNotFoundException"]),
    ("dynamodb.amazonaws.com", "ListTables", True, 6, ["AccessDenied"]),
    ("dynamodb.amazonaws.com", "DescribeContinuousBackups", True, 3, []),
    ("ssm.amazonaws.com", "GetParameter", True, 25, ["ParameterNotFound", "AccessDenied"]),
    ("ssm.amazonaws.com", "GetParameters", True, 15, []),
    ("ssm.amazonaws.com", "UpdateInstanceInformation", False, 30, []),
    ("ssm.amazonaws.com", "ListAssociations", True, 10, []),
    ("secretsmanager.amazonaws.com", "GetSecretValue", True, 15, ["AccessDenied", "ResourceNotFoundException"]),
    ("secretsmanager.amazonaws.com", "ListSecrets", True, 3, ["AccessDenied"]),
    ("secretsmanager.amazonaws.com", "DescribeSecret", True, 4, []),
    ("monitoring.amazonaws.com", "DescribeAlarms", True, 10, ["AccessDenied"]),
    ("monitoring.amazonaws.com", "GetMetricData", True, 8, []),
    ("sns.amazonaws.com", "ListTopics", True, 4, ["AccessDenied"]),
    ("sns.amazonaws.com", "Publish", False, 3, []),
    ("sqs.amazonaws.com", "ListQueues", True, 4, ["AccessDenied"]),
    ("sqs.amazonaws.com", "GetQueueAttributes", True, 6, []),
    ("rds.amazonaws.com", "DescribeDBInstances", True, 8, ["AccessDenied"]),
    ("rds.amazonaws.com", "DescribeDBClusters", True, 4, []),
    ("cloudformation.amazonaws.com", "DescribeStacks", True, 12, ["ValidationError"]),
    ("cloudformation.amazonaws.com", "ListStacks", True, 4, []),
    ("cloudformation.amazonaws.com", "CreateStack", False, 1, ["AlreadyExistsException"]),
    ("ecr.amazonaws.com", "GetAuthorizationToken", True, 15, []),
    ("ecr.amazonaws.com", "BatchGetImage", True, 10, ["AccessDenied"]),
    ("ecs.amazonaws.com", "DescribeClusters", True, 6, []),
    ("ecs.amazonaws.com", "ListTasks", True, 6, []),
    ("eks.amazonaws.com", "DescribeCluster", True, 4, ["AccessDeniedException"]),
    ("elasticloadbalancing.amazonaws.com", "DescribeLoadBalancers", True, 8, []),
    ("elasticloadbalancing.amazonaws.com", "DescribeTargetHealth", True, 10, []),
    ("route53.amazonaws.com", "ListHostedZones", True, 3, []),
    ("route53.amazonaws.com", "ChangeResourceRecordSets", False, 1, []),
    ("cloudtrail.amazonaws.com", "DescribeTrails", True, 3, ["AccessDenied"]),
    ("cloudtrail.amazonaws.com", "LookupEvents", True, 3, []),
    ("config.amazonaws.com", "DescribeConfigRules", True, 3, []),
    ("config.amazonaws.com", "PutEvaluations", False, 6, []),
    ("organizations.amazonaws.com", "DescribeOrganization", True, 3, ["AccessDenied", "AWSOrganizationsNotInUseException"]),
    ("guardduty.amazonaws.com", "ListDetectors", True, 2, []),
    ("autoscaling.amazonaws.com", "DescribeAutoScalingGroups", True, 8, []),
    ("signin.amazonaws.com", "ConsoleLogin", False, 2, []),
    ("health.amazonaws.com", "DescribeEventAggregates", True, 2, []),
    ("tagging.amazonaws.com", "GetResources", True, 3, []),
]
API_WEIGHTS = [a[3] for a in APIS]

CLI_AGENTS = [
    "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/{cmd}",
    "aws-cli/2.13.25 Python/3.11.5 Darwin/23.1.0 exe/x86_64 prompt/off command/{cmd}",
    "aws-cli/1.29.62 Python/3.9.16 Linux/5.10.198-187.748.amzn2.x86_64 botocore/1.31.62",
]
SDK_AGENTS = [
    "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.1.66 md/arch#x86_64 lang/python#3.12.1 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.11",
    "aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.141.0",
    "aws-sdk-java/2.21.46 Linux/5.10.205-195.804.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.9+8-LTS Java/17.0.9 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
    "aws-sdk-js/3.481.0 ua/2.0 os/linux#5.10.205 lang/js md/nodejs#20.10.0 api/dynamodb#3.481.0",
    "Terraform/1.6.6 (+https://www.terraform.io) terraform-provider-aws/5.31.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.24.0 os/linux lang/go#1.21.5",
]
CONSOLE_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
SERVICES_ACTING = ["ec2.amazonaws.com", "lambda.amazonaws.com", "cloudformation.amazonaws.com",
                   "autoscaling.amazonaws.com", "ecs-tasks.amazonaws.com", "config.amazonaws.com",
                   "elasticloadbalancing.amazonaws.com", "ssm.amazonaws.com"]

USER_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
              "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter",
              "deploy-bot", "ci-runner", "backup-svc", "terraform", "grafana-reader", "datadog-integration",
              "contractor-jane", "contractor-omar", "audit-ro", "legacy-app", "etl-loader"]
ROLE_NAMES = ["app-server", "worker-node", "OrganizationAccountAccessRole", "AWSReservedSSO_AdministratorAccess_0123abcd",
              "AWSReservedSSO_ReadOnly_4567efgh", "eks-node-group", "lambda-exec", "github-actions-deploy",
              "SecurityAudit", "aws-controltower-ReadOnlyExecutionRole"]

# Planted scenarios: (name, rows it adds to the seed detection's result on its own).
SCENARIOS = ["fires", "four_denials", "hour_boundary", "addon_user_type_quirk", "assumed_role", "root",
             "through_service", "two_ips", "other_error_codes", "two_hours"]

RECON = [  # discovery calls that a stolen key tries; their user_type is IAMUser for an IAM user
    ("iam.amazonaws.com", "ListUsers"), ("iam.amazonaws.com", "ListPolicies"), ("iam.amazonaws.com", "ListGroups"),
    ("s3.amazonaws.com", "ListBuckets"), ("ec2.amazonaws.com", "DescribeInstances"),
    ("ec2.amazonaws.com", "DescribeVolumes"), ("lambda.amazonaws.com", "ListFunctions20150331"),
    ("secretsmanager.amazonaws.com", "ListSecrets"), ("kms.amazonaws.com", "ListKeys"),
    ("rds.amazonaws.com", "DescribeDBInstances"), ("dynamodb.amazonaws.com", "ListTables"),
    ("organizations.amazonaws.com", "DescribeOrganization"), ("cloudtrail.amazonaws.com", "DescribeTrails"),
    ("sns.amazonaws.com", "ListTopics"), ("sqs.amazonaws.com", "ListQueues"),
    ("monitoring.amazonaws.com", "DescribeAlarms"), ("ecr.amazonaws.com", "BatchGetImage"),
]
# Denied calls by an IAM user whose user_type the add-on (7.0.0) does not set to IAMUser: names
# ending in "User", ListAccessKeys & co. (user_type absent), ListRoles (the session issuer's type).
QUIRK_RECON = [("iam.amazonaws.com", "GetUser"), ("iam.amazonaws.com", "ListAccessKeys"),
               ("iam.amazonaws.com", "ListRoles"), ("iam.amazonaws.com", "GetAccountSummary"),
               ("iam.amazonaws.com", "CreateUser")]
ATTACKER_IPS = ["198.51.100.77", "198.51.100.201", "203.0.113.66", "192.0.2.250", "45.33.32.156"]


def parse_size(text):
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?\s*", text, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (e.g. 200MB, 4MB, 1GB)")
    unit = (m.group(2) or "B").upper().rstrip("B") or "B"
    mult = {"B": 1, "K": 10**3, "M": 10**6, "G": 10**9, "KI": 2**10, "MI": 2**20, "GI": 2**30}[unit]
    return int(float(m.group(1)) * mult)


def iso(t):
    return _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime(t))


class World:
    def __init__(self, rng):
        self.rng = rng
        self.users = []  # (account, identity dict)
        for i, name in enumerate(USER_NAMES):
            acct = ACCOUNTS[i % len(ACCOUNTS)] if i >= 10 else ACCOUNTS[0]
            self.users.append((acct, self.iam_user(acct, name, i)))
        self.roles = []  # (account, role, session identity factory args)
        for i, role in enumerate(ROLE_NAMES):
            for acct in ACCOUNTS:
                self.roles.append((acct, role, "AROA" + ("%017X" % rng.getrandbits(68))[:17]))
        # the workstations and servers the ordinary principals call from
        self.user_ips = {u["userName"]: [self.office_ip() for _ in range(rng.randint(1, 3))] for _, u in self.users}
        self.private_ips = ["10.%d.%d.%d" % (rng.randint(0, 31), rng.randint(0, 255), rng.randint(1, 254)) for _ in range(60)]

    def office_ip(self):
        r = self.rng
        return r.choice(["192.0.2.%d", "203.0.113.%d", "198.51.100.%d", "100.64.7.%d", "34.201.17.%d", "52.94.133.%d"]) % r.randint(1, 200)

    def iam_user(self, acct, name, i):
        return {"type": "IAMUser", "principalId": "AIDA" + ("%016X" % (hash_name(name) & (2**64 - 1)))[:17],
                "arn": f"arn:aws:iam::{acct}:user/{name}", "accountId": acct,
                "accessKeyId": "AKIA" + ("%016X" % (hash_name(name + "key") & (2**64 - 1))), "userName": name}

    def role_session(self, acct, role, role_id, session):
        rng = self.rng
        return {"type": "AssumedRole", "principalId": f"{role_id}:{session}",
                "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{session}", "accountId": acct,
                "accessKeyId": "ASIA" + ("%016X" % rng.getrandbits(64)),
                "sessionContext": {
                    "sessionIssuer": {"type": "Role", "principalId": role_id, "arn": f"arn:aws:iam::{acct}:role/{role}",
                                      "accountId": acct, "userName": role},
                    "webIdFederationData": {},
                    "attributes": {"creationDate": "2026-11-02T00:00:00Z", "mfaAuthenticated": "false"}}}

    def root(self, acct):
        return {"type": "Root", "principalId": acct, "arn": f"arn:aws:iam::{acct}:root", "accountId": acct,
                "accessKeyId": "ASIA" + ("%016X" % self.rng.getrandbits(64))}


def hash_name(s):
    h = 1469598103934665603
    for c in s.encode():
        h = ((h ^ c) * 1099511628211) & (2**64 - 1)
    return h


def uuid(rng):
    return "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                          0x8000 | rng.getrandbits(14), rng.getrandbits(48))


def make_event(rng, t, acct, region, who, source, name, read_only, ip, agent, error=None, extra=None):
    e = {"eventVersion": "1.09" if name != "ConsoleLogin" else "1.08", "userIdentity": who, "eventTime": iso(t),
         "eventSource": source, "eventName": name, "awsRegion": region}
    if ip is not None:
        e["sourceIPAddress"] = ip
    if agent is not None:
        e["userAgent"] = agent
    if error:
        e["errorCode"] = error
        arn = who.get("arn") or who.get("invokedBy", "")
        action = source.split(".")[0] + ":" + name
        if error in ("AccessDenied", "Client.UnauthorizedOperation", "AccessDeniedException"):
            e["errorMessage"] = (f"User: {arn} is not authorized to perform: {action} "
                                 f"because no identity-based policy allows the {action} action")
        else:
            e["errorMessage"] = f"{error}: the request could not be completed"
    req, resp, resources = request_response(rng, acct, region, source, name, who, error)
    e["requestParameters"] = req
    e["responseElements"] = resp
    if extra:
        e.update(extra)
    e["requestID"] = uuid(rng)
    e["eventID"] = uuid(rng)
    e["readOnly"] = read_only
    if resources:
        e["resources"] = resources
    e["eventType"] = "AwsConsoleSignIn" if name == "ConsoleLogin" else "AwsApiCall"
    e["managementEvent"] = True
    e["recipientAccountId"] = acct
    if name == "AssumeRole" or name == "Decrypt" and who.get("type") == "AWSService":
        e["sharedEventID"] = uuid(rng)
    e["eventCategory"] = "Management"
    if ip and agent and not agent.endswith(".amazonaws.com") and name != "ConsoleLogin":
        e["tlsDetails"] = {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                           "clientProvidedHostHeader": source.replace(".amazonaws.com", f".{region}.amazonaws.com")}
    return e


def request_response(rng, acct, region, source, name, who, error):
    """Plausible requestParameters / responseElements / resources (only their shape matters)."""
    if name == "AssumeRole":
        role = rng.choice(ROLE_NAMES)
        session = "i-%017x" % rng.getrandbits(68) if who.get("type") == "AWSService" else f"session-{rng.randint(1000, 9999)}"
        req = {"roleArn": f"arn:aws:iam::{acct}:role/{role}", "roleSessionName": session, "durationSeconds": 3600}
        if error:
            return req, None, None
        resp = {"credentials": {"accessKeyId": "ASIA" + ("%016X" % rng.getrandbits(64)),
                                "sessionToken": "IQoJb3JpZ2luX2VjE" + "%064x" % rng.getrandbits(256),
                                "expiration": "Nov 3, 2026, 1:00:00 AM"},
                "assumedRoleUser": {"assumedRoleId": "AROA%013X:%s" % (rng.getrandbits(52), session),
                                    "arn": f"arn:aws:sts::{acct}:assumed-role/{role}/{session}"}}
        res = [{"accountId": acct, "type": "AWS::IAM::Role", "ARN": f"arn:aws:iam::{acct}:role/{role}"}]
        return req, resp, res
    if name in ("Decrypt", "GenerateDataKey", "Encrypt", "DescribeKey"):
        key = f"arn:aws:kms:{region}:{acct}:key/{uuid(rng)}"
        req = {"encryptionAlgorithm": "SYMMETRIC_DEFAULT", "keyId": key} if name != "GenerateDataKey" else {"keyId": key, "keySpec": "AES_256"}
        return req, None, [{"accountId": acct, "type": "AWS::KMS::Key", "ARN": key}]
    if source == "s3.amazonaws.com":
        bucket = rng.choice(["prod-assets", "logs-archive", "tf-state", "data-lake-raw", "backups"]) + "-" + acct[-4:]
        if name == "ListBuckets":
            return {"Host": f"s3.{region}.amazonaws.com"}, None, None
        return ({"bucketName": bucket, "Host": f"{bucket}.s3.{region}.amazonaws.com", name.replace("Get", "").replace("Put", "").lower(): ""},
                None, [{"type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{bucket}", "accountId": acct}])
    if name in ("DescribeInstances", "DescribeInstanceStatus"):
        return ({"instancesSet": {}, "filterSet": {}, "includeAllInstances": False} if name == "DescribeInstanceStatus"
                else {"instancesSet": {}, "filterSet": {}}), None, None
    if name in ("StartInstances", "StopInstances", "TerminateInstances", "RunInstances"):
        iid = "i-%017x" % rng.getrandbits(68)
        req = {"instancesSet": {"items": [{"instanceId": iid}]}}
        if name == "RunInstances":
            req = {"instancesSet": {"items": [{"imageId": "ami-%017x" % rng.getrandbits(68), "minCount": 1, "maxCount": 1}]},
                   "instanceType": rng.choice(["t3.micro", "m6i.large", "c7g.xlarge"])}
        resp = None if error else {"requestId": uuid(rng), "instancesSet": {"items": [{"instanceId": iid, "currentState": {"code": 0, "name": "pending"}}]}}
        return req, resp, None
    if source == "iam.amazonaws.com":
        if name in ("GetUser", "ListAccessKeys", "CreateAccessKey", "CreateUser"):
            return {"userName": rng.choice(USER_NAMES)}, None, None
        if name in ("GetRole", "ListAttachedRolePolicies", "AttachRolePolicy", "PutRolePolicy"):
            return {"roleName": rng.choice(ROLE_NAMES)}, None, None
        return None, None, None
    if source == "logs.amazonaws.com" and name != "DescribeLogGroups":
        return {"logGroupName": "/aws/lambda/" + rng.choice(["ingest", "resize", "notify"]),
                "logStreamName": "2026/11/02/[$LATEST]%032x" % rng.getrandbits(128)}, None, None
    if source == "ssm.amazonaws.com" and name.startswith("GetParameter"):
        return {"name": "/prod/" + rng.choice(["db/password", "api/key", "feature-flags"]), "withDecryption": True}, None, None
    if source == "dynamodb.amazonaws.com" and name != "ListTables":
        return {"tableName": rng.choice(["orders", "sessions", "inventory"])}, None, None
    if name == "ConsoleLogin":
        return None, {"ConsoleLogin": "Failure" if error else "Success"}, None
    if name == "GetCallerIdentity":
        return None, None, None
    return None, None, None


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.world = World(self.rng)
        self.t = float(START)
        self.seq = 0
        self.pending = []  # heap of (time, seq, account, region, event)
        self.scenario_no = 0
        self.since_scenario = 0
        self.next_scenario = self.rng.randint(SCENARIO_EVERY // 2, SCENARIO_EVERY * 3 // 2)

    def events(self):
        """Yields (account, region, event dict) in time order, forever."""
        rng = self.rng
        while True:
            self.t += rng.expovariate(EVENTS_PER_HOUR / 3600.0)
            t = int(self.t)
            while self.pending and self.pending[0][0] <= t:
                _, _, acct, region, e = heapq.heappop(self.pending)
                yield acct, region, e
            self.since_scenario += 1
            if self.since_scenario >= self.next_scenario:
                self.since_scenario = 0
                self.next_scenario = rng.randint(SCENARIO_EVERY // 2, SCENARIO_EVERY * 3 // 2)
                self.plant(t)
            yield self.background(t)

    def push(self, t, acct, region, e):
        self.seq += 1
        heapq.heappush(self.pending, (t, self.seq, acct, region, e))

    def background(self, t):
        rng, w = self.rng, self.world
        acct = rng.choices(ACCOUNTS, ACCOUNT_WEIGHTS)[0]
        region = rng.choices(REGIONS, REGION_WEIGHTS)[0]
        source, name, ro, _, errors = rng.choices(APIS, API_WEIGHTS)[0]
        kind = rng.random()
        error = None
        if name == "ConsoleLogin":
            acct_users = [u for a, u in w.users if a == acct] or [w.users[0][1]]
            who = rng.choice(acct_users) if kind < 0.7 else w.root(acct)
            e = make_event(rng, t, acct, "us-east-1", who, source, name, False, rng.choice(w.user_ips[who["userName"]]) if who["type"] == "IAMUser" else w.office_ip(),
                           CONSOLE_AGENT, extra={"additionalEventData": {"LoginTo": "https://console.aws.amazon.com/console/home",
                                                                          "MobileVersion": "No", "MFAUsed": rng.choice(["Yes", "No"])}})
            return acct, "us-east-1", e
        if source in ("iam.amazonaws.com", "organizations.amazonaws.com", "route53.amazonaws.com", "health.amazonaws.com"):
            region = "us-east-1"  # global services log in us-east-1
        if kind < 0.30:  # an IAM user with an access key
            cand = [u for a, u in w.users if a == acct]
            who = rng.choice(cand)
            ip = rng.choice(w.user_ips[who["userName"]])
            agent = rng.choice(CLI_AGENTS).format(cmd=source.split(".")[0] + "." + name.lower()) if rng.random() < 0.5 else rng.choice(SDK_AGENTS)
            if errors and rng.random() < 0.02:
                error = rng.choice(errors)
        elif kind < 0.72:  # an assumed role: applications, SSO users, CI
            _, role, rid = rng.choice([r for r in w.roles if r[0] == acct])
            session = "i-%017x" % rng.getrandbits(68) if role in ("app-server", "worker-node", "eks-node-group") else rng.choice(USER_NAMES[:10]) + "@example.com"
            who = w.role_session(acct, role, rid, session)
            ip = rng.choice(w.private_ips) if session.startswith("i-") else w.office_ip()
            agent = rng.choice(SDK_AGENTS) if session.startswith("i-") else (CONSOLE_AGENT if rng.random() < 0.3 else rng.choice(CLI_AGENTS).format(cmd=name.lower()))
            if errors and rng.random() < 0.03:
                error = rng.choice(errors)
        elif kind < 0.73:  # the root user (rare)
            who = w.root(acct)
            ip, agent = w.office_ip(), CONSOLE_AGENT
        else:  # an AWS service acting for the account
            svc = rng.choice(SERVICES_ACTING)
            who = {"type": "AWSService", "invokedBy": svc}
            ip, agent = svc, svc
            if errors and rng.random() < 0.01:
                error = rng.choice(errors)
            if rng.random() < 0.15:  # a service acting with a role session: sourceIPAddress/userAgent are the service
                _, role, rid = rng.choice([r for r in w.roles if r[0] == acct])
                who = w.role_session(acct, role, rid, "%d" % rng.getrandbits(40))
                who["invokedBy"] = svc
        if rng.random() < 0.003:
            ip = "AWS Internal"
        return acct, region, make_event(rng, t, acct, region, who, source, name, ro, ip, agent, error)

    def plant(self, t):
        """Schedules one scenario's events at t and after (within the hour where it matters)."""
        rng, w = self.rng, self.world
        kind = SCENARIOS[self.scenario_no % len(SCENARIOS)]
        self.scenario_no += 1
        acct = rng.choices(ACCOUNTS, ACCOUNT_WEIGHTS)[0]
        region = rng.choice(["us-east-1", "us-east-1", "eu-west-1"])
        users = [u for a, u in w.users if a == acct]
        who = rng.choice(users)
        ip = rng.choice(ATTACKER_IPS)
        agent = rng.choice(CLI_AGENTS).format(cmd="iam.list-users") if rng.random() < 0.6 else rng.choice(SDK_AGENTS[:2])
        hour = t - t % 3600

        def burst(n, who=who, ip=ip, agent=agent, start=None, span=2400, calls=RECON, error="AccessDenied"):
            start = t if start is None else start
            for k in range(n):
                source, name = rng.choice(calls)
                tt = start + rng.randint(0, span)
                rg = "us-east-1" if source in ("iam.amazonaws.com", "organizations.amazonaws.com") else region
                self.push(tt, acct, rg, make_event(rng, tt, acct, rg, who, source, name, True, ip, agent, error))

        # Each burst stays inside one clock hour unless the scenario is about the boundary.
        inside = hour + 3600 - t  # seconds left in this hour
        if inside < 1500:
            t = hour + 3600 + rng.randint(60, 600)
            hour = t - t % 3600
            inside = hour + 3600 - t
        span = min(inside - 1, 2700)
        if kind == "fires":
            burst(rng.randint(5, 14), span=span)
            self.push(t, acct, "us-east-1", make_event(rng, t, acct, "us-east-1", who, "sts.amazonaws.com", "GetCallerIdentity", True, ip, agent))
        elif kind == "four_denials":
            burst(4, span=span)
        elif kind == "hour_boundary":
            b = hour + 3600
            burst(3, start=b - 600, span=590)
            burst(3, start=b + 5, span=590)
        elif kind == "addon_user_type_quirk":
            burst(4, span=span)
            burst(rng.randint(2, 6), span=span, calls=QUIRK_RECON)
        elif kind == "assumed_role":
            _, role, rid = rng.choice([r for r in w.roles if r[0] == acct])
            burst(8, who=w.role_session(acct, role, rid, "stolen-session"), span=span)
        elif kind == "root":
            burst(6, who=w.root(acct), span=span)
        elif kind == "through_service":
            svc = rng.choice(["cloudformation.amazonaws.com", "lambda.amazonaws.com"])
            burst(7, ip=svc, agent=svc, span=span)
        elif kind == "two_ips":
            other = rng.choice([i for i in ATTACKER_IPS if i != ip])
            burst(rng.choice([3, 5, 6]), span=span)
            burst(3, ip=other, span=span)
        elif kind == "other_error_codes":
            burst(5, span=span)
            burst(4, span=span, error="Client.UnauthorizedOperation", calls=[("ec2.amazonaws.com", "DescribeInstances")])
            burst(2, span=span, error="ThrottlingException")
        elif kind == "two_hours":
            burst(6, span=span)
            burst(7, start=hour + 3600 + 30, span=2400)


class SeedOracle:
    """The seed detection's rows, computed here from the add-on's rules (aws_addon_fields.md §3.3,
    7.0.0) and SPL's search/stats semantics, independently of trailhound and of the SQL."""

    def __init__(self):
        self.groups = {}

    @staticmethod
    def user_type(e):
        n = e.get("eventName")
        ui = e.get("userIdentity") or {}
        si = ((ui.get("sessionContext") or {}).get("sessionIssuer") or {})
        if n is None:
            return ui.get("type")
        if n == "CreateLoginProfile" or n.endswith("User") or n in (
                "ListSigningCertificates", "CreateAccessKey", "ListAccessKeys", "CreateVirtualMFADevice",
                "GetAccountSummary", "ListAccountAliases"):
            return None
        if n == "ConsoleLogin" and ui.get("type") == "AssumedRole" and "LoginTo" not in (e.get("additionalEventData") or {}):
            return si.get("type")
        if e.get("eventType") == "AwsConsoleSignIn":
            return ui.get("type")
        if n.endswith("Instances") or n.endswith("Volume") or n.startswith("Put") or n.endswith("Bucket"):
            return ui.get("type")
        if n in ("ListAliases", "ListRoles", "DeleteNetworkInterface"):
            return si.get("type")
        if n.startswith("AssumeRole"):
            types = [r["type"] for r in (e.get("resources") or []) if r.get("type") is not None]
            if not types:
                arn = ((e.get("responseElements") or {}).get("assumedRoleUser") or {}).get("arn")
                parts = arn.split("/") if arn is not None else []
                types = [parts[1]] if len(parts) > 1 else []
            return ",".join(types) if types else None
        return ui.get("type")

    def add(self, e):
        ec = e.get("errorCode")
        if ec is None or ec.lower() != "accessdenied":
            return
        ut = self.user_type(e)
        if ut is None or ut.lower() != "iamuser":
            return
        ua = e.get("userAgent")
        if ua is None or ua.lower().endswith(".amazonaws.com"):
            return
        ip, arn = e.get("sourceIPAddress"), (e.get("userIdentity") or {}).get("arn")
        if ip is None or arn is None:
            return
        t = event_epoch(e["eventTime"])
        t -= t % 3600  # bucket _time span=1h rewrites _time in place: the stats below see the hour
        key = (ip, arn, t)
        g = self.groups.setdefault(key, [0, set(), set(), t, t])
        g[0] += 1
        g[1].add(e["eventName"])
        g[2].add(e["eventSource"])
        g[3] = min(g[3], t)  # so firstTime == lastTime == _time in every row
        g[4] = max(g[4], t)

    def rows(self):
        out = []
        for (ip, arn, hour), (n, names, sources, lo, hi) in self.groups.items():
            if n >= 5:
                out.append({"src_ip": ip, "userIdentity.arn": arn, "_time": hour, "failures": n,
                            "firstTime": _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(lo)),
                            "lastTime": _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(hi)),
                            "methods": len(names), "sources": len(sources)})
        out.sort(key=lambda r: (r["src_ip"], r["userIdentity.arn"], r["_time"]))
        return out


def event_epoch(s):
    import calendar
    return calendar.timegm(_time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))


class AwsLogsWriter:
    """Buffers each (account, region) stream and writes a delivery file once it holds its target
    size (1-5 MB, drawn per file) or the day changes."""

    def __init__(self, out, seed):
        self.out = out
        self.rng = random.Random(seed * 7919 + 17)
        self.buffers = {}  # (acct, region) -> [day, bytes, [json texts], first_time]
        self.files = 0

    def add(self, acct, region, e, text):
        day = e["eventTime"][:10]
        key = (acct, region)
        b = self.buffers.get(key)
        if b is not None and b[0] != day:
            self.flush(key)
            b = None
        if b is None:
            b = self.buffers[key] = [day, 0, [], e["eventTime"], self.rng.randint(1_000_000, 5_000_000)]
        b[1] += len(text) + 1
        b[2].append(text)
        if b[1] >= b[4]:
            self.flush(key)

    def flush(self, key):
        day, _, texts, first, _ = self.buffers.pop(key)
        acct, region = key
        y, m, d = day.split("-")
        folder = os.path.join(self.out, "AWSLogs", acct, "CloudTrail", region, y, m, d)
        os.makedirs(folder, exist_ok=True)
        stamp = first[:4] + first[5:7] + first[8:10] + "T" + first[11:13] + first[14:16] + "Z"
        name = "%s_CloudTrail_%s_%s_%016X.json.gz" % (acct, region, stamp, self.rng.getrandbits(64))
        body = ('{"Records":[' + ",".join(texts) + "]}").encode()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(gzip.compress(body, compresslevel=6, mtime=0))
        self.files += 1

    def close(self):
        for key in sorted(self.buffers):
            self.flush(key)


def generate(size, out, seed=1, layout="jsonl", quiet=False):
    """Writes the data set; returns the manifest dict (also written to out/manifest-<layout>.json)."""
    os.makedirs(out, exist_ok=True)
    gen = Generator(seed)
    oracle = SeedOracle()
    by_source = {}
    written = events = 0
    jf = open(os.path.join(out, "events.jsonl"), "w", encoding="utf-8", newline="\n") if layout == "jsonl" else None
    aw = AwsLogsWriter(out, seed) if layout == "awslogs" else None
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    t0 = _time.time()
    for acct, region, e in gen.events():
        text = dumps(e)
        if jf:
            jf.write(text)
            jf.write("\n")
        else:
            aw.add(acct, region, e, text)
        written += len(text.encode()) + 1 if not text.isascii() else len(text) + 1
        events += 1
        by_source[e["eventSource"]] = by_source.get(e["eventSource"], 0) + 1
        oracle.add(e)
        if written >= size:
            break
    if jf:
        jf.close()
    else:
        aw.close()
    manifest = {"generator": "bench/generate.py", "seed": seed, "size": size, "layout": layout,
                "events": events, "jsonl_bytes": written,
                "expected": {"seed": oracle.rows(),
                             "by_source": sorted(({"eventSource": k, "count": v} for k, v in by_source.items()),
                                                 key=lambda r: r["eventSource"]),
                             "count": [{"count": events}]}}
    if aw:
        manifest["files"] = aw.files
    with open(os.path.join(out, f"manifest-{layout}.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    if not quiet:
        print(f"generate: {layout}: {events} events, {written / 1e6:.1f} MB of JSON, "
              f"{len(manifest['expected']['seed'])} seed rows, {_time.time() - t0:.1f} s -> {out}", file=sys.stderr)
    return manifest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=parse_size, required=True, help="bytes of JSON lines, e.g. 200MB")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layout", choices=["jsonl", "awslogs"], default="jsonl")
    a = ap.parse_args()
    generate(a.size, a.out, a.seed, a.layout)


if __name__ == "__main__":
    main()
