package io.gpjobs.value;

import java.util.ArrayList;
import java.util.List;

/** Type compatibility between a parameter and a value given as a {@link GPValue}, and choice-list matching. */
final class Compat {
    private Compat() {
    }

    /** The value as the parameter's type: itself, a GPLong widened to GPDouble, or an error naming both types. */
    static GPValue coerce(ValueShape p, GPValue g) {
        return coerce(p.dataType(), p.members(), g);
    }

    static GPValue coerce(GPDataType type, List<ValueShape> infos, GPValue g) {
        if (g.dataType().equals(type)) {
            return g;
        }
        if (type.equals(GPDataType.DOUBLE) && g instanceof GPLong l) {
            return new GPDouble(l.value());
        }
        if (type.base() == GPDataType.Base.GPComposite) {
            List<GPDataType> members = CompositeCodec.memberTypes(infos);
            if (members.isEmpty() ? CompositeCodec.canBeMember(g.dataType()) : members.contains(g.dataType())) {
                return g;
            }
            for (GPDataType m : members) {
                if (m.equals(GPDataType.DOUBLE) && g instanceof GPLong l) {
                    return new GPDouble(l.value());
                }
            }
        }
        if (type.base() == GPDataType.Base.GPMultiValue && g instanceof GPMultiValue mv) {
            List<ValueShape> elementInfos = CompositeCodec.elementInfos(type.element(), infos);
            List<GPValue> out = new ArrayList<>();
            for (GPValue v : mv.values()) {
                out.add(coerce(type.element(), elementInfos, v));
            }
            return new GPMultiValue(type.element(), out);
        }
        throw new IllegalArgumentException("expected a " + type.wireName() + " value, got a " + g.dataType().wireName()
                + " value " + Json.show(GPValueCodec.write(g)));
    }

    static boolean inChoiceList(List<String> choices, GPValue v) {
        if (v instanceof GPString s) {
            return choices.contains(s.value());
        }
        for (String c : choices) {
            try {
                if (v instanceof GPLong l && Long.parseLong(c.strip()) == l.value()) {
                    return true;
                }
                if (v instanceof GPDouble d && Double.parseDouble(c.strip()) == d.value()) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // a non-numeric choice never matches a number
            }
        }
        return choices.contains(GPValueCodec.toJson(v));
    }
}
