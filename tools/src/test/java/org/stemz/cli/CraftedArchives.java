package org.stemz.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.stemz.ArrayDescriptor;
import org.stemz.CodecOptions;
import org.stemz.StemzCodec;

/**
 * Valid-looking archives that declare more than a small heap holds, made by rewriting the header of a small
 * real archive (format version 1 layout, SPEC sections 4 and 9) and recomputing its checksums: a declared frame
 * or chunk far larger than the data, or millions of one-pixel chunks.
 */
final class CraftedArchives {
    private CraftedArchives() {
    }

    /** A real archive of {@code d} (zeros) in chunks of {@code framesPerChunk} frames. */
    static byte[] zeros(ArrayDescriptor d, int framesPerChunk) {
        return StemzCodec.compress(d, new byte[(int) d.byteSize()],
                CodecOptions.defaults().withFramesPerChunk(framesPerChunk).withThreads(1));
    }

    /** {@code archive} with the header declaring {@code shape} and {@code framesPerChunk}; the rest unchanged. */
    static byte[] redeclared(byte[] archive, long[] shape, long framesPerChunk) {
        int ndim = archive[14];
        if (shape.length != ndim) {
            throw new IllegalArgumentException("keep the axis count");
        }
        byte[] out = archive.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16, (int) framesPerChunk);
        for (int i = 0; i < ndim; i++) {
            b.putLong(20 + 8 * i, shape[i]);
        }
        int header = headerBytes(out);
        b.putInt(header - 4, crc(out, 0, header - 4));
        return out;
    }

    /**
     * Writes to {@code file} an archive of {@code chunks} one-frame chunks, each a copy of the first chunk of
     * {@code archive} (which must hold identical frames, here all zero, in one-frame chunks).
     */
    static void replicated(byte[] archive, long chunks, Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        long[] shape = new long[archive[14]];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.getLong(20 + 8 * i);
        }
        shape[0] = chunks;
        byte[] header = Arrays.copyOf(redeclared(archive, shape, 1), headerBytes(archive));
        int chunkLength = in.getInt(archive.length - 24 - 20 * (int) in.getLong(archive.length - 16) + 8);
        byte[] chunk = Arrays.copyOfRange(archive, header.length, header.length + chunkLength);
        int codedCrc = crc(chunk, 0, chunk.length);
        int decodedCrc = in.getInt(archive.length - 24 - 20 * (int) in.getLong(archive.length - 16) + 16);
        long indexOffset = header.length + chunks * chunkLength;
        CRC32C indexCrc = new CRC32C();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header);
            for (long c = 0; c < chunks; c++) {
                out.write(chunk);
            }
            ByteBuffer entry = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            for (long c = 0; c < chunks; c++) {
                entry.clear();
                entry.putLong(header.length + c * chunkLength).putInt(chunkLength).putInt(codedCrc).putInt(decodedCrc);
                indexCrc.update(entry.array());
                out.write(entry.array());
            }
            ByteBuffer footer = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            footer.putLong(indexOffset).putLong(chunks);
            indexCrc.update(footer.array(), 0, 16);
            footer.putInt((int) indexCrc.getValue()).put(new byte[] {'S', 'T', 'Z', 'E'});
            out.write(footer.array());
        }
    }

    static int headerBytes(byte[] archive) {
        ByteBuffer b = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        int ndim = archive[14];
        int meta = b.getInt(20 + 8 * ndim);
        int model = b.getInt(24 + 8 * ndim + meta);
        return 32 + 8 * ndim + meta + model;
    }

    private static int crc(byte[] b, int from, int length) {
        CRC32C c = new CRC32C();
        c.update(b, from, length);
        return (int) c.getValue();
    }
}
