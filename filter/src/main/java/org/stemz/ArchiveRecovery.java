package org.stemz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a version-2 archive whose end is missing (a writer killed mid-stream, a transfer cut short): walks the
 * chunk records after the header through their prefixes, keeps each one that is complete, matches its checksum
 * and decodes to data matching its decoded checksum, and stops at the first that does not. The output holds those
 * chunks with a new index and footer; its shape is the header's if every frame survived, else the frames found.
 */
public final class ArchiveRecovery {
    private ArchiveRecovery() {
    }

    /** What was kept: chunks and frames, the bytes dropped after them, and why the walk stopped. */
    public record RecoveryReport(int chunks, long frames, long droppedBytes, String stoppedBecause) {
    }

    public static RecoveryReport recover(Path damaged, Path output) throws IOException {
        return recover(damaged, output, false);
    }

    public static RecoveryReport recover(Path damaged, Path output, boolean replace) throws IOException {
        Path target = output.toAbsolutePath();
        if (target.equals(damaged.toAbsolutePath())) {
            throw new StemzException(ErrorCode.INVALID_ARGUMENT, -1, "recover never overwrites its input");
        }
        try (FileInput in = new FileInput(damaged)) {
            ArchiveHeader header = HeaderReader.read(in);
            if (header.version() == ArchiveHeader.VERSION_1) {
                throw new UnsupportedFormatException(ErrorCode.UNSUPPORTED_VERSION, 8,
                        "version 1 archives have no chunk records to recover from");
            }
            Walk walk = walk(in, header);
            ArchiveHeader fixed = header.withDescriptor(descriptorFor(header, walk.frames));
            Path temp = StreamingArchiveWriter.temporaryBeside(target);
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ArchiveWriter.writeFully(out, fixed.encode());
                ChunkIndex index = new ChunkIndex(walk.entries.size(), ArchiveHeader.VERSION);
                long at = fixed.headerBytes();
                for (int c = 0; c < walk.entries.size(); c++) {
                    Entry e = walk.entries.get(c);
                    ArchiveWriter.writeFully(out, in.read(e.offset, e.length));
                    index.set(c, at, e.length, e.crc, e.decodedCrc);
                    index.setModelChunk(c, e.modelChunk);
                    at += e.length;
                }
                ArchiveWriter.writeFully(out, index.encode(at));
                out.force(true);
            } catch (IOException | RuntimeException | Error e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            try {
                StreamingArchiveWriter.commit(temp, target, replace);
            } finally {
                Files.deleteIfExists(temp);
            }
            try (ArchiveReader check = ArchiveReader.open(target)) {
                VerifyReport report = check.verify(1);
                if (!report.ok()) {
                    throw new StemzException(ErrorCode.BAD_CHUNK, -1, "the recovered archive " + target
                            + " does not verify: " + report.failures().get(0).error().getMessage());
                }
            }
            return new RecoveryReport(walk.entries.size(), walk.frames, in.length() - walk.end, walk.stop);
        }
    }

    private record Entry(long offset, int length, long crc, long decodedCrc, int modelChunk) {
    }

    private record Walk(List<Entry> entries, long frames, long end, String stop) {
    }

    private static Walk walk(FileInput in, ArchiveHeader header) {
        ArrayDescriptor d = header.descriptor();
        long frameBytes = (long) d.framePixels() * d.type().size();
        int fpc = header.framesPerChunk();
        List<Entry> entries = new ArrayList<>();
        long at = header.headerBytes();
        long frames = 0;
        int holder = header.model() == null ? -2 : ChunkIndex.HEADER_MODEL;
        String stop = "end of file";
        while (true) {
            if (in.length() - at < ChunkRecord.PREFIX_BYTES) {
                stop = in.length() == at ? "end of file" : "incomplete chunk prefix at byte " + at;
                break;
            }
            byte[] prefix = in.read(at, ChunkRecord.PREFIX_BYTES);
            long payload = ChunkRecord.payloadLength(prefix, 0, prefix.length);
            if (payload > Limits.MAX_CODED_CHUNK_BYTES || payload > in.length() - at - ChunkRecord.PREFIX_BYTES) {
                stop = "chunk " + entries.size() + " at byte " + at + " is incomplete or not a chunk";
                break;
            }
            int length = (int) (ChunkRecord.PREFIX_BYTES + payload);
            byte[] record = in.read(at, length);
            ChunkRecord.Layout r;
            try {
                r = ChunkRecord.parse(record, 0, length, at);
            } catch (StemzException e) {
                stop = "chunk " + entries.size() + " at byte " + at + ": " + e.getMessage();
                break;
            }
            long crc = ChunkRecord.crc(record, 0, length);
            if (crc != r.recordCrc() || r.frames() < 1 || r.frames() > fpc || (!r.hasModel() && holder == -2)) {
                stop = "chunk " + entries.size() + " at byte " + at + " fails its checksum or has no model";
                break;
            }
            int c = entries.size();
            int modelChunk = r.hasModel() ? c : holder;
            if (!decodes(header, entries, record, new Entry(at, length, crc, r.decodedCrc(), modelChunk), in, frameBytes)) {
                stop = "chunk " + c + " at byte " + at + " does not decode to its checksum";
                break;
            }
            entries.add(new Entry(at, length, crc, r.decodedCrc(), modelChunk));
            holder = modelChunk;
            frames += r.frames();
            at += length;
            if (r.frames() < fpc) {
                stop = "short chunk " + c + ": the last of the stream";
                break;
            }
        }
        return new Walk(entries, frames, at, stop);
    }

    /**
     * Decodes the candidate chunk as the archive found so far plus this one would. Only the chunk and the chunk
     * holding its model matter, so they stand as chunks 0 and 1 of a two-chunk index (no copy of the whole index
     * per candidate).
     */
    private static boolean decodes(ArchiveHeader header, List<Entry> entries, byte[] record, Entry e, FileInput in,
                                   long frameBytes) {
        ChunkRecord.Layout r = ChunkRecord.parse(record, 0, record.length, e.offset);
        ArchiveHeader h = header.withDescriptor(descriptorFor(header, header.framesPerChunk() + r.frames()));
        ChunkIndex index = new ChunkIndex(2, ArchiveHeader.VERSION);
        boolean earlierModel = e.modelChunk >= 0 && e.modelChunk < entries.size();
        Entry holder = earlierModel ? entries.get(e.modelChunk) : e;
        index.set(0, holder.offset, holder.length, holder.crc, holder.decodedCrc);
        index.setModelChunk(0, 0);
        index.set(1, e.offset, e.length, e.crc, e.decodedCrc);
        index.setModelChunk(1, earlierModel ? 0 : e.modelChunk == ChunkIndex.HEADER_MODEL ? e.modelChunk : 1);
        ArchiveInput.Range candidate = new ArchiveInput.Range(record, 0, record.length);
        ChunkDecoding decoding = new ChunkDecoding(h, index, i -> i == 1 ? candidate
                : in.range(index.offset(i), (int) index.length(i)));
        try {
            decoding.decode(1, candidate, ByteBuffer.allocate((int) (r.frames() * frameBytes)), 0);
            return true;
        } catch (StemzException ex) {
            return false;
        }
    }

    /** The header's shape if it holds exactly {@code frames} frames, else leading axes of 1 and the frame count. */
    private static ArrayDescriptor descriptorFor(ArchiveHeader header, long frames) {
        ArrayDescriptor d = header.descriptor();
        if (d.frames() == frames) {
            return d;
        }
        long[] shape = d.shape().clone();
        if (shape.length < 3) {
            throw new LimitExceededException(-1, "a single-frame archive cannot hold " + frames + " frames");
        }
        java.util.Arrays.fill(shape, 0, shape.length - 2, 1);
        shape[shape.length - 3] = frames;
        return new ArrayDescriptor(d.type(), d.order(), shape);
    }

}
