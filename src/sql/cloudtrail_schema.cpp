#include "sql/cloudtrail_schema.hpp"

#include <algorithm>
#include <cctype>

namespace trailhound {

namespace {

using Kind = SchemaNode::Kind;

SchemaNode S(std::string name) { return {std::move(name), Kind::kString, {}}; }
SchemaNode J(std::string name) { return {std::move(name), Kind::kJson, {}}; }
SchemaNode St(std::string name, std::vector<SchemaNode> children) { return {std::move(name), Kind::kStruct, std::move(children)}; }
SchemaNode Ar(std::string name, std::vector<SchemaNode> children) { return {std::move(name), Kind::kArray, std::move(children)}; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::vector<SchemaNode>& CloudTrailColumns() {
  // The record fields of AWS's "CloudTrail record contents", typed as AWS's Athena table types them,
  // with a few userIdentity keys newer than that table (sourceIdentity, ec2RoleDelivery, ...).
  static const std::vector<SchemaNode> columns = {
      S("eventVersion"),
      St("userIdentity",
         {S("type"), S("principalId"), S("arn"), S("accountId"), S("invokedBy"), S("accessKeyId"), S("userName"),
          S("identityProvider"), S("credentialId"),
          St("onBehalfOf", {S("userId"), S("identityStoreArn")}),
          St("sessionContext",
             {St("attributes", {S("mfaAuthenticated"), S("creationDate")}),
              St("sessionIssuer", {S("type"), S("principalId"), S("arn"), S("accountId"), S("userName")}),
              St("webIdFederationData", {S("federatedProvider")}),
              S("sourceIdentity"), S("ec2RoleDelivery"), S("ec2IssuedInVpc")})}),
      S("eventTime"),
      S("eventSource"),
      S("eventName"),
      S("awsRegion"),
      S("sourceIPAddress"),
      S("userAgent"),
      S("errorCode"),
      S("errorMessage"),
      J("requestParameters"),
      J("responseElements"),
      J("additionalEventData"),
      S("requestID"),
      S("eventID"),
      S("readOnly"),
      Ar("resources", {S("ARN"), S("accountId"), S("type")}),
      S("eventType"),
      S("apiVersion"),
      S("managementEvent"),
      S("recipientAccountId"),
      J("serviceEventDetails"),
      S("sharedEventID"),
      S("vpcEndpointId"),
      S("vpcEndpointAccountId"),
      S("eventCategory"),
      St("addendum", {S("reason"), S("updatedFields"), S("originalRequestID"), S("originalEventID")}),
      S("sessionCredentialFromConsole"),
      J("edgeDeviceDetails"),
      St("tlsDetails", {S("tlsVersion"), S("cipherSuite"), S("clientProvidedHostHeader")}),
      J("insightDetails"),
  };
  return columns;
}

std::string SchemaName(const SqlSpelling& sql, const std::string& name) {
  return sql.Ident(sql.trino() ? Lower(name) : name);
}

std::string DuckDbType(const SchemaNode& node) {
  switch (node.kind) {
    case Kind::kString: return "VARCHAR";
    case Kind::kJson: return "JSON";
    case Kind::kStruct:
    case Kind::kArray: {
      std::string out = "STRUCT(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        out += (i ? ", \"" : "\"") + node.children[i].name + "\" " + DuckDbType(node.children[i]);
      }
      out += ")";
      return node.kind == Kind::kArray ? out + "[]" : out;
    }
  }
  return "VARCHAR";
}

std::string HiveType(const SchemaNode& node, bool lower_case) {
  switch (node.kind) {
    case Kind::kString:
    case Kind::kJson: return "STRING";
    case Kind::kStruct:
    case Kind::kArray: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < node.children.size(); ++i) {
        const auto& c = node.children[i];
        out += (i ? ", " : "") + (lower_case ? Lower(c.name) : c.name) + ": " + HiveType(c, lower_case);
      }
      out += ">";
      return node.kind == Kind::kArray ? "ARRAY<" + out + ">" : out;
    }
  }
  return "STRING";
}

namespace {

struct Segment {
  std::string key;
  bool array = false;  // written `key{}`
};

std::vector<Segment> Segments(const std::string& field) {
  std::vector<Segment> out;
  size_t start = 0;
  while (start <= field.size()) {
    size_t dot = field.find('.', start);
    std::string part = field.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    Segment s;
    if (part.size() >= 2 && part.compare(part.size() - 2, 2, "{}") == 0) {
      s.array = true;
      part.resize(part.size() - 2);
    }
    s.key = part;
    out.push_back(s);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

const SchemaNode* Child(const std::vector<SchemaNode>& nodes, const std::string& key) {
  for (const auto& n : nodes) {
    if (n.name == key) return &n;
  }
  return nullptr;
}

// Values below a JSON text, from segment i on: a scalar text, or (after a `{}`) an array of texts.
ResolvedField ResolveJson(const SqlSpelling& sql, const std::string& json, const std::vector<Segment>& segs, size_t i,
                          int depth) {
  JsonKeys keys;
  for (; i < segs.size(); ++i) {
    keys.push_back(segs[i].key);
    if (!segs[i].array) continue;
    std::string elements = sql.JsonArray(json, keys);
    std::string var = "j" + std::to_string(depth);
    if (i + 1 == segs.size()) {
      std::string values = sql.Transform(elements, var, sql.JsonElementScalar(var));
      return {ResolvedField::Kind::kMulti, sql.NullIfEmpty(sql.Filter(values, "v", "v IS NOT NULL"))};
    }
    ResolvedField inner = ResolveJson(sql, var, segs, i + 1, depth + 1);
    std::string values = inner.kind == ResolvedField::Kind::kMulti
                             ? sql.Flatten(sql.Transform(elements, var, "COALESCE(" + inner.sql + ", " + sql.ArrayOf({}) + ")"))
                             : sql.Transform(elements, var, inner.sql);
    if (sql.duckdb() && inner.kind == ResolvedField::Kind::kMulti) {
      // DuckDB types an empty list literal as NULL[]: give it the element type.
      values = sql.Flatten(sql.Transform(elements, var, "COALESCE(" + inner.sql + ", CAST([] AS VARCHAR[]))"));
    }
    return {ResolvedField::Kind::kMulti, sql.NullIfEmpty(sql.Filter(values, "v", "v IS NOT NULL"))};
  }
  return {ResolvedField::Kind::kScalar, sql.JsonScalar(json, keys)};
}

ResolvedField ResolveIn(const SqlSpelling& sql, const std::vector<SchemaNode>& nodes, const std::string& base,
                        const std::vector<Segment>& segs, size_t i) {
  const SchemaNode* node = Child(nodes, segs[i].key);
  // The table has every top-level field CloudTrail documents, so another top-level name is in no
  // CloudTrail record; a key inside a struct it does not list may be (userIdentity grows).
  if (node == nullptr) return {i == 0 ? ResolvedField::Kind::kAbsent : ResolvedField::Kind::kNotInTable, ""};
  std::string name = SchemaName(sql, node->name);
  std::string access = base.empty() ? name : base + "." + name;
  bool last = i + 1 == segs.size();
  switch (node->kind) {
    case Kind::kString:
      // A string cannot have keys or be an array in CloudTrail.
      if (!last || segs[i].array) return {ResolvedField::Kind::kAbsent, ""};
      return {ResolvedField::Kind::kScalar, access};
    case Kind::kJson:
      if (last && !segs[i].array) return {ResolvedField::Kind::kAbsent, ""};  // an object is no field
      if (segs[i].array) {
        // An array where CloudTrail writes an object: only in malformed data.
        return {ResolvedField::Kind::kAbsent, ""};
      }
      return ResolveJson(sql, access, segs, i + 1, 0);
    case Kind::kStruct:
      if (last || segs[i].array) return {ResolvedField::Kind::kAbsent, ""};
      return ResolveIn(sql, node->children, access, segs, i + 1);
    case Kind::kArray: {
      if (!segs[i].array || last) return {ResolvedField::Kind::kAbsent, ""};
      ResolvedField inner = ResolveIn(sql, node->children, "r", segs, i + 1);
      if (inner.kind != ResolvedField::Kind::kScalar) return inner;
      std::string values = sql.Transform(access, "r", inner.sql);
      return {ResolvedField::Kind::kMulti, sql.NullIfEmpty(sql.Filter(values, "v", "v IS NOT NULL"))};
    }
  }
  return {ResolvedField::Kind::kAbsent, ""};
}

}  // namespace

ResolvedField ResolveCloudTrailField(const SqlSpelling& sql, const std::string& field, const std::string& row) {
  std::vector<Segment> segs = Segments(field);
  if (segs.empty() || segs[0].key.empty()) return {ResolvedField::Kind::kAbsent, ""};
  return ResolveIn(sql, CloudTrailColumns(), row, segs, 0);
}

std::string AthenaCloudTrailDdl(const AthenaDdlOptions& o) {
  std::string location = o.location;
  if (!location.empty() && location.back() != '/') location += '/';
  std::string out = "-- CloudTrail logs as AWS delivers them to S3, read in place by Athena (generated by trailhound sql --ddl athena).\n";
  out += "-- Partitions are projected, so no MSCK REPAIR / ALTER TABLE ADD PARTITION is needed; queries should\n";
  out += "-- filter on account, region and timestamp (yyyy/MM/dd) to read only the days they need.\n";
  out += "CREATE EXTERNAL TABLE " + o.table + " (\n";
  const auto& cols = CloudTrailColumns();
  for (size_t i = 0; i < cols.size(); ++i) {
    out += "  " + Lower(cols[i].name) + " " + HiveType(cols[i], true) + (i + 1 < cols.size() ? ",\n" : "\n");
  }
  out += ")\n";
  out += "COMMENT 'CloudTrail table for trailhound'\n";
  out += "PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)\n";
  out += "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'\n";
  out += "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'\n";
  out += "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'\n";
  out += "LOCATION '" + location + "'\n";
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
    return s;
  };
  static const std::vector<std::string> kRegions = {
      "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
      "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
      "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1",
      "sa-east-1", "mx-central-1"};
  std::string accounts = o.accounts.empty() ? "111122223333" : join(o.accounts);
  std::string regions = join(o.regions.empty() ? kRegions : o.regions);
  out += "TBLPROPERTIES (\n";
  out += "  'projection.enabled' = 'true',\n";
  out += "  'projection.account.type' = 'enum',\n";
  out += "  'projection.account.values' = '" + accounts + "',\n";
  out += "  'projection.region.type' = 'enum',\n";
  out += "  'projection.region.values' = '" + regions + "',\n";
  out += "  'projection.timestamp.type' = 'date',\n";
  out += "  'projection.timestamp.format' = 'yyyy/MM/dd',\n";
  out += "  'projection.timestamp.interval' = '1',\n";
  out += "  'projection.timestamp.interval.unit' = 'DAYS',\n";
  out += "  'projection.timestamp.range' = '" + o.start_date + ",NOW',\n";
  out += "  'storage.location.template' = '" + location + "${account}/CloudTrail/${region}/${timestamp}'\n";
  out += ");\n";
  return out;
}

std::string SparkEventSchema() {
  std::string out;
  const auto& cols = CloudTrailColumns();
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? ", " : "") + cols[i].name + " " + HiveType(cols[i], false);
  return out;
}

std::string SparkCloudTrailDdl(const std::string& table, const std::string& location, bool json_lines) {
  std::string out = "-- CloudTrail files as a Spark SQL view for trailhound's Spark SQL (generated by trailhound sql --ddl spark).\n";
  out += "-- Declared column types keep requestParameters & co. as JSON text; the generated SQL formats times in UTC.\n";
  out += "SET spark.sql.session.timeZone = UTC;\n";
  std::string options = "OPTIONS (recursiveFileLookup 'true')";
  if (json_lines) {
    out += "CREATE TABLE " + table + " (" + SparkEventSchema() + ")\nUSING json " + options + "\nLOCATION '" + location + "';\n";
    return out;
  }
  SchemaNode record{"Records", Kind::kArray, CloudTrailColumns()};
  out += "CREATE TABLE " + table + "_files (Records " + HiveType(record, false) + ")\nUSING json " + options + "\nLOCATION '" +
         location + "';\n";
  out += "CREATE OR REPLACE TEMPORARY VIEW " + table + " AS SELECT inline(Records) FROM " + table + "_files;\n";
  return out;
}

std::string DuckDbReadJsonColumns(bool with_records) {
  std::string out;
  if (with_records) {
    SchemaNode record{"Records", Kind::kArray, CloudTrailColumns()};
    out = "\"Records\": '" + DuckDbType(record) + "'";
  }
  for (const auto& c : CloudTrailColumns()) out += (out.empty() ? "\"" : ", \"") + c.name + "\": '" + DuckDbType(c) + "'";
  return "{" + out + "}";
}

}  // namespace trailhound
