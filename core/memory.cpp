#include "core/memory.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace hj {
namespace {
// Reads "Key:   1234 kB" from a /proc file; returns bytes, or 0 if the key is missing.
std::uint64_t read_kib_field(const char* path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) {
      std::istringstream fields(line.substr(key.size() + 1));
      std::uint64_t kib = 0;
      fields >> kib;
      return kib * 1024;
    }
  }
  return 0;
}
}  // namespace

std::uint64_t peak_rss_bytes() { return read_kib_field("/proc/self/status", "VmHWM"); }
std::uint64_t current_rss_bytes() { return read_kib_field("/proc/self/status", "VmRSS"); }
std::uint64_t available_memory_bytes() { return read_kib_field("/proc/meminfo", "MemAvailable"); }

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (bytes >= 1024 && u < 4) {
    bytes /= 1024;
    ++u;
  }
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return text;
}

}  // namespace hj
