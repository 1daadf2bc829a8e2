// The header's notification bell and the notification centre, live from `user:{id}`.
//
// Every event on the topic carries the person's unread count after it, so the bell just
// shows that number. The centre (`[data-notification-list]`) refetches its own HTML and
// swaps the list: the server stays the only renderer of a notification (its text in the
// reader's language, its local time). On pages that are not live themselves, this module
// opens the page's one websocket (live.js's LiveSocket). docs/notifications.md tells more.
import { LiveSocket } from "/static/live.js";

const REFRESH_DELAY_MS = 40;
const EVENTS = new Set(["notification.created", "notification.read"]);

function ownSocket() {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/v1`;
  const quiet = () => {};
  const live = new LiveSocket(url, {
    onEvent: quiet,
    onReset: quiet,
    onCaughtUp: quiet,
    onLost: quiet,
    onState: quiet,
  });
  window.addEventListener("online", () => {
    live.failures = 0;
    live.connect();
  });
  live.connect();
  return live;
}

function showCount(bell, unread) {
  bell.textContent = String(unread);
  bell.hidden = unread === 0;
}

async function reloadCount(bell) {
  const response = await fetch("/api/v1/me/notifications/unread-count", { cache: "no-store" });
  if (!response.ok) return;
  showCount(bell, (await response.json()).unread);
}

/** The centre's list: refetched (coalesced, one fetch at a time) when the topic moves. */
function listRefresher(list) {
  let timer = null;
  let running = false;
  let again = false;
  let current = list;

  async function fetchAndSwap() {
    const response = await fetch(location.href, { headers: { Accept: "text/html" }, cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const next = fresh.querySelector("[data-notification-list]");
    if (!next) return location.reload(); // logged out meanwhile: start over
    current.replaceWith(next);
    current = next;
  }

  async function refresh() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await fetchAndSwap();
      } while (again);
    } catch (error) {
      console.warn("notifications: refresh failed", error);
    } finally {
      running = false;
    }
  }

  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      refresh();
    }, REFRESH_DELAY_MS);
  };
}

function start(bell) {
  const live = window.cabinetLive || ownSocket();
  window.cabinetNotifications = live;
  const list = document.querySelector("[data-notification-list]");
  const refreshList = list ? listRefresher(list) : () => {};
  live.follow(bell.dataset.topic, Number(bell.dataset.position), {
    onEvent(frame) {
      if (!EVENTS.has(frame.event)) return;
      showCount(bell, frame.data.unread);
      refreshList();
    },
    onReset() {
      reloadCount(bell).catch((error) => console.warn("notifications: bell", error));
      refreshList();
    },
  });
}

const bell = document.getElementById("notification-bell");
if (bell) start(bell);
