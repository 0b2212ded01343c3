package io.gpjobs.samples;

import java.util.Arrays;
import java.util.Comparator;
import org.locationtech.jts.geom.Envelope;

/**
 * A simple (circle neighbourhood) point density surface, computed one row at a time from north to south: each
 * cell's value is the summed weight of the points within {@code radius} of the cell centre, divided by the area of
 * the circle. Units are those of the coordinates; callers scale to area units.
 *
 * <p>The grid covers the points' extent grown by the radius on every side, so no point's neighbourhood is cut off.
 *
 * <p>Not thread-safe.
 */
final class DensityGrid {

    private final double[] xs;
    private final double[] ys;
    private final double[] weights;
    private final double radius;
    private final double cellSize;
    private final double xll;
    private final double yll;
    private final int ncols;
    private final int nrows;

    /**
     * @param x        point x coordinates
     * @param y        point y coordinates
     * @param w        point weights
     * @param radius   the neighbourhood radius, in coordinate units, &gt; 0
     * @param cellSize the cell size, in coordinate units, &gt; 0
     * @param maxCells the largest grid allowed
     * @throws IllegalArgumentException when the grid would have more than {@code maxCells} cells
     */
    DensityGrid(double[] x, double[] y, double[] w, double radius, double cellSize, long maxCells) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        xs = new double[x.length];
        ys = new double[x.length];
        weights = new double[x.length];
        Envelope extent = new Envelope();
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
            weights[i] = w[order[i]];
            extent.expandToInclude(xs[i], ys[i]);
        }
        extent.expandBy(radius);
        this.radius = radius;
        this.cellSize = cellSize;
        long cols = Math.max(1, (long) Math.ceil(extent.getWidth() / cellSize));
        long rows = Math.max(1, (long) Math.ceil(extent.getHeight() / cellSize));
        if (cols * rows > maxCells) {
            throw new IllegalArgumentException("a cell size of " + cellSize + " gives a grid of " + cols + " x " + rows
                    + " cells; at most " + maxCells + " cells are allowed, so choose a larger cell size");
        }
        ncols = (int) cols;
        nrows = (int) rows;
        xll = extent.getMinX();
        yll = extent.getMinY();
    }

    int ncols() {
        return ncols;
    }

    int nrows() {
        return nrows;
    }

    double xll() {
        return xll;
    }

    double yll() {
        return yll;
    }

    /** Row {@code r} (0 is the northernmost) as densities per square coordinate unit. */
    double[] row(int r) {
        double[] out = new double[ncols];
        double yc = yll + (nrows - r - 0.5) * cellSize;
        double area = Math.PI * radius * radius;
        int from = lowerBound(yc - radius);
        for (int i = from; i < ys.length && ys[i] <= yc + radius; i++) {
            double dy = yc - ys[i];
            double half = Math.sqrt(Math.max(0, radius * radius - dy * dy));
            int c0 = (int) Math.max(0, Math.ceil((xs[i] - half - xll) / cellSize - 0.5));
            int c1 = (int) Math.min(ncols - 1, Math.floor((xs[i] + half - xll) / cellSize - 0.5));
            for (int c = c0; c <= c1; c++) {
                out[c] += weights[i] / area;
            }
        }
        return out;
    }

    private int lowerBound(double y) {
        int lo = 0;
        int hi = ys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ys[mid] < y) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
