#!/usr/bin/env python3
"""Writes the bundled sample CloudTrail data (samples/AWSLogs/...): deterministic, invented values
(documentation IP ranges, example account ids). Run from the repository root:
    python3 samples/generate.py
It holds one genuine-looking stolen-key burst that the built-in detection flags, plus near misses
that it must not flag, in the S3 delivery layout (gzipped Records files, one digest file)."""
import gzip, json, os, random

ACCOUNT = "111122223333"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "AWSLogs", ACCOUNT)
rng = random.Random(20260115)


def iam_user(name):
    return {"type": "IAMUser", "principalId": "AIDA" + name.upper().replace("-", "")[:16].ljust(16, "X"),
            "arn": f"arn:aws:iam::{ACCOUNT}:user/{name}", "accountId": ACCOUNT,
            "accessKeyId": "AKIA" + name.upper().replace("-", "")[:12].ljust(16, "0"), "userName": name}


def role_session(role, session):
    return {"type": "AssumedRole", "principalId": f"AROAEXAMPLEROLEID:{session}",
            "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/{session}", "accountId": ACCOUNT,
            "accessKeyId": "ASIAEXAMPLESESSION01",
            "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEROLEID",
                                                 "arn": f"arn:aws:iam::{ACCOUNT}:role/{role}", "accountId": ACCOUNT,
                                                 "userName": role},
                               "attributes": {"creationDate": "2026-01-15T09:00:00Z", "mfaAuthenticated": "false"}}}


def event(t, who, source, name, ip, agent, error=None, read_only=True):
    e = {"eventVersion": "1.10", "userIdentity": who, "eventTime": t, "eventSource": source,
         "eventName": name, "awsRegion": "us-east-1", "sourceIPAddress": ip, "userAgent": agent,
         "requestParameters": None, "responseElements": None,
         "requestID": "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48)),
         "eventID": "%08x-%04x-%04x-%04x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 16, 16, 48)),
         "readOnly": read_only, "eventType": "AwsApiCall", "managementEvent": True,
         "recipientAccountId": ACCOUNT, "eventCategory": "Management"}
    if error:
        e["errorCode"] = error
        action = source.split(".")[0] + ":" + name
        e["errorMessage"] = f"User: {who['arn']} is not authorized to perform: {action}"
    return e


def at(minute, second=0):
    return "2026-01-15T%02d:%02d:%02dZ" % (10 + minute // 60, minute % 60, second)


events = []
# Ordinary work: a deploy bot and an application role, all successful.
bot = iam_user("deploy-bot")
app = role_session("app-server", "i-0123456789abcdef0")
for m in range(0, 120, 3):
    events.append(event(at(m, 11), bot, "s3.amazonaws.com", rng.choice(["PutObject", "GetObject", "ListObjects"]),
                        "192.0.2.10", "aws-sdk-go-v2/1.25.0 os/linux lang/go#1.22"))
    events.append(event(at(m + 1, 40), app, "dynamodb.amazonaws.com", rng.choice(["GetItem", "Query", "PutItem"]),
                        "10.0.12.34", "aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17"))

# The stolen key: contractor-jane's access key used from 198.51.100.77 for discovery, denied.
jane = iam_user("contractor-jane")
recon = [("sts.amazonaws.com", "GetCallerIdentity", None), ("iam.amazonaws.com", "ListUsers", "AccessDenied"),
         ("iam.amazonaws.com", "GetUser", "AccessDenied"), ("iam.amazonaws.com", "ListRoles", "AccessDenied"),
         ("iam.amazonaws.com", "ListPolicies", "AccessDenied"), ("s3.amazonaws.com", "ListBuckets", "AccessDenied"),
         ("ec2.amazonaws.com", "DescribeInstances", "Client.UnauthorizedOperation"),
         ("lambda.amazonaws.com", "ListFunctions20150331", "AccessDenied"),
         ("secretsmanager.amazonaws.com", "ListSecrets", "AccessDenied"), ("kms.amazonaws.com", "ListKeys", "AccessDenied"),
         ("rds.amazonaws.com", "DescribeDBInstances", "AccessDenied"), ("iam.amazonaws.com", "ListGroups", "AccessDenied"),
         ("organizations.amazonaws.com", "DescribeOrganization", "AccessDenied"),
         ("cloudtrail.amazonaws.com", "DescribeTrails", "AccessDenied")]
for i, (src, name, err) in enumerate(recon):
    events.append(event(at(22 + i, 5 + i), jane, src, name, "198.51.100.77", "aws-cli/2.15.30 Python/3.11.8 Linux/6.5",
                        error=err))

# Near misses the detection must not flag:
# a role session denied many times (AssumedRole, not IAMUser);
for i in range(8):
    events.append(event(at(45 + i), app, "ssm.amazonaws.com", "GetParameter", "10.0.12.34",
                        "aws-sdk-java/2.25.0 Linux/5.10", error="AccessDenied"))
# an IAM user denied four times in an hour (under the threshold of five);
dev = iam_user("dev-sam")
for i, name in enumerate(["ListBuckets", "ListTopics", "ListQueues", "DescribeAlarms"]):
    events.append(event(at(70 + 4 * i), dev, ["s3", "sns", "sqs", "monitoring"][i] + ".amazonaws.com", name,
                        "203.0.113.50", "Boto3/1.34.0 md/Botocore#1.34.0 Python/3.12", error="AccessDenied"))
# denials made by an AWS service on a user's behalf (userAgent *.amazonaws.com).
for i in range(6):
    events.append(event(at(90 + i), bot, "kms.amazonaws.com", "Decrypt", "cloudformation.amazonaws.com",
                        "cloudformation.amazonaws.com", error="AccessDenied"))

events.sort(key=lambda e: e["eventTime"])
day = os.path.join(ROOT, "CloudTrail", "us-east-1", "2026", "01", "15")
os.makedirs(day, exist_ok=True)
for hour in (10, 11):
    part = [e for e in events if e["eventTime"][11:13] == "%02d" % hour]
    path = os.path.join(day, f"{ACCOUNT}_CloudTrail_us-east-1_20260115T{hour:02d}00Z_sample.json.gz")
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        f.write(json.dumps({"Records": part}, separators=(",", ":")).encode())
digest_day = os.path.join(ROOT, "CloudTrail-Digest", "us-east-1", "2026", "01", "15")
os.makedirs(digest_day, exist_ok=True)
digest = {"awsAccountId": ACCOUNT, "digestStartTime": "2026-01-15T10:00:00Z", "digestEndTime": "2026-01-15T12:00:00Z",
          "digestS3Bucket": "example-trail-bucket", "digestS3Object": "AWSLogs/...", "logFiles": []}
with gzip.GzipFile(os.path.join(digest_day, f"{ACCOUNT}_CloudTrail-Digest_us-east-1_trail_us-east-1_20260115T120000Z.json.gz"),
                   "wb", mtime=0) as f:
    f.write(json.dumps(digest).encode())
print(f"wrote {len(events)} events")
