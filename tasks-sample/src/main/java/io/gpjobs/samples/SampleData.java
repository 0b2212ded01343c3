package io.gpjobs.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample data set bundled with the sample tools: bike-share stations and simplified city districts of Oslo in
 * WGS 84 / UTM zone 32N (wkid 32632) as Esri JSON feature sets, and air-quality sensors as a CSV file with
 * longitude/latitude columns {@code x} and {@code y} (WGS 84). The locations are approximate and for demonstration
 * only. The files live in this module under {@code io/gpjobs/samples/data/}.
 *
 * <p>Thread-safe (stateless).
 */
public final class SampleData {

    /** 36 bike-share stations (points, fields OBJECTID, NAME, DOCKS) in UTM zone 32N: a feature set JSON file. */
    public static final String BIKE_STATIONS = "oslo-bike-stations.json";

    /** 6 city districts (polygons, fields OBJECTID, DISTRICT, CODE) in UTM zone 32N: a feature set JSON file. */
    public static final String DISTRICTS = "oslo-districts.json";

    /** 18 air-quality sensors (columns name, x, y, pm25; x/y are WGS 84 longitude/latitude): a CSV file. */
    public static final String AIR_SENSORS_CSV = "oslo-air-sensors.csv";

    private SampleData() {
    }

    /** The names of the bundled files. */
    public static List<String> names() {
        return List.of(BIKE_STATIONS, DISTRICTS, AIR_SENSORS_CSV);
    }

    /**
     * The content of a bundled file as UTF-8 text.
     *
     * @param name one of {@link #names()}
     * @throws IllegalArgumentException naming the file when there is no such bundled file
     * @throws UncheckedIOException when it cannot be read
     */
    public static String read(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no bundled sample file '" + name + "'; there are " + names());
        }
        try (InputStream in = SampleData.class.getResourceAsStream("data/" + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample file '" + name + "' is missing from the module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled sample file '" + name + "'", e);
        }
    }
}
