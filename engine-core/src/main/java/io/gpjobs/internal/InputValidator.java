package io.gpjobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.InvalidInputException;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.ParameterDefinition.Direction;
import io.gpjobs.spi.ParameterDefinition.ParameterType;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPMultiValue;
import io.gpjobs.value.GPRecordSet;
import io.gpjobs.value.GPValue;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.GPValueTable;
import io.gpjobs.value.ParameterFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks raw inputs against a task's parameter definitions and turns them into GP values.
 *
 * <p>Every problem is collected before failing, so a client learns about all of them at once. Stateless and
 * thread-safe.
 */
public final class InputValidator {

    /**
     * The REST control parameters that may accompany inputs on execute and submitJob and are not task
     * parameters: they are ignored by {@link #validate}, never reported as unknown.
     */
    public static final Set<String> CONTROL_PARAMETERS = Set.of("f", "token", "context", "env:outSR",
            "env:processSR", "returnZ", "returnM", "returnTrueCurves", "returnFeatureCollection", "returnColumnName",
            "simplifyFeatures", "esri_out_feature_service_name", "returnType");

    private InputValidator() {
    }

    /**
     * Validates and converts inputs: every required input without a default present, each value of the right type,
     * in the choice list and within the filter, no unknown parameter names and no output parameters; defaults
     * applied to absent inputs, required or optional (what the task JSON advertises is what an omitted input gets). Names in {@link #CONTROL_PARAMETERS} are ignored unless the task defines a
     * parameter of that name.
     *
     * @param definition the task; not null
     * @param raw        inputs by parameter name; each value a {@link String} (a REST form literal or JSON text),
     *                   a {@link JsonNode}, or a {@link GPValue}; a null or empty value counts as absent
     * @return the validated values by parameter name, in definition order, unmodifiable; absent optional inputs
     *         without a default are left out
     * @throws InvalidInputException listing every problem, each naming the parameter and the value
     */
    public static Map<String, GPValue> validate(TaskDefinition definition, Map<String, ?> raw) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(raw, "raw");
        if (raw.isEmpty() && definition.inputs().isEmpty()) {
            return Map.of(); // nothing given, nothing to give: the common case of a parameterless task
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String name = e.getKey();
            Optional<ParameterDefinition> p = name == null ? Optional.empty() : definition.parameter(name);
            if (p.isEmpty()) {
                if (!CONTROL_PARAMETERS.contains(name)) {
                    problems.add("unknown parameter '" + name + "' (value " + shown(e.getValue()) + "); task '"
                            + definition.name() + "' has inputs " + definition.inputs().stream()
                            .map(ParameterDefinition::name).toList());
                }
            } else if (p.get().direction() == Direction.OUTPUT && !absent(e.getValue())) {
                problems.add("parameter '" + name + "' is an output of task '" + definition.name()
                        + "' and cannot be given as input (value " + shown(e.getValue()) + ")");
            }
        }
        Map<String, GPValue> out = new LinkedHashMap<>();
        for (ParameterDefinition p : definition.inputs()) {
            Object v = raw.get(p.name());
            if (absent(v)) {
                // as ArcGIS Server does, an omitted input takes the default the task publishes, required or not;
                // only a required input without a default is missing
                if (p.defaultValue() != null && (p.parameterType() != ParameterType.REQUIRED
                        || !schemaOnly(p.defaultValue()))) {
                    out.put(p.name(), p.defaultValue());
                } else if (p.parameterType() == ParameterType.REQUIRED) {
                    problems.add("missing required parameter '" + p.name() + "' (" + p.dataType().wireName() + ")");
                }
                continue;
            }
            GPValue value;
            try {
                value = convert(p, v);
            } catch (IllegalArgumentException ex) {
                problems.add("parameter '" + p.name() + "': " + ex.getMessage());
                continue;
            }
            int before = problems.size();
            check(p, value, problems);
            if (problems.size() == before) {
                out.put(p.name(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Whether a default only describes a schema (a feature or record set with no rows): it tells clients what to
     * send and is no value for a required input.
     */
    private static boolean schemaOnly(GPValue v) {
        return (v instanceof GPFeatureRecordSetLayer fs && fs.reference() == null && fs.features().isEmpty())
                || (v instanceof GPRecordSet rs && rs.reference() == null && rs.rows().isEmpty());
    }

    private static boolean absent(Object v) {
        return v == null
                || (v instanceof String s && s.isEmpty())
                || (v instanceof JsonNode n && (n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isEmpty())));
    }

    private static String shown(Object v) {
        return GPValueCodec.describe(v);
    }

    private static GPValue convert(ParameterDefinition p, Object v) {
        return GPValueCodec.convert(p.shape(), v);
    }

    private static void check(ParameterDefinition p, GPValue value, List<String> problems) {
        List<GPValue> items = value instanceof GPMultiValue m ? m.values() : List.of(value);
        List<ParameterDefinition> infos = p.dataType().base() == GPDataType.Base.GPMultiValue
                ? elementInfos(p) : p.parameterInfos();
        ParameterDefinition element = p.dataType().base() == GPDataType.Base.GPMultiValue && p.parameterInfos().size() == 1
                && p.parameterInfos().get(0).dataType().equals(p.dataType().element()) ? p.parameterInfos().get(0) : null;
        for (GPValue item : items) {
            checkOne(p.name(), p.choiceList(), p.filter(), item, problems);
            InputUrls.check(p.name(), item).ifPresent(problems::add);
            if (element != null) { // the element descriptor may carry its own choice list or filter
                checkOne(p.name(), element.choiceList(), element.filter(), item, problems);
            }
            if (item instanceof GPValueTable t) {
                checkCells(p.name(), infos, t, problems);
            } else if (p.dataType().base() == GPDataType.Base.GPComposite
                    || (p.dataType().element() != null && p.dataType().element().base() == GPDataType.Base.GPComposite)) {
                // a composite member may carry its own choice list or filter
                infos.stream().filter(m -> m.dataType().equals(item.dataType())).findFirst()
                        .ifPresent(m -> checkOne(p.name(), m.choiceList(), m.filter(), item, problems));
            }
        }
    }

    private static void checkCells(String name, List<ParameterDefinition> columns, GPValueTable t,
                                   List<String> problems) {
        for (int r = 0; r < t.rows().size(); r++) {
            List<GPValue> row = t.rows().get(r);
            for (int c = 0; c < row.size() && c < columns.size(); c++) {
                if (row.get(c) != null) {
                    ParameterDefinition col = columns.get(c);
                    checkOne(name + "[" + r + "]." + col.name(), col.choiceList(), col.filter(), row.get(c), problems);
                }
            }
        }
    }

    private static void checkOne(String name, List<String> choices, ParameterFilter filter, GPValue item,
                                 List<String> problems) {
        if (!choices.isEmpty() && !GPValueCodec.inChoiceList(choices, item)) {
            problems.add("parameter '" + name + "': value " + shown(item) + " is not in the choice list " + choices);
        }
        if (filter != null) {
            filter.check(name, item).ifPresent(problems::add);
        }
    }

    /** The definitions of a multivalue's elements: the one element descriptor's own, when it lists just that. */
    private static List<ParameterDefinition> elementInfos(ParameterDefinition p) {
        List<ParameterDefinition> infos = p.parameterInfos();
        if (infos.size() == 1 && infos.get(0).dataType().equals(p.dataType().element())) {
            return infos.get(0).parameterInfos();
        }
        return infos;
    }
}
