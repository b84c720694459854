// Reading problem files (TOML) and `--set table.key=value` overrides into raw settings.
// toml++ stays inside problem_file.cpp.
#pragma once

#include <string>
#include <string_view>

#include "core/options.hpp"

namespace hj {

/// Reads a problem file. Throws hj::Error for a missing file or a TOML syntax error (with line and
/// column), and for values hj cannot represent.
RawSettings read_problem_file(const std::string& path);

/// The same, from text; `source_name` is used in messages.
RawSettings parse_problem_text(std::string_view text, const std::string& source_name);

/// Applies one `table.key=value` override. The value is read as TOML; a bare word is a string,
/// so `--set solver.type=fmm` works without quotes.
void apply_override(RawSettings& settings, const std::string& assignment);

}  // namespace hj
