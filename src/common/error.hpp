#pragma once
// Errors that end a command, with the kind that decides the exit code. Expected, per-record
// problems (a bad line, an unreadable file among many) are counted in summaries, not thrown.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace trailhound {

// Exit codes, documented in the README.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,   // a bug: please report
  kExitTestsFailed = 1,  // `trailhound test`: a test failed (a bug elsewhere is still 1)
  kExitUsage = 2,      // bad command line
  kExitQuery = 3,      // bad SPL, unknown command/function/macro, bad detection or profile file
  kExitInput = 4,      // an input path could not be read at all (the others were still processed)
  kExitOutput = 5,     // the results could not be written (standard output closed, disk full)
  kExitNotCompiled = 6,  // `trailhound sql`: some detection has no faithful SQL (the others are printed)
};

enum class ErrorKind { kUsage, kQuery, kInput, kInternal };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message) : std::runtime_error(std::move(message)), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  int exit_code() const;

 private:
  ErrorKind kind_;
};

// An error in a query, pointing at a byte offset of the query text.
class QueryError : public Error {
 public:
  QueryError(std::string message, size_t position) : Error(ErrorKind::kQuery, std::move(message)), position_(position) {}
  size_t position() const { return position_; }

 private:
  size_t position_;
};

// "message\n  <query>\n  ^" with the caret under `position`; long queries are trimmed around it.
std::string RenderQueryError(const std::string& query, const QueryError& error);

}  // namespace trailhound
