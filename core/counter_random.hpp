// CounterRandom: random numbers as a pure function of (seed, stream, index, component), from
// Random123's Philox4x32-10. Nothing is carried from one draw to the next, so a data set drawn
// sample by sample, or Monte Carlo paths drawn on any number of threads, come out the same.
#pragma once

#include <Random123/philox.h>
#include <Random123/boxmuller.hpp>
#include <Random123/uniform.hpp>
#include <array>
#include <cstdint>

namespace hj {

class CounterRandom {
 public:
  /// `stream` separates independent uses of one seed (features, labels, noise, ...).
  CounterRandom(std::uint64_t seed, std::uint32_t stream) : stream_(stream) {
    key_ = {{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  }

  /// A standard normal number; (index, component) name it.
  double normal(std::uint64_t index, std::uint32_t component) const {
    const auto words = draw(index, component / 2);
    const r123::double2 pair = r123::boxmuller(join(words[0], words[1]), join(words[2], words[3]));
    return component % 2 == 0 ? pair.x : pair.y;
  }

  /// Two independent standard normal numbers from one Philox call: components 2 block and
  /// 2 block + 1 of normal(index, .). Simulations draw them in pairs.
  std::array<double, 2> normal_pair(std::uint64_t index, std::uint32_t block) const {
    const auto words = draw(index, block);
    const r123::double2 pair = r123::boxmuller(join(words[0], words[1]), join(words[2], words[3]));
    return {pair.x, pair.y};
  }

  /// Four independent standard normal numbers in single precision from one Philox call (32-bit
  /// uniforms: |z| <= 6.7), for simulations where the step's noise needs no more: block `block`.
  std::array<float, 4> normal_quad(std::uint64_t index, std::uint32_t block) const {
    const auto words = draw(index, block);
    const r123::float2 first = r123::boxmuller(words[0], words[1]);
    const r123::float2 second = r123::boxmuller(words[2], words[3]);
    return {first.x, first.y, second.x, second.y};
  }

  /// Four independent uniform 32-bit words from one Philox call: block `block` of `index`.
  std::array<std::uint32_t, 4> words(std::uint64_t index, std::uint32_t block) const {
    const auto w = draw(index, block);
    return {w[0], w[1], w[2], w[3]};
  }

  /// A number uniform in (0, 1]; (index, component) name it.
  double uniform(std::uint64_t index, std::uint32_t component) const {
    const auto words = draw(index, component / 2);
    return component % 2 == 0 ? r123::u01<double>(join(words[0], words[1]))
                              : r123::u01<double>(join(words[2], words[3]));
  }

 private:
  using Philox = r123::Philox4x32;

  Philox::ctr_type draw(std::uint64_t index, std::uint32_t block) const {
    const Philox::ctr_type counter = {{static_cast<std::uint32_t>(index),
                                       static_cast<std::uint32_t>(index >> 32), stream_, block}};
    return Philox()(counter, key_);
  }
  static std::uint64_t join(std::uint32_t low, std::uint32_t high) {
    return static_cast<std::uint64_t>(high) << 32 | low;
  }

  Philox::key_type key_;
  std::uint32_t stream_;
};

}  // namespace hj
