package io.gpjobs.store.azure;

/**
 * The two JSON documents of seed 000: the cloud-store data item (with the emulator's connection string) and the
 * GP service JSON whose {@code jobsDirectory} points at it.
 */
final class SeedDocuments {

    private SeedDocuments() {
    }

    /** The data item {@code /cloudStores/<name>} on the emulator, with a fresh container and table. */
    static String cloudStore(String name) {
        return Azurite.cloudStoreJson(name);
    }

    /** The same data item again (another engine on the same account): same container and table. */
    static String sameCloudStore(String dataItem) {
        return dataItem;
    }

    /**
     * The service JSON of the seed, trimmed of what gpjobs ignores, with {@code jobsDirectory} set to the cloud store.
     *
     * @param executionType {@code Asynchronous} or {@code Synchronous}
     */
    static String service(String serviceName, String executionType, String cloudStoreName) {
        return """
                {
                  "serviceName": "%s",
                  "type": "GPServer",
                  "description": "",
                  "capabilities": "",
                  "provider": "ArcObjects11",
                  "clusterName": "default",
                  "minInstancesPerNode": 1,
                  "maxInstancesPerNode": 2,
                  "maxWaitTime": 60,
                  "maxStartupTime": 300,
                  "maxIdleTime": 1800,
                  "maxUsageTime": 600,
                  "properties": {
                    "executionType": "%s",
                    "showMessages": "Info",
                    "resultMapServer": "false",
                    "maximumRecords": "1000",
                    "virtualOutputDir": "/rest/directories/arcgisoutput",
                    "jobsDirectory": "/cloudStores/%s",
                    "progressMessageUpdateInterval": "5",
                    "cancellationCheckInterval": "1",
                    "maxFileAge": "10",
                    "toolbox": "test.tbx"
                  },
                  "portalProperties": {},
                  "extensions": [],
                  "frameworkProperties": {},
                  "datasets": []
                }""".formatted(serviceName, executionType, cloudStoreName);
    }
}
