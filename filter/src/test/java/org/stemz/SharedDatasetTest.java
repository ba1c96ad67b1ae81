package org.stemz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dataset under ../shared/data round-trips bit-exactly; on the simulated ones the archive, model included,
 * is within the margin of the per-pixel entropy bound and smaller than every off-the-shelf codec in the
 * dataset's peers.json.
 */
class SharedDatasetTest {
    static Stream<Path> datasets() throws IOException {
        List<Path> all = SharedData.datasets();
        assumeTrue(!all.isEmpty(), "shared datasets not found beside the repository");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void roundTripsAndBeatsThePeers(Path dataset) throws Exception {
        Npy npy = SharedData.load(dataset);
        byte[] z = StemzCodec.compress(npy.descriptor, npy.data);
        DecodedArray back = StemzCodec.decompress(z);
        assertArrayEquals(sha256(npy.data), sha256(back.data()), "decoded SHA-256 of " + dataset.getFileName());
        assertEquals(npy.descriptor, back.descriptor());

        Path peers = dataset.resolve("peers.json");
        if (!Files.exists(peers)) {
            return;
        }
        double bpp = 8.0 * z.length / npy.descriptor.elementCount();
        String json = Files.readString(peers);
        double bound = bpp(json, "bound: per-pixel order-0");
        if (!Double.isNaN(bound)) {
            double margin = bound >= 0.5 ? 1.05 : 1.10;
            assertTrue(bpp <= bound * margin, String.format("%s: %.4f bpp, bound %.4f, allowed %.4f",
                    dataset.getFileName(), bpp, bound, bound * margin));
        }
        Matcher m = Pattern.compile("\"method\":\\s*\"([^\"]+)\"[^}]*?\"bpp\":\\s*([0-9.eE+-]+)").matcher(json);
        int peersSeen = 0;
        while (m.find()) {
            String method = m.group(1);
            if (method.startsWith("bound") || method.equals("raw")) {
                continue;
            }
            peersSeen++;
            assertTrue(bpp < Double.parseDouble(m.group(2)), String.format("%s: stemz %.4f bpp is not below %s (%s)",
                    dataset.getFileName(), bpp, method, m.group(2)));
        }
        assertTrue(peersSeen >= 5, "peers.json of " + dataset.getFileName() + " lists too few methods to compare");
    }

    private static double bpp(String json, String methodPrefix) {
        Matcher m = Pattern.compile("\"method\":\\s*\"" + Pattern.quote(methodPrefix)
                + "[^\"]*\"[^}]*?\"bpp\":\\s*([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
