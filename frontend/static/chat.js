// Chat on the page's websocket: rooms that update themselves, sending, typing, read marks,
// and the header's unread badge. How it fits together: docs/chat-pages.md.
//
// The server stays the only renderer of a message (author, local time, read state, files,
// edit controls, all translated): an event makes a room fetch the affected messages as an
// HTML fragment and merge them by id, so a repeated or reordered event changes nothing.
import { remember, restore } from "/static/live.js";

const REFRESH_DELAY_MS = 40; // the events of one action arrive together: one fetch for all
const TYPING_EVERY_MS = 3000; // how often typing is announced while a person keeps typing
const TYPING_SHOWN_MS = 6000; // at most this long after the last notice

function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchFragment(url) {
  const response = await fetch(url, { headers: { Accept: "text/html" }, cache: "no-store" });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
  const html = new DOMParser().parseFromString(await response.text(), "text/html");
  const list = html.querySelector("[data-chat-list]");
  if (!list) throw new Error("not a chat fragment (logged out?)");
  return list;
}

/**
 * The unread badge in the header: per-room counts, summed. A dealer person's change with
 * one `chat.activity` per message on their dealers' `dealer:{id}:chat` (one more, or 0 for
 * its author) and their own `chat.unread_changed` there (reads, deletions); a staff
 * reader's with `chat.unread_changed` on `user:{id}`. Counts are as of the positions they
 * were read at: an event at or before them is already counted.
 */
function startBadge(live, initial) {
  let badge = initial;
  const me = Number(badge.dataset.me);
  let rooms = JSON.parse(badge.dataset.rooms || "{}");
  let asOf = JSON.parse(badge.dataset.positions || "{}"); // topic → position counted up to
  let held = null; // events that arrive while the counts are being read again
  const show = () => {
    const total = Object.values(rooms).reduce((sum, n) => sum + n, 0);
    badge.textContent = String(total);
    badge.hidden = total === 0;
  };
  const apply = (frame) => {
    if (frame.seq <= (asOf[frame.topic] ?? 0)) return;
    asOf[frame.topic] = frame.seq;
    const data = frame.data || {};
    if (frame.event === "chat.activity") {
      rooms[data.room_id] = data.author_id === me ? 0 : (rooms[data.room_id] || 0) + 1;
    } else if (frame.event === "chat.unread_changed" && data.person_id === me) {
      rooms[data.room_id] = data.unread;
    }
  };
  const reload = async () => {
    const response = await fetch("/chat/unread", { cache: "no-store" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const next = fresh.getElementById("chat-badge");
    if (!next) return;
    badge.replaceWith(next);
    badge = next;
    rooms = JSON.parse(badge.dataset.rooms || "{}");
    asOf = JSON.parse(badge.dataset.positions || "{}");
  };
  const listener = {
    onEvent(frame) {
      if (held) return held.push(frame);
      apply(frame);
      show();
    },
    async onReset() {
      // History no longer reaches back: read the counts again, then add what came since.
      if (held) return;
      held = [];
      try {
        await reload();
      } catch (error) {
        console.warn("chat: badge", error);
      } finally {
        const later = held;
        held = null;
        later.forEach(apply);
        show();
      }
    },
  };
  for (const [topic, position] of Object.entries(asOf)) live.follow(topic, position, listener);
}

/** One room on the page: its messages, the form, typing and read marks. */
function startRoom(live, root) {
  const roomId = Number(root.dataset.chatRoom);
  const me = Number(root.dataset.me);
  const list = root.querySelector("[data-chat-list]");
  const form = root.querySelector("[data-chat-form]");
  const text = form.querySelector("textarea[name=body]");
  const typingLine = root.querySelector("[data-chat-typing]");
  const typists = new Map(); // person id → {name, until}
  const toFetch = new Set(); // ids of changed messages that may be older than the newest page
  let lastRead = Number(root.dataset.lastRead || 0);
  let timer = null;
  let running = false;
  let again = false;
  let stale = false;
  let lastTypingSent = 0;

  const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  const scrollDown = () => {
    list.scrollTop = list.scrollHeight;
  };

  const listener = {
    onEvent(frame) {
      const data = frame.data || {};
      switch (frame.event) {
        case "chat.typing":
          return showTyping(data);
        case "chat.message_posted":
          typists.delete(data.message?.author_id);
          renderTyping();
          return refreshSoon();
        case "chat.message_edited":
        case "chat.message_deleted":
          toFetch.add(data.message_id);
          return refreshSoon();
        case "chat.read":
          return refreshSoon();
      }
    },
    onReset: () => refreshSoon(),
    onCaughtUp: () => refreshSoon(),
    onLost() {
      const note = document.createElement("p");
      note.className = "empty";
      note.textContent = root.dataset.labelGone;
      root.replaceChildren(note);
    },
    onState(state) {
      if (state !== "live") return;
      if (stale) refreshSoon();
      markRead(); // what was read while the connection was down
    },
  };

  function refreshSoon() {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      refresh();
    }, REFRESH_DELAY_MS);
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
        const follow = atBottom();
        const newest = await fetchFragment(root.dataset.source);
        merge(newest);
        const shown = [...newest.querySelectorAll("[data-message-id]")].map((li) => Number(li.dataset.messageId));
        const oldest = shown.length ? Math.min(...shown) : Infinity;
        for (const id of [...toFetch]) {
          toFetch.delete(id);
          // An edit further back than the newest page: fetch that message alone.
          if (id < oldest) merge(await fetchFragment(`${root.dataset.source}?before=${id + 1}&limit=1`));
        }
        if (follow) scrollDown();
      } while (again);
      stale = false;
      markRead();
    } catch (error) {
      stale = true; // tried again once the socket is live
      console.warn("chat: refresh failed", error);
    } finally {
      running = false;
    }
  }

  /** Put each fetched message in its place: replace the one shown, or insert it in order. */
  function merge(fragment, { older = false } = {}) {
    for (const fresh of [...fragment.querySelectorAll("li[data-message-id]")]) {
      const id = fresh.dataset.messageId;
      const shown = list.querySelector(`li[data-message-id="${id}"]`);
      if (shown) {
        const kept = remember(shown);
        shown.replaceWith(fresh);
        restore(fresh, kept);
        continue;
      }
      if (fresh.dataset.clientId) {
        list.querySelector(`li.pending[data-client-id="${CSS.escape(fresh.dataset.clientId)}"]`)?.remove();
      }
      // By id, the room's one order for everybody (notes are numbered apart from `seq`).
      const order = Number(id);
      const next = [...list.querySelectorAll("li[data-message-id]")].find(
        (li) => Number(li.dataset.messageId) > order,
      );
      if (next) list.insertBefore(fresh, next);
      else list.insertBefore(fresh, list.querySelector("li.pending"));
    }
    if (older) {
      list.querySelector("[data-chat-older]")?.closest("li").remove();
      const link = fragment.querySelector("[data-chat-older]");
      if (link) list.prepend(link.closest("li"));
    }
    root.querySelector(".chat-empty")?.remove();
  }

  /** Tell the server how far this person has read, when the page is actually being looked at. */
  function markRead() {
    if (document.visibilityState !== "visible" || live.state !== "live") return;
    const others = [...list.querySelectorAll("li[data-message-id]")].filter(
      (li) => Number(li.dataset.authorId) !== me,
    );
    const newest = Math.max(0, ...others.map((li) => Number(li.dataset.messageId)));
    if (newest <= lastRead) return;
    lastRead = newest;
    live.command("chat.read", { room_id: roomId, message_id: newest }, { retry: false });
  }

  function showTyping({ person_id: personId, person_name: name, until }) {
    if (personId === me) return;
    const left = Math.min(new Date(until).getTime() - Date.now(), TYPING_SHOWN_MS);
    if (left <= 0) return; // an old notice replayed after a reconnect
    typists.set(personId, { name, until: Date.now() + left });
    renderTyping();
    setTimeout(renderTyping, left + 50);
  }

  function renderTyping() {
    const now = Date.now();
    for (const [id, typist] of typists) if (typist.until <= now) typists.delete(id);
    const names = [...typists.values()].map((t) => t.name).join(", ");
    typingLine.textContent = names ? root.dataset.labelTyping.replace("{name}", names) : "";
    typingLine.hidden = !names;
  }

  async function loadOlder(link) {
    const height = list.scrollHeight;
    link.setAttribute("aria-busy", "true");
    try {
      merge(await fetchFragment(`${root.dataset.source}?before=${link.dataset.before}`), { older: true });
      list.scrollTop += list.scrollHeight - height; // keep what the person was reading in place
    } catch (error) {
      console.warn("chat: older messages", error);
      link.removeAttribute("aria-busy");
    }
  }

  function send(event) {
    const files = form.querySelector("input[type=file]");
    if (files && files.files.length) return; // files go with the form itself (a normal post)
    event.preventDefault();
    const body = text.value.trim();
    if (!body) return text.focus();
    const internalBox = form.querySelector("input[name=internal]");
    const internal = Boolean(internalBox && internalBox.checked);
    const clientId = newClientId();
    const pending = root.querySelector("template[data-chat-pending]").content.firstElementChild.cloneNode(true);
    pending.dataset.clientId = clientId;
    pending.querySelector(".chat-body").textContent = body;
    if (internal) pending.classList.add("internal");
    list.append(pending);
    scrollDown();
    text.value = "";
    if (internalBox) internalBox.checked = false;
    // Until the server acknowledges it, the command is resent after every reconnect with the
    // same client id: the server answers a repeat with the message it already has.
    live.command("chat.send", { room_id: roomId, client_id: clientId, body, internal }).then(
      () => refreshSoon(),
      (error) => {
        console.warn("chat: not sent", error);
        pending.classList.add("failed");
        pending.querySelector(".chat-state").textContent = root.dataset.labelFailed;
        if (!text.value) text.value = body;
      },
    );
  }

  /** Edit and delete forms: posted in the background; the event brings the change. */
  async function act(actionForm) {
    const response = await fetch(actionForm.action, { method: "POST", body: new FormData(actionForm) });
    if (!response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      window.alert(page.querySelector(".error-page p")?.textContent || root.dataset.labelFailed);
      return;
    }
    actionForm.closest("details")?.removeAttribute("open");
    const item = actionForm.closest("li[data-message-id]");
    if (item) toFetch.add(Number(item.dataset.messageId));
    refreshSoon();
  }

  form.addEventListener("submit", send);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  text.addEventListener("input", () => {
    const now = Date.now();
    if (!text.value.trim() || now - lastTypingSent < TYPING_EVERY_MS) return;
    lastTypingSent = now;
    const internalBox = form.querySelector("input[name=internal]");
    const internal = Boolean(internalBox && internalBox.checked);
    live.command("chat.typing", { room_id: roomId, internal }, { retry: false });
  });
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-chat-older]");
    if (!link) return;
    event.preventDefault();
    loadOlder(link);
  });
  // On the document, after app.js's listener: a "Delete?" answered "no" is defaultPrevented.
  document.addEventListener("submit", (event) => {
    const actionForm = event.target.closest("form[data-chat-action]");
    if (!actionForm || !root.contains(actionForm) || event.defaultPrevented) return;
    event.preventDefault();
    act(actionForm).catch((error) => console.warn("chat: action failed", error));
  });
  document.addEventListener("visibilitychange", markRead);

  for (const [topic, position] of Object.entries(JSON.parse(root.dataset.topics))) {
    live.follow(topic, position, listener);
  }
  if (!location.hash.startsWith("#m")) scrollDown();
  markRead();
  return { root, refresh: refreshSoon };
}

const live = window.cabinetLive;
if (live) {
  const badge = document.getElementById("chat-badge");
  if (badge) startBadge(live, badge);
  window.cabinetChats = [...document.querySelectorAll("[data-chat-room]")].map((root) => startRoom(live, root));
}
