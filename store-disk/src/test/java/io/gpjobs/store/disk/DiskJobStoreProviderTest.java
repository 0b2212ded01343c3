package io.gpjobs.store.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpjobs.spi.JobStore;
import io.gpjobs.spi.JobStoreException;
import io.gpjobs.spi.JobStoreProvider;
import io.gpjobs.testkit.ContractRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskJobStoreProviderTest {

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheDiskProviderByName() {
        JobStoreProvider disk = ServiceLoader.load(JobStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("disk"))
                .findFirst().orElseThrow();
        assertThat(disk).isInstanceOf(DiskJobStoreProvider.class);

        try (JobStore store = disk.open(Map.of("path", dir.resolve("jobs").toString()))) {
            String id = ContractRecords.newJobId();
            store.create(ContractRecords.newRecord(id, "svc", ContractRecords.T0, null), Map.of());
            assertThat(dir.resolve("jobs/svc_gpserver").resolve(id).resolve("record.json")).isRegularFile();
        }
    }

    @Test
    void settingsAreChecked() {
        DiskJobStoreProvider p = new DiskJobStoreProvider();
        assertThatThrownBy(() -> p.open(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> p.open(Map.of("path", "  "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> p.open(Map.of("path", dir.toString(), "fsync", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fsync'").hasMessageContaining("'yes'");
        Map<String, String> withNul = new HashMap<>();
        withNul.put("path", "jobs\0x");
        assertThatThrownBy(() -> p.open(withNul)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'path'");
        assertThat(DiskJobStoreProvider.config(Map.of("path", dir.toString(), "fsync", "true")).fsync()).isTrue();
        assertThat(DiskJobStoreProvider.config(Map.of("path", dir.toString())).fsync()).isFalse();
    }

    @Test
    void aPathThatCannotBeWrittenIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path under = file.resolve("jobs");
        assertThatThrownBy(() -> new DiskJobStoreProvider().open(Map.of("path", under.toString())))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining(under.toString())
                .hasMessageContaining("not writable");
        assertThatThrownBy(() -> new DiskJobStoreProvider().open(Map.of("path", file.toString())))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining(file.toString());
    }
}
