package io.gpjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gpjobs.GPEngine;
import io.gpjobs.UrlPolicy;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.Task;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "URLs in inputs" snippet, compiled and run: what it allows and what it refuses at submit. */
class ReadmeUrlPolicyExampleTest {
    private static final TaskDefinition READ = TaskDefinition.builder("Read")
            .input("file", GPDataType.DATA_FILE).output("result", GPDataType.STRING).build();

    @Test
    void theSnippetsPolicyRefusesOtherHostsAndFilesOutsideItsRoot(@TempDir Path dir) throws Exception {
        GPService service = GPService.builder("Urls").task(Task.of(READ,
                ctx -> ctx.setOutput("result", new GPString("read")))).build();
        GPEngine engine = GPEngine.builder().service(service)
                .remoteUrls(UrlPolicy.allowHosts("tiles.example.com", "*.example.org")   // *.: subdomains only
                        .allowFileRoots(Path.of("/srv/gis/data")))                       // default: any readable file
                .build();
        try (engine) {
            Path outside = Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
            for (String url : List.of("https://example.org/a.csv", "https://other.example.net/a.csv",
                    outside.toUri().toString())) {
                InvalidInputException e = catchThrowableOfType(() -> engine.anonymous().submitJob("Urls", "Read",
                        Map.of("file", "{\"url\":\"" + url + "\"}")), InvalidInputException.class);
                assertThat(e).as(url).isNotNull();
                assertThat(e.getMessage()).as(url).contains("parameter 'file'");
            }
            assertThat(engine.jobs(io.gpjobs.spi.JobQuery.all()).jobs()).isEmpty();
        }
    }
}
