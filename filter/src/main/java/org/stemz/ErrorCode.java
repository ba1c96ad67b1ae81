package org.stemz;

/**
 * Stable error codes shared by exceptions, CLI exit codes, the conformance manifest and the specification.
 * Never renumber or rename a code: archives, scripts and test vectors depend on them.
 */
public enum ErrorCode {
    /** The stream does not start with the stemz magic bytes. */
    BAD_MAGIC,
    /** The format version is newer or older than this decoder understands. */
    UNSUPPORTED_VERSION,
    /** A reserved bit or field is not zero, or an enumerated value is unknown. */
    RESERVED_VALUE,
    /** The stream ends before a structure it declares. */
    TRUNCATED,
    /** Bytes follow the end of a structure that must be last. */
    TRAILING_DATA,
    /** The header checksum does not match. */
    HEADER_CHECKSUM_MISMATCH,
    /** The checksum of a coded chunk does not match. */
    CHUNK_CHECKSUM_MISMATCH,
    /** The checksum of decoded data does not match: the decoder produced data that differ from the original. */
    DATA_CHECKSUM_MISMATCH,
    /** The model (pixel statistics or frequency tables) is malformed, e.g. frequencies do not sum to the table total. */
    BAD_MODEL,
    /** A coded chunk is malformed: rANS final state wrong, a context without a table, sizes inconsistent. */
    BAD_CHUNK,
    /** A declared size exceeds a resource limit of the specification. */
    LIMIT_EXCEEDED,
    /** The chunk index is inconsistent with the header or the file size. */
    BAD_INDEX,
    /** The metadata block is not valid UTF-8. */
    BAD_METADATA,
    /** The caller asked for something the data cannot provide (e.g. frames out of range, unsupported dtype). */
    INVALID_ARGUMENT,
    /** HDF5 filter parameters (cd_values) are missing or inconsistent. */
    BAD_FILTER_PARAMETERS,
    /** An input file (not an archive) is of a format or variant stemz does not read. */
    UNSUPPORTED_INPUT
}
