package org.stemz.hdf5;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the MPI and Dask tests share: Debian's python3, the helper scripts, and an mpirun command line. */
final class ScaleOut {
    static final Path MPI_PLUGIN_DIR = Paths.get(Native.PLUGIN_DIR + "-openmpi");
    static final String PYTHON = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private ScaleOut() {
    }

    /** The path of a helper script in src/test/resources/python. */
    static String script(String name) {
        try {
            return Paths.get(ScaleOut.class.getResource("/python/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static boolean onPath(String tool) {
        return Native.run("sh", "-c", "command -v " + tool).exit() == 0;
    }

    /** {@code mpirun -np N --oversubscribe [--allow-run-as-root] COMMAND...}. */
    static String[] mpirun(int ranks, String... command) {
        List<String> cmd = new ArrayList<>(List.of("mpirun", "-np", String.valueOf(ranks), "--oversubscribe"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-run-as-root");
        }
        cmd.addAll(List.of(command));
        return cmd.toArray(String[]::new);
    }

    /** The environment of an MPI run: the JNA binding on libhdf5_openmpi, and no cross-memory attach. */
    static Map<String, String> mpiEnv() {
        Map<String, String> env = new HashMap<>();
        // containers often forbid the cross-memory attach OpenMPI's shared-memory transport tries first
        env.put("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        env.put("STEMZ_HDF5_LIBRARY", "hdf5_openmpi");
        return env;
    }
}
