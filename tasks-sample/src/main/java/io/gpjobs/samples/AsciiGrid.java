package io.gpjobs.samples;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Writes rasters as ESRI ASCII grids ({@code .asc}) and their {@code .prj} files. The grid header is
 * {@code ncols, nrows, xllcorner, yllcorner, cellsize, NODATA_value}; rows follow from north to south, values
 * separated by spaces with up to seven significant digits.
 *
 * <p>Thread-safe (stateless).
 */
final class AsciiGrid {

    /** The NODATA value written in the header. */
    static final double NODATA = -9999;

    private static final String GCS_WGS84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
            + "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]]";

    private AsciiGrid() {
    }

    /** Writes the header of a grid whose lower-left corner is {@code (xll, yll)}. */
    static void writeHeader(Writer out, int ncols, int nrows, double xll, double yll, double cellSize)
            throws IOException {
        out.write("ncols " + ncols + "\n");
        out.write("nrows " + nrows + "\n");
        out.write("xllcorner " + plain(xll) + "\n");
        out.write("yllcorner " + plain(yll) + "\n");
        out.write("cellsize " + plain(cellSize) + "\n");
        out.write("NODATA_value " + format(NODATA) + "\n");
    }

    /** Writes one row of values (north to south order is the caller's job). */
    static void writeRow(Writer out, double[] values) throws IOException {
        StringBuilder sb = new StringBuilder(values.length * 8);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Double.isFinite(values[i]) ? format(values[i]) : format(NODATA));
        }
        sb.append('\n');
        out.write(sb.toString());
    }

    /** A value with at most seven significant digits, without exponent. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(7)).stripTrailingZeros().toPlainString();
    }

    private static String plain(double v) {
        return v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * The Esri WKT for a {@code .prj} file: the given WKT when there is one, else the WKT of a wkid this class
     * knows (4326, Web Mercator 3857/102100, WGS 84 UTM zones 32601–32660 and 32701–32760), else empty.
     */
    static Optional<String> prj(Integer wkid, String wkt) {
        if (wkt != null && !wkt.isBlank()) {
            return Optional.of(wkt.strip());
        }
        if (wkid == null) {
            return Optional.empty();
        }
        if (wkid == 4326) {
            return Optional.of(GCS_WGS84);
        }
        if (wkid == 3857 || wkid == 102100) {
            return Optional.of("PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\"," + GCS_WGS84
                    + ",PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],"
                    + "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],"
                    + "PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],"
                    + "UNIT[\"Meter\",1.0]]");
        }
        boolean north = wkid >= 32601 && wkid <= 32660;
        boolean south = wkid >= 32701 && wkid <= 32760;
        if (north || south) {
            int zone = wkid % 100;
            int centralMeridian = zone * 6 - 183;
            return Optional.of("PROJCS[\"WGS_1984_UTM_Zone_" + zone + (north ? "N" : "S") + "\"," + GCS_WGS84
                    + ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],"
                    + "PARAMETER[\"False_Northing\"," + (north ? "0.0" : "10000000.0") + "],"
                    + "PARAMETER[\"Central_Meridian\"," + centralMeridian + ".0],PARAMETER[\"Scale_Factor\",0.9996],"
                    + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
        }
        return Optional.empty();
    }
}
