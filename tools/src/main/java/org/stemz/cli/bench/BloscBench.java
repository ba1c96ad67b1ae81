package org.stemz.cli.bench;

import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemz.ArrayDescriptor;

/**
 * HDF5 with Blosc-zstd (level 5, bit shuffle, one scan row per chunk, as in shared/bench/peers.py) through
 * /usr/bin/python3 with h5py and hdf5plugin, when those are installed. Times come from inside Python.
 */
final class BloscBench {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\": ([0-9.eE+-]+)");

    private BloscBench() {
    }

    /** Null if python3 with h5py and hdf5plugin is missing. */
    static String unavailableReason() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        try {
            ExternalTools.run(List.of(PYTHON.toString(), "-c", "import h5py, hdf5plugin, numpy"));
            return null;
        } catch (Exception e) {
            return "python3 lacks h5py/hdf5plugin";
        }
    }

    static BenchRow run(ArrayDescriptor d, Path raw, int repetitions) throws Exception {
        Path script = raw.resolveSibling("blosc_bench.py");
        try (InputStream in = BloscBench.class.getResourceAsStream("/bench/blosc_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), raw.toString(),
                (d.order() == ByteOrder.BIG_ENDIAN ? ">" : "<") + d.type().numpyKind(), String.valueOf(repetitions)));
        for (long s : d.shape()) {
            cmd.add(String.valueOf(s));
        }
        String out = ExternalTools.run(cmd);
        double bytes = 0;
        double enc = Double.NaN;
        double dec = Double.NaN;
        Matcher m = NUMBER.matcher(out);
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            switch (m.group(1)) {
                case "bytes" -> bytes = v;
                case "encode_s" -> enc = v;
                case "decode_s" -> dec = v;
                default -> {
                }
            }
        }
        return new BenchRow("HDF5 blosc zstd-5 bitshuffle", 1, (long) bytes, 0, enc, dec, "python3 h5py, row chunks");
    }
}
