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
/// Bits 3-4: which kind of local update gave the current value (0: none or seed; the meaning of
/// 1..3 is the update's, e.g. one-point and triangle for line integrals; see Result).
constexpr std::uint8_t kind_shift = 3;
constexpr std::uint8_t kind_mask = 0b11000;
}  // namespace node_flags

inline int update_kind_of(std::uint8_t flags) {
  return (flags & node_flags::kind_mask) >> node_flags::kind_shift;
}
inline void set_update_kind(std::uint8_t& flags, int kind) {
  flags = static_cast<std::uint8_t>((flags & ~node_flags::kind_mask) |
                                    ((kind << node_flags::kind_shift) & node_flags::kind_mask));
}

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
