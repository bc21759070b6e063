// WebSocket clients for scripts/bench_events.py: one virtual user per user, each subscribes to its notifications
// from cursor 0 and logs every notification frame as it arrives, until k6 is interrupted (SIGINT).
//
// AGORA_WS_URL   the gateway's WebSocket URL (ws://host:port/v1/ws)
// AGORA_USERS    a JSON file of [{"user_id": ..., "token": ...}], one client each
//
// The lines scripts/bench_events.py reads (k6's console log):
//   agora-ws-subscribed                                   a client got `subscribed`
//   agora-ws-failed <reason>                              a client never subscribed
//   agora-ws-frame <marker> <received unix ms> <created_at> <cursor>
//   agora-ws-closed <code>                                the server closed a subscribed client
import { SharedArray } from "k6/data";
import { WebSocket } from "k6/experimental/websockets";

const users = new SharedArray("users", () => JSON.parse(open(__ENV.AGORA_USERS)));
// Handshakes spread over this long, as a crowd connecting does (and so the gateway is not flooded at once).
const CONNECT_SPREAD_MS = Math.max(1000, users.length * 5);

export const options = {
  scenarios: {
    clients: { executor: "per-vu-iterations", vus: users.length, iterations: 1, maxDuration: "24h" },
  },
};

export default function () {
  const user = users[__VU - 1];
  setTimeout(() => connect(user), ((__VU - 1) * CONNECT_SPREAD_MS) / users.length);
}

function connect(user) {
  const socket = new WebSocket(__ENV.AGORA_WS_URL, null, { headers: { Authorization: `Bearer ${user.token}` } });
  let subscribed = false;
  socket.addEventListener("message", (event) => {
    const received = Date.now();
    const frame = JSON.parse(event.data);
    if (frame.type === "notification") {
      const notification = frame.notification;
      const marker = (notification.data && notification.data.username) || "-";
      console.log(`agora-ws-frame ${marker} ${received} ${notification.created_at} ${frame.cursor}`);
    } else if (frame.type === "ready") {
      socket.send(JSON.stringify({ type: "subscribe", topic: "notifications", cursor: 0 }));
    } else if (frame.type === "subscribed") {
      subscribed = true;
      console.log("agora-ws-subscribed");
    } else if (!subscribed) {
      console.log(`agora-ws-failed unexpected-${frame.type}`);
      socket.close();
    }
  });
  socket.addEventListener("error", (event) => {
    if (!subscribed) console.log(`agora-ws-failed ${String(event.error).replace(/\s+/g, "-")}`);
  });
  socket.addEventListener("close", (event) => {
    if (subscribed) console.log(`agora-ws-closed ${event.code}`);
  });
}
