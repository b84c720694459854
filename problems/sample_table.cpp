#include "problems/sample_table.hpp"

#include <charconv>
#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "core/options.hpp"

namespace hj {

Eigen::Index SampleTable::column(const std::string& name) const {
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k] == name) return static_cast<Eigen::Index>(k);
  }
  HJ_CHECK(false, "sample table has no column " + name);
  return -1;
}

namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return fields;
}

bool skipped(const std::string& line) {
  const std::string text = trim(line);
  return text.empty() || text[0] == '#';
}

}  // namespace

SampleTable read_csv(const std::string& path, const std::vector<std::string>& wanted,
                     const std::string& where) {
  std::ifstream in(path);
  if (!in) {
    throw Error(where + ": cannot open the data file '" + path +
                "'; check the path (in a problem file a relative path starts at the file's folder, "
                "with --set at the current directory)");
  }
  std::string line;
  std::size_t line_number = 0;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    ++line_number;
    if (skipped(line)) continue;
    header = split_fields(line);
    break;
  }
  if (header.empty()) {
    throw Error(where + ": the data file '" + path +
                "' is empty; it needs a header line of column names, then one line per sample");
  }
  std::vector<std::size_t> positions;
  for (const std::string& name : wanted) {
    const auto found = std::find(header.begin(), header.end(), name);
    if (found == header.end()) {
      const std::string close = closest_match(name, header);
      throw Error(where + ": the data file '" + path + "' has no column '" + name +
                  "'; its columns are " + join(header) +
                  (close.empty() ? "" : " (did you mean '" + close + "'?)"));
    }
    positions.push_back(static_cast<std::size_t>(found - header.begin()));
  }
  std::vector<double> numbers;
  const std::string file_line = path + ":";
  while (std::getline(in, line)) {
    ++line_number;
    if (skipped(line)) continue;
    const std::vector<std::string> fields = split_fields(line);
    const std::string at = where + ": " + file_line + std::to_string(line_number);
    if (fields.size() != header.size()) {
      throw Error(at + ": " + std::to_string(fields.size()) + " fields, but the header has " +
                  std::to_string(header.size()) + "; give one value per column");
    }
    for (std::size_t k = 0; k < wanted.size(); ++k) {
      const std::string& field = fields[positions[k]];
      double value = 0;
      const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
      if (field.empty() || error != std::errc() || end != field.data() + field.size()) {
        throw Error(at + ": column '" + wanted[k] + "' = '" + field + "' is not a number");
      }
      if (!std::isfinite(value)) {
        throw Error(at + ": column '" + wanted[k] + "' = " + field +
                    " is not finite; remove or repair the sample");
      }
      numbers.push_back(value);
    }
  }
  const auto rows =
      static_cast<Eigen::Index>(numbers.size() / std::max<std::size_t>(wanted.size(), 1));
  if (rows == 0) {
    throw Error(where + ": the data file '" + path + "' has a header but no samples");
  }
  SampleTable table;
  table.columns = wanted;
  table.origin = path;
  table.values =
      Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
          numbers.data(), rows, static_cast<Eigen::Index>(wanted.size()));
  return table;
}

}  // namespace hj
