package org.stemz.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version line of {@code --version}, from the build (tools/src/main/resources/stemz-version.properties). */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/stemz-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"stemz " + p.getProperty("version", "unknown") + " (archive format version "
                + org.stemz.ArchiveHeader.VERSION + ", Java " + System.getProperty("java.version") + ")"};
    }
}
