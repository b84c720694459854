// Per-node state of the Marcher, one byte per node: the marching state in the low two bits and
// flags above. Written to the .vti as "flags" so a user can see what the solver did where.
#pragma once

#include <cstdint>

namespace hj {

enum class NodeState : std::uint8_t {
  far = 0,         ///< no tentative value yet
  considered = 1,  ///< tentative value, in the heap
  front = 2,       ///< accepted, with a neighbour not yet accepted
  accepted = 3,    ///< accepted, every neighbour accepted too
};

namespace node_flags {
constexpr std::uint8_t state_mask = 0b011;
constexpr std::uint8_t seeded = 0b100;  ///< value set by the near-source seed, not by an update
}  // namespace node_flags

inline NodeState state_of(std::uint8_t flags) {
  return static_cast<NodeState>(flags & node_flags::state_mask);
}
inline bool is_accepted(std::uint8_t flags) {
  return (flags & node_flags::state_mask) >= static_cast<std::uint8_t>(NodeState::front);
}
inline void set_state(std::uint8_t& flags, NodeState state) {
  flags = static_cast<std::uint8_t>((flags & ~node_flags::state_mask) |
                                    static_cast<std::uint8_t>(state));
}

}  // namespace hj
