/**
 * The engine's implementation: queues and workers per service, the compare-and-set write path, the watchdog
 * (time limits, throttled progress, leases, cancel flags), recovery at start, the janitor, the status cache, token
 * redaction and the in-memory store. Not exported; nothing here is API.
 */
package io.gpjobs.internal;
