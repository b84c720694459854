// Freidlin-Wentzell's W-graphs: from the barriers V(O_i, O_j) between attractors, the cost W(O_k)
// of the cheapest k-graph (every other attractor i sends one arrow i -> j, and following arrows
// from anywhere ends at k, without cycles). The long-run (eps -> 0) stationary measure
// concentrates where W is smallest: the attractor SGD or the SDE prefers. With n attractors
// the graphs are enumerated (n^(n-1) arrow choices), so n is kept small.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include "core/error.hpp"

namespace hj {

constexpr int max_w_graph_attractors = 7;

/// W(O_k) - min_j W(O_j) for every k; `barrier[i][j]` = V(O_i, O_j), the diagonal unused.
inline std::vector<double> w_graph_potential(const std::vector<std::vector<double>>& barrier) {
  const int n = static_cast<int>(barrier.size());
  HJ_CHECK(n >= 1 && n <= max_w_graph_attractors, "W-graphs enumerate at most 7 attractors");
  std::vector<double> W(n, std::numeric_limits<double>::infinity());
  std::vector<int> arrow(n, 0);  // arrow[i]: where attractor i points (arrow[root] unused)
  for (int root = 0; root < n; ++root) {
    std::vector<int> others;
    for (int i = 0; i < n; ++i) {
      if (i != root) others.push_back(i);
    }
    // Every choice of arrows for the others, like counting in base n.
    for (int i : others) arrow[i] = 0;
    while (true) {
      bool valid = true;
      double cost = 0;
      for (int i : others) {
        if (arrow[i] == i) valid = false;
        cost += barrier[i][arrow[i]];
      }
      // Following the arrows from each attractor must reach the root within n steps.
      for (int i = 0; valid && i < n; ++i) {
        int at = i;
        for (int step = 0; step < n && at != root; ++step) at = arrow[at];
        valid = at == root;
      }
      if (valid) W[root] = std::min(W[root], cost);
      std::size_t k = 0;
      while (k < others.size() && ++arrow[others[k]] == n) arrow[others[k++]] = 0;
      if (k == others.size()) break;
    }
  }
  const double least = *std::min_element(W.begin(), W.end());
  for (double& w : W) w -= least;
  return W;
}

}  // namespace hj
