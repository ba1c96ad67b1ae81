package org.stemz.conformance;

import java.util.List;
import org.stemz.ArrayDescriptor;
import org.stemz.ErrorCode;

/** One conformance vector as generated: its bytes and what a decoder must make of them. */
record Vector(String id, boolean valid, List<String> features, byte[] bytes, ArrayDescriptor descriptor,
              byte[] decoded, ErrorCode error) {

    static Vector ok(String id, List<String> features, byte[] bytes, ArrayDescriptor descriptor, byte[] decoded) {
        return new Vector(id, true, features, bytes, descriptor, decoded, null);
    }

    static Vector error(String id, List<String> features, byte[] bytes, ErrorCode code) {
        return new Vector(id, false, features, bytes, null, null, code);
    }

    String file() {
        return (valid ? "valid/" : "invalid/x-") + id + ".stemz";
    }
}
