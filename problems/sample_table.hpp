// SampleTable: the samples of a data set (one row per sample, named columns), read from a CSV
// file or drawn by a model's generator. The SGD losses read their per-sample data from it.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

namespace hj {

struct SampleTable {
  std::vector<std::string> columns;
  Eigen::MatrixXd values;  ///< samples x columns
  std::string origin;      ///< "data/points.csv" or "generated (data.seed = 1)", for messages

  Eigen::Index samples() const { return values.rows(); }
  /// The column's index; the table must have it.
  Eigen::Index column(const std::string& name) const;
};

/// Reads the columns `wanted` (in that order) of the CSV file at `path`: a header line of
/// column names, then one line of numbers per sample, separated by commas; blank lines and
/// lines starting with # are skipped. `where` (the origin of data.file) starts every message;
/// throws hj::Error for a missing file, a missing column (naming the ones there are), a line
/// with the wrong number of fields, a value that is not a finite number, or no samples.
SampleTable read_csv(const std::string& path, const std::vector<std::string>& wanted,
                     const std::string& where);

}  // namespace hj
