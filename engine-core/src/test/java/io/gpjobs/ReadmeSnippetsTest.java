package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of the README is compiled: it names the Maven coordinates of the modules it needs (a first
 * line {@code // Maven: io.gpjobs:<module>:<version>, ...}) and its imports, and its code is a test source of the
 * reactor line for line (indentation aside), with every import it shows. Editing either side alone fails here.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String ELLIPSIS = "// ...";
    private static final Pattern COORDINATE = Pattern.compile("io\\.gpjobs:([a-z-]+):([^,\\s]+)");

    /** One java block of the README: its coordinates line, its imports, and its code. */
    record Snippet(int line, String coordinates, List<String> imports, List<String> code) {
    }

    static List<Snippet> snippets(List<String> readme) {
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals("```java")) {
                continue;
            }
            int start = i + 1;
            List<String> imports = new ArrayList<>();
            List<String> code = new ArrayList<>();
            String coordinates = null;
            for (i = start; i < readme.size() && !readme.get(i).strip().equals("```"); i++) {
                String s = readme.get(i).strip();
                if (i == start && s.startsWith("// Maven:")) {
                    coordinates = s;
                } else if (s.startsWith("import ")) {
                    imports.add(s);
                } else if (!s.isEmpty()) {
                    code.add(s);
                }
            }
            out.add(new Snippet(start, coordinates, imports, code));
        }
        return out;
    }

    /**
     * Whether {@code source} holds every import of the snippet and its code as consecutive lines; a snippet line
     * {@code // ...} stands for any lines (the test's own checks), the parts around it must follow in order.
     */
    static boolean mirrors(Snippet s, List<String> source) {
        List<String> lines = source.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!lines.containsAll(s.imports())) {
            return false;
        }
        int from = 0;
        List<String> part = new ArrayList<>();
        List<String> code = new ArrayList<>(s.code());
        code.add(ELLIPSIS);
        for (String line : code) {
            if (!line.equals(ELLIPSIS)) {
                part.add(line);
                continue;
            }
            if (part.isEmpty()) {
                continue;
            }
            int at = Collections.indexOfSubList(lines.subList(from, lines.size()), part);
            if (at < 0) {
                return false;
            }
            from += at + part.size();
            part.clear();
        }
        return true;
    }

    private static Map<Path, List<String>> testSources() throws IOException {
        Map<Path, List<String>> out = new java.util.TreeMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path m : modules.filter(p -> Files.isDirectory(p.resolve("src/test/java"))).toList()) {
                try (Stream<Path> files = Files.walk(m.resolve("src/test/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        out.put(ROOT.relativize(f), Files.readAllLines(f));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyJavaSnippetNamesItsCoordinatesAndImportsAndIsATestSource() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>gpjobs-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(v.find()).isTrue();
        List<Snippet> snippets = snippets(Files.readAllLines(ROOT.resolve("README.md")));
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(8);
        Map<Path, List<String>> sources = testSources();
        for (Snippet s : snippets) {
            assertThat(s.coordinates()).as("README line %d: the snippet's first line names its Maven coordinates",
                    s.line()).isNotNull();
            Matcher c = COORDINATE.matcher(s.coordinates());
            int found = 0;
            while (c.find()) {
                found++;
                assertThat(ROOT.resolve(c.group(1)).resolve("pom.xml")).as("README line %d: module %s", s.line(),
                        c.group(1)).exists();
                assertThat(c.group(2)).as("README line %d: version of %s", s.line(), c.group(1)).isEqualTo(v.group(1));
            }
            assertThat(found).as("README line %d: coordinates in %s", s.line(), s.coordinates()).isPositive();
            assertThat(s.imports()).as("README line %d: the snippet shows its imports", s.line()).isNotEmpty();
            assertThat(sources.values().stream().anyMatch(src -> mirrors(s, src)))
                    .as("README line %d: no test source holds this snippet's imports and code:%n%s", s.line(),
                            String.join("\n", s.code())).isTrue();
        }
    }

    @Test
    void theCheckNoticesAChangedLineAMissingImportAndAnEditedSource() {
        List<String> readme = List.of("text", "```java", "// Maven: io.gpjobs:engine-core:1", "import a.B;", "",
                "B b = new B();", "b.run();", "```");
        Snippet s = snippets(readme).get(0);
        assertThat(s.code()).containsExactly("B b = new B();", "b.run();");
        List<String> source = List.of("package x;", "import a.B;", "class T {", "  void t() {", "    B b = new B();",
                "        b.run();", "  }", "}");
        assertThat(mirrors(s, source)).isTrue();
        assertThat(mirrors(s, source.stream().map(l -> l.replace("b.run()", "b.stop()")).toList())).isFalse();
        assertThat(mirrors(s, source.stream().filter(l -> !l.startsWith("import")).toList())).isFalse();
        List<String> between = new ArrayList<>(source);
        between.add(5, "b.reset();");
        assertThat(mirrors(s, between)).isFalse();

        Snippet gap = snippets(List.of("```java", "import a.B;", "try (B b = new B()) {", "// ...", "}", "```")).get(0);
        assertThat(mirrors(gap, List.of("import a.B;", "try (B b = new B()) {", "check(b);", "}"))).isTrue();
        assertThat(mirrors(gap, List.of("import a.B;", "}", "try (B b = new B()) {", "check(b);"))).isFalse();
    }
}
