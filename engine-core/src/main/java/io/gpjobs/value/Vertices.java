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

    /** The vertices with z and/or m dropped unless kept; vertices that left them out stay as they are. */
    static List<List<Double>> withZM(List<List<Double>> vertices, boolean hasZ, boolean hasM, boolean keepZ,
                                     boolean keepM) {
        List<List<Double>> out = new ArrayList<>(vertices.size());
        for (List<Double> v : vertices) {
            List<Double> c = new ArrayList<>(v.subList(0, 2));
            int i = 2;
            if (hasZ) {
                if (keepZ && i < v.size()) {
                    c.add(v.get(i));
                }
                i++;
            }
            if (hasM && keepM && i < v.size()) {
                c.add(v.get(i));
            }
            out.add(c);
        }
        return out;
    }
}
