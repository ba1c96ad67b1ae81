"""pip install --no-index ./python: the pure-Python helper, no download. The plugin is not copied: the installed
module remembers where this checkout's plugin is (native-shim/target/plugin), and STEMZ_PLUGIN_DIR overrides it."""
import os

from setuptools import setup

here = os.path.dirname(os.path.abspath(__file__))
plugin = os.path.normpath(os.path.join(here, "..", "native-shim", "target", "plugin"))
with open(os.path.join(here, "stemz", "_install.py"), "w") as f:
    f.write("# written by setup.py at install time\nPLUGIN_DIR = %r\n" % plugin)

setup(name="stemz", version="0.1.0", description="stemz HDF5 filter helper for h5py", packages=["stemz"],
      python_requires=">=3.8")
