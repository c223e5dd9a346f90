// Presale Desk playground: draws the emulated Telegram from the server's live feed and sends
// what the visitor does back to it. No framework and no build step: one feed, one state,
// panes redrawn at most once per frame.
"use strict";

const state = {
  ready: false,
  lang: new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ru",
  strings: {},
  people: [],
  bot: null,
  group: null,
  zone: "UTC",
  now: 0,
  moves: [],
  tours: [],
  chats: new Map(),
  messages: new Map(),
  me: null,
  topic: "all",
  unread: new Map(),
  pressed: new Set(),
  tour: null,
};

const $ = (id) => document.getElementById(id);
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);

function t(key, args = {}) {
  const text = (state.strings[state.lang] || {})[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

const key = (chat, id) => `${chat}:${id}`;
const colorOf = (id) => Math.abs(Number(id) || 0) % 7;
const person = (id) => state.people.find((p) => p.id === id);
const initials = (name) => (name || "?").trim().charAt(0).toUpperCase();

function messagesOf(chatId, filter = () => true) {
  const found = [];
  for (const message of state.messages.values()) {
    if (message.chat === chatId && !message.deleted && filter(message)) found.push(message);
  }
  return found.sort((a, b) => a.id - b.id);
}

// -- formatting ---------------------------------------------------------------------------

function formatTime(seconds, options) {
  return new Intl.DateTimeFormat(state.lang, { timeZone: state.zone, ...options }).format(
    new Date(seconds * 1000),
  );
}
const clockText = (s) =>
  formatTime(s, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const hourText = (s) => formatTime(s, { hour: "2-digit", minute: "2-digit" });
const dayText = (s) => formatTime(s, { weekday: "long", day: "numeric", month: "long" });

function sizeText(bytes) {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

// -- drawing ------------------------------------------------------------------------------

const dirty = new Set();
let frame = 0;

function redraw(...parts) {
  for (const part of parts) dirty.add(part);
  if (!frame) frame = requestAnimationFrame(flush);
}

function flush() {
  frame = 0;
  if (!state.ready) return;
  const parts = new Set(dirty);
  dirty.clear();
  if (parts.has("chrome")) drawChrome();
  if (parts.has("people")) drawPeople();
  if (parts.has("private")) drawPrivate();
  if (parts.has("group")) drawGroup();
  if (parts.has("tour")) drawTour();
  document.body.dataset.ready = "1"; // drawn, not only received: the page can be used now
}

function drawChrome() {
  document.documentElement.lang = state.lang;
  document.title = t("playground-title");
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  for (const node of document.querySelectorAll("[data-t-title]")) node.title = t(node.dataset.tTitle);
  for (const node of document.querySelectorAll("[data-t-placeholder]")) {
    node.placeholder = t(node.dataset.tPlaceholder);
  }
  $("lang").textContent = state.lang === "ru" ? "English" : "Русский";
  $("now").textContent = clockText(state.now);
  $("moves").innerHTML = state.moves
    .map((move) => `<button type="button" data-move="${esc(move)}">${esc(t(`playground-move-${move}`))}</button>`)
    .join("");
  $("tour-menu").hidden = state.tours.length === 0;
  $("tour-list").innerHTML = state.tours
    .map((tour) => `<button type="button" data-tour="${esc(tour)}">${esc(t(`playground-tour-${tour}`))}</button>`)
    .join("");
  $("bot-avatar").textContent = "";
  $("bot-name").textContent = state.bot ? state.bot.name : "";
}

function lastLine(chatId) {
  const all = messagesOf(chatId);
  const last = all[all.length - 1];
  if (!last) return "";
  const holder = document.createElement("div");
  holder.innerHTML = last.html || last.rich || "";
  const text = holder.textContent || (last.document ? last.document.name : last.photo ? t("playground-photo") : "");
  return (last.from.bot ? "" : `${t("playground-you")}: `) + text.split("\n")[0];
}

function drawPeople() {
  const items = state.people.map((p) => {
    const unread = state.unread.get(p.id) || 0;
    return {
      key: p.id,
      html: `<li class="person${p.id === state.me ? " selected" : ""}" data-user="${p.id}">
        <div class="avatar c${colorOf(p.id)}">${esc(initials(p.name))}</div>
        <div class="person-text">
          <div class="person-name">${esc(p.name)}</div>
          <div class="person-role">${esc(t(`playground-role-${p.role}`))}${p.tags.length ? " · " + esc(p.tags.join(", ")) : ""}</div>
          <div class="person-last">${esc(lastLine(p.id))}</div>
        </div>
        ${unread ? `<span class="badge">${unread}</span>` : ""}
      </li>`,
    };
  });
  paint($("people"), items, false);
}

function buttonsHtml(message) {
  if (!message.buttons.length) return "";
  const rows = message.buttons.map((row) => {
    const cells = row.map((button) => {
      if (button.url) {
        return `<a href="${esc(button.url)}" target="_blank" rel="noopener">${esc(button.text)} ↗</a>`;
      }
      if (button.disabled) {
        return `<button type="button" class="label" disabled>${esc(button.text)}</button>`;
      }
      const pressed = state.pressed.has(`${message.chat}:${message.id}:${button.callback_data}`);
      const style = button.style ? ` style-${esc(button.style)}` : "";
      return `<button type="button" class="inline${pressed ? " pressed" : ""}${style}"
        data-chat="${message.chat}" data-message="${message.id}"
        data-data="${esc(button.callback_data || "")}">${esc(button.text)}</button>`;
    });
    return `<div class="row">${cells.join("")}</div>`;
  });
  return `<div class="inline-kb">${rows.join("")}</div>`;
}

function mediaHtml(message) {
  let html = "";
  if (message.photo) html += `<img class="photo" src="${esc(message.photo.url)}" alt="">`;
  if (message.document) {
    html += `<a class="document" href="${esc(message.document.url)}" target="_blank" rel="noopener">
      <span class="doc-icon">📄</span>
      <span><div class="doc-name">${esc(message.document.name)}</div>
      <div class="doc-size">${esc(sizeText(message.document.size))}</div></span></a>`;
  }
  if (message.contact) {
    html += `<div class="document"><span class="doc-icon">👤</span><span>
      <div class="doc-name">${esc(message.contact.name)}</div>
      <div class="doc-size">${esc(message.contact.phone)}</div></span></div>`;
  }
  if (message.sticker) html += `<div class="sticker">${esc(message.sticker)}</div>`;
  if (message.rich) html += `<div class="rich">${message.rich}</div>`;
  if (message.location) {
    html += `<div>📍 ${esc(message.location.latitude)}, ${esc(message.location.longitude)}</div>`;
  }
  return html;
}

function messageHtml(message, inGroup) {
  if (message.service) {
    return `<div class="service"><span>${esc(t(`playground-service-${message.service.kind}`, { name: message.service.name }))}</span></div>`;
  }
  const mine = !message.from.bot && message.from.id === state.me;
  const sender =
    inGroup && !mine ? `<div class="sender n${colorOf(message.from.id)}">${esc(message.from.name)}</div>` : "";
  const quote = message.reply
    ? `<div class="quote"><b>${esc(message.reply.name)}</b>${esc(message.reply.text)}</div>`
    : "";
  const edited = message.edited ? `${esc(t("playground-edited"))} ` : "";
  const text = message.html ? `<span class="text">${message.html}</span>` : "";
  return `<div class="msg ${mine ? "out" : "in"}" data-chat="${message.chat}" data-id="${message.id}">
    <div class="bubble">${sender}${quote}${mediaHtml(message)}${text}<span class="meta">${edited}${esc(hourText(message.date))}</span></div>
    ${buttonsHtml(message)}
  </div>`;
}

function listItems(messages, inGroup, emptyKey) {
  if (!messages.length) {
    return [{ key: "empty", html: `<div class="empty"><span>${esc(t(emptyKey))}</span></div>` }];
  }
  let lastDay = "";
  const items = [];
  for (const message of messages) {
    const day = dayText(message.date);
    if (day !== lastDay) {
      items.push({ key: `day:${day}`, html: `<div class="day"><span>${esc(day)}</span></div>` });
      lastDay = day;
    }
    items.push({ key: `m:${message.id}`, html: messageHtml(message, inGroup) });
  }
  return items;
}

// Redraws a list keeping the nodes whose HTML did not change, so a redraw neither flickers
// nor loses what the visitor selected, and stays cheap as the chat grows.
function paint(container, items, stick = true) {
  const atBottom = stick && container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  const scroll = container.scrollTop;
  const known = container.painted || new Map();
  const next = new Map();
  const holder = document.createElement("div");
  let cursor = container.firstChild;
  for (const item of items) {
    let entry = known.get(item.key);
    if (!entry || entry.html !== item.html) {
      holder.innerHTML = item.html.trim();
      entry = { html: item.html, node: holder.firstElementChild };
    }
    next.set(item.key, entry);
    if (entry.node === cursor) cursor = cursor.nextSibling;
    else container.insertBefore(entry.node, cursor);
  }
  while (cursor) {
    const stale = cursor;
    cursor = cursor.nextSibling;
    container.removeChild(stale);
  }
  container.painted = next;
  container.scrollTop = atBottom ? container.scrollHeight : scroll;
}

function drawPrivate() {
  const me = person(state.me);
  if (!me) return;
  $("private-sub").textContent = t("playground-private-sub", { name: me.name });
  paint($("private-messages"), listItems(messagesOf(me.id), false, "playground-empty-private"));
  const chat = state.chats.get(me.id);
  const keyboard = chat && chat.keyboard;
  const box = $("reply-keyboard");
  box.hidden = !keyboard;
  box.innerHTML = keyboard
    ? keyboard.rows
        .map(
          (row) =>
            `<div class="row">${row
              .map(
                (b) =>
                  `<button type="button" data-text="${esc(b.text)}" data-contact="${b.contact ? 1 : ""}">${esc(b.text)}</button>`,
              )
              .join("")}</div>`,
        )
        .join("")
    : "";
  const textarea = $("private-composer").querySelector("textarea");
  textarea.placeholder = (keyboard && keyboard.placeholder) || t("playground-input-placeholder");
}

function inTopic(message) {
  if (state.topic === "all") return true;
  const general = message.thread === null || message.thread === 1;
  return state.topic === 1 ? general : message.thread === state.topic;
}

function drawGroup() {
  const chat = state.chats.get(state.group);
  if (!chat) return;
  $("group-title").textContent = chat.title;
  $("group-sub").textContent = t("playground-group-sub", { count: chat.members.length });
  $("group-avatar").textContent = initials(chat.title);
  const topics = chat.forum ? [{ id: "all", name: t("playground-topic-all") }, ...chat.topics] : [];
  if (!topics.some((topic) => topic.id === state.topic)) state.topic = "all";
  $("topics").hidden = !chat.forum;
  $("topics").innerHTML = topics
    .map((topic) => {
      const name = topic.id === 1 ? t("playground-topic-general") : topic.name;
      return `<button type="button" data-topic="${topic.id}" class="${topic.id === state.topic ? "selected" : ""}">${topic.id === "all" || topic.id === 1 ? "" : "# "}${esc(name)}</button>`;
    })
    .join("");
  paint($("group-messages"), listItems(messagesOf(state.group, inTopic), true, "playground-empty-group"));
  const member = chat.members.includes(state.me);
  const me = person(state.me);
  $("not-member").hidden = member;
  $("not-member").textContent = me ? t("playground-not-member", { name: me.name }) : "";
  $("group-composer").hidden = !member;
}

function drawTour() {
  const tour = state.tour;
  $("tour").hidden = !tour;
  if (!tour) return;
  $("tour-title").textContent = t(`playground-tour-${tour.tour}`);
  const failed = tour.state === "failed";
  $("tour-caption").textContent = failed ? t("playground-tour-failed") : t(tour.caption);
  $("tour-caption").title = failed ? tour.error || "" : "";
  $("tour-progress").textContent =
    tour.state === "done" ? t("playground-tour-done") : t("playground-tour-step", { step: tour.step, total: tour.total });
  const busy = tour.state === "running";
  const over = tour.state === "done" || failed;
  $("tour-next").disabled = busy;
  $("tour-next").hidden = over;
  $("tour-finish").disabled = busy && tour.finishing;
  $("tour-finish").hidden = over;
}

// -- the feed -------------------------------------------------------------------------------

function applySnapshot(data) {
  state.strings = data.strings;
  state.people = data.people;
  state.bot = data.bot;
  state.group = data.group;
  state.zone = data.zone;
  state.now = data.now;
  state.moves = data.moves;
  state.tours = data.tours || [];
  state.tour = data.tour || null;
  state.chats = new Map(data.chats.map((chat) => [chat.id, chat]));
  state.messages = new Map(data.messages.map((m) => [key(m.chat, m.id), m]));
  if (!person(state.me)) state.me = state.people[0] ? state.people[0].id : null;
  state.ready = true;
  redraw("chrome", "people", "private", "group", "tour");
}

function applyMessage(message) {
  const id = key(message.chat, message.id);
  const fresh = !state.messages.has(id);
  const before = state.messages.get(id);
  state.messages.set(id, message);
  if (before && before.buttons !== message.buttons) {
    for (const pressed of [...state.pressed]) {
      if (pressed.startsWith(`${id}:`)) state.pressed.delete(pressed);
    }
  }
  if (fresh && message.from.bot && person(message.chat) && message.chat !== state.me) {
    state.unread.set(message.chat, (state.unread.get(message.chat) || 0) + 1);
  }
  if (message.chat === state.group) redraw("group");
  else if (message.chat === state.me) redraw("private", "people");
  else redraw("people");
}

let toastTimer = 0;
function showAnswer(answer) {
  if (!answer.text) return;
  const who = person(answer.user);
  const name = who && answer.user !== state.me ? who.name : "";
  if (answer.alert) {
    $("alert-who").textContent = name;
    $("alert-text").textContent = answer.text;
    $("alert").hidden = false;
    return;
  }
  $("toast").textContent = name ? `${name}: ${answer.text}` : answer.text;
  $("toast").hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => ($("toast").hidden = true), 3500);
}

function connect() {
  const source = new EventSource("/playground/events");
  const on = (kind, handle) => source.addEventListener(kind, (event) => handle(JSON.parse(event.data)));
  on("snapshot", applySnapshot);
  on("message", applyMessage);
  on("chat", (chat) => {
    state.chats.set(chat.id, chat);
    redraw(chat.id === state.group ? "group" : "private");
  });
  on("clock", (data) => {
    state.now = data.now;
    redraw("chrome");
  });
  on("answer", (answer) => {
    for (const pressed of [...state.pressed]) state.pressed.delete(pressed);
    showAnswer(answer);
    redraw("private", "group");
  });
  on("tour", (tour) => {
    state.tour = tour.state === "closed" ? null : tour;
    if (state.tour && person(tour.look) && tour.look !== state.me) choose(tour.look);
    redraw("tour");
  });
  source.addEventListener("open", () => ($("banner").hidden = true));
  source.addEventListener("error", () => {
    $("banner").textContent = t("playground-connection-lost");
    $("banner").hidden = false;
  });
}

// -- acting -----------------------------------------------------------------------------------

function post(path, body) {
  return send(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

// Posts an action; a refusal is shown in the page's words, whatever the server said.
async function send(path, init) {
  const response = await fetch(path, init).catch(() => null);
  if (!response) {
    $("banner").textContent = t("playground-connection-lost");
    $("banner").hidden = false;
    return null;
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ error: "bad_request" }));
    const known = (state.strings[state.lang] || {})[`playground-error-${problem.error}`];
    $("toast").textContent = t("playground-error", {
      reason: known || t("playground-error-bad_request"),
    });
    $("toast").hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => ($("toast").hidden = true), 3500);
  }
  return response;
}

function chatOf(form) {
  return form.id === "group-composer" ? state.group : state.me;
}

function threadOf(form) {
  if (form.id !== "group-composer" || state.topic === "all" || state.topic === 1) return null;
  return state.topic;
}

function sendText(form, text) {
  if (!text.trim()) return;
  post("/playground/send", { user: state.me, chat: chatOf(form), thread: threadOf(form), text });
}

function choose(userId) {
  state.me = userId;
  state.unread.delete(userId);
  redraw("people", "private", "group");
  if (window.matchMedia("(max-width: 760px)").matches) showPane("chat");
}

function showPane(pane) {
  $("panes").dataset.pane = pane;
  for (const button of $("phone-nav").querySelectorAll("button")) {
    button.classList.toggle("selected", button.dataset.pane === pane);
  }
}

function setUp() {
  $("people").addEventListener("click", (event) => {
    const item = event.target.closest("[data-user]");
    if (item) choose(Number(item.dataset.user));
  });
  for (const form of [$("private-composer"), $("group-composer")]) {
    const textarea = form.querySelector("textarea");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      sendText(form, textarea.value);
      textarea.value = "";
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.querySelector("input[type=file]").addEventListener("change", (event) => {
      const file = event.target.files[0];
      if (!file) return;
      const data = new FormData();
      data.append("user", state.me);
      data.append("chat", chatOf(form));
      const thread = threadOf(form);
      if (thread !== null) data.append("thread", thread);
      data.append("file", file, file.name);
      send("/playground/attach", { method: "POST", body: data });
      event.target.value = "";
    });
  }
  document.addEventListener("click", (event) => {
    const inline = event.target.closest("button.inline");
    if (inline) {
      state.pressed.add(`${inline.dataset.chat}:${inline.dataset.message}:${inline.dataset.data}`);
      inline.classList.add("pressed");
      post("/playground/press", {
        user: state.me,
        chat: Number(inline.dataset.chat),
        message: Number(inline.dataset.message),
        data: inline.dataset.data,
      });
      return;
    }
    const command = event.target.closest(".text .command");
    if (command) {
      const inGroup = command.closest("#group");
      sendText(inGroup ? $("group-composer") : $("private-composer"), command.dataset.command);
      return;
    }
    const spoiler = event.target.closest(".text .spoiler");
    if (spoiler) spoiler.classList.add("open");
  });
  $("reply-keyboard").addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.contact) post("/playground/contact", { user: state.me });
    else sendText($("private-composer"), button.dataset.text);
  });
  $("topics").addEventListener("click", (event) => {
    const button = event.target.closest("[data-topic]");
    if (!button) return;
    state.topic = button.dataset.topic === "all" ? "all" : Number(button.dataset.topic);
    redraw("group");
  });
  $("moves").addEventListener("click", (event) => {
    const button = event.target.closest("[data-move]");
    if (button) post("/playground/time", { move: button.dataset.move });
  });
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "ru" ? "en" : "ru";
    redraw("chrome", "people", "private", "group", "tour");
  });
  $("tours-button").addEventListener("click", () => ($("tour-list").hidden = !$("tour-list").hidden));
  $("tour-list").addEventListener("click", (event) => {
    const button = event.target.closest("[data-tour]");
    if (!button) return;
    $("tour-list").hidden = true;
    post("/playground/tour", { command: "start", tour: button.dataset.tour });
  });
  $("tour-next").addEventListener("click", () => post("/playground/tour", { command: "next" }));
  $("tour-finish").addEventListener("click", () => post("/playground/tour", { command: "finish" }));
  $("tour-close").addEventListener("click", () => post("/playground/tour", { command: "stop" }));
  $("alert-ok").addEventListener("click", () => ($("alert").hidden = true));
  $("phone-nav").addEventListener("click", (event) => {
    const button = event.target.closest("[data-pane]");
    if (button) showPane(button.dataset.pane);
  });
  showPane("chat");
  connect();
}

setUp();
