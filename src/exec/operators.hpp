#pragma once
// Factories for the physical operators, one per command (each implemented in its own file).
#include "exec/evaluator.hpp"
#include "exec/operator.hpp"
#include "spl/command_ast.hpp"
#include "spl/row_command_ast.hpp"

namespace trailhound {

OperatorPtr MakeSearchOperator(const SearchCommand& cmd);
OperatorPtr MakeWhereOperator(const WhereCommand& cmd, const Evaluator& evaluator);
OperatorPtr MakeEvalOperator(const EvalCommand& cmd, const Evaluator& evaluator);
OperatorPtr MakeBinOperator(const BinCommand& cmd, const EvalSettings& settings);
OperatorPtr MakeStatsOperator(const StatsCommand& cmd, const Evaluator& evaluator);
OperatorPtr MakeConvertOperator(const ConvertCommand& cmd, const EvalSettings& settings);
OperatorPtr MakeRenameOperator(const RenameCommand& cmd);
OperatorPtr MakeTableOperator(const TableCommand& cmd);
OperatorPtr MakeFieldsOperator(const FieldsCommand& cmd);
OperatorPtr MakeSortOperator(const SortCommand& cmd);
OperatorPtr MakeHeadOperator(const HeadCommand& cmd);
// Extraction and reshaping commands.
OperatorPtr MakeSpathOperator(const SpathCommand& cmd);
OperatorPtr MakeRexOperator(const RexCommand& cmd);
OperatorPtr MakeMvexpandOperator(const MvexpandCommand& cmd);
OperatorPtr MakeFillnullOperator(const FillnullCommand& cmd);

// Multi-row commands, subsearches and lookups.
class QueryPlan;
class LookupTable;
// At the front of a plan with subsearches: pushes a copy of every event into each child plan,
// and finishes them before the rest of the chain (so join/append see complete results).
OperatorPtr MakeSubsearchTap(std::vector<QueryPlan*> children);
OperatorPtr MakeJoinOperator(const JoinCommand& cmd, QueryPlan& subsearch);
OperatorPtr MakeAppendOperator(const AppendCommand& cmd, QueryPlan& subsearch);
OperatorPtr MakeEventstatsOperator(const EventstatsCommand& cmd, const Evaluator& evaluator);
OperatorPtr MakeAnomalyDetectionOperator(const AnomalyDetectionCommand& cmd);
// Throw QueryError when a named column is not in the table.
OperatorPtr MakeLookupOperator(const LookupCommand& cmd, std::shared_ptr<const LookupTable> table);
OperatorPtr MakeInputlookupOperator(const InputlookupCommand& cmd, std::shared_ptr<const LookupTable> table);

}  // namespace trailhound
