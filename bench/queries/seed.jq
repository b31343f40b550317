# "AWS IAM AccessDenied Discovery Events" in jq (run with jq -n -c over JSON lines); the semantics
# are those of queries/seed.sql: the add-on 7.0.0's user_type, case-insensitive search matches,
# bucket _time span=1h before stats (firstTime == lastTime == the hour).
def lc: if type == "string" then ascii_downcase else null end;
def user_type:
  .eventName as $n | (.userIdentity // {}) as $ui | ($ui.sessionContext.sessionIssuer.type) as $si |
  if $n == null then $ui.type
  elif $n == "CreateLoginProfile" or ($n | endswith("User"))
       or ($n | IN("ListSigningCertificates", "CreateAccessKey", "ListAccessKeys", "CreateVirtualMFADevice",
                   "GetAccountSummary", "ListAccountAliases")) then null
  elif $n == "ConsoleLogin" and $ui.type == "AssumedRole" and .additionalEventData.LoginTo == null then $si
  elif .eventType == "AwsConsoleSignIn" then $ui.type
  elif ($n | endswith("Instances")) or ($n | endswith("Volume")) or ($n | startswith("Put"))
       or ($n | endswith("Bucket")) then $ui.type
  elif $n | IN("ListAliases", "ListRoles", "DeleteNetworkInterface") then $si
  elif $n | startswith("AssumeRole") then
    ([(.resources // [])[] | .type | select(. != null)]) as $t |
    (if ($t | length) > 0 then $t
     else [(.responseElements.assumedRoleUser.arn // null) | select(. != null) | split("/") | .[1] | select(. != null)] end)
    | if length > 0 then join(",") else null end
  else $ui.type end;
def hms: strftime("%Y-%m-%dT%H:%M:%S");
reduce (inputs
        | select((.errorCode | lc) == "accessdenied")
        | select((user_type | lc) == "iamuser")
        | select((.userAgent | type) == "string" and ((.userAgent | ascii_downcase | endswith(".amazonaws.com")) | not))
        | select(.sourceIPAddress != null and .userIdentity.arn != null)) as $e
  ({};
   ((($e.eventTime | fromdateiso8601) / 3600 | floor) * 3600) as $h |
   ([$e.sourceIPAddress, $e.userIdentity.arn, $h] | tojson) as $k |
   .[$k].ip = $e.sourceIPAddress | .[$k].arn = $e.userIdentity.arn | .[$k].h = $h |
   .[$k].c += 1 | .[$k].n[$e.eventName] = 1 | .[$k].s[$e.eventSource] = 1)
| [.[] | select(.c >= 5)] | sort_by(.ip, .arn, .h)[]
| {"src_ip": .ip, "userIdentity.arn": .arn, "_time": .h, "failures": .c, "firstTime": (.h | hms),
   "lastTime": (.h | hms), "methods": (.n | length), "sources": (.s | length)}
