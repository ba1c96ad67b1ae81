package org.stemz.hdf5;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads libhdf5 once and reports {@link #isAvailable()} with the reason when it cannot. The library name comes
 * from the system property {@code stemz.hdf5.library} or the environment variable {@code STEMZ_HDF5_LIBRARY}
 * (a name such as {@code hdf5} or a full path); by default Debian's {@code hdf5_serial}, then {@code hdf5}.
 */
public final class Hdf5Native {
    private static final Hdf5Native INSTANCE = load();

    private final Hdf5Library library;
    private final NativeLibrary nativeLibrary;
    private final String unavailableReason;

    private Hdf5Native(Hdf5Library library, NativeLibrary nativeLibrary, String unavailableReason) {
        this.library = library;
        this.nativeLibrary = nativeLibrary;
        this.unavailableReason = unavailableReason;
    }

    private static Hdf5Native load() {
        List<String> names = new ArrayList<>();
        String configured = System.getProperty("stemz.hdf5.library", System.getenv("STEMZ_HDF5_LIBRARY"));
        if (configured != null && !configured.isBlank()) {
            names.add(configured.trim());
        } else {
            names.add("hdf5_serial");
            names.add("hdf5");
        }
        StringBuilder why = new StringBuilder();
        for (String name : names) {
            try {
                NativeLibrary nl = NativeLibrary.getInstance(name);
                Hdf5Library lib = Native.load(name, Hdf5Library.class);
                // HDF5's own atexit cleanup would run after the JVM is gone (a filtered chunk would be lost) and,
                // after a failed close, would touch half-closed objects and crash: the shutdown hook does it instead.
                lib.H5dont_atexit();
                if (lib.H5open() < 0) {
                    why.append(name).append(": H5open failed; ");
                    continue;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeLibrary(lib), "stemz-H5close"));
                // Errors become exceptions carrying the HDF5 error stack instead of being printed to stderr.
                lib.H5Eset_auto2(0, null, null);
                return new Hdf5Native(lib, nl, null);
            } catch (LinkageError | RuntimeException e) { // e.g. JNA cannot unpack its native part
                why.append(name).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return new Hdf5Native(null, null, "libhdf5 could not be loaded (" + why
                + "set stemz.hdf5.library or STEMZ_HDF5_LIBRARY to its name or path)");
    }

    /**
     * After a close failed (typically: no space left while flushing), HDF5 keeps the half-closed object, and
     * H5close at exit would close it again and crash the JVM (SIGSEGV in H5D_close). The files concerned are
     * deleted by their writers, so at exit the library is then left as it is.
     */
    static void markDamaged() {
        damaged = true;
    }

    private static volatile boolean damaged;

    /** Flushes and closes whatever is still open at exit, unless a close already failed. */
    private static void closeLibrary(Hdf5Library lib) {
        if (!damaged) {
            lib.H5close();
        }
    }

    public static boolean isAvailable() {
        return INSTANCE.library != null;
    }

    /** Why {@link #isAvailable()} is false, or null. */
    public static String unavailableReason() {
        return INSTANCE.unavailableReason;
    }

    /** The loaded library; throws with the reason when it is not available. */
    public static Hdf5Library library() {
        if (INSTANCE.library == null) {
            throw new IllegalStateException(INSTANCE.unavailableReason);
        }
        return INSTANCE.library;
    }

    /** Value of a global id such as {@code H5T_STD_U16LE_g}: valid only after H5open, which {@link #load} did. */
    static long globalId(String name) {
        library();
        return INSTANCE.nativeLibrary.getGlobalVariableAddress(name).getLong(0);
    }
}
