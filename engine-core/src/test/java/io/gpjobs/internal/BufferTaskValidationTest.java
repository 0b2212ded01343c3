package io.gpjobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPDataFile;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPLinearUnit;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.LinearUnit;
import io.gpjobs.value.ParameterFilter;
import io.gpjobs.value.SpatialReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Buffer task of the GP REST contract's example, plus file and field parameters, through the validator. */
class BufferTaskValidationTest {

    private static final String SCHEMA = "{\"geometryType\":\"esriGeometryPolygon\",\"spatialReference\":{\"wkid\":102100,"
            + "\"latestWkid\":3857},\"fields\":[{\"name\":\"OBJECTID\",\"type\":\"esriFieldTypeOID\",\"alias\":\"OBJECTID\"}],"
            + "\"features\":[],\"exceededTransferLimit\":false}";

    private static final TaskDefinition BUFFER = new TaskDefinition("Buffer", null, null, null, null, List.of(
            new ParameterDefinition("Input_Features", GPDataType.FEATURE_RECORD_SET_LAYER, "Input Features", "",
                    ParameterDefinition.Direction.INPUT, ParameterDefinition.ParameterType.REQUIRED,
                    GPValueCodec.fromJson(GPDataType.FEATURE_RECORD_SET_LAYER, SCHEMA), "", List.of(),
                    new ParameterFilter.FeatureClass(List.of(GeometryType.POLYGON)), null, List.of()),
            ParameterDefinition.optionalInput("Distance", GPDataType.LINEAR_UNIT, new GPLinearUnit(10, LinearUnit.METERS)),
            ParameterDefinition.optionalInput("Side", GPDataType.STRING, new GPString("FULL"))
                    .withChoiceList(List.of("FULL", "LEFT", "RIGHT")),
            ParameterDefinition.optionalInput("Table", GPDataType.DATA_FILE, null)
                    .withFilter(new ParameterFilter.File(List.of("csv"))),
            ParameterDefinition.optionalInput("Weight_Field", GPDataType.FIELD, null)
                    .withFilter(new ParameterFilter.Field(List.of(FieldType.INTEGER, FieldType.DOUBLE))),
            ParameterDefinition.output("Output", GPDataType.FEATURE_RECORD_SET_LAYER)));

    private static final String POLYGONS = "{\"geometryType\":\"esriGeometryPolygon\",\"spatialReference\":{\"wkid\":4326},"
            + "\"features\":[{\"geometry\":{\"rings\":[[[0,0],[0,1],[1,1],[0,0]]]},\"attributes\":{\"OBJECTID\":1}}]}";

    @Test
    void validInputsAreConvertedAndDefaultsApplied() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("f", "json");
        raw.put("env:outSR", "102100");
        raw.put("Input_Features", POLYGONS);
        raw.put("Table", "{\"url\":\"https://h/data/weights.csv\"}");
        raw.put("Weight_Field", "{\"name\":\"w\",\"type\":\"esriFieldTypeDouble\"}");
        Map<String, GPValue> in = InputValidator.validate(BUFFER, raw);
        assertThat(in.keySet()).containsExactly("Input_Features", "Distance", "Side", "Table", "Weight_Field");
        GPFeatureRecordSetLayer fs = (GPFeatureRecordSetLayer) in.get("Input_Features");
        assertThat(fs.features()).hasSize(1);
        assertThat(fs.spatialReference()).isEqualTo(SpatialReference.WGS84);
        assertThat(in.get("Distance")).isEqualTo(new GPLinearUnit(10, LinearUnit.METERS));
        assertThat(in.get("Side")).isEqualTo(new GPString("FULL"));
        assertThat(in.get("Table")).isEqualTo(GPDataFile.ofUrl("https://h/data/weights.csv"));
        assertThat(in.get("Weight_Field")).isEqualTo(GPField.of("w", FieldType.DOUBLE));
    }

    @Test
    void linearUnitWithoutUnitsIsMeters() {
        Map<String, GPValue> in = InputValidator.validate(BUFFER, Map.of("Input_Features", POLYGONS,
                "Distance", "{\"distance\":25}"));
        assertThat(in.get("Distance")).isEqualTo(new GPLinearUnit(25, LinearUnit.METERS));
    }

    @Test
    void everyFilterAndTypeProblemIsReported() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("Input_Features", "{\"geometryType\":\"esriGeometryPoint\",\"features\":[]}");
        raw.put("Distance", "{\"distance\":5,\"units\":\"esriLightYears\"}");
        raw.put("Side", "BOTH");
        raw.put("Table", "{\"url\":\"https://h/data/weights.xlsx\"}");
        raw.put("Weight_Field", "{\"name\":\"label\",\"type\":\"esriFieldTypeString\"}");
        raw.put("Output", POLYGONS);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InputValidator.validate(BUFFER, raw));
        assertThat(e.details()).hasSize(6);
        assertThat(e.details().get(0)).startsWith("parameter 'Output' is an output of task 'Buffer' and cannot be given "
                + "as input (value '{\"geometryType\":\"esriGeometryPolygon\"");
        assertThat(e.details().subList(1, 6)).containsExactly(
                "parameter 'Input_Features': geometry type esriGeometryPoint is not allowed, expected [esriGeometryPolygon]",
                "parameter 'Distance': GPLinearUnit: unknown linear unit 'esriLightYears', expected one of esriUnknownUnits, "
                        + "esriInches, esriPoints, esriFeet, esriYards, esriMiles, esriNauticalMiles, esriMillimeters, "
                        + "esriCentimeters, esriMeters, esriKilometers, esriDecimalDegrees, esriDecimeters, esriIntInches, "
                        + "esriIntFeet, esriIntYards, esriIntMiles, esriIntNauticalMiles",
                "parameter 'Side': value \"BOTH\" is not in the choice list [FULL, LEFT, RIGHT]",
                "parameter 'Table': file 'https://h/data/weights.xlsx' has extension 'xlsx', expected one of [csv]",
                "parameter 'Weight_Field': field 'label' of type esriFieldTypeString is not allowed, expected "
                        + "[esriFieldTypeInteger, esriFieldTypeDouble]");
    }

    @Test
    void requiredFeatureSetWithOnlyASchemaDefaultMustStillBeGiven() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> InputValidator.validate(BUFFER, Map.of("Side", "LEFT")));
        assertThat(e.details()).containsExactly("missing required parameter 'Input_Features' (GPFeatureRecordSetLayer)");
    }
}
