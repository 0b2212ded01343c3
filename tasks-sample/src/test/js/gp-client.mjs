// Runs Esri's own GP client (the ArcGIS Maps SDK for JavaScript, @arcgis/core) against a gpjobs server, the way a
// web app calls a GP service: submitJob -> waitForJobCompletion -> fetchResultData for every output, execute on a
// synchronous service, cancelJob on a running job, and a token-protected service (499 without a token, 498 with a
// bad one, the whole flow with a good one). Every request must go to 127.0.0.1; any other host fails the run.
//
// Input: the environment variable GP_CLIENT_CONFIG, JSON:
//   {"modules": "<node_modules folder holding @arcgis/core>",
//    "async":   [{"url": "<task URL>", "params": {…}}, …],
//    "execute": {"url": "<task URL of a synchronous service>", "params": {…}},
//    "cancel":  {"url": "<task URL>", "params": {…}},
//    "secured": {"url": "<task URL on a secured server>", "params": {…}, "token": "…", "badToken": "…"}}
// Parameter values that are FeatureSet JSON ({"features":…}) or linear units ({"distance","units"}) become the
// SDK's FeatureSet / LinearUnit objects; other values are passed as they are.
// Output: one line of JSON on stdout, {"async":[…],"execute":…,"cancel":…,"secured":…,"requests":[…],"offHost":[…]}.
import { pathToFileURL } from "node:url";
import path from "node:path";

// Node 20 lacks two language features the SDK uses (Node 22 has them).
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
if (typeof Set.prototype.union !== "function") {
  const has = (other, v) => other.has(v);
  const keys = (other) => (typeof other.keys === "function" ? other.keys() : other[Symbol.iterator]());
  Object.assign(Set.prototype, {
    union(other) { const r = new Set(this); for (const v of keys(other)) r.add(v); return r; },
    intersection(other) { const r = new Set(); for (const v of this) if (has(other, v)) r.add(v); return r; },
    difference(other) { const r = new Set(); for (const v of this) if (!has(other, v)) r.add(v); return r; },
    symmetricDifference(other) {
      const r = new Set(this);
      for (const v of keys(other)) { if (this.has(v)) r.delete(v); else r.add(v); }
      return r;
    },
    isSubsetOf(other) { for (const v of this) if (!has(other, v)) return false; return true; },
    isSupersetOf(other) { for (const v of keys(other)) if (!this.has(v)) return false; return true; },
    isDisjointFrom(other) { for (const v of this) if (has(other, v)) return false; return true; },
  });
}

const config = JSON.parse(process.env.GP_CLIENT_CONFIG ?? "{}");
const requests = [];
const offHost = [];

// Every request the SDK makes goes through fetch: log it (token values hidden) and refuse any host but loopback.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url);
  const method = (init?.method ?? (typeof input === "object" && input.method) ?? "GET").toUpperCase();
  const shown = new URL(url);
  if (shown.searchParams.has("token")) shown.searchParams.set("token", "***");
  let body = typeof init?.body === "string" ? init.body : "";
  if (body.includes("token=")) body = body.replace(/token=[^&]*/g, "token=***");
  requests.push({ method, url: shown.pathname + shown.search, body });
  if (url.hostname !== "127.0.0.1") {
    offHost.push(url.href);
    throw new Error("request to a host other than 127.0.0.1: " + url.href);
  }
  return realFetch(input, init);
};

const mod = (p) => import(pathToFileURL(path.join(config.modules, "@arcgis/core", p)).href);
const esriConfig = (await mod("config.js")).default;
const geoprocessor = await mod("rest/geoprocessor.js");
const FeatureSet = (await mod("rest/support/FeatureSet.js")).default;
const LinearUnit = (await mod("rest/support/LinearUnit.js")).default;
const esriRequest = (await mod("request.js")).default;

esriConfig.request.useIdentity = false; // an auth error stays an error (no sign-in dialog to wait for)
let currentToken = null;
esriConfig.request.interceptors.push({
  before(params) {
    if (currentToken) {
      params.requestOptions.query = { ...(params.requestOptions.query ?? {}), token: currentToken };
    }
  },
});

function toSdk(params) {
  const out = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v && typeof v === "object" && Array.isArray(v.features)) out[k] = FeatureSet.fromJSON(v);
    else if (v && typeof v === "object" && "distance" in v && "units" in v) out[k] = LinearUnit.fromJSON(v);
    else out[k] = v;
  }
  return out;
}

function summary(value) {
  if (value == null) return null;
  if (Array.isArray(value.features)) {
    return {
      kind: "FeatureSet",
      features: value.features.length,
      geometryType: value.geometryType ?? null,
      wkid: value.spatialReference?.wkid ?? null,
      fields: (value.fields ?? []).map((f) => f.name),
      firstAttributes: value.features[0]?.attributes ?? null,
      firstGeometryType: value.features[0]?.geometry?.type ?? null,
    };
  }
  if (value instanceof Date) return { kind: "Date", epochMs: value.getTime() };
  if (typeof value === "object") return { kind: value.declaredClass ?? "object", json: value.toJSON?.() ?? value };
  return { kind: typeof value, value };
}

function failure(e) {
  if (e && typeof e === "object" && "jobStatus" in e) {
    // waitForJobCompletion rejects with the JobInfo of a job that ended otherwise than succeeded
    return { jobStatus: e.jobStatus, messages: (e.messages ?? []).map((m) => m.description) };
  }
  return {
    name: e?.name ?? null,
    message: e?.message ?? String(e),
    httpStatus: e?.details?.httpStatus ?? null,
    messageCode: e?.details?.messageCode ?? null,
    code: e?.details?.raw?.code ?? e?.details?.raw?.error?.code ?? null,
  };
}

async function outputNames(taskUrl) {
  const { data } = await esriRequest(taskUrl, { query: { f: "json" }, responseType: "json" });
  return data.parameters.filter((p) => p.direction === "esriGPParameterDirectionOutput").map((p) => p.name);
}

async function runJob(step) {
  const r = { url: step.url, statuses: [] };
  const job = await geoprocessor.submitJob(step.url, toSdk(step.params));
  r.jobId = job.jobId;
  r.submitStatus = job.jobStatus;
  const done = await job.waitForJobCompletion({ interval: 100, statusCallback: (j) => r.statuses.push(j.jobStatus) });
  r.finalStatus = done.jobStatus;
  r.messages = (done.messages ?? []).map((m) => ({ type: m.type, description: m.description }));
  r.outputs = {};
  for (const name of await outputNames(step.url)) {
    const p = await done.fetchResultData(name);
    r.outputs[name] = { paramName: p.paramName, dataType: p.dataType, value: summary(p.value) };
  }
  return r;
}

async function attempt(fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, error: failure(e) };
  }
}

const report = { async: [], execute: null, cancel: null, secured: null };

for (const step of config.async ?? []) {
  report.async.push(await attempt(() => runJob(step)));
}

if (config.execute) {
  report.execute = await attempt(async () => {
    const res = await geoprocessor.execute(config.execute.url, toSdk(config.execute.params));
    return {
      results: res.results.map((p) => ({ paramName: p.paramName, dataType: p.dataType, value: summary(p.value) })),
      messages: res.messages.map((m) => ({ type: m.type, description: m.description })),
    };
  });
}

if (config.cancel) {
  report.cancel = await attempt(async () => {
    const job = await geoprocessor.submitJob(config.cancel.url, toSdk(config.cancel.params));
    const seen = [];
    let cancelling = null;
    const waited = await job
      .waitForJobCompletion({
        interval: 100,
        statusCallback: (j) => {
          seen.push(j.jobStatus);
          if (j.jobStatus === "job-executing" && !cancelling) cancelling = j.cancelJob();
        },
      })
      .then((j) => ({ resolved: j.jobStatus }), (e) => ({ rejected: failure(e) }));
    const cancelled = cancelling ? await cancelling : null;
    return { jobId: job.jobId, seen, waited, cancelStatus: cancelled?.jobStatus ?? null };
  });
}

if (config.secured) {
  const s = config.secured;
  report.secured = {};
  currentToken = null;
  report.secured.withoutToken = await attempt(() => geoprocessor.submitJob(s.url, toSdk(s.params)).then((j) => j.jobId));
  currentToken = s.badToken;
  report.secured.badToken = await attempt(() => geoprocessor.submitJob(s.url, toSdk(s.params)).then((j) => j.jobId));
  currentToken = s.token;
  report.secured.withToken = await attempt(() => runJob(s));
  currentToken = null;
}

report.requests = requests;
report.offHost = offHost;
process.stdout.write(JSON.stringify(report) + "\n");
