// NodeField: a per-node scalar that is either one constant or a tabulated array, so that
// problems with constant data cost no memory per node and no branch-heavy lookups.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace hj {

class NodeField {
 public:
  static NodeField constant(double value) { return NodeField(value, {}); }
  static NodeField tabulated(std::vector<double> values) { return NodeField(0, std::move(values)); }

  double operator()(std::size_t node) const { return values_.empty() ? constant_ : values_[node]; }
  bool is_constant() const { return values_.empty(); }
  /// The largest value (the constant, or the largest tabulated one).
  double largest() const {
    return values_.empty() ? constant_ : *std::max_element(values_.begin(), values_.end());
  }

 private:
  NodeField(double constant, std::vector<double> values)
      : constant_(constant), values_(std::move(values)) {}
  double constant_;
  std::vector<double> values_;
};

}  // namespace hj
