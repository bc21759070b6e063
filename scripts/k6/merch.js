// The merch mix at constant arrival rates, one scenario per endpoint and phase (warm-up, then measured), driven by
// scripts/load_merch.py, which passes everything through the environment and reads the summary it writes.
//
// AGORA_GATEWAY     the gateway's base URL
// AGORA_USERS       a JSON file of [{"username", "password", "token"}], users made (and logged in) by the setup
// AGORA_RATES       a JSON object of requests per minute by endpoint (info, buy, send, auth)
// AGORA_WARMUP      seconds of warm-up (not measured)
// AGORA_DURATION    seconds measured
// AGORA_MAX_VUS     virtual users each scenario may grow to (a request in flight holds one)
// AGORA_TIMEOUT     seconds a request may take
// AGORA_SUMMARY     where the summary (JSON) goes
import http from "k6/http";
import { SharedArray } from "k6/data";
import { Counter, Rate } from "k6/metrics";
import { phases } from "./protocol.js";
export { handleSummary, setup, teardown } from "./protocol.js";

const users = new SharedArray("users", () => JSON.parse(open(__ENV.AGORA_USERS)));
const rates = JSON.parse(__ENV.AGORA_RATES);
const gateway = __ENV.AGORA_GATEWAY;
const maxVUs = Number(__ENV.AGORA_MAX_VUS);
const timeout = `${__ENV.AGORA_TIMEOUT}s`;

// Each item in inverse proportion to its price, so that a user's coins last (as the Python generator did).
const prices = {
  "t-shirt": 80, cup: 20, book: 50, pen: 10, powerbank: 200, hoody: 300, umbrella: 200, socks: 10, wallet: 50,
  "pink-hoody": 500,
};
const items = Object.keys(prices);
const weights = items.map((item) => 1 / prices[item]);
const totalWeight = weights.reduce((a, b) => a + b, 0);
// wallet's refusals for want of coins, which the gateway passes on as a 400: a business answer, not a failure.
const insufficientFunds = ["not enough", "no money"];

// Succeeded: a 200, or a 400 refusal for want of coins. Answered: any HTTP status at all.
const succeeded = new Rate("merch_succeeded");
const answered = new Rate("merch_answered");
const refused = new Counter("merch_refused");

const endpoints = Object.keys(rates).filter((name) => rates[name] > 0);
const scenarios = {};
const thresholds = {};
for (const name of endpoints) {
  const shape = {
    executor: "constant-arrival-rate",
    rate: rates[name],
    timeUnit: "1m",
    preAllocatedVUs: Math.max(4, Math.ceil(rates[name] / 60 / 20)),
    maxVUs,
    exec: name,
  };
  Object.assign(scenarios, phases(shape, name, `warmup_${name}`));
  // Thresholds make k6 keep each scenario's own figures in the summary; none of them can fail the run.
  for (const scenario of [name, `warmup_${name}`]) {
    for (const metric of ["http_req_duration", "http_req_blocked", "merch_succeeded", "merch_answered"]) {
      thresholds[`${metric}{scenario:${scenario}}`] = metric.startsWith("http") ? ["max>=0"] : ["rate>=0"];
    }
    thresholds[`merch_refused{scenario:${scenario}}`] = ["count>=0"];
    thresholds[`dropped_iterations{scenario:${scenario}}`] = ["count>=0"];
  }
}
for (const metric of ["http_req_duration", "http_req_blocked"]) {
  thresholds[`${metric}{phase:measured}`] = ["max>=0"];
}
thresholds["merch_succeeded{phase:measured}"] = ["rate>=0"];
thresholds["merch_answered{phase:measured}"] = ["rate>=0"];
thresholds["dropped_iterations{phase:measured}"] = ["count>=0"];

export const options = {
  scenarios,
  thresholds,
  summaryTrendStats: ["med", "p(95)", "p(99)", "max", "count"],
  noConnectionReuse: false,
  insecureSkipTLSVerify: true,
};

function anyone() {
  return users[Math.floor(Math.random() * users.length)];
}

function someoneBut(user) {
  for (;;) {
    const other = anyone();
    if (other.username !== user.username) return other;
  }
}

function anItem() {
  let left = Math.random() * totalWeight;
  for (let i = 0; i < items.length; i++) {
    left -= weights[i];
    if (left <= 0) return items[i];
  }
  return items[items.length - 1];
}

function record(response, refusable) {
  const refusal = refusable && response.status === 400 && insufficientFunds.some((m) => response.body.includes(m));
  if (refusal) refused.add(1);
  succeeded.add(response.status === 200 || refusal);
  answered.add(response.status !== 0);
}

function signedIn(user) {
  return { headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" }, timeout };
}

export function info() {
  record(http.get(`${gateway}/api/info`, signedIn(anyone())), false);
}

export function buy() {
  record(http.get(`${gateway}/api/buy/${anItem()}`, signedIn(anyone())), true);
}

export function send() {
  const user = anyone();
  const body = JSON.stringify({ toUser: someoneBut(user).username, amount: 1 + Math.floor(Math.random() * 3) });
  record(http.post(`${gateway}/api/sendCoin`, body, signedIn(user)), true);
}

export function auth() {
  const user = anyone(); // a known user logging in again
  const body = JSON.stringify({ username: user.username, password: user.password });
  record(http.post(`${gateway}/api/auth`, body, { headers: { "Content-Type": "application/json" }, timeout }), false);
}
