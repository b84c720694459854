# Opens a field written by hj in ParaView and renders it to a PNG (run by pvbatch).
# usage: pvbatch render_field.py FIELD.vti OUT.png
import sys

from paraview.simple import (ColorBy, GetActiveViewOrCreate, GetColorTransferFunction,
                             OpenDataFile, ResetCamera, SaveScreenshot, Show)

field, png = sys.argv[1], sys.argv[2]
source = OpenDataFile(field)
if source is None:
    sys.exit("ParaView could not open " + field)
source.UpdatePipeline()
info = source.GetDataInformation()
arrays = [source.PointData[i].Name for i in range(len(source.PointData))]
for name in ("u", "accepted_order", "flags"):
    if name not in arrays:
        sys.exit("%s lacks the point array '%s' (has %s)" % (field, name, arrays))
low, high = source.PointData["u"].GetRange()
if not (high > low >= 0):
    sys.exit("u has the range [%g, %g]; expected a positive spread" % (low, high))
view = GetActiveViewOrCreate("RenderView")
view.ViewSize = [400, 400]
display = Show(source, view)
ColorBy(display, ("POINTS", "u"))
GetColorTransferFunction("u").RescaleTransferFunction(low, high)
ResetCamera(view)
SaveScreenshot(png, view, ImageResolution=[400, 400])
print("rendered %s: %d points, u in [%g, %g] -> %s" % (field, info.GetNumberOfPoints(), low, high, png))
