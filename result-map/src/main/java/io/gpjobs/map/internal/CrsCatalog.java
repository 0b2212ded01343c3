package io.gpjobs.map.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The PROJ.4 definitions of the EPSG and ESRI well-known IDs, read once from Proj4J's bundled EPSG database.
 * They are read through the class loader (not by Proj4J itself) because on the module path a library can only
 * see resources of its own module, and the database is a separate jar. Thread-safe (loaded once, then read-only).
 */
public final class CrsCatalog {

    private CrsCatalog() {
    }

    private static final class Holder {
        static final Map<Integer, String> DEFINITIONS = load();
    }

    /** The PROJ.4 parameters of a well-known ID, or null when it is in neither the EPSG nor the ESRI list. */
    public static String definition(int wkid) {
        return Holder.DEFINITIONS.get(wkid);
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> map = new HashMap<>();
        read("proj4/nad/esri", map);
        read("proj4/nad/epsg", map); // an EPSG code wins where the two lists share a number
        return Map.copyOf(map);
    }

    private static void read(String resource, Map<Integer, String> into) {
        ClassLoader loader = CrsCatalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the EPSG database (" + resource + ", proj4j-epsg) is not on the "
                        + "class or module path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int close = line.indexOf('>');
                if (!line.startsWith("<") || close < 0) {
                    continue;
                }
                int end = line.lastIndexOf("<>");
                String params = (end > close ? line.substring(close + 1, end) : line.substring(close + 1))
                        .replace(" no_defs", " ").trim();
                try {
                    into.put(Integer.parseInt(line.substring(1, close).trim()), params);
                } catch (NumberFormatException notAnId) {
                    // the lists also name a few definitions; only numeric IDs are addressable by wkid
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}
