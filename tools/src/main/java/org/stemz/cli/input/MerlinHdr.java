package org.stemz.cli.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Merlin acquisition header (.hdr beside the .mib): "Key (unit):\tvalue" lines. */
final class MerlinHdr {
    private static final long MAX_BYTES = 1 << 20;

    private MerlinHdr() {
    }

    /** The .hdr next to {@code mib} parsed into key/value pairs, or an empty map if there is none. */
    static Map<String, String> readBeside(Path mib) throws IOException {
        String name = mib.getFileName().toString();
        Path hdr = mib.resolveSibling(name.substring(0, name.length() - 4) + ".hdr");
        if (!Files.isRegularFile(hdr)) {
            return new LinkedHashMap<>();
        }
        if (Files.size(hdr) > MAX_BYTES) {
            throw InputErrors.limit(hdr, 0, "a Merlin .hdr of more than " + MAX_BYTES + " bytes");
        }
        return parse(new String(Files.readAllBytes(hdr), StandardCharsets.ISO_8859_1));
    }

    /** The fields of an acquisition header's text (a .hdr file, or the first message of a Merlin TCP stream). */
    static Map<String, String> parse(String header) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = header.replace("\0", "");
        for (String line : text.split("\r?\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && !line.startsWith("HDR")) {
                String key = line.substring(0, tab).trim();
                fields.put(key.endsWith(":") ? key.substring(0, key.length() - 1) : key, line.substring(tab + 1).trim());
            }
        }
        return fields;
    }

    /** The integer value of {@code key}, or -1 if absent or not a number. */
    static long number(Map<String, String> hdr, String key) {
        try {
            return Long.parseLong(hdr.getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
