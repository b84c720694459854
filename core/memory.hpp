// Process memory as the kernel reports it (Linux /proc), for statistics and up-front checks.
#pragma once

#include <cstdint>
#include <string>

namespace hj {

/// Peak resident set size of this process so far (VmHWM), in bytes; 0 if unknown.
std::uint64_t peak_rss_bytes();
/// Current resident set size (VmRSS), in bytes; 0 if unknown.
std::uint64_t current_rss_bytes();
/// Memory the kernel estimates is available for new allocations (MemAvailable), in bytes.
std::uint64_t available_memory_bytes();
/// "1.5 GiB"
std::string format_bytes(double bytes);

}  // namespace hj
