package io.gpjobs.map.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which output values name a file of the job. */
class MapLoaderTest {

    static final String JOB = "j" + "a".repeat(32);

    @Test
    void relativePathsAndJobUrlsNameJobFiles() {
        assertThat(MapLoader.jobPath(JOB, "scratch/grid.asc")).isEqualTo("scratch/grid.asc");
        assertThat(MapLoader.jobPath(JOB, "./scratch/grid.asc")).isEqualTo("scratch/grid.asc");
        assertThat(MapLoader.jobPath(JOB, "https://host/arcgis/rest/directories/arcgisjobs/svc/jobs/" + JOB
                + "/scratch/grid.asc")).isEqualTo("scratch/grid.asc");
    }

    @Test
    void otherValuesNameNoJobFile() {
        assertThat(MapLoader.jobPath(JOB, "https://elsewhere/ImageServer")).isNull();
        assertThat(MapLoader.jobPath(JOB, "/etc/passwd")).isNull();
        assertThat(MapLoader.jobPath(JOB, "scratch/../../other/grid.asc")).isNull();
        assertThat(MapLoader.jobPath(JOB, "..")).isNull();
        assertThat(MapLoader.jobPath(JOB, "C:\\\\data\\\\grid.asc")).isNull();
        assertThat(MapLoader.jobPath(JOB, "https://host/jobs/" + "j" + "b".repeat(32) + "/scratch/g.asc")).isNull();
        assertThat(MapLoader.jobPath(JOB, "")).isNull();
        assertThat(MapLoader.jobPath(JOB, null)).isNull();
    }
}
