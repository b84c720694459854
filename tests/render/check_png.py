# Checks that a rendered PNG is not blank: the field's colour map must show many colours.
# usage: /usr/bin/python3 check_png.py FILE.png
import sys

import matplotlib.image
import numpy

image = matplotlib.image.imread(sys.argv[1])
colours = len(numpy.unique(image.reshape(-1, image.shape[-1]), axis=0))
if colours < 50:
    sys.exit("%s looks blank: only %d distinct colours" % (sys.argv[1], colours))
print("%s: %dx%d, %d distinct colours" % (sys.argv[1], image.shape[1], image.shape[0], colours))
