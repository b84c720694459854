// hj::Error and the HJ_ check macros.
//
// Configuration and input errors throw hj::Error before any work starts; the program prints its
// message as one line and exits non-zero. Numerical outcomes are never errors: they are a status
// in the Result (see solvers/result.hpp).
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace hj {

/// An error in the user's input or configuration. The message names what, where, and what to do.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
[[noreturn]] inline void check_failed(const char* condition, const char* file, int line,
                                      const std::string& message) {
  std::ostringstream out;
  out << "internal check failed: " << condition << " (" << file << ":" << line << ")";
  if (!message.empty()) out << ": " << message;
  throw std::logic_error(out.str());
}
}  // namespace detail

}  // namespace hj

/// Always-on invariant check. A failure is a bug in hj, not a user error.
#define HJ_CHECK(condition, message)                                         \
  do {                                                                       \
    if (!(condition)) {                                                      \
      ::hj::detail::check_failed(#condition, __FILE__, __LINE__, (message)); \
    }                                                                        \
  } while (false)

/// Debug-only check, for the inner loops.
#ifdef NDEBUG
#define HJ_ASSERT(condition) ((void)0)
#else
#define HJ_ASSERT(condition) HJ_CHECK(condition, "")
#endif
