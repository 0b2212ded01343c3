package io.gpjobs.map.internal;

import io.gpjobs.value.Geometry.Envelope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StreamTokenizer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raster read from an ESRI ASCII grid ({@code .asc}): header {@code ncols, nrows, xllcorner|xllcenter,
 * yllcorner|yllcenter, cellsize[, NODATA_value]}, then rows from north to south. Cells equal to the NODATA value
 * are NaN. Immutable after reading (the array is not shared).
 *
 * @param ncols    columns
 * @param nrows    rows
 * @param xll      x of the lower-left corner
 * @param yll      y of the lower-left corner
 * @param cellSize cell size
 * @param values   row-major values, north row first; NaN for no data
 * @param min      the smallest value (NaN when every cell is no data)
 * @param max      the largest value (NaN when every cell is no data)
 */
public record Grid(int ncols, int nrows, double xll, double yll, double cellSize, float[] values, double min,
                   double max) {

    /** Most cells a grid may have. */
    static final long MAX_CELLS = 16_000_000L;
    private static final java.util.Set<String> HEADERS = java.util.Set.of("ncols", "nrows", "xllcorner", "xllcenter",
            "yllcorner", "yllcenter", "cellsize", "nodata_value");

    /** The grid's extent. */
    public Envelope extent() {
        return new Envelope(xll, yll, xll + ncols * cellSize, yll + nrows * cellSize, null);
    }

    /** The value of the cell containing (x, y), NaN outside the grid or on no data. */
    public double valueAt(double x, double y) {
        int col = (int) Math.floor((x - xll) / cellSize);
        int rowFromSouth = (int) Math.floor((y - yll) / cellSize);
        if (col < 0 || col >= ncols || rowFromSouth < 0 || rowFromSouth >= nrows) {
            return Double.NaN;
        }
        return values[(nrows - 1 - rowFromSouth) * ncols + col];
    }

    /**
     * Reads a grid.
     *
     * @param name the file's name for messages
     * @throws IllegalArgumentException naming the file and the problem when it is not a valid grid
     */
    public static Grid read(String name, InputStream in) throws IOException {
        StreamTokenizer t = new StreamTokenizer(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        t.resetSyntax();
        t.wordChars(33, 126);
        t.whitespaceChars(0, 32);
        Map<String, Double> header = new HashMap<>();
        String pending = null;
        while (t.nextToken() == StreamTokenizer.TT_WORD) {
            String key = t.sval.toLowerCase(Locale.ROOT);
            if (!HEADERS.contains(key)) {
                pending = t.sval;
                break;
            }
            if (t.nextToken() != StreamTokenizer.TT_WORD) {
                throw bad(name, "header '" + key + "' has no value");
            }
            header.put(key, number(name, key, t.sval));
        }
        int ncols = count(name, header, "ncols");
        int nrows = count(name, header, "nrows");
        double cs = required(name, header, "cellsize");
        if (!(cs > 0)) {
            throw bad(name, "cellsize must be positive, got " + cs);
        }
        double xll = corner(name, header, "xll", cs);
        double yll = corner(name, header, "yll", cs);
        Double nodata = header.get("nodata_value");
        if ((long) ncols * nrows > MAX_CELLS) {
            throw bad(name, ncols + " x " + nrows + " cells exceed the limit of " + MAX_CELLS);
        }
        float[] values = new float[ncols * nrows];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            String s;
            if (pending != null) {
                s = pending;
                pending = null;
            } else if (t.nextToken() == StreamTokenizer.TT_WORD) {
                s = t.sval;
            } else {
                throw bad(name, "expected " + values.length + " values, found " + i);
            }
            double v = number(name, "cell " + i, s);
            if (nodata != null && v == nodata) {
                values[i] = Float.NaN;
            } else {
                values[i] = (float) v;
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
        }
        return new Grid(ncols, nrows, xll, yll, cs, values, min > max ? Double.NaN : min, min > max ? Double.NaN : max);
    }

    private static double corner(String name, Map<String, Double> h, String axis, double cs) {
        Double corner = h.get(axis + "corner");
        if (corner != null) {
            return corner;
        }
        Double center = h.get(axis + "center");
        if (center != null) {
            return center - cs / 2;
        }
        throw bad(name, "header needs " + axis + "corner or " + axis + "center");
    }

    private static int count(String name, Map<String, Double> h, String key) {
        double v = required(name, h, key);
        if (v < 1 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw bad(name, key + " must be a positive whole number, got " + v);
        }
        return (int) v;
    }

    private static double required(String name, Map<String, Double> h, String key) {
        Double v = h.get(key);
        if (v == null) {
            throw bad(name, "header has no " + key);
        }
        return v;
    }

    private static double number(String name, String what, String s) {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, what + " is not a number: '" + s + "'");
    }

    private static IllegalArgumentException bad(String name, String problem) {
        return new IllegalArgumentException("ASCII grid '" + name + "': " + problem);
    }
}
