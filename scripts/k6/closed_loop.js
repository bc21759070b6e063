// Requests sent as fast as they are answered by a fixed number of virtual users (a closed loop, as wrk runs),
// driven by scripts/k6_runner.py's run_closed_loop (the protocol of scripts/k6_runner.py).
//
// AGORA_REQUESTS  a JSON file of [{"method": "GET", "url": ..., "body": null or a string}]: each virtual user sends
//                 them in turn, again and again, with Content-Type: application/json on those with a body
// AGORA_VUS       virtual users, each one keep-alive connection with one request in flight
import { check } from "k6";
import exec from "k6/execution";
import http from "k6/http";
import { SharedArray } from "k6/data";
import { phases } from "./protocol.js";
export { handleSummary, setup, teardown } from "./protocol.js";

const requests = new SharedArray("requests", () => JSON.parse(open(__ENV.AGORA_REQUESTS)));
const shape = { executor: "constant-vus", vus: Number(__ENV.AGORA_VUS), exec: "send" };
const scenarios = phases(shape);

export const options = {
  scenarios,
  thresholds: {
    "http_req_duration{scenario:measured}": ["max>=0"],
    "http_reqs{scenario:measured}": ["count>=0"],
    "checks{scenario:measured}": ["rate>=0"],
  },
  summaryTrendStats: ["med", "p(95)", "p(99)", "max", "count"],
};

const JSON_BODY = { headers: { "Content-Type": "application/json" } };

export function send() {
  const request = requests[exec.vu.iterationInScenario % requests.length];
  const response = http.request(request.method, request.url, request.body, request.body ? JSON_BODY : {});
  check(response, { "2xx": (r) => r.status >= 200 && r.status < 300 });
}
