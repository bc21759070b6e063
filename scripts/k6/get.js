// One URL fetched as fast as it answers by a fixed number of virtual users (a closed loop, as wrk runs), driven by
// scripts/bench.py (the protocol of scripts/k6_runner.py).
//
// AGORA_URL   the URL to GET
// AGORA_VUS   virtual users, each one keep-alive connection with one request in flight
import { check, sleep } from "k6";
import http from "k6/http";

const warmup = Number(__ENV.AGORA_WARMUP);
const shape = { executor: "constant-vus", vus: Number(__ENV.AGORA_VUS), exec: "fetch" };
const scenarios = {
  measured: { ...shape, duration: `${__ENV.AGORA_DURATION}s`, startTime: `${warmup}s`, tags: { phase: "measured" } },
};
if (warmup > 0) scenarios.warmup = { ...shape, duration: `${warmup}s`, tags: { phase: "warmup" } };

export const options = {
  scenarios,
  thresholds: {
    "http_req_duration{scenario:measured}": ["max>=0"],
    "http_reqs{scenario:measured}": ["count>=0"],
    "checks{scenario:measured}": ["rate>=0"],
  },
  summaryTrendStats: ["med", "p(95)", "p(99)", "max", "count"],
  discardResponseBodies: false,
};

export function setup() {
  console.log("agora-load-started");
}

export function teardown() {
  sleep(3);
}

export function fetch() {
  const response = http.get(__ENV.AGORA_URL);
  check(response, { "200": (r) => r.status === 200 });
}

export function handleSummary(data) {
  return { [__ENV.AGORA_SUMMARY]: JSON.stringify(data) };
}
