// Credit applications at a constant arrival rate, each from the next borrower in turn, driven by
// scripts/bench_credit.py (the protocol of scripts/k6_runner.py).
//
// AGORA_GATEWAY      the gateway's base URL
// AGORA_BORROWERS    a JSON file of access tokens, one per borrower (each with a financial profile)
// AGORA_APPLICATION  the application's JSON body
// AGORA_RATE         applications per second
// AGORA_MAX_VUS      virtual users the scenario may grow to (a request in flight holds one)
import exec from "k6/execution";
import http from "k6/http";
import { SharedArray } from "k6/data";
import { Rate } from "k6/metrics";
import { phases } from "./protocol.js";
export { handleSummary, setup, teardown } from "./protocol.js";

const tokens = new SharedArray("borrowers", () => JSON.parse(open(__ENV.AGORA_BORROWERS)));
const body = __ENV.AGORA_APPLICATION;
const url = `${__ENV.AGORA_GATEWAY}/v1/credit/applications`;
const created = new Rate("credit_created");

const shape = {
  executor: "constant-arrival-rate",
  rate: Number(__ENV.AGORA_RATE),
  timeUnit: "1s",
  preAllocatedVUs: Math.max(4, Math.ceil(Number(__ENV.AGORA_RATE) / 20)),
  maxVUs: Number(__ENV.AGORA_MAX_VUS),
  exec: "apply",
};
const scenarios = phases(shape);

export const options = {
  scenarios,
  // Thresholds keep the measured scenario's own figures in the summary; none can fail the run.
  thresholds: {
    "http_req_duration{scenario:measured}": ["max>=0"],
    "credit_created{scenario:measured}": ["rate>=0"],
    "dropped_iterations{scenario:measured}": ["count>=0"],
  },
  summaryTrendStats: ["med", "p(95)", "p(99)", "max", "count"],
};

export function apply() {
  const token = tokens[exec.scenario.iterationInTest % tokens.length];
  const response = http.post(url, body, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    timeout: "30s",
  });
  created.add(response.status === 201);
  if (response.status === 201 && exec.scenario.name === "measured") {
    console.log(`agora-application ${response.json("id")}`);
  }
}
