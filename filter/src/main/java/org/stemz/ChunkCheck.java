package org.stemz;

/**
 * The verification result of one chunk: where it is, which frames it holds, whether its coded bytes match the
 * index checksum and whether it decodes to data matching the decoded checksum; {@code error} is null when both
 * hold, else the first error found.
 */
public record ChunkCheck(int chunk, long offset, long codedBytes, long firstFrame, int frames,
                         boolean codedChecksumOk, boolean decodedChecksumOk, StemzException error) {
    public boolean ok() {
        return codedChecksumOk && decodedChecksumOk;
    }
}
