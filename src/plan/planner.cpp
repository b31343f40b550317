// Turns a parsed pipeline into operators, and works out which event fields it reads (projection)
// and which columns it outputs.
#include <algorithm>

#include "common/error.hpp"
#include "exec/lookup_registry.hpp"
#include "exec/operators.hpp"
#include "plan/query_plan.hpp"
#include "spl/pipeline_parser.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

namespace {

void NeedPattern(Projection& p, const std::string& pattern) {
  size_t star = pattern.find('*');
  if (star == std::string::npos) {
    p.AddField(pattern);
  } else {
    p.AddPrefix(pattern.substr(0, star));  // "" (a leading *) means every field
  }
}

void NeedFields(Projection& p, const std::vector<FieldId>& ids) {
  for (FieldId id : ids) p.AddField(FieldNames::Name(id));
}

// Adds the event fields a command reads; returns true when the command ends the event stage
// (after it, rows are results and no further event fields can be needed).
bool AddNeeds(const Command& c, Projection& p) {
  std::vector<FieldId> ids;
  switch (c.kind) {
    case CommandKind::kSearch: CollectFields(*static_cast<const SearchCommand&>(c).expr, ids); break;
    case CommandKind::kWhere: CollectFields(*static_cast<const WhereCommand&>(c).expr, ids); break;
    case CommandKind::kEval:
      for (const auto& a : static_cast<const EvalCommand&>(c).assignments) CollectFields(*a.expr, ids);
      break;
    case CommandKind::kBin: ids.push_back(static_cast<const BinCommand&>(c).field); break;
    case CommandKind::kStats: {
      const auto& s = static_cast<const StatsCommand&>(c);
      ids = s.by;
      for (const auto& a : s.aggregates) {
        if (a.field) ids.push_back(*a.field);
        if (a.eval) CollectFields(*a.eval, ids);
        if (a.field_pattern) NeedPattern(p, *a.field_pattern);
      }
      NeedFields(p, ids);
      return true;
    }
    case CommandKind::kConvert:
      for (const auto& cv : static_cast<const ConvertCommand&>(c).conversions) NeedPattern(p, cv.field);
      break;
    case CommandKind::kRename:
      for (const auto& [from, to] : static_cast<const RenameCommand&>(c).pairs) NeedPattern(p, from);
      break;
    case CommandKind::kTable:
      for (const auto& f : static_cast<const TableCommand&>(c).fields) NeedPattern(p, f);
      return true;
    case CommandKind::kFields: {
      const auto& f = static_cast<const FieldsCommand&>(c);
      if (f.remove) return false;
      for (const auto& name : f.fields) NeedPattern(p, name);
      return true;
    }
    case CommandKind::kSort:
      for (const auto& k : static_cast<const SortCommand&>(c).keys) ids.push_back(k.field);
      break;
    case CommandKind::kHead: break;
    // Multi-row commands, subsearches and lookups (a subsearch's own needs are merged by the planner).
    case CommandKind::kJoin: {
      const auto& j = static_cast<const JoinCommand&>(c);
      if (j.fields.empty()) p.SetAll();  // any field may be common to both sides
      ids = j.fields;
      break;
    }
    case CommandKind::kAppend: break;
    case CommandKind::kEventstats: {
      const auto& s = *static_cast<const EventstatsCommand&>(c).stats;
      ids = s.by;
      for (const auto& a : s.aggregates) {
        if (a.field) ids.push_back(*a.field);
        if (a.eval) CollectFields(*a.eval, ids);
      }
      break;
    }
    case CommandKind::kAnomalyDetection: {
      const auto& a = static_cast<const AnomalyDetectionCommand&>(c);
      if (a.fields.empty()) p.SetAll();
      ids = a.fields;
      break;
    }
    case CommandKind::kLookup: {
      const auto& l = static_cast<const LookupCommand&>(c);
      for (const auto& in : l.inputs) ids.push_back(in.field);
      if (l.output_new) {
        for (const auto& out : l.outputs) ids.push_back(out.field);  // OUTPUTNEW reads whether they exist
      }
      break;
    }
    case CommandKind::kInputlookup:
      // A generating inputlookup replaces the events: none of their fields are read.
      return !static_cast<const InputlookupCommand&>(c).append;
    // Extraction and reshaping commands. _raw is always at hand (Row::raw()), so reading it
    // needs no event field.
    case CommandKind::kSpath: {
      FieldId input = static_cast<const SpathCommand&>(c).input;
      if (input != fields::Raw()) ids.push_back(input);
      break;
    }
    case CommandKind::kRex: {
      FieldId field = static_cast<const RexCommand&>(c).field;
      if (field != fields::Raw()) ids.push_back(field);
      break;
    }
    case CommandKind::kMvexpand: ids.push_back(static_cast<const MvexpandCommand&>(c).field); break;
    case CommandKind::kFillnull: break;  // only fills; fields read later are projected by their readers
  }
  NeedFields(p, ids);
  return false;
}

// How a command changes explicit output columns (nullopt: the union of row fields).
void UpdateColumns(const Command& c, std::optional<std::vector<FieldId>>& cols) {
  auto append = [&](FieldId id) {
    if (cols && std::find(cols->begin(), cols->end(), id) == cols->end()) cols->push_back(id);
  };
  switch (c.kind) {
    case CommandKind::kStats: {
      const auto& s = static_cast<const StatsCommand&>(c);
      cols = s.by;
      for (const auto& a : s.aggregates) {
        if (a.field_pattern) {
          // Wildcard aggregates: the columns depend on the fields the rows have.
          cols.reset();
          return;
        }
        append(a.output);
      }
      break;
    }
    case CommandKind::kTable: {
      const auto& t = static_cast<const TableCommand&>(c);
      cols = std::vector<FieldId>();
      for (const auto& f : t.fields) {
        if (f.find('*') != std::string::npos) {
          cols.reset();
          return;
        }
        append(FieldNames::Intern(f));
      }
      break;
    }
    case CommandKind::kEval:
      for (const auto& a : static_cast<const EvalCommand&>(c).assignments) append(a.target);
      break;
    case CommandKind::kBin:
      if (auto as = static_cast<const BinCommand&>(c).as) append(*as);
      break;
    case CommandKind::kConvert:
      for (const auto& cv : static_cast<const ConvertCommand&>(c).conversions) {
        if (cv.as) append(*cv.as);
      }
      break;
    case CommandKind::kRename:
      if (!cols) break;
      for (const auto& [from, to] : static_cast<const RenameCommand&>(c).pairs) {
        if (from.find('*') != std::string::npos) {
          cols.reset();
          return;
        }
        FieldId f = FieldNames::Intern(from), t = FieldNames::Intern(to);
        cols->erase(std::remove(cols->begin(), cols->end(), t), cols->end());
        std::replace(cols->begin(), cols->end(), f, t);
      }
      break;
    case CommandKind::kFields: {
      if (!cols) break;
      const auto& f = static_cast<const FieldsCommand&>(c);
      auto listed = [&](FieldId id) {
        return std::any_of(f.fields.begin(), f.fields.end(), [&](const std::string& p) { return p == FieldNames::Name(id) || p == "*"; });
      };
      cols->erase(std::remove_if(cols->begin(), cols->end(), [&](FieldId id) { return f.remove == listed(id); }), cols->end());
      break;
    }
    // Multi-row commands and lookups (join/append: in PlanQueryAt, which knows the subsearch's columns).
    case CommandKind::kEventstats:
      for (const auto& a : static_cast<const EventstatsCommand&>(c).stats->aggregates) append(a.output);
      break;
    case CommandKind::kAnomalyDetection:
      if (static_cast<const AnomalyDetectionCommand&>(c).action == AnomalyDetectionCommand::Action::kSummary) {
        cols = std::vector<FieldId>();
        for (const char* name : {"num_anomalies", "thresh", "max_logprob", "min_logprob", "1st_quartile", "3rd_quartile"}) {
          append(FieldNames::Intern(name));
        }
      } else {
        for (const char* name : kAnomalyAnnotationFields) append(FieldNames::Intern(name));
      }
      break;
    case CommandKind::kLookup: {
      const auto& l = static_cast<const LookupCommand&>(c);
      if (!l.has_output_clause) {
        cols.reset();  // every table column: known only once the table is loaded
        break;
      }
      for (const auto& out : l.outputs) append(out.field);
      break;
    }
    case CommandKind::kInputlookup: cols.reset(); break;
    // Extraction and reshaping commands.
    case CommandKind::kSpath: {
      const auto& sp = static_cast<const SpathCommand&>(c);
      if (!sp.path) {
        cols.reset();  // auto-extract: the fields depend on the data
        return;
      }
      append(sp.output ? *sp.output : FieldNames::Intern(*sp.path));
      break;
    }
    case CommandKind::kRex: {
      const auto& r = static_cast<const RexCommand&>(c);
      for (const auto& g : r.group_fields) {
        if (g) append(*g);
      }
      if (r.offset_field) append(*r.offset_field);
      break;
    }
    case CommandKind::kFillnull:
      for (FieldId f : static_cast<const FillnullCommand&>(c).fields) append(f);
      break;
    default: break;
  }
}

constexpr int kMaxSubsearchDepth = 8;  // Splunk's max_subsearch_depth

std::shared_ptr<const LookupTable> ResolveLookup(const PlanContext& context, const std::string& name, size_t position) {
  if (context.lookups == nullptr) {
    throw QueryError("unknown lookup '" + name + "': no lookups loaded (use --lookups DIR or --content DIR)", position);
  }
  return context.lookups->Resolve(name, position);
}

// Commands whose operator turns each row into zero or more rows by itself, keeping no state
// between rows: a copy per worker thread gives the same rows as one operator.
bool IsRowLocal(const Command& c) {
  switch (c.kind) {
    case CommandKind::kSearch:
    case CommandKind::kWhere:
    case CommandKind::kEval:
    case CommandKind::kConvert:
    case CommandKind::kRename:
    case CommandKind::kFields:
    case CommandKind::kSpath:
    case CommandKind::kRex:
    case CommandKind::kMvexpand:
    case CommandKind::kLookup: return true;
    case CommandKind::kBin: return true;  // spans only: bins=N is not supported
    case CommandKind::kFillnull: return !static_cast<const FillnullCommand&>(c).fields.empty();
    default: return false;
  }
}

// A stats whose output columns are known before the data (no wildcard aggregates): per-thread
// states merge group by group.
bool IsMergeableStats(const Command& c) {
  if (c.kind != CommandKind::kStats) return false;
  const auto& aggs = static_cast<const StatsCommand&>(c).aggregates;
  return std::none_of(aggs.begin(), aggs.end(), [](const AggregateSpec& a) { return a.field_pattern.has_value(); });
}

}  // namespace

std::unique_ptr<QueryPlan> QueryPlan::Replan() const { return PlanQueryAt(query_, context_, depth_); }

std::unique_ptr<QueryPlan> PlanQuery(const std::string& query, const EvalSettings& settings) {
  PlanContext context;
  context.settings = settings;
  return PlanQueryAt(query, context, 0);
}

std::unique_ptr<QueryPlan> PlanQuery(const std::string& query, const PlanContext& context) { return PlanQueryAt(query, context, 0); }

std::unique_ptr<QueryPlan> PlanQueryAt(const std::string& query, const PlanContext& context, int depth) {
  const EvalSettings& settings = context.settings;
  auto plan = std::unique_ptr<QueryPlan>(new QueryPlan());
  plan->query_ = query;
  plan->context_ = context;
  plan->depth_ = depth;
  plan->pipeline_ = ParsePipeline(query);
  plan->evaluator_ = std::make_unique<Evaluator>(settings);
  const Evaluator& ev = *plan->evaluator_;
  bool bounded = false;
  for (const auto& cmd : plan->pipeline_.commands) {
    const Command& c = *cmd;
    if (!bounded) bounded = AddNeeds(c, plan->needed_);
    UpdateColumns(c, plan->columns_);
    switch (c.kind) {
      case CommandKind::kSearch: plan->operators_.push_back(MakeSearchOperator(static_cast<const SearchCommand&>(c))); break;
      case CommandKind::kWhere: plan->operators_.push_back(MakeWhereOperator(static_cast<const WhereCommand&>(c), ev)); break;
      case CommandKind::kEval: plan->operators_.push_back(MakeEvalOperator(static_cast<const EvalCommand&>(c), ev)); break;
      case CommandKind::kBin: plan->operators_.push_back(MakeBinOperator(static_cast<const BinCommand&>(c), settings)); break;
      case CommandKind::kStats: {
        const auto& s = static_cast<const StatsCommand&>(c);
        plan->operators_.push_back(MakeStatsOperator(s, ev));
        if (std::any_of(s.aggregates.begin(), s.aggregates.end(), [](const AggregateSpec& a) { return a.field_pattern.has_value(); })) {
          plan->columns_source_ = plan->operators_.back().get();
          plan->columns_source_command_ = static_cast<size_t>(&cmd - &plan->pipeline_.commands.front());
        }
        break;
      }
      case CommandKind::kConvert: plan->operators_.push_back(MakeConvertOperator(static_cast<const ConvertCommand&>(c), settings)); break;
      case CommandKind::kRename: plan->operators_.push_back(MakeRenameOperator(static_cast<const RenameCommand&>(c))); break;
      case CommandKind::kTable: plan->operators_.push_back(MakeTableOperator(static_cast<const TableCommand&>(c))); break;
      case CommandKind::kFields: plan->operators_.push_back(MakeFieldsOperator(static_cast<const FieldsCommand&>(c))); break;
      case CommandKind::kSort: plan->operators_.push_back(MakeSortOperator(static_cast<const SortCommand&>(c))); break;
      case CommandKind::kHead: plan->operators_.push_back(MakeHeadOperator(static_cast<const HeadCommand&>(c))); break;
      // Multi-row commands, subsearches and lookups.
      case CommandKind::kJoin:
      case CommandKind::kAppend: {
        const Subsearch& sub = c.kind == CommandKind::kJoin ? static_cast<const JoinCommand&>(c).subsearch
                                                            : static_cast<const AppendCommand&>(c).subsearch;
        if (depth + 1 > kMaxSubsearchDepth) throw QueryError("subsearches are nested more than 8 levels deep", sub.begin);
        auto child = PlanQueryAt(sub.text, context, depth + 1);
        if (plan->columns_ && child->columns_) {
          for (FieldId id : *child->columns_) {
            if (std::find(plan->columns_->begin(), plan->columns_->end(), id) == plan->columns_->end()) plan->columns_->push_back(id);
          }
        } else {
          plan->columns_.reset();
        }
        plan->operators_.push_back(c.kind == CommandKind::kJoin ? MakeJoinOperator(static_cast<const JoinCommand&>(c), *child)
                                                                : MakeAppendOperator(static_cast<const AppendCommand&>(c), *child));
        plan->subsearches_.push_back(std::move(child));
        break;
      }
      case CommandKind::kEventstats:
        plan->operators_.push_back(MakeEventstatsOperator(static_cast<const EventstatsCommand&>(c), ev));
        break;
      case CommandKind::kAnomalyDetection:
        plan->operators_.push_back(MakeAnomalyDetectionOperator(static_cast<const AnomalyDetectionCommand&>(c)));
        break;
      case CommandKind::kLookup: {
        const auto& l = static_cast<const LookupCommand&>(c);
        plan->operators_.push_back(MakeLookupOperator(l, ResolveLookup(context, l.table, l.table_position)));
        break;
      }
      case CommandKind::kInputlookup: {
        const auto& l = static_cast<const InputlookupCommand&>(c);
        if (!l.append && &c != plan->pipeline_.commands.front().get()) {
          throw QueryError("inputlookup must be the first command (use inputlookup append=t to add its rows)", c.position);
        }
        plan->operators_.push_back(MakeInputlookupOperator(l, ResolveLookup(context, l.table, l.table_position)));
        break;
      }
      // Extraction and reshaping commands.
      case CommandKind::kSpath: plan->operators_.push_back(MakeSpathOperator(static_cast<const SpathCommand&>(c))); break;
      case CommandKind::kRex: plan->operators_.push_back(MakeRexOperator(static_cast<const RexCommand&>(c))); break;
      case CommandKind::kMvexpand: plan->operators_.push_back(MakeMvexpandOperator(static_cast<const MvexpandCommand&>(c))); break;
      case CommandKind::kFillnull: plan->operators_.push_back(MakeFillnullOperator(static_cast<const FillnullCommand&>(c))); break;
    }
  }
  // Without a command that bounds the output to named fields, every event field is output.
  if (!bounded) plan->needed_.SetAll();
  plan->needed_.AddField("_time");
  // Subsearches read the same events: the scan extracts what they need too.
  std::vector<QueryPlan*> children;
  for (auto& child : plan->subsearches_) {
    plan->needed_.Merge(child->needed_);
    children.push_back(child.get());
  }
  auto collector = std::make_unique<ResultCollector>();
  plan->collector_ = collector.get();
  plan->operators_.push_back(std::move(collector));
  if (!children.empty()) {
    plan->operators_.insert(plan->operators_.begin(), MakeSubsearchTap(std::move(children)));
  } else {
    // Operators map one to one to commands here (the collector comes last).
    const auto& commands = plan->pipeline_.commands;
    size_t n = 0;
    while (n < commands.size() && IsRowLocal(*commands[n])) ++n;
    plan->parallel_prefix_ = n;
    plan->mergeable_after_prefix_ = n < commands.size() && IsMergeableStats(*commands[n]);
  }
  for (size_t i = 0; i + 1 < plan->operators_.size(); ++i) plan->operators_[i]->set_next(plan->operators_[i + 1].get());
  return plan;
}

std::optional<std::vector<FieldId>> QueryPlan::ResultColumns() const {
  if (columns_source_ == nullptr) return columns_;
  std::optional<std::vector<FieldId>> cols = columns_source_->ResultColumns();
  if (!cols) return columns_;
  for (size_t i = columns_source_command_ + 1; i < pipeline_.commands.size(); ++i) UpdateColumns(*pipeline_.commands[i], cols);
  return cols;
}

std::vector<std::string> QueryPlan::Notes() const {
  std::vector<std::string> out;
  operators_.front()->Notes(out);
  return out;
}

std::string QueryPlan::Explain() const {
  std::string out = "query: " + pipeline_.text + "\ncommands:";
  for (const auto& c : pipeline_.commands) out += " " + c->name;
  out += "\nevent fields read: " + needed_.Describe() + "\n";
  for (const auto& sub : subsearches_) {
    std::string text = sub->Explain();
    size_t start = text.find_first_not_of(' ', 7);  // drop the blanked-out outer query
    out += "subsearch: " + text.substr(start == std::string::npos ? 0 : start);
  }
  return out;
}

}  // namespace trailhound
