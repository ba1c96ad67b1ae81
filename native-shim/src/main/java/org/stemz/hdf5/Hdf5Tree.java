package org.stemz.hdf5;

import com.sun.jna.Memory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walking and copying objects between files through JNA: what {@link Repacker} needs beyond datasets. */
final class Hdf5Tree {
    private static final int INDEX_NAME = 0;
    private static final int ITER_NATIVE = 2;
    private static final int H5I_DATASET = 5;

    private Hdf5Tree() {
    }

    /** Absolute path of every object below the root, parents first, mapped to whether it is a dataset. */
    static Map<String, Boolean> objects(Hdf5File file) {
        Hdf5Library h5 = Hdf5Native.library();
        Map<String, Boolean> objects = new LinkedHashMap<>();
        Hdf5Library.VisitCallback visit = (obj, name, info, data) -> {
            if (name.equals(".")) {
                return 0;
            }
            long id = h5.H5Oopen(obj, name, 0);
            if (id < 0) {
                return -1;
            }
            objects.put("/" + name, h5.H5Iget_type(id) == H5I_DATASET);
            return h5.H5Idec_ref(id) < 0 ? -1 : 0;
        };
        Hdf5Errors.check(h5.H5Ovisit2(file.id(), INDEX_NAME, ITER_NATIVE, visit, null, 0), "H5Ovisit2");
        return objects;
    }

    static void createGroup(Hdf5File file, String path) {
        Hdf5Library h5 = Hdf5Native.library();
        Hdf5Ids.close(Hdf5Errors.check(h5.H5Gcreate2(file.id(), path, 0, 0, 0), "H5Gcreate2(" + path + ")"));
    }

    /** Copies an object (with everything under it and its attributes) to the same path in {@code dst}. */
    static void copy(Hdf5File src, String path, Hdf5File dst) {
        Hdf5Errors.check(Hdf5Native.library().H5Ocopy(src.id(), path, dst.id(), path, 0, 0), "H5Ocopy(" + path + ")");
    }

    /** Copies every attribute of {@code path} in {@code src} to the object at {@code path} in {@code dst}. */
    static void copyAttributes(Hdf5File src, String path, Hdf5File dst) {
        Hdf5Library h5 = Hdf5Native.library();
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long from = ids.add(Hdf5Errors.check(h5.H5Oopen(src.id(), path, 0), "H5Oopen(" + path + ")"));
            long to = ids.add(Hdf5Errors.check(h5.H5Oopen(dst.id(), path, 0), "H5Oopen(" + path + ")"));
            List<String> names = new ArrayList<>();
            Hdf5Errors.check(h5.H5Aiterate2(from, INDEX_NAME, ITER_NATIVE, null, (obj, name, info, data) -> {
                names.add(name);
                return 0;
            }, null), "H5Aiterate2(" + path + ")");
            for (String name : names) {
                copyAttribute(h5, from, to, name);
            }
        }
    }

    /** Reads and rewrites the attribute in its own file type (variable-length data are reclaimed afterwards). */
    private static void copyAttribute(Hdf5Library h5, long from, long to, String name) {
        try (Hdf5Ids ids = new Hdf5Ids()) {
            long a = ids.add(Hdf5Errors.check(h5.H5Aopen(from, name, 0), "H5Aopen(" + name + ")"));
            long type = ids.add(Hdf5Errors.check(h5.H5Aget_type(a), "H5Aget_type"));
            long space = ids.add(Hdf5Errors.check(h5.H5Aget_space(a), "H5Aget_space"));
            long points = Hdf5Errors.check(h5.H5Sget_simple_extent_npoints(space), "H5Sget_simple_extent_npoints");
            long size = h5.H5Tget_size(type);
            if (size <= 0) {
                throw new Hdf5Exception("H5Tget_size(attribute " + name + ") failed: " + Hdf5Errors.stackText());
            }
            Memory buf = new Memory(Math.max(1, points * size));
            Hdf5Errors.check(h5.H5Aread(a, type, buf), "H5Aread(" + name + ")");
            try {
                long b = ids.add(Hdf5Errors.check(h5.H5Acreate2(to, name, type, space, 0, 0), "H5Acreate2(" + name + ")"));
                Hdf5Errors.check(h5.H5Awrite(b, type, buf), "H5Awrite(" + name + ")");
            } finally {
                // frees the strings of variable-length attributes; a failure leaks memory only
                h5.H5Dvlen_reclaim(type, space, 0, buf);
            }
        }
    }
}
