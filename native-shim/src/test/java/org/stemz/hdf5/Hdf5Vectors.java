package org.stemz.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;

/**
 * The layout-2 HDF5 conformance vectors of conformance/hdf5/ (format-spec/HDF5-FILTER.md section 3.2): their data,
 * made in code, and how each file is written. Valid vectors: every element type the dataset model covers here, one
 * frame per chunk and 2x2-frame chunks with edge chunks. Invalid vectors: a wrong model checksum in cd_values, and
 * chunks of payload version 1 under layout-2 cd_values; every reader must reject both.
 */
final class Hdf5Vectors {
    /** One vector: file name, element type, dataset and chunk shape, and for invalid ones the reason readers give. */
    record Spec(String id, DataType type, long[] shape, long[] chunk, Fault fault) {
        String file() {
            return (fault == Fault.NONE ? "valid/" : "invalid/") + id + ".h5";
        }

        ArrayDescriptor descriptor() {
            return new ArrayDescriptor(type, ByteOrder.LITTLE_ENDIAN, shape);
        }

        byte[] data() {
            return Hdf5Vectors.data(descriptor(), id.hashCode());
        }
    }

    /** What an invalid vector breaks, and a word every reader's error message must contain. */
    enum Fault {
        NONE(null), MODEL_CHECKSUM("checksum"), PAYLOAD_VERSION_1("version");

        final String messageWord;

        Fault(String messageWord) {
            this.messageWord = messageWord;
        }
    }

    private static final long[] FRAMES = {2, 3, 16, 16};
    private static final long[] ONE_FRAME = {1, 1, 16, 16};
    private static final long[] EDGES = {3, 3, 16, 16};
    private static final long[] TWO_BY_TWO = {2, 2, 16, 16};
    /** 64x64 frames of counts spread over hundreds of values: a model of over 256 cd_values, which set_local
     *  cannot check whole at creation (HDF5's API gives it 256), so a wrong checksum reaches the readers. */
    private static final long[] LARGE = {2, 2, 64, 64};
    private static final long[] LARGE_CHUNK = {1, 1, 64, 64};

    static final List<Spec> ALL = List.of(
            new Spec("uint8-one-frame-chunks", DataType.UINT8, FRAMES, ONE_FRAME, Fault.NONE),
            new Spec("uint8-2x2-chunks-edges", DataType.UINT8, EDGES, TWO_BY_TWO, Fault.NONE),
            new Spec("uint16-one-frame-chunks", DataType.UINT16, FRAMES, ONE_FRAME, Fault.NONE),
            new Spec("uint16-2x2-chunks-edges", DataType.UINT16, EDGES, TWO_BY_TWO, Fault.NONE),
            new Spec("uint32-one-frame-chunks", DataType.UINT32, FRAMES, ONE_FRAME, Fault.NONE),
            new Spec("uint32-2x2-chunks-edges", DataType.UINT32, EDGES, TWO_BY_TWO, Fault.NONE),
            new Spec("float32-one-frame-chunks", DataType.FLOAT32, FRAMES, ONE_FRAME, Fault.NONE),
            new Spec("float32-2x2-chunks-edges", DataType.FLOAT32, EDGES, TWO_BY_TWO, Fault.NONE),
            new Spec("x-model-checksum", DataType.UINT16, LARGE, LARGE_CHUNK, Fault.MODEL_CHECKSUM),
            new Spec("x-payload-version-1", DataType.UINT16, EDGES, TWO_BY_TWO, Fault.PAYLOAD_VERSION_1));

    private Hdf5Vectors() {
    }

    /** Low-dose counts (float32: counts times 0.25, so fractions too), little-endian; wider spread in LARGE. */
    static byte[] data(ArrayDescriptor d, int seed) {
        int n = (int) d.elementCount();
        int size = d.type().size();
        ByteBuffer b = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(seed);
        int frame = (int) (d.frameHeight() * d.frameWidth());
        int spread = frame >= 4096 ? 1024 : 12;
        for (int i = 0; i < n; i++) {
            int v = r.nextInt(3) == 0 ? r.nextInt(1 + (i % frame) % spread) : r.nextInt(3);
            switch (d.type()) {
                case UINT8 -> b.put((byte) v);
                case UINT16 -> b.putShort((short) v);
                case UINT32 -> b.putInt(v * 70_001); // values past 2^16
                case FLOAT32 -> b.putFloat(v * 0.25f);
                default -> throw new IllegalArgumentException("no vector data for " + d.type());
            }
        }
        return b.array();
    }

    /** Writes {@code spec}'s file with stemz's direct chunk writer and the dataset model (layout 2). */
    static void write(Spec spec, Path file) throws IOException {
        ArrayDescriptor d = spec.descriptor();
        byte[] data = spec.data();
        int frameBytes = (int) (d.frameHeight() * d.frameWidth() * d.type().size());
        FilterParameters p = FilterParameters.of(d.type(), d.order(), spec.chunk());
        DatasetCoding model = DatasetCoding.datasetModel(p, frames -> frames.accept(data, 0, data.length / frameBytes));
        int[] cd = model.cdValues();
        if (FilterParameters.parse(cd).layoutVersion() != FilterParameters.MODEL_LAYOUT_VERSION) {
            throw new IllegalStateException(spec.id() + ": the dataset model fell back to layout 1");
        }
        if (spec.fault() == Fault.MODEL_CHECKSUM) {
            writeFrameChunks(file, d, withWrongChecksum(cd, spec.chunk().length), model, data);
            return;
        }
        DatasetCoding coding = spec.fault() == Fault.NONE ? model : faulty(cd, DatasetCoding.perChunkModel(p));
        try (Hdf5File f = Hdf5File.create(file);
             StemzDatasetWriter w = StemzDatasetWriter.create(f, "/data", spec.shape(), spec.chunk(), 1, coding)) {
            int at = 0;
            for (long row = 0; row < spec.shape()[0]; row += w.bandRows(row)) {
                int n = (int) w.bandBytes(row);
                w.writeBand(Arrays.copyOfRange(data, at, at + n));
                at += n;
            }
            w.finish();
        }
    }

    /**
     * One frame per chunk, past StemzDatasetWriter (which checks the cd_values it is given): {@code cd} stored, each
     * frame coded by {@code coding}.
     */
    private static void writeFrameChunks(Path file, ArrayDescriptor d, int[] cd, DatasetCoding coding, byte[] data) {
        long[] shape = d.shape();
        int frameBytes = (int) (d.frameHeight() * d.frameWidth() * d.type().size());
        try (Hdf5File f = Hdf5File.create(file)) {
            f.create("/data", d.type(), d.order(), shape, new long[] {1, 1, shape[2], shape[3]}, cd);
            try (DirectChunkWriter w = f.chunkWriter("/data")) {
                for (int i = 0; i < shape[0]; i++) {
                    for (int j = 0; j < shape[1]; j++) {
                        int at = (int) ((i * shape[1] + j) * frameBytes);
                        w.write(new long[] {i, j, 0, 0}, coding.encode(Arrays.copyOfRange(data, at, at + frameBytes)));
                    }
                }
            }
        }
    }

    /** The layout-2 slot 6+r (model checksum) plus one. */
    private static int[] withWrongChecksum(int[] cd, int rank) {
        int[] wrong = cd.clone();
        wrong[6 + rank]++;
        return wrong;
    }

    /** cd_values {@code cd} stored, chunks coded by {@code chunks}. */
    private static DatasetCoding faulty(int[] cd, DatasetCoding chunks) {
        return new DatasetCoding() {
            @Override
            public int[] cdValues() {
                return cd.clone();
            }

            @Override
            public byte[] encode(byte[] chunk) {
                return chunks.encode(chunk);
            }
        };
    }
}
