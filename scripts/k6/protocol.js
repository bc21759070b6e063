// What every load script that scripts/k6_runner.py runs shares (its protocol): the scenarios' warm-up and measured
// phases from AGORA_WARMUP and AGORA_DURATION, STARTED_LINE as the scenarios start, k6 kept alive a little past
// them (so the window's last CPU snapshot still finds it), and the summary written as JSON to AGORA_SUMMARY.
import { sleep } from "k6";

const warmup = Number(__ENV.AGORA_WARMUP);
const duration = Number(__ENV.AGORA_DURATION);

// A scenario's warm-up (when AGORA_WARMUP > 0) and its measured window right after it, each tagged with its phase.
export function phases(shape, measured = "measured", warmingUp = "warmup") {
  const scenarios = {
    [measured]: { ...shape, duration: `${duration}s`, startTime: `${warmup}s`, tags: { phase: "measured" } },
  };
  if (warmup > 0) scenarios[warmingUp] = { ...shape, duration: `${warmup}s`, tags: { phase: "warmup" } };
  return scenarios;
}

export function setup() {
  console.log("agora-load-started");
}

export function teardown() {
  sleep(3);
}

export function handleSummary(data) {
  return { [__ENV.AGORA_SUMMARY]: JSON.stringify(data) };
}
