// Live pages: a page follows its topics over one websocket and refreshes itself when they move.
//
// The server renders a live page with the stream position of every topic it shows, read
// before its rows (`#live-status[data-topics]`). Subscribing from those positions misses
// nothing that happened after the render: register, fetch, apply, with the render as the
// fetch. An event means "what you show is out of date": the page fetches its own HTML and
// swaps its `[data-live-region]` elements, so every label, sum and date stays formatted by
// the server. How it all fits together: docs/live-pages.md.

const HEARTBEAT_MS = 20_000; // our ping; the server pings us after 25 s of quiet
const SILENT_FOR_MS = 45_000; // no frame at all for this long: the connection is dead
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
const OFFLINE_AFTER = 4; // failed attempts in a row before "reconnecting" reads "offline"
const REFUSED_FOR_GOOD = new Set([1008, 1009, 4401]); // retrying would be refused again
const REFRESH_DELAY_MS = 40; // the events of one action arrive together: one fetch for all
// Events that change a row without changing which rows a list holds.
const ROW_ONLY = new Set([
  "order.progress_changed",
  "order.production_planned",
  "order.units_moved",
  "order.invoice_issued",
  "order.invoice_changed",
]);

/** One websocket that survives disconnections and resumes every topic from its last position. */
export class LiveSocket {
  constructor(url, handlers) {
    this.url = url;
    // onEvent(frame), onReset(topic), onCaughtUp(topic), onLost(topic), onState(state)
    this.handlers = handlers;
    this.topics = new Map(); // topic → {position, epoch, fromNow, page}
    this.listeners = new Map(); // topic → [listener]: parts of the page with handlers of their own
    this.commands = new Map(); // command frame id → {frame, resolve, reject}, until acknowledged
    this.pending = new Map(); // subscribe frame id → topic
    this.socket = null;
    this.failures = 0;
    this.ids = 0;
    this.state = "";
  }

  /**
   * Follow a topic from `position` (what the page shows), or from now when it is null.
   * With a `listener` (an object with some of the handlers' methods) its events go to that
   * listener instead of refreshing the page (chat.js follows its rooms so).
   */
  follow(topic, position, listener = null) {
    if (listener) this.listeners.set(topic, [...(this.listeners.get(topic) || []), listener]);
    if (this.topics.has(topic)) return;
    const fromNow = position == null;
    this.topics.set(topic, { position: position ?? null, epoch: null, fromNow, page: !listener });
    this.subscribe(topic);
  }

  /**
   * Run an application command (e.g. `chat.send`): resolves with the `ack`'s result, rejects
   * with the `error` frame. Unless `retry` is false it is sent again, as it was, after every
   * reconnect until answered, so its data must make a repeat harmless (a client-chosen id).
   */
  command(name, data, { retry = true } = {}) {
    const frame = { type: "command", id: `c${++this.ids}`, name, data };
    if (!retry) {
      this.send(frame);
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      this.commands.set(frame.id, { frame, resolve, reject });
      this.send(frame);
    });
  }

  dispatch(topic, followed, handler, argument) {
    for (const listener of this.listeners.get(topic) || []) listener[handler]?.(argument);
    if (!followed || followed.page) this.handlers[handler](argument);
  }

  connect() {
    clearTimeout(this.retryTimer);
    if (this.socket || this.stopped) return;
    const socket = new WebSocket(this.url, "json");
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.lastFrameAt = Date.now();
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
      for (const topic of this.topics.keys()) this.subscribe(topic);
      for (const { frame } of this.commands.values()) this.send(frame);
      this.updateState();
    };
    socket.onmessage = (message) => {
      this.lastFrameAt = Date.now();
      this.receive(JSON.parse(message.data));
    };
    socket.onclose = (closed) => this.lost(socket, closed.code);
  }

  /** Give up on the current socket at once (its close may come much later on a dead network). */
  drop() {
    const socket = this.socket;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close();
    this.lost(socket, 1006);
  }

  /** Close for good (the page has nothing left to follow). */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.drop();
  }

  lost(socket, code) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.pending.clear();
    clearInterval(this.heartbeat);
    if (this.stopped) return;
    if (REFUSED_FOR_GOOD.has(code)) return this.setState("offline");
    this.failures += 1;
    this.setState(!navigator.onLine || this.failures > OFFLINE_AFTER ? "offline" : "reconnecting");
    if (!navigator.onLine) return; // the browser's "online" event reconnects
    // Exponential backoff with jitter, so that a restarted server is not hit by everyone at once.
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
    this.retryTimer = setTimeout(() => this.connect(), ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  beat() {
    if (Date.now() - this.lastFrameAt > SILENT_FOR_MS) return this.drop();
    this.send({ type: "ping" });
  }

  subscribe(topic) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return; // sent on (re)connect
    const { position, epoch } = this.topics.get(topic);
    const id = `s${++this.ids}`;
    this.pending.set(id, topic);
    const frame = { type: "subscribe", id, topic };
    if (position !== null) frame.position = position;
    if (epoch) frame.epoch = epoch;
    this.send(frame);
    this.updateState();
  }

  send(frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
    }
  }

  receive(frame) {
    const followed = this.topics.get(frame.topic);
    switch (frame.type) {
      case "event":
        // A repeat (after a resume, or from a second delivery path) is dropped by position.
        if (!followed || followed.position === null || frame.seq <= followed.position) return;
        followed.position = frame.seq;
        return this.dispatch(frame.topic, followed, "onEvent", frame);
      case "subscribed":
        this.pending.delete(frame.id);
        if (followed) {
          Object.assign(followed, { position: frame.position, epoch: frame.epoch });
          // Followed "from now": what happened before the subscription is not on the page yet.
          if (followed.fromNow) this.dispatch(frame.topic, followed, "onCaughtUp", frame.topic);
          followed.fromNow = false;
        }
        return this.updateState();
      case "reset":
        // History no longer reaches our position: reload the state, go on from the new one.
        if (followed) Object.assign(followed, { position: frame.position, epoch: frame.epoch });
        return this.dispatch(frame.topic, followed, "onReset", frame.topic);
      case "unsubscribed": // a right was lost
        this.topics.delete(frame.topic);
        return this.dispatch(frame.topic, followed, "onLost", frame.topic);
      case "ack":
        return this.settle(frame.id, (command) => command.resolve(frame.result));
      case "error":
        if (this.commands.has(frame.id)) return this.settle(frame.id, (c) => c.reject(frame));
        if (this.pending.has(frame.id)) {
          const topic = this.pending.get(frame.id);
          this.pending.delete(frame.id);
          if (frame.code !== "already_subscribed") this.topics.delete(topic);
          this.updateState();
        }
        return console.warn("live:", frame.code, frame.message);
      case "ping":
        return this.send({ type: "pong" });
    }
  }

  settle(id, how) {
    const command = this.commands.get(id);
    this.commands.delete(id);
    if (command) how(command);
  }

  updateState() {
    if (this.socket && this.socket.readyState === WebSocket.OPEN && this.pending.size === 0) {
      this.setState("live");
    } else if (!this.state) {
      this.setState("connecting");
    }
  }

  setState(state) {
    if (state === this.state) return;
    this.state = state;
    this.handlers.onState(state);
    for (const listener of new Set([...this.listeners.values()].flat())) listener.onState?.(state);
  }
}

/** What the person was doing inside a region: ticked boxes, typed text, open details, focus. */
function fieldKey(field) {
  if (field.dataset.key) return field.dataset.key;
  if (!field.name) return field.id || null;
  const tickable = field.type === "checkbox" || field.type === "radio";
  return tickable ? `${field.name}=${field.value}` : field.name;
}

function initialValue(field) {
  if (field.tagName !== "SELECT") return field.defaultValue;
  const chosen = [...field.options].find((option) => option.defaultSelected) || field.options[0];
  return chosen ? chosen.value : "";
}

export function remember(region) {
  const fields = new Map();
  for (const field of region.querySelectorAll("input, select, textarea")) {
    const key = field.type === "hidden" ? null : fieldKey(field);
    if (!key) continue;
    const tickable = field.type === "checkbox" || field.type === "radio";
    if (tickable && field.checked !== field.defaultChecked) fields.set(key, field.checked);
    if (!tickable && field.value !== initialValue(field)) fields.set(key, field.value);
  }
  const open = [...region.querySelectorAll("details[open][data-key]")].map((d) => d.dataset.key);
  const focused = region.contains(document.activeElement) ? fieldKey(document.activeElement) : null;
  return { fields, open, focused };
}

export function restore(region, { fields, open, focused }) {
  for (const field of region.querySelectorAll("input, select, textarea")) {
    const key = fieldKey(field);
    const kept = key ? fields.get(key) : undefined;
    if (typeof kept === "boolean") field.checked = kept;
    else if (kept !== undefined) field.value = kept;
    if (key && key === focused) field.focus({ preventScroll: true });
  }
  for (const details of region.querySelectorAll("details[data-key]")) {
    if (open.includes(details.dataset.key)) details.open = true;
  }
}

/** Wire the page: follow its topics, refresh its regions, show the connection's state. */
function startLivePage(status) {
  const label = status.querySelector(".live-label");
  const source = status.dataset.source;
  let timer = null;
  let running = false;
  let again = false;
  let stale = false;

  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/v1`;
  const live = new LiveSocket(url, {
    onEvent(frame) {
      // Progress of an order this page does not show changes nothing on it.
      const shown = document.querySelector(`[data-order-id="${frame.data?.order_id}"]`);
      if (shown || !ROW_ONLY.has(frame.event)) refreshSoon();
    },
    onReset: refreshSoon,
    onCaughtUp: refreshSoon,
    onLost: refreshSoon,
    onState(state) {
      status.hidden = false;
      status.dataset.state = state;
      label.textContent = status.dataset[`label${state[0].toUpperCase()}${state.slice(1)}`];
      if (state === "live" && stale) refreshSoon();
    },
  });

  function refreshSoon() {
    if (timer) return; // already coming, and it will fetch what this event changed too
    timer = setTimeout(() => {
      timer = null;
      refresh();
    }, REFRESH_DELAY_MS);
  }

  // One fetch at a time; events during a fetch ask for one more after it.
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
      stale = false;
    } catch (error) {
      stale = true; // tried again once the socket is live
      console.warn("live: refresh failed", error);
    } finally {
      running = false;
    }
  }

  async function fetchAndSwap() {
    const response = await fetch(source, { headers: { Accept: "text/html" }, cache: "no-store" });
    if (response.status === 404) return showGone();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const regions = [...document.querySelectorAll("[data-live-region]")];
    const swaps = regions.map((region) => [
      region,
      fresh.querySelector(`[data-live-region="${region.dataset.liveRegion}"]`),
    ]);
    if (swaps.some(([, next]) => !next)) {
      location.reload(); // not the page we know (the session ended: the login form): start over
      return;
    }
    for (const [region, next] of swaps) {
      const kept = remember(region);
      region.replaceWith(next);
      restore(next, kept);
    }
    // Topics shown now but not before (a supervisor's board reaching another dealer).
    const freshStatus = fresh.getElementById("live-status");
    followAll(freshStatus ? freshStatus.dataset.topics : "{}");
  }

  function showGone() {
    for (const region of document.querySelectorAll("[data-live-region]")) {
      const note = document.createElement("p");
      note.className = "empty";
      note.textContent = region.dataset.liveGone || "";
      region.replaceChildren(note);
    }
    live.stop();
    status.hidden = true;
  }

  function followAll(topics) {
    for (const [topic, position] of Object.entries(JSON.parse(topics))) {
      live.follow(topic, position);
    }
  }

  followAll(status.dataset.topics);
  window.addEventListener("offline", () => {
    if (live.stopped) return;
    live.drop();
    live.setState("offline");
  });
  window.addEventListener("online", () => {
    live.failures = 0;
    live.connect();
  });
  live.connect();
  return live;
}

const status = document.getElementById("live-status");
if (status) window.cabinetLive = startLivePage(status);
