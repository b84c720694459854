// A written .vti read back with VTK's own reader gives the same geometry and values.
#include <gtest/gtest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkXMLImageDataReader.h>
#include <vtkXMLPolyDataReader.h>

#include <filesystem>

#include "meshes/vtk_writers.hpp"
#include "problems/eikonal_problems.hpp"
#include "solvers/fmm_solver.hpp"

namespace hj {
namespace {

namespace fs = std::filesystem;

template <int dim>
void round_trip(const StructuredGrid<dim>& grid) {
  typename StructuredGrid<dim>::Point source{};
  source[0] = 0.1;
  const EikonalPointSources<dim> problem("p", 1.0, {source});
  const Result<dim> result = solve_fmm(problem, grid, FmmSettings{});
  const fs::path path =
      fs::temp_directory_path() / ("hj-roundtrip-" + std::to_string(dim) + ".vti");
  write_vti<dim>(path.string(), grid,
                 {{"u", std::span<const double>(result.value)},
                  {"accepted_order", std::span<const std::uint32_t>(result.accepted_order)},
                  {"flags", std::span<const std::uint8_t>(result.flags)}});
  EXPECT_FALSE(fs::exists(path.string() + ".tmp"));

  vtkNew<vtkXMLImageDataReader> reader;
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  ASSERT_EQ(static_cast<std::size_t>(image->GetNumberOfPoints()), grid.size());
  int dims[3];
  image->GetDimensions(dims);
  double origin[3], spacing[3];
  image->GetOrigin(origin);
  image->GetSpacing(spacing);
  for (int a = 0; a < dim; ++a) {
    EXPECT_EQ(dims[a], grid.nodes_per_axis()[a]);
    EXPECT_DOUBLE_EQ(origin[a], grid.lower()[a]);
    EXPECT_DOUBLE_EQ(spacing[a], grid.spacing()[a]);
  }
  vtkDataArray* u = image->GetPointData()->GetArray("u");
  vtkDataArray* order = image->GetPointData()->GetArray("accepted_order");
  vtkDataArray* flags = image->GetPointData()->GetArray("flags");
  ASSERT_NE(u, nullptr);
  ASSERT_NE(order, nullptr);
  ASSERT_NE(flags, nullptr);
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const auto id = static_cast<vtkIdType>(i);
    ASSERT_EQ(u->GetTuple1(id), result.value[i]);  // bit for bit: raw binary, lossless zlib
    ASSERT_EQ(order->GetTuple1(id), result.accepted_order[i]);
    ASSERT_EQ(flags->GetTuple1(id), result.flags[i]);
    // VTK's point coordinates agree with the grid's.
    double x[3];
    image->GetPoint(id, x);
    const auto p = grid.point(i);
    for (int a = 0; a < dim; ++a) ASSERT_NEAR(x[a], p[a], 1e-12);
  }
  fs::remove(path);
}

TEST(VtiRoundTrip, TwoDimensions) {
  round_trip<2>(StructuredGrid<2>({-1, -2}, {1, 0.5}, {31, 17}));
}

TEST(VtiRoundTrip, ThreeDimensions) {
  round_trip<3>(StructuredGrid<3>({-1, -1, 0}, {1, 0.5, 2}, {9, 7, 11}));
}

TEST(VtpRoundTrip, PolylinesKeepTheirPointsAndValues) {
  const fs::path path = fs::temp_directory_path() / "hj-paths.vtp";
  const std::vector<Polyline> lines = {{{{0, 0, 0}, {0.5, 0.25, 0}, {1, 1, 0}}, 2.5, 0},
                                       {{{1, 0, 0}, {0, -1, 0}}, 0.75, 1}};
  write_vtp(path.string(), lines, "action", "method");
  vtkNew<vtkXMLPolyDataReader> reader;
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkPolyData* data = reader->GetOutput();
  ASSERT_EQ(data->GetNumberOfLines(), 2);
  ASSERT_EQ(data->GetNumberOfPoints(), 5);
  double p[3];
  data->GetPoint(1, p);
  EXPECT_EQ(p[0], 0.5);
  EXPECT_EQ(p[1], 0.25);
  vtkDataArray* action = data->GetCellData()->GetArray("action");
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->GetTuple1(0), 2.5);
  EXPECT_EQ(action->GetTuple1(1), 0.75);
  vtkDataArray* method = data->GetCellData()->GetArray("method");
  ASSERT_NE(method, nullptr);
  EXPECT_EQ(method->GetTuple1(0), 0);
  EXPECT_EQ(method->GetTuple1(1), 1);
  fs::remove(path);
}

TEST(PvdWriter, ListsTheSeries) {
  const fs::path path = fs::temp_directory_path() / "hj-series.pvd";
  write_pvd(path.string(), {{0.1, "a.vti"}, {0.2, "b.vti"}});
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("<DataSet timestep=\"0.10000000000000001\" part=\"0\" file=\"a.vti\"/>"),
            std::string::npos);
  EXPECT_NE(text.find("file=\"b.vti\""), std::string::npos);
  fs::remove(path);
}

}  // namespace
}  // namespace hj
