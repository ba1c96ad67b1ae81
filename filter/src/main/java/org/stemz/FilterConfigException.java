package org.stemz;

/** HDF5 filter parameters (cd_values) are missing or inconsistent with the chunk. */
public class FilterConfigException extends StemzException {
    public FilterConfigException(String message) {
        super(ErrorCode.BAD_FILTER_PARAMETERS, -1, message);
    }
}
