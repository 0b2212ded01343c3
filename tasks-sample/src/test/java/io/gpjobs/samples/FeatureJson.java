package io.gpjobs.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds feature set JSON text for tests, as a client would send it. */
public final class FeatureJson {
    private FeatureJson() {
    }

    private static String sr(Integer wkid) {
        return wkid == null ? "" : ",\"spatialReference\":{\"wkid\":" + wkid + "}";
    }

    /** A point feature set; each point gets OBJECTID and a NAME "p1", "p2", …. */
    public static String points(Integer wkid, double[]... xy) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < xy.length; i++) {
            features.add(String.format(Locale.ROOT,
                    "{\"geometry\":{\"x\":%s,\"y\":%s},\"attributes\":{\"OBJECTID\":%d,\"NAME\":\"p%d\"}}",
                    xy[i][0], xy[i][1], i + 1, i + 1));
        }
        return "{\"geometryType\":\"esriGeometryPoint\"" + sr(wkid)
                + ",\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\"},"
                + "{\"name\":\"NAME\",\"type\":\"esriFieldTypeString\",\"length\":16}],"
                + "\"features\":[" + String.join(",", features) + "]}";
    }

    /** A polygon feature set of axis-aligned squares given as {x0, y0, size}; fields OBJECTID and ZONE. */
    public static String squares(Integer wkid, double[]... squares) {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < squares.length; i++) {
            double x = squares[i][0];
            double y = squares[i][1];
            double s = squares[i][2];
            features.add(String.format(Locale.ROOT, "{\"geometry\":{\"rings\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]},"
                            + "\"attributes\":{\"OBJECTID\":%d,\"ZONE\":\"z%d\"}}",
                    x, y, x, y + s, x + s, y + s, x + s, y, x, y, i + 1, i + 1));
        }
        return "{\"geometryType\":\"esriGeometryPolygon\"" + sr(wkid)
                + ",\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\"},"
                + "{\"name\":\"ZONE\",\"type\":\"esriFieldTypeString\",\"length\":8}],"
                + "\"features\":[" + String.join(",", features) + "]}";
    }

    /** A linear unit JSON value. */
    public static String distance(double distance, String units) {
        return String.format(Locale.ROOT, "{\"distance\":%s,\"units\":\"%s\"}", distance, units);
    }
}
