package io.gpjobs.value;

import java.util.ArrayList;
import java.util.List;

/** Checks and copies vertex lists of geometries. */
final class Vertices {
    private Vertices() {
    }

    static List<List<Double>> copy(String type, List<List<Double>> vertices, boolean hasZ, boolean hasM) {
        int want = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        List<List<Double>> out = new ArrayList<>(vertices.size());
        for (List<Double> v : vertices) {
            List<Double> c = List.copyOf(v);
            // z or m may be left out by clients that do not know them; never fewer than x,y
            if (c.size() < 2 || c.size() > want) {
                throw new IllegalArgumentException(type + ": a vertex needs " + want + " values (x, y"
                        + (hasZ ? ", z" : "") + (hasM ? ", m" : "") + "), got " + c);
            }
            for (Double d : c) {
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException(type + ": vertex values must be finite numbers, got " + c);
                }
            }
            out.add(c);
        }
        return List.copyOf(out);
    }
}
