package org.stemz.hdf5;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JNA binding under MPI (run by {@link MpiTest} through {@code mpirun -np N java ...}): every rank registers
 * the Java codec with libhdf5_openmpi ({@code STEMZ_HDF5_LIBRARY=hdf5_openmpi}) and writes its own scan rows of
 * one stemz-filtered dataset collectively through the MPI-IO driver.
 * <pre>
 *   MpiJnaWrite write OUT.h5 SCAN_Y SCAN_X DET      (under mpirun)
 *   MpiJnaWrite expected OUT.bin SCAN_Y SCAN_X DET  (the same array as little-endian uint16, no MPI)
 * </pre>
 */
public final class MpiJnaWrite {
    /** The few MPI calls needed; OpenMPI's MPI_Comm and MPI_Info are pointers to its global objects. */
    public interface Mpi extends Library {
        int MPI_Init(Pointer argc, Pointer argv);

        int MPI_Comm_rank(Pointer comm, IntByReference rank);

        int MPI_Comm_size(Pointer comm, IntByReference size);

        int MPI_Barrier(Pointer comm);

        int MPI_Finalize();
    }

    /** The parallel-HDF5 calls that are not in {@link Hdf5Library} (they exist only in an MPI build). */
    public interface Hdf5Mpio extends Library {
        int H5Pset_fapl_mpio(long fapl, Pointer comm, Pointer info);

        int H5Pset_dxpl_mpio(long dxpl, int mode);
    }

    private static final int H5FD_MPIO_COLLECTIVE = 1;
    private static final int H5F_ACC_TRUNC = 2;
    private static final int H5S_SELECT_SET = 0;

    private MpiJnaWrite() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        int scanY = Integer.parseInt(args[2]);
        int scanX = Integer.parseInt(args[3]);
        int det = Integer.parseInt(args[4]);
        if (args[0].equals("expected")) {
            Files.write(out, rows(0, scanY, scanX, det));
            return;
        }
        write(out, scanY, scanX, det);
    }

    /** Scan rows y0..y1-1 as little-endian uint16: a bright disc plus hash noise, a pure function of the indices. */
    static byte[] rows(int y0, int y1, int scanX, int det) {
        ByteBuffer b = ByteBuffer.allocate((y1 - y0) * scanX * det * det * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < scanX; x++) {
                for (int i = 0; i < det; i++) {
                    for (int j = 0; j < det; j++) {
                        long h = (((long) y * scanX + x) * det + i) * det + j;
                        h = (h + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
                        h ^= h >>> 31;
                        int noise = (int) (h >>> 61);  // 0..7, mostly small after the mask below
                        boolean disc = (i - det / 2) * (i - det / 2) + (j - det / 2) * (j - det / 2) < det * det / 25;
                        b.putShort((short) ((noise & (noise >> 1)) + (disc ? 20 + (x + y) % 5 : 0)));
                    }
                }
            }
        }
        return b.array();
    }

    private static void write(Path out, int scanY, int scanX, int det) {
        // RTLD_GLOBAL: OpenMPI's own plugins (mca_*.so) resolve libmpi symbols from the global scope
        NativeLibrary.getInstance("mpi", java.util.Map.of(Library.OPTION_OPEN_FLAGS, 0x102));
        Mpi mpi = Native.load("mpi", Mpi.class);
        check(mpi.MPI_Init(null, null), "MPI_Init");
        NativeLibrary libmpi = NativeLibrary.getInstance("mpi");
        Pointer world = libmpi.getGlobalVariableAddress("ompi_mpi_comm_world");
        Pointer infoNull = libmpi.getGlobalVariableAddress("ompi_mpi_info_null");
        IntByReference rank = new IntByReference();
        IntByReference size = new IntByReference();
        check(mpi.MPI_Comm_rank(world, rank), "MPI_Comm_rank");
        check(mpi.MPI_Comm_size(world, size), "MPI_Comm_size");
        int base = scanY / size.getValue();
        int extra = scanY % size.getValue();
        int r = rank.getValue();
        int y0 = r * base + Math.min(r, extra);
        int y1 = y0 + base + (r < extra ? 1 : 0);
        byte[] local = rows(y0, y1, scanX, det);

        JnaStemzFilter.register();  // with the library named by STEMZ_HDF5_LIBRARY (hdf5_openmpi)
        Hdf5Library h5 = Hdf5Native.library();
        Hdf5Mpio mpio = Native.load(System.getenv().getOrDefault("STEMZ_HDF5_LIBRARY", "hdf5_openmpi"), Hdf5Mpio.class);
        long start = System.nanoTime();
        long fapl = Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_FILE_ACCESS_ID_g")), "H5Pcreate(fapl)");
        Hdf5Errors.check(mpio.H5Pset_fapl_mpio(fapl, world, infoNull), "H5Pset_fapl_mpio");
        long file = Hdf5Errors.check(h5.H5Fcreate(out.toString(), H5F_ACC_TRUNC, 0, fapl), "H5Fcreate(" + out + ")");
        long type = Hdf5Native.globalId("H5T_STD_U16LE_g");
        long[] shape = {scanY, scanX, det, det};
        long space = Hdf5Errors.check(h5.H5Screate_simple(4, shape, null), "H5Screate_simple");
        long dcpl = Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_DATASET_CREATE_ID_g")), "H5Pcreate(dcpl)");
        Hdf5Errors.check(h5.H5Pset_chunk(dcpl, 4, new long[] {1, scanX, det, det}), "H5Pset_chunk");
        Hdf5Errors.check(h5.H5Pset_filter(dcpl, FilterParameters.FILTER_ID, 0, 0, null), "H5Pset_filter(stemz)");
        // collective: every rank creates the dataset with the same arguments
        long d = Hdf5Errors.check(h5.H5Dcreate2(file, "data", type, space, 0, dcpl, 0), "H5Dcreate2");
        Hdf5Errors.check(h5.H5Sselect_hyperslab(space, H5S_SELECT_SET, new long[] {y0, 0, 0, 0}, null,
                new long[] {y1 - y0, scanX, det, det}, null), "H5Sselect_hyperslab");
        long mem = Hdf5Errors.check(h5.H5Screate_simple(4, new long[] {y1 - y0, scanX, det, det}, null), "H5Screate_simple");
        long dxpl = Hdf5Errors.check(h5.H5Pcreate(Hdf5Native.globalId("H5P_CLS_DATASET_XFER_ID_g")), "H5Pcreate(dxpl)");
        // filtered datasets are written only collectively (HDF5 >= 1.10.2)
        Hdf5Errors.check(mpio.H5Pset_dxpl_mpio(dxpl, H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio");
        Hdf5Errors.check(h5.H5Dwrite(d, type, mem, space, dxpl, local), "H5Dwrite");
        for (long id : new long[] {dxpl, mem, dcpl, space, d}) {
            h5.H5Idec_ref(id);
        }
        Hdf5Errors.check(h5.H5Fclose(file), "H5Fclose");
        h5.H5Pclose(fapl);
        check(mpi.MPI_Barrier(world), "MPI_Barrier");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (r == 0) {
            System.out.printf("wrote %s: %d ranks, %d rows, %.3f s%n", out, size.getValue(), scanY, seconds);
        }
        System.out.printf("rank %d rows %d..%d%n", r, y0, y1 - 1);
        System.out.flush();
        check(mpi.MPI_Finalize(), "MPI_Finalize");
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed with MPI error " + status);
        }
    }
}
