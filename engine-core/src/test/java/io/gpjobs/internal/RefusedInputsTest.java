package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.ParameterFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readers refuse what they do not understand instead of reading it as an empty value. */
class RefusedInputsTest {

    private static final TaskDefinition TASK = new TaskDefinition("Shapes", null, null, null, null, List.of(
            ParameterDefinition.optionalInput("Features", GPDataType.FEATURE_RECORD_SET_LAYER, null),
            ParameterDefinition.optionalInput("Table", GPDataType.RECORD_SET, null),
            ParameterDefinition.optionalInput("Ratio", GPDataType.DOUBLE, null)
                    .withFilter(new ParameterFilter.Range(0.0, 1.0)),
            ParameterDefinition.optionalInput("Distance", GPDataType.LINEAR_UNIT, null)
                    .withFilter(new ParameterFilter.Range(0.0, 20_000_000.0)),
            ParameterDefinition.optionalInput("File", GPDataType.DATA_FILE, null)));

    private static String refused(String parameter, String json) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InputValidator.validate(TASK, Map.of(parameter, json)));
        assertThat(e).as("%s = %s is refused", parameter, json).isNotNull();
        return e.getMessage();
    }

    @Test
    void aGeoJsonFeatureCollectionIsRefusedNotReadAsEmptyFeatures() {
        String geoJson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[10,60]},\"properties\":{\"name\":\"a\"}}]}";
        assertThat(refused("Features", geoJson)).contains("parameter 'Features'").contains("GeoJSON FeatureCollection")
                .contains("expected an Esri JSON feature set");
    }

    @Test
    void geoJsonFeaturesOrGeometriesInsideAnEsriSetAreRefusedToo() {
        String geoJsonFeature = "{\"geometryType\":\"esriGeometryPoint\",\"features\":[{\"type\":\"Feature\","
                + "\"geometry\":{\"x\":1,\"y\":2},\"properties\":{}}]}";
        assertThat(refused("Features", geoJsonFeature)).contains("parameter 'Features'").contains("GeoJSON Feature");
        String geoJsonGeometry = "{\"geometryType\":\"esriGeometryPoint\",\"features\":[{"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"attributes\":{}}]}";
        assertThat(refused("Features", geoJsonGeometry)).contains("parameter 'Features'").contains("GeoJSON Point");
    }

    @Test
    void shapesThatAreNotEsriJsonAreNamed() {
        assertThat(refused("Features", "{\"geometryType\":\"esriGeometryPoint\",\"feature\":[]}"))
                .contains("parameter 'Features'").contains("'features' must be an array");
        assertThat(refused("Features", "{\"geometryType\":\"esriGeometryPoint\",\"features\":[{\"properties\":"
                + "{\"a\":1}}]}")).contains("parameter 'Features'").contains("needs 'geometry' or 'attributes'");
        assertThat(refused("Features", "{\"geometryType\":\"esriGeometryPoint\",\"features\":[{\"geometry\":"
                + "{\"coordinates\":[1,2]}}]}")).contains("parameter 'Features'")
                .contains("unexpected member 'coordinates'");
        assertThat(refused("Table", "{\"rows\":[{\"a\":1}]}"))
                .contains("parameter 'Table'").contains("'features' must be an array");
    }

    @Test
    void esriJsonStillReads() {
        String esri = "{\"geometryType\":\"esriGeometryPoint\",\"spatialReference\":{\"wkid\":4326},"
                + "\"displayFieldName\":\"\",\"fields\":[{\"name\":\"name\",\"type\":\"esriFieldTypeString\"}],"
                + "\"features\":[{\"geometry\":{\"x\":10,\"y\":60},\"attributes\":{\"name\":\"a\"}}]}";
        GPFeatureRecordSetLayer v = (GPFeatureRecordSetLayer) InputValidator.validate(TASK, Map.of("Features", esri))
                .get("Features");
        assertThat(v.features()).hasSize(1);
    }

    @Test
    void verticesBeyondDoubleRangeAreRefused() {
        assertThat(refused("Features", "{\"geometryType\":\"esriGeometryPolyline\",\"features\":[{\"geometry\":"
                + "{\"paths\":[[[0,0],[1e400,1]]]}}]}")).contains("parameter 'Features'").contains("finite");
    }

    @Test
    void rangeFiltersRefuseAbsurdLinearUnitsAndBoundNumbers() {
        assertThat(refused("Distance", "{\"distance\":1e308,\"units\":\"esriMeters\"}"))
                .contains("parameter 'Distance'").contains("out of range");
        assertThat(refused("Distance", "{\"distance\":30000,\"units\":\"esriKilometers\"}"))
                .contains("parameter 'Distance'");
        assertThat(InputValidator.validate(TASK, Map.of("Distance", "{\"distance\":5,\"units\":\"esriKilometers\"}"))
                .get("Distance")).isInstanceOf(GPLinearUnit.class);
        assertThat(refused("Ratio", "2")).contains("parameter 'Ratio'").contains("out of range");
    }

    @Test
    void fileUrlsAreCheckedAtSubmit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("points.csv"), "x,y\n1,2\n");
        assertThat(InputValidator.validate(TASK, Map.of("File", "{\"url\":\"" + csv.toUri() + "\"}")))
                .containsKey("File");
        assertThat(refused("File", "{\"url\":\"file:points.csv\"}")).contains("parameter 'File'")
                .contains("file:points.csv").contains("relative");
        assertThat(refused("File", "{\"url\":\"" + dir.resolve("missing.csv").toUri() + "\"}"))
                .contains("parameter 'File'").contains("missing.csv").contains("does not exist");
        assertThat(refused("File", "{\"url\":\"ftp://h/points.csv\"}")).contains("parameter 'File'")
                .contains("scheme 'ftp'");
        assertThat(refused("File", "{\"url\":\"points.csv\"}")).contains("parameter 'File'")
                .contains("not an absolute URL");
        assertThat(InputValidator.validate(TASK, Map.of("File", "{\"url\":\"https://h/points.csv?token=abc\"}")))
                .containsKey("File");
        // a secret in a refused URL is not echoed
        assertThat(refused("File", "{\"url\":\"ftp://h/p.csv?token=s3cr3t\"}")).doesNotContain("s3cr3t");
    }
}
