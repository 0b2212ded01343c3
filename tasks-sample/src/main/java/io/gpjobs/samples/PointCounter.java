package io.gpjobs.samples;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Counts points in polygons with an STR-tree of the polygons and prepared geometries. A point on a polygon's
 * boundary counts as in it; a point in several overlapping polygons counts in each; each point of a multipoint
 * counts on its own.
 *
 * <p>Not thread-safe; build one per job.
 */
final class PointCounter {

    /** Per-polygon counts and how many points fell in no polygon. */
    record Result(long[] counts, long pointsInAny, long pointsOutside) {
    }

    private final STRtree index = new STRtree();
    private final int polygonCount;

    PointCounter(List<Geometry> polygons) {
        PreparedGeometryFactory factory = new PreparedGeometryFactory();
        for (int i = 0; i < polygons.size(); i++) {
            Geometry p = polygons.get(i);
            if (p != null && !p.isEmpty()) {
                index.insert(p.getEnvelopeInternal(), new Indexed(i, factory.create(p)));
            }
        }
        polygonCount = polygons.size();
    }

    private record Indexed(int position, PreparedGeometry polygon) {
    }

    /** Counts {@code points} (points or multipoints; null and empty geometries are skipped). */
    Result count(List<Geometry> points) {
        long[] counts = new long[polygonCount];
        long inAny = 0;
        long outside = 0;
        for (Geometry g : points) {
            if (g == null) {
                continue;
            }
            for (int k = 0; k < g.getNumGeometries(); k++) {
                Point point = (Point) g.getGeometryN(k);
                if (point.isEmpty()) {
                    continue;
                }
                boolean inside = false;
                for (Object o : index.query(point.getEnvelopeInternal())) {
                    Indexed candidate = (Indexed) o;
                    if (candidate.polygon().covers(point)) {
                        counts[candidate.position()]++;
                        inside = true;
                    }
                }
                if (inside) {
                    inAny++;
                } else {
                    outside++;
                }
            }
        }
        return new Result(counts, inAny, outside);
    }
}
