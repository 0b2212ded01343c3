package io.gpjobs.spi;

import io.gpjobs.value.GPDataType;
import io.gpjobs.value.ParameterFilter;
import java.util.List;
import java.util.Objects;

/**
 * One type a {@code GPComposite} parameter accepts (a value is of exactly one of its members' types), optionally
 * limited by a choice list or a filter. Declared with {@link ParameterOptions#members}; the task JSON
 * lists it among the parameter's {@code parameterInfos}. Immutable.
 *
 * @param dataType   the member type; not null
 * @param choiceList the values of that type allowed; empty for any
 * @param filter     a range or other filter on values of that type, or null
 */
public record CompositeMember(GPDataType dataType, List<String> choiceList, ParameterFilter filter) {

    /**
     * Checks the member.
     *
     * @throws NullPointerException when {@code dataType} is null
     */
    public CompositeMember {
        Objects.requireNonNull(dataType, "dataType");
        choiceList = choiceList == null ? List.of() : List.copyOf(choiceList);
    }

    /** A member of that type, any value of it allowed. */
    public static CompositeMember of(GPDataType dataType) {
        return new CompositeMember(dataType, List.of(), null);
    }

    /** This member with its values limited to {@code choices}. */
    public CompositeMember withChoices(String... choices) {
        return new CompositeMember(dataType, List.of(choices), filter);
    }

    /** This member with its values checked by {@code f}. */
    public CompositeMember withFilter(ParameterFilter f) {
        return new CompositeMember(dataType, choiceList, f);
    }

    /** The member as the task JSON's parameter info describes it, named after its type. */
    ParameterDefinition info() {
        String name = dataType.wireName().replaceAll("[^A-Za-z0-9_]", "_");
        return new ParameterDefinition(name, dataType, null, null, ParameterDefinition.Direction.INPUT,
                ParameterDefinition.ParameterType.REQUIRED, null, null, choiceList, filter, null, List.of());
    }

    /** The member a parameter info describes. */
    static CompositeMember of(ParameterDefinition info) {
        return new CompositeMember(info.dataType(), info.choiceList(), info.filter());
    }
}
