#include "meshes/vtk_writers.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkTypeUInt32Array.h>
#include <vtkTypeUInt8Array.h>
#include <vtkXMLImageDataWriter.h>
#include <vtkXMLPolyDataWriter.h>
#include <vtkXMLWriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace hj {
namespace {

// Wraps borrowed data in a VTK array without copying (VTK will not free it: save = 1).
template <typename VtkArray, typename T>
vtkSmartPointer<vtkDataArray> wrap(const std::string& name, std::span<const T> data,
                                   int components) {
  auto array = vtkSmartPointer<VtkArray>::New();
  array->SetName(name.c_str());
  array->SetNumberOfComponents(components);
  array->SetArray(const_cast<T*>(data.data()), static_cast<vtkIdType>(data.size()), 1);
  return array;
}

std::string temporary_name(const std::string& path) { return path + ".tmp"; }

void rename_into_place(const std::string& temporary, const std::string& path) {
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw Error(path + ": cannot write the file (" + error.message() + ")");
  }
}

// VTK's XML formats as hj writes them: zlib-compressed appended raw binary with 64-bit headers
// (arrays beyond 4 GiB), to a temporary name renamed into place once complete.
void write_xml_atomically(vtkXMLWriter* writer, vtkDataObject* data, const std::string& path) {
  const std::string temporary = temporary_name(path);
  writer->SetFileName(temporary.c_str());
  writer->SetInputData(data);
  writer->SetDataModeToAppended();
  writer->EncodeAppendedDataOff();
  writer->SetCompressorTypeToZLib();
  writer->SetHeaderTypeToUInt64();
  if (writer->Write() != 1) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(path +
                ": VTK could not write the file (is the directory writable, the disk full?)");
  }
  rename_into_place(temporary, path);
}

}  // namespace

template <int dim>
void write_vti(const std::string& path, const StructuredGrid<dim>& grid,
               const std::vector<NamedArray>& arrays) {
  vtkNew<vtkImageData> image;
  int dimensions[3] = {1, 1, 1};
  double origin[3] = {0, 0, 0}, spacing[3] = {1, 1, 1};
  for (int a = 0; a < dim; ++a) {
    dimensions[a] = static_cast<int>(grid.nodes_per_axis()[a]);
    origin[a] = grid.lower()[a];
    spacing[a] = grid.spacing()[a];
  }
  image->SetDimensions(dimensions);
  image->SetOrigin(origin);
  image->SetSpacing(spacing);
  for (const NamedArray& named : arrays) {
    vtkSmartPointer<vtkDataArray> array = std::visit(
        [&](auto span) -> vtkSmartPointer<vtkDataArray> {
          using T = typename decltype(span)::element_type;
          HJ_CHECK(span.size() == grid.size() * static_cast<std::size_t>(named.components),
                   "array " + named.name + " has the wrong size");
          if constexpr (std::is_same_v<T, const double>) {
            return wrap<vtkDoubleArray>(named.name, span, named.components);
          } else if constexpr (std::is_same_v<T, const std::uint32_t>) {
            return wrap<vtkTypeUInt32Array>(named.name, span, named.components);
          } else {
            return wrap<vtkTypeUInt8Array>(named.name, span, named.components);
          }
        },
        named.data);
    image->GetPointData()->AddArray(array);
  }
  if (!arrays.empty()) image->GetPointData()->SetActiveScalars(arrays.front().name.c_str());

  vtkNew<vtkXMLImageDataWriter> writer;
  write_xml_atomically(writer, image, path);
}

void write_vtp(const std::string& path, const std::vector<Polyline>& lines,
               const std::string& value_name, const std::string& kind_name) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> cells;
  vtkNew<vtkDoubleArray> values;
  vtkNew<vtkIntArray> kinds;
  values->SetName(value_name.c_str());
  kinds->SetName(kind_name.c_str());
  for (const Polyline& line : lines) {
    cells->InsertNextCell(static_cast<int>(line.points.size()));
    for (const auto& p : line.points) cells->InsertCellPoint(points->InsertNextPoint(p.data()));
    values->InsertNextValue(line.value);
    kinds->InsertNextValue(line.kind);
  }
  vtkNew<vtkPolyData> data;
  data->SetPoints(points);
  data->SetLines(cells);
  data->GetCellData()->AddArray(values);
  if (!kind_name.empty()) data->GetCellData()->AddArray(kinds);
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_xml_atomically(writer, data, path);
}

void write_points_vtp(const std::string& path, const std::vector<std::array<double, 3>>& points,
                      const std::vector<std::pair<std::string, std::vector<double>>>& arrays) {
  vtkNew<vtkPoints> vtk_points;
  vtkNew<vtkCellArray> vertices;
  for (const auto& p : points) {
    const vtkIdType id = vtk_points->InsertNextPoint(p.data());
    vertices->InsertNextCell(1, &id);
  }
  vtkNew<vtkPolyData> data;
  data->SetPoints(vtk_points);
  data->SetVerts(vertices);
  for (const auto& [name, values] : arrays) {
    HJ_CHECK(values.size() == points.size(), "one value per point");
    vtkNew<vtkDoubleArray> array;
    array->SetName(name.c_str());
    for (double v : values) array->InsertNextValue(v);
    data->GetPointData()->AddArray(array);
  }
  vtkNew<vtkXMLPolyDataWriter> writer;
  write_xml_atomically(writer, data, path);
}

void create_output_directory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw Error(dir + ": cannot create the output directory (" + error.message() + ")");
}

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = temporary_name(path);
  {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw Error(path + ": cannot write the file (is the directory writable, the disk full?)");
    }
  }
  rename_into_place(temporary, path);
}

void write_pvd(const std::string& path, const std::vector<SeriesEntry>& entries) {
  std::ostringstream xml;
  xml.precision(17);
  xml << "<?xml version=\"1.0\"?>\n"
      << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
      << "  <Collection>\n";
  for (const SeriesEntry& entry : entries) {
    xml << "    <DataSet timestep=\"" << entry.time << "\" part=\"" << entry.part << "\" file=\""
        << entry.file << "\"/>\n";
  }
  xml << "  </Collection>\n</VTKFile>\n";
  write_file_atomically(path, xml.str());
}

template void write_vti<2>(const std::string&, const StructuredGrid<2>&,
                           const std::vector<NamedArray>&);
template void write_vti<3>(const std::string&, const StructuredGrid<3>&,
                           const std::vector<NamedArray>&);

}  // namespace hj
