package org.stemz.conformance;

import java.util.List;
import org.stemz.ArrayDescriptor;
import org.stemz.ErrorCode;

/** One generated conformance vector (format version 2): its bytes and what a decoder must make of them. */
record Vector(String id, boolean valid, List<String> features, byte[] bytes, ArrayDescriptor descriptor,
              byte[] decoded, ErrorCode error) {
    /** The format version of every generated vector; the version-1 vectors are frozen (v1/entries.json). */
    static final int SPEC_VERSION = 2;

    static Vector ok(String id, List<String> features, byte[] bytes, ArrayDescriptor descriptor, byte[] decoded) {
        return new Vector(id, true, features, bytes, descriptor, decoded, null);
    }

    static Vector error(String id, List<String> features, byte[] bytes, ErrorCode code) {
        return new Vector(id, false, features, bytes, null, null, code);
    }

    String file() {
        return "v" + SPEC_VERSION + "/" + (valid ? "valid/" : "invalid/x-") + id + ".stemz";
    }
}
