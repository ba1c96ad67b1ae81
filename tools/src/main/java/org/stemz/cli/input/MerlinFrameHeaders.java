package org.stemz.cli.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemz.cli.Json;

/**
 * Reads every frame header of a .mib up front: checks the framing (each must start "MQ1,") before any output
 * is written, and keeps them compactly as metadata: the first header, plus the fields that change from frame
 * to frame (sequence number, time stamps) as one list per field.
 */
final class MerlinFrameHeaders {
    /** Above this many bytes of varying fields, they are dropped rather than bloat the metadata block. */
    private static final long MAX_VARYING_CHARS = 8L << 20;

    private MerlinFrameHeaders() {
    }

    static Json read(Path file, FileChannel ch, long frames, int headerBytes, long frameStride) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(headerBytes);
        String[] first = null;
        Map<Integer, List<String>> varying = new LinkedHashMap<>();
        long chars = 0;
        boolean dropped = false;
        for (long i = 0; i < frames; i++) {
            long at = i * frameStride;
            buf.clear();
            while (buf.hasRemaining()) {
                if (ch.read(buf, at + buf.position()) < 0) {
                    throw InputErrors.truncated(file, at + buf.position(), "file ends inside the header of frame " + i);
                }
            }
            String text = new String(buf.array(), 0, headerBytes, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("MQ1,")) {
                throw InputErrors.corrupt(file, at, "frame " + i + " does not start with a Merlin header (\"MQ1,\")");
            }
            String[] f = text.replace("\0", "").trim().split(",", -1);
            if (first == null) {
                first = f;
                continue;
            }
            for (int k = 0; k < Math.max(f.length, first.length); k++) {
                String v = k < f.length ? f[k] : "";
                List<String> list = varying.get(k);
                if (list == null && v.equals(k < first.length ? first[k] : "")) {
                    continue;
                }
                if (list == null) {
                    list = new ArrayList<>();
                    list.add(k < first.length ? first[k] : "");
                    for (long j = 1; j < i; j++) {
                        list.add(list.get(0));
                    }
                    varying.put(k, list);
                }
                if (!dropped) {
                    list.add(v);
                    chars += v.length() + 4;
                }
            }
            dropped |= chars > MAX_VARYING_CHARS;
        }
        Json out = Json.object().put("first", first == null ? "" : String.join(",", first));
        if (dropped) {
            out.put("varying_fields_dropped", "more than " + MAX_VARYING_CHARS + " characters");
        } else {
            Map<String, Object> fields = new LinkedHashMap<>();
            varying.forEach((k, v) -> fields.put(String.valueOf(k), v));
            out.put("varying_fields", fields);
        }
        return out;
    }
}
