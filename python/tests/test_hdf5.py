"""Tests of stemz.hdf5 (run by native-shim's PythonHelperTest through /usr/bin/python3, or by hand:
STEMZ_PLUGIN_DIR=native-shim/target/plugin PYTHONPATH=python python3 -m unittest discover -s python/tests).
STEMZ_EXPECT_NO_JAVA=1: the Java runtime was made unreachable, and only that case is tested."""
import os
import tempfile
import unittest

import h5py
import numpy as np

import stemz.hdf5 as sh


@unittest.skipIf(os.environ.get("STEMZ_EXPECT_NO_JAVA"), "Java runtime made unreachable")
class WithJava(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "x.h5")
        rng = np.random.default_rng(7)
        self.a = rng.poisson(0.8, size=(3, 5, 24, 20)).astype("<u2")

    def tearDown(self):
        self.dir.cleanup()

    def test_round_trip_with_whole_frame_chunks_and_a_mandatory_filter(self):
        kw = sh.Stemz(self.a.shape)
        self.assertEqual(kw, {"compression": 36000, "chunks": (1, 5, 24, 20)})
        with h5py.File(self.path, "w") as f:
            f.create_dataset("data", data=self.a, **kw)
        with h5py.File(self.path, "r") as f:
            d = f["data"]
            np.testing.assert_array_equal(d[()], self.a)
            flags = d.id.get_create_plist().get_filter_by_id(sh.FILTER_ID)[0]
            self.assertEqual(flags & h5py.h5z.FLAG_OPTIONAL, 0, "the stemz filter must not be optional")

    def test_layouts(self):
        self.assertEqual(sh.Stemz(self.a.shape, "frame")["chunks"], (1, 1, 24, 20))
        self.assertEqual(sh.Stemz((40, 40, 8, 8), "block16")["chunks"], (16, 16, 8, 8))
        self.assertEqual(sh.Stemz((1000, 128, 128))["chunks"], (128, 128, 128))
        self.assertEqual(sh.Stemz(), {"compression": 36000})

    def test_sub_frame_chunks_are_refused(self):
        with self.assertRaises(ValueError) as e:
            sh.Stemz(self.a.shape, chunks=(1, 1, 12, 20))
        self.assertIn("whole frames", str(e.exception))

    def test_filter_avail_and_plugin_path(self):
        self.assertTrue(sh.filter_avail())
        folders = os.environ["HDF5_PLUGIN_PATH"].split(os.pathsep)
        self.assertEqual(folders[0], sh.plugin_dir())
        self.assertGreater(len(folders), 1, "the folders HDF5 searched before must stay on the path")


class ManyFilterValues(unittest.TestCase):
    """A filter with 5,000 cd_values (an unregistered, optional filter: chunks stored raw) opened in this, the main,
    thread: plain h5py 3.7 reads past its 16-value stack array and dies (SIGSEGV) from about 2,200 values; after
    `import stemz.hdf5` the dataset opens, its data read back intact, its values the first 256."""

    def test_opens_and_reads_intact(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "many.h5")
            a = np.arange(64, dtype="<u2").reshape(8, 8)
            values = tuple(range(1, 5001))
            with h5py.File(path, "w") as f:
                dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
                dcpl.set_chunk((4, 8))
                dcpl.set_filter(40000, h5py.h5z.FLAG_OPTIONAL, values)
                space = h5py.h5s.create_simple(a.shape)
                h5py.h5d.create(f.id, b"d", h5py.h5t.NATIVE_UINT16, space, dcpl=dcpl).write(
                    h5py.h5s.ALL, h5py.h5s.ALL, a)
            with h5py.File(path, "r") as f:
                d = f["d"]
                np.testing.assert_array_equal(d[()], a)
                self.assertEqual(d._filters["40000"], values[:sh.MAX_CD_VALUES])
                (code, flags, vals, _), = sh.filter_pipeline(d.id.get_create_plist())
                self.assertEqual((code, flags & h5py.h5z.FLAG_OPTIONAL, vals),
                                 (40000, h5py.h5z.FLAG_OPTIONAL, values[:256]))


@unittest.skipUnless(os.environ.get("STEMZ_EXPECT_NO_JAVA"), "needs the Java runtime made unreachable")
class WithoutJava(unittest.TestCase):
    def test_stemz_raises(self):
        with self.assertRaises(sh.StemzUnavailable) as e:
            sh.Stemz((2, 3, 8, 8))
        self.assertIn("no Java runtime", str(e.exception))


if __name__ == "__main__":
    unittest.main()
