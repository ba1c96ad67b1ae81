package org.stemz.cli.input;

import java.nio.ByteOrder;
import org.stemz.DataType;

/** How to interpret a headerless file: shape (C order), element type, byte order, bytes to skip. */
public record RawLayout(long[] shape, DataType type, ByteOrder order, long offset) {
}
