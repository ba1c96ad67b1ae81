package org.stemz;

import org.stemz.codec.ByteSource;

/**
 * Reads the header from random-access input with exactly as many bytes as it occupies: the variable-length
 * fields (shape, metadata, model) are located from their length fields, then the whole header is parsed by
 * {@link ArchiveHeader#read}. A length field that is invalid stops the look-ahead, so the parser reports the
 * same error, at the same offset, as it does on an in-memory archive.
 */
final class HeaderReader {
    /** Magic, version, flags, element type, byte order, axis count, reserved byte, frames per chunk. */
    static final int FIXED_BYTES = 20;

    private HeaderReader() {
    }

    static ArchiveHeader read(ArchiveInput in) {
        long length = in.length();
        byte[] prefix = in.read(0, (int) Math.min(length, FIXED_BYTES));
        long needed;
        while ((needed = needed(prefix)) > prefix.length && prefix.length < length) {
            int more = (int) (Math.min(length, needed) - prefix.length);
            byte[] grown = java.util.Arrays.copyOf(prefix, prefix.length + more);
            in.readFully(prefix.length, grown, prefix.length, more);
            prefix = grown;
        }
        return ArchiveHeader.read(new ByteSource(prefix));
    }

    /** Header length implied by {@code p} so far, or {@code p.length} when a field already read is invalid. */
    static long needed(byte[] p) {
        if (p.length < FIXED_BYTES) {
            return FIXED_BYTES;
        }
        for (int i = 0; i < ArchiveHeader.MAGIC.length; i++) {
            if (p[i] != ArchiveHeader.MAGIC[i]) {
                return p.length;
            }
        }
        int ndim = p[14] & 0xFF;
        int version = u16(p, 8);
        if ((version != ArchiveHeader.VERSION_1 && version != ArchiveHeader.VERSION) || u16(p, 10) != 0 || p[15] != 0 || ndim < 2 || ndim > Limits.MAX_AXES) {
            return p.length;
        }
        long metaAt = FIXED_BYTES + 8L * ndim;
        if (p.length < metaAt + 4) {
            return metaAt + 4;
        }
        long meta = u32(p, (int) metaAt);
        if (meta > Limits.MAX_METADATA_BYTES) {
            return p.length;
        }
        long modelAt = metaAt + 4 + meta;
        if (p.length < modelAt + 4) {
            return modelAt + 4;
        }
        long model = u32(p, (int) modelAt);
        return model > Limits.MAX_MODEL_BYTES ? p.length : modelAt + 4 + model + 4;
    }

    private static int u16(byte[] p, int at) {
        return (p[at] & 0xFF) | (p[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] p, int at) {
        return (u16(p, at) | (long) u16(p, at + 2) << 16);
    }
}
