// Writers for what a user opens in ParaView: fields (.vti), polylines (.vtp), series (.pvd).
// VTK stays inside vtk_writers.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "meshes/structured_grid.hpp"

namespace hj {

/// One named per-node array to write; the data is borrowed, not copied.
struct NamedArray {
  std::string name;
  std::variant<std::span<const double>, std::span<const std::uint32_t>,
               std::span<const std::uint8_t>>
      data;
  int components = 1;  ///< values per node (a gradient has dim), interleaved
};

/// Writes `.vti` image data (zlib-compressed, appended raw binary). The file appears under its
/// name only once complete: it is written to a temporary name and renamed.
template <int dim>
void write_vti(const std::string& path, const StructuredGrid<dim>& grid,
               const std::vector<NamedArray>& arrays);

/// One polyline (a minimum action path) with a value attached to the whole line.
struct Polyline {
  std::vector<std::array<double, 3>> points;  ///< 2-d points have z = 0
  double value;                               ///< e.g. the path's action
  int kind = 0;                               ///< e.g. how the path was computed
};

/// Writes polylines as `.vtp` poly data (cell array `value_name`, and `kind_name` holding each
/// line's kind when not empty), atomically.
void write_vtp(const std::string& path, const std::vector<Polyline>& lines,
               const std::string& value_name, const std::string& kind_name = "");

/// Writes points (vertices) as `.vtp` poly data with point arrays of equal length, e.g. exit
/// points with their exit times, atomically.
void write_points_vtp(const std::string& path, const std::vector<std::array<double, 3>>& points,
                      const std::vector<std::pair<std::string, std::vector<double>>>& arrays);

/// Creates `dir` (and its parents) for a command's outputs; hj::Error naming it if it cannot.
void create_output_directory(const std::string& dir);

/// One dataset of a series (an eps sweep, a refinement level) and its time or level value.
struct SeriesEntry {
  double time;
  std::string file;  ///< relative to the .pvd
  int part = 0;      ///< datasets of different parts open together (one block each)
};

/// Writes a ParaView collection (`.pvd`) grouping the entries, atomically.
void write_pvd(const std::string& path, const std::vector<SeriesEntry>& entries);

/// Writes `text` to `path` through a temporary file and a rename. Throws hj::Error on failure.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace hj
