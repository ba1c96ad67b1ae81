package org.stemz.cli;

import java.io.PrintWriter;
import org.stemz.hdf5.DatasetCoding;
import picocli.CommandLine.Option;

/** {@code --dataset-model}: HDF5 output stores one model for the dataset in cd_values (filter layout 2). */
final class DatasetModelOption {
    @Option(names = "--dataset-model", negatable = true, fallbackValue = "true",
            defaultValue = "${sys:" + DatasetCoding.DATASET_MODEL_PROPERTY + ":-false}",
            description = "HDF5 output: store one model learnt from the whole dataset in the filter's cd_values "
                    + "(layout 2) instead of one per chunk, for chunks of whole frames (one-frame chunks of the "
                    + "test scans: 0.1-17%% over the archive, against 5-170%%). h5dump, h5repack, jhdf and the JNA "
                    + "binding read it; h5py only after `import stemz.hdf5` (python/: plain h5py reads past 16 "
                    + "cd_values on opening the dataset and can crash). Default: false (or -D"
                    + DatasetCoding.DATASET_MODEL_PROPERTY + "=true).")
    boolean enabled;

    /** Tells the user once what a layout-2 file asks of its readers. */
    void printReaderNote(PrintWriter err, String command) {
        if (enabled) {
            err.println("stemz " + command + ": note: --dataset-model stores the model in cd_values: h5dump, "
                    + "h5repack, jhdf and Java read the file; in Python `import stemz.hdf5` before opening it (plain "
                    + "h5py reads past 16 cd_values and can crash)");
            err.flush();
        }
    }
}
