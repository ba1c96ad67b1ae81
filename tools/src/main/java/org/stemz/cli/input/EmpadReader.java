package org.stemz.cli.input;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.stemz.ArrayDescriptor;
import org.stemz.DataType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an EMPAD .raw (+ .xml): frames of 128x130 little-endian float32 whose last two rows are per-frame
 * metadata, dropped here (the delivered frames are 128x128). The scan shape comes from the .xml
 * ("acquire" scan parameters, or "search" when only those match the file size), else from {@code scan}.
 */
public final class EmpadReader {
    static final int SIZE = 128;
    static final int ROWS = 130;
    private static final long MAX_XML = 1 << 20;

    private EmpadReader() {
    }

    /** Opens {@code path} (.raw or .xml); {@code type} overrides float32 for EMPAD variants storing integers. */
    public static ArraySource open(Path path, long[] scan, DataType type) throws IOException {
        Path xml = path.toString().toLowerCase().endsWith(".xml") ? path : sibling(path);
        Document doc = xml == null ? null : parse(xml);
        Path raw = doc == null ? path : rawFile(xml, doc);
        DataType t = type == null ? DataType.FLOAT32 : type;
        if (t.size() != 4) {
            throw new org.stemz.cli.UsageException(raw + ": EMPAD frames hold 4-byte elements, not " + t);
        }
        long stride = (long) SIZE * ROWS * t.size();
        long size = Files.size(raw);
        if (size % stride != 0) {
            throw InputErrors.truncated(raw, size / stride * stride, "file ends inside frame " + size / stride
                    + " (EMPAD frames are " + stride + " bytes)");
        }
        long frames = size / stride;
        if (frames == 0) {
            throw InputErrors.truncated(raw, 0, "the file is empty: no EMPAD frame to compress");
        }
        long[] found = doc == null ? new long[] {frames} : scanFromXml(xml, doc, frames);
        long[] shape = ScanShape.withFrame(raw, scan, found, frames, SIZE, SIZE);
        ArrayDescriptor d = new ArrayDescriptor(t, ByteOrder.LITTLE_ENDIAN, shape);
        String meta = SourceMetadata.of("empad", raw)
                .put("xml", xml == null ? null : Files.readString(xml, StandardCharsets.ISO_8859_1))
                .put("dropped", "the last 2 rows of every frame (detector metadata)").toString();
        int frameBytes = SIZE * SIZE * t.size();
        FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ);
        int dropped = (ROWS - SIZE) * SIZE * t.size();
        ArraySource source = FileFrames.framed(raw, ch, d, meta, 0, 0, frameBytes, dropped, null);
        return withNote(source, raw + ": EMPAD: the last " + (ROWS - SIZE) + " rows of each of the " + frames
                + " frames (detector metadata, " + frames * dropped + " bytes in all) are not stored: the archive holds "
                + SIZE + "x" + SIZE + " frames and verify --against compares only those");
    }

    private static ArraySource withNote(ArraySource s, String note) {
        return new ArraySource() {
            @Override
            public ArrayDescriptor descriptor() {
                return s.descriptor();
            }

            @Override
            public String metadataJson() {
                return s.metadataJson();
            }

            @Override
            public void readFrames(long first, int count, byte[] dst, int offset) throws IOException {
                s.readFrames(first, count, dst, offset);
            }

            @Override
            public org.stemz.FrameSource frames() {
                return s.frames();
            }

            @Override
            public List<String> notes() {
                return List.of(note);
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    /** True if {@code raw} has its EMPAD .xml beside it (same base name, or an .xml naming it). */
    static boolean hasXml(Path raw) throws IOException {
        return sibling(raw) != null;
    }

    /** The .xml and .raw of an EMPAD acquisition given either of them (what must never be overwritten). */
    static List<Path> files(Path path) throws IOException {
        boolean isXml = path.toString().toLowerCase().endsWith(".xml");
        Path xml = isXml ? path : sibling(path);
        if (xml == null || !Files.isRegularFile(xml)) {
            return List.of(path);
        }
        try {
            return List.of(xml, isXml ? rawFile(xml, parse(xml)) : path);
        } catch (RuntimeException e) {
            return List.of(path);
        }
    }

    /** The .xml beside a .raw: same base name, or any .xml in the folder naming this .raw. */
    private static Path sibling(Path raw) throws IOException {
        String name = raw.getFileName().toString();
        Path same = raw.resolveSibling(name.replaceFirst("(?i)\\.raw$", ".xml"));
        if (Files.isRegularFile(same)) {
            return same;
        }
        Path dir = raw.toAbsolutePath().getParent();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (p.toString().toLowerCase().endsWith(".xml") && Files.size(p) < MAX_XML
                        && Files.readString(p, StandardCharsets.ISO_8859_1).contains(name)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Document parse(Path xml) throws IOException {
        if (Files.size(xml) > MAX_XML) {
            throw InputErrors.limit(xml, 0, "EMPAD .xml larger than " + MAX_XML + " bytes");
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newDocumentBuilder().parse(xml.toFile());
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw InputErrors.corrupt(xml, -1, "malformed EMPAD .xml: " + e.getMessage());
        }
    }

    private static Path rawFile(Path xml, Document doc) {
        NodeList raw = doc.getElementsByTagName("raw_file");
        if (raw.getLength() == 0) {
            throw InputErrors.corrupt(xml, -1, "EMPAD .xml has no <raw_file filename=...>");
        }
        String name = ((Element) raw.item(0)).getAttribute("filename").replace('\\', '/');
        return xml.resolveSibling(name.substring(name.lastIndexOf('/') + 1));
    }

    private static long[] scanFromXml(Path xml, Document doc, long frames) {
        NodeList type = doc.getElementsByTagName("type");
        if (type.getLength() > 0 && type.item(0).getTextContent().trim().equals("series")) {
            return new long[] {frames};
        }
        for (String mode : new String[] {"acquire", "search"}) {
            NodeList params = doc.getElementsByTagName("scan_parameters");
            for (int i = 0; i < params.getLength(); i++) {
                Element e = (Element) params.item(i);
                if (e.getAttribute("mode").equals(mode)) {
                    long y = number(e, "scan_resolution_y");
                    long x = number(e, "scan_resolution_x");
                    if (x > 0 && y > 0 && x * y == frames) {
                        return new long[] {y, x};
                    }
                }
            }
        }
        return new long[] {frames};
    }

    private static long number(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        try {
            return n.getLength() == 0 ? -1 : Long.parseLong(n.item(0).getTextContent().trim());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
