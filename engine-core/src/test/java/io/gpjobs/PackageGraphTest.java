package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of engine-core, read from its sources: {@code value} is a leaf (it refers to nothing of gpjobs
 * outside itself), no exported package refers to {@code internal} except through a package-private bridge, and
 * {@code module-info} never exports {@code internal}.
 */
class PackageGraphTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern GPJOBS_REF = Pattern.compile("\\bio\\.gpjobs\\.(\\w+)\\.");
    private static final Pattern INTERNAL_REF = Pattern.compile("\\bio\\.gpjobs\\.internal\\.");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s");
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    /** A source file: its package (dots) and its text without comments. */
    record Source(String path, String pkg, String code) {
    }

    static List<Source> sources(Path root) throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(f.getParent() == null ? f : f.getParent()).toString();
                String pkg = rel.replace(f.getFileSystem().getSeparator(), ".");
                out.add(new Source(root.relativize(f).toString(), pkg, code(Files.readString(f))));
            }
        }
        return out;
    }

    static String code(String text) {
        return COMMENTS.matcher(text).replaceAll(" ");
    }

    /** Every breach of the rules in {@code sources}, one line each. */
    static List<String> breaches(List<Source> sources) {
        List<String> out = new ArrayList<>();
        for (Source s : sources) {
            if (s.pkg().equals("io.gpjobs.value")) {
                Matcher m = GPJOBS_REF.matcher(s.code());
                while (m.find()) {
                    if (!m.group(1).equals("value")) {
                        out.add(s.path() + ": value refers to io.gpjobs." + m.group(1));
                    }
                }
                if (Pattern.compile("^import io\\.gpjobs\\.[A-Z]", Pattern.MULTILINE).matcher(s.code()).find()) {
                    out.add(s.path() + ": value imports the API package");
                }
            } else if (!s.pkg().endsWith(".internal") && s.pkg().startsWith("io.gpjobs")
                    && INTERNAL_REF.matcher(s.code()).find() && PUBLIC_TYPE.matcher(s.code()).find()) {
                out.add(s.path() + ": a public type of an exported package refers to internal (use a package-private "
                        + "bridge)");
            }
            if (s.path().equals("module-info.java")
                    && Pattern.compile("exports\\s+[\\w.]*internal").matcher(s.code()).find()) {
                out.add("module-info.java exports an internal package");
            }
        }
        return out;
    }

    @Test
    void valueIsALeafAndInternalIsReachedOnlyThroughPackagePrivateBridges() throws IOException {
        List<Source> all = sources(SOURCES);
        assertThat(all).extracting(Source::pkg).contains("io.gpjobs", "io.gpjobs.spi", "io.gpjobs.value",
                "io.gpjobs.internal");
        assertThat(breaches(all)).isEmpty();
    }

    @Test
    void theCheckSeesEachKindOfBreach() {
        List<Source> bad = List.of(
                new Source("io/gpjobs/value/A.java", "io.gpjobs.value",
                        code("package io.gpjobs.value;\nimport io.gpjobs.spi.Task;\npublic final class A {}")),
                new Source("io/gpjobs/value/B.java", "io.gpjobs.value",
                        code("package io.gpjobs.value;\nfinal class B { io.gpjobs.internal.X x; }")),
                new Source("io/gpjobs/C.java", "io.gpjobs",
                        code("package io.gpjobs;\nimport io.gpjobs.internal.X;\npublic final class C {}")),
                new Source("io/gpjobs/D.java", "io.gpjobs",
                        code("package io.gpjobs;\nimport io.gpjobs.internal.X;\n/** bridge */\nfinal class D {}")),
                new Source("io/gpjobs/value/E.java", "io.gpjobs.value",
                        code("package io.gpjobs.value;\n// io.gpjobs.spi.Task in a comment\nfinal class E {}")),
                new Source("module-info.java", "", code("module m { exports io.gpjobs.internal; }")));
        assertThat(breaches(bad)).containsExactly(
                "io/gpjobs/value/A.java: value refers to io.gpjobs.spi",
                "io/gpjobs/value/B.java: value refers to io.gpjobs.internal",
                "io/gpjobs/C.java: a public type of an exported package refers to internal (use a package-private "
                        + "bridge)",
                "module-info.java exports an internal package");
    }
}
