#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace hj {

ProgressDisplay::ProgressDisplay(std::string label, bool enabled)
    : label_(std::move(label)),
      active_(enabled && isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

ProgressDisplay::~ProgressDisplay() {
  if (printed_) std::fprintf(stderr, "\r\033[K");  // clear the line, leave the terminal clean
}

void ProgressDisplay::update(std::uint64_t done, std::uint64_t total) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || std::chrono::duration<double>(now - last_print_).count() < 0.1) return;
  last_print_ = now;
  printed_ = true;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0;
  std::fprintf(stderr, "\r\033[K%s: %5.1f%%  %llu / %llu nodes  %.1f s", label_.c_str(),
               100 * fraction, static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total), elapsed);
  std::fflush(stderr);
}

}  // namespace hj
