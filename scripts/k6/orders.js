// Orders placed at a constant arrival rate, buyers and products in turn, driven by scripts/bench_orders.py (the
// protocol of scripts/k6_runner.py). Each placement is logged with its outcome and times, for the saga's timeline.
//
// AGORA_GATEWAY      the gateway's base URL
// AGORA_BUYERS       a JSON file of access tokens, one per buyer (each topped up)
// AGORA_PRODUCTS     a JSON file of product ids (each with stock for every order)
// AGORA_RATE         orders per second
// AGORA_MAX_VUS      virtual users the scenarios may grow to (a request in flight holds one)
// AGORA_TIMEOUT      seconds a POST may take
import exec from "k6/execution";
import http from "k6/http";
import { SharedArray } from "k6/data";
import { phases } from "./protocol.js";
export { handleSummary, setup, teardown } from "./protocol.js";

const buyers = new SharedArray("buyers", () => JSON.parse(open(__ENV.AGORA_BUYERS)));
const products = new SharedArray("products", () => JSON.parse(open(__ENV.AGORA_PRODUCTS)));
const url = `${__ENV.AGORA_GATEWAY}/v1/orders`;
const rate = Number(__ENV.AGORA_RATE);

const shape = {
  executor: "constant-arrival-rate",
  rate: Math.round(rate * 60),
  timeUnit: "1m",
  preAllocatedVUs: Math.max(8, Math.ceil(rate / 4)),
  maxVUs: Number(__ENV.AGORA_MAX_VUS),
  exec: "place",
};
const scenarios = phases(shape);

export const options = {
  scenarios,
  thresholds: { "dropped_iterations{scenario:measured}": ["count>=0"], "dropped_iterations{scenario:warmup}": ["count>=0"] },
  summaryTrendStats: ["med", "p(95)", "p(99)", "max", "count"],
};

export function place() {
  const number = exec.scenario.iterationInTest;
  const body = JSON.stringify({ items: [{ product_id: products[number % products.length], quantity: 1 }] });
  const headers = {
    Authorization: `Bearer ${buyers[number % buyers.length]}`,
    "Content-Type": "application/json",
    "Idempotency-Key": `bench-${exec.scenario.name}-${number}-${Math.random().toString(36).slice(2)}`,
  };
  const sent = Date.now();
  const response = http.post(url, body, { headers, timeout: `${__ENV.AGORA_TIMEOUT}s` });
  const outcome = response.status === 0 ? response.error_code || "no response" : String(response.status);
  const id = response.status === 201 ? response.json("id") : "-";
  // The line scripts/bench_orders.py reads: phase, outcome, order id, sent and answered (unix ms).
  console.log(`agora-order ${exec.scenario.name} ${outcome} ${id} ${sent} ${Date.now()}`);
}
