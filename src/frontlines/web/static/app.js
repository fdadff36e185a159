/* frontlines analyst workspace: the map, timeline, filters, event panel and review.
 *
 * Safety rule of this file: every text that came from the store (titles, bodies, comments,
 * authors, actors, notes, ids) is put on the page with textContent or as a DOM attribute value,
 * never as HTML. Links are made only from http(s) URLs.
 */
"use strict";

const FILTER_FIELDS = ["since", "until", "country", "admin1", "admin2", "event_type",
  "sub_event_type", "actor", "min_fatalities", "q"];
const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const CONTROL_COLOURS = {
  controlled: "#b42318", contested: "#f79009", government: "#155eef", unconfirmed: "#98a2b3",
};
const EDITABLE = ["event_type", "sub_event_type", "event_date", "actor1", "actor2", "admin1",
  "admin2", "location", "latitude", "longitude", "fatalities", "notes", "certainty"];
const MAX_EVENTS = 5000;  // the latest events loaded onto the map at most (filters narrow)
const PAGE = 1000;
const PLAY_STEP_MS = 700;
const DAY_MS = 86400000;

const state = { events: [], days: [], playing: null, openEvent: null, control: null };
let map, clusters, controlLayer;

/* ---------------------------------------------------------------- DOM helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;  // CSSOM: allowed by the CSP
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function safeHref(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (error) {
    return null;
  }
}

function $(id) { return document.getElementById(id); }

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

/* ---------------------------------------------------------------- URL state (deep links) */

function readHash() {
  return new URLSearchParams(location.hash.slice(1));
}

function writeHash() {
  const params = new URLSearchParams();
  const form = $("filters");
  for (const name of FILTER_FIELDS) {
    const value = form.elements[name].value;
    if (value) params.set(name, value);
  }
  if (state.days.length) params.set("day", state.days[Number($("day").value)]);
  if ($("window").value !== "0") params.set("window", $("window").value);
  if (!$("show-control").checked) params.set("control", "off");
  if (state.openEvent) params.set("event", state.openEvent);
  if (map) {
    const centre = map.getCenter();
    params.set("view", `${map.getZoom()}/${centre.lat.toFixed(3)}/${centre.lng.toFixed(3)}`);
  }
  history.replaceState(null, "", "#" + params.toString());
}

function filterQuery() {
  const params = new URLSearchParams();
  const form = $("filters");
  for (const name of FILTER_FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

/* ---------------------------------------------------------------- API */

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.message || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

async function loadEvents() {
  const params = filterQuery();
  params.set("limit", String(PAGE));
  params.set("sort", "-date");
  const events = [];
  let cursor = null;
  setStatus("loading events…");
  do {
    if (cursor) params.set("cursor", cursor);
    const page = await api("api/events?" + params.toString());
    events.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && events.length < MAX_EVENTS);
  state.events = events;
  state.truncated = Boolean(cursor);
  $("export-link").href = "api/export?format=acled-csv&" + filterQuery().toString();
  buildDays();
  render();
}

/* ---------------------------------------------------------------- timeline */

function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

function buildDays() {
  const dated = state.events.map((e) => e.event_date).filter(Boolean).sort();
  const form = $("filters");
  const first = form.elements.since.value || dated[0];
  const last = form.elements.until.value || dated[dated.length - 1];
  const slider = $("day");
  state.days = [];
  if (first && last) {
    for (let ms = Date.parse(first); ms <= Date.parse(last); ms += DAY_MS) {
      state.days.push(isoDay(ms));
    }
  }
  slider.max = String(Math.max(0, state.days.length - 1));
  const wanted = readHash().get("day");
  const index = wanted ? state.days.indexOf(wanted) : -1;
  slider.value = String(index >= 0 ? index : state.days.length - 1);
}

function currentDay() { return state.days[Number($("day").value)] || null; }

function visibleEvents() {
  const day = currentDay();
  const windowDays = Number($("window").value);
  if (!day) return state.events;
  const start = windowDays ? isoDay(Date.parse(day) - (windowDays - 1) * DAY_MS) : null;
  return state.events.filter((e) => !e.event_date
    || (e.event_date <= day && (!start || e.event_date >= start)));
}

function togglePlay() {
  const button = $("play");
  if (state.playing) {
    clearInterval(state.playing);
    state.playing = null;
  } else {
    const slider = $("day");
    if (Number(slider.value) >= Number(slider.max)) slider.value = "0";
    state.playing = setInterval(() => {
      if (Number(slider.value) >= Number(slider.max)) { togglePlay(); return; }
      slider.value = String(Number(slider.value) + 1);
      render();
    }, PLAY_STEP_MS);
  }
  button.setAttribute("aria-pressed", state.playing ? "true" : "false");
  button.textContent = state.playing ? "❚❚ Pause" : "▶ Play";
}

/* ---------------------------------------------------------------- map */

function colourOf(type) { return TYPE_COLOURS[type] || "#475467"; }

function markerFor(event) {
  const marker = L.circleMarker([event.latitude, event.longitude], {
    radius: 7 + Math.min(8, Math.sqrt(event.fatalities || 0)),
    color: "#1d2330", weight: 1, fillColor: colourOf(event.event_type), fillOpacity: 0.85,
  });
  const label = `${event.event_date || "undated"} · ${event.sub_event_type} · ${event.location}`;
  marker.bindTooltip(document.createTextNode(label));
  marker.on("click", () => openEvent(event.event_id));
  return marker;
}

function renderList(events) {
  const list = $("event-list");
  list.replaceChildren(...events.slice(0, 500).map((event) => el("li", {},
    el("span", { class: "swatch", style: `background:${colourOf(event.event_type)}` }), " ",
    el("button", { type: "button", "data-event-id": event.event_id,
      onclick: () => openEvent(event.event_id) },
    `${event.event_date || "undated"} — ${event.sub_event_type}, ${event.location || event.admin1}`,
    event.fatalities ? ` (${event.fatalities} killed)` : ""))));
  $("list-count").textContent = `(${events.length} shown of ${state.events.length})`;
}

async function renderControl() {
  controlLayer.clearLayers();
  const day = currentDay();
  if (!day || !$("show-control").checked) return;
  const token = (state.control = day);
  const body = await api("api/control?as_of=" + encodeURIComponent(day));
  if (state.control !== token) return;
  for (const district of body.districts) {
    if (district.latitude === null) continue;
    const colour = CONTROL_COLOURS[district.status] || "#98a2b3";
    const box = L.circleMarker([district.latitude, district.longitude], {
      radius: 16, color: colour, weight: 3, dashArray: "4 3", fill: true, fillOpacity: 0.08,
      interactive: true,
    });
    const actor = district.actor ? ` (${district.actor})` : "";
    box.bindTooltip(document.createTextNode(
      `${district.admin2}, ${district.admin1}: ${district.status}${actor} since ${district.since}`));
    controlLayer.addLayer(box);
  }
}

function render() {
  const events = visibleEvents();
  clusters.clearLayers();
  clusters.addLayers(events.filter((e) => e.latitude !== null && e.longitude !== null)
    .map(markerFor));
  renderList(events);
  $("day-label").textContent = currentDay() || "—";
  setStatus(state.truncated
    ? `${events.length} events — only the latest ${MAX_EVENTS} are loaded; narrow the filters`
    : `${events.length} events`);
  renderControl().catch((error) => setStatus(error.message, true));
  writeHash();
}

function renderLegend() {
  const rows = Object.entries(TYPE_COLOURS).map(([type, colour]) => el("div", {},
    el("span", { class: "swatch", style: `background:${colour}` }), type));
  const control = Object.entries(CONTROL_COLOURS).map(([status, colour]) => el("div", {},
    el("span", { class: "swatch square", style: `border:2px dashed ${colour}` }),
    `district ${status}`));
  $("legend").replaceChildren(...rows, ...control);
}

/* ---------------------------------------------------------------- event panel */

function highlighted(body, spans) {
  const nodes = [];
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > body.length) continue;
    nodes.push(body.slice(at, span.start));
    nodes.push(el("mark", { class: "evidence" }, body.slice(span.start, span.end)));
    at = span.end;
  }
  nodes.push(body.slice(at));
  return nodes;
}

function fieldList(record, review) {
  const rows = [["Date", record.event_date, "event_date"],
    ["Type", `${record.event_type} / ${record.sub_event_type}`, "event_type"],
    ["Place", [record.location, record.admin2, record.admin1, record.country].filter(Boolean)
      .join(", "), "location"],
    ["Actor 1", record.actor1, "actor1"], ["Actor 2", record.actor2, "actor2"],
    ["Fatalities", record.fatalities, "fatalities"], ["Certainty", record.certainty, "certainty"],
    ["Claimed by", record.claimed_by, null], ["Confidence", record.confidence, null],
    ["Notes", record.notes, "notes"]];
  const reviewed = new Set(review.reviewed_fields);
  return el("dl", {}, ...rows.flatMap(([name, value, key]) => [el("dt", {}, name),
    el("dd", {}, value === null || value === undefined || value === "" ? "—" : value,
      reviewed.has(key) ? el("span", { class: "badge accepted" }, "reviewed") : null)]));
}

function claimsTable(byField) {
  const fields = Object.keys(byField);
  if (!fields.length) return el("p", {}, "No claims recorded.");
  return el("table", { class: "claims" },
    el("thead", {}, el("tr", {}, el("th", {}, "Field"), el("th", {}, "Who says"),
      el("th", {}, "Value"), el("th", {}, "Document"))),
    el("tbody", {}, ...fields.flatMap((field) => {
      const claims = byField[field];
      const conflicting = new Set(claims.map((c) => String(c.value))).size > 1;
      return claims.map((claim, index) => el("tr", {},
        el("td", { class: conflicting ? "conflict" : null },
          index === 0 ? field + (conflicting ? " (sources disagree)" : "") : ""),
        el("td", {}, claim.claimed_by || "—"), el("td", {}, claim.value ?? "—"),
        el("td", {}, claim.doc_id)));
    })));
}

async function sourceCard(source, evidence) {
  const card = el("div", { class: "source", "data-doc-id": source.doc_id });
  const href = source.url ? safeHref(source.url) : null;
  const title = href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" },
    source.outlet || source.url) : el("strong", {}, source.outlet || source.doc_id);
  card.append(title, " · ", source.published || "undated", " · ", el("code", {}, source.doc_id));
  try {
    const doc = await api("api/documents/" + encodeURIComponent(source.doc_id));
    const spans = evidence.filter((e) => e.doc_id === source.doc_id);
    card.append(el("div", { class: "doc-title" }, doc.title || ""),
      el("div", { class: "body" }, ...highlighted(doc.body, spans)));
    if (doc.comments.length) {
      card.append(el("details", { class: "comments" },
        el("summary", {}, `${doc.comments.length} reader comments (never evidence)`),
        el("ul", {}, ...doc.comments.map((c) => el("li", {},
          el("strong", {}, c.author || "anonymous"), ": ", c.text,
          c.toxicity >= 0.5 ? el("span", { class: "badge" }, " abusive") : null)))));
    }
  } catch (error) {
    card.append(el("p", { class: "error" }, `document not stored: ${error.message}`));
  }
  return card;
}

function reviewSection(detail) {
  const version = detail.review.version;
  const reason = el("input", { name: "reason", placeholder: "why (for the audit trail)",
    "aria-label": "Reason" });
  const token = el("input", { type: "password", name: "token", placeholder: "API token",
    "aria-label": "API token", value: sessionStorage.getItem("frontlines-token") || "" });
  const message = el("p", { class: "review-message", role: "status" });
  const send = async (body) => {
    sessionStorage.setItem("frontlines-token", token.value);
    try {
      await api(`api/events/${encodeURIComponent(detail.event_id)}/review`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token.value}` },
        body: JSON.stringify({ version, reason: reason.value, ...body }),
      });
      await loadEvents();
      await openEvent(detail.event_id);
    } catch (error) {
      message.textContent = error.message;
      message.className = "error";
    }
  };
  const field = el("select", { name: "field", "aria-label": "Field to edit" },
    ...EDITABLE.map((name) => el("option", { value: name }, name)));
  const value = el("input", { name: "value", "aria-label": "New value" });
  const other = el("input", { name: "other", placeholder: "other event id",
    "aria-label": "Event to merge in" });
  const sources = (detail.event ? detail.event.sources : []).map((s) =>
    el("label", {}, el("input", { type: "checkbox", value: s.doc_id }), s.doc_id));
  const numeric = new Set(["fatalities", "latitude", "longitude"]);
  return el("div", { class: "review" },
    el("h3", {}, "Review ", el("span", { class: `badge ${detail.review.status || ""}` },
      detail.review.status || "not reviewed"), ` version ${version}`),
    el("form", { onsubmit: (e) => e.preventDefault() }, token, reason,
      el("button", { type: "button", onclick: () => send({ action: "accept" }) }, "Accept"),
      el("button", { type: "button", onclick: () => send({ action: "reject" }) }, "Reject")),
    el("form", { onsubmit: (e) => { e.preventDefault(); send({ action: "edit", field: field.value,
      value: numeric.has(field.value) ? Number(value.value) : value.value }); } },
    field, value, el("button", { type: "submit" }, "Edit field")),
    el("form", { onsubmit: (e) => { e.preventDefault(); send({ action: "merge",
      other_id: other.value.trim() }); } }, other, el("button", { type: "submit" }, "Merge in")),
    sources.length > 1 ? el("form", { onsubmit: (e) => { e.preventDefault(); send({
      action: "split", doc_ids: sources.map((l) => l.firstChild).filter((c) => c.checked)
        .map((c) => c.value) }); } }, ...sources, el("button", { type: "submit" }, "Split off"))
      : null,
    message,
    el("h3", {}, "Audit trail"),
    detail.history.length ? el("ol", { class: "history" }, ...detail.history.map((entry) =>
      el("li", { "data-review-id": entry.review_id },
        `${entry.reviewed_at} ${entry.reviewer}: ${entry.action}`,
        entry.field ? ` ${entry.field} ${JSON.stringify(entry.before)} → ${JSON.stringify(entry.after)}` : "",
        entry.reason ? ` — “${entry.reason}”` : "",
        entry.undone_by ? " (undone)" : entry.action === "undo" ? "" : el("button", {
          type: "button", class: "undo", onclick: async () => {
            try {
              await api(`api/reviews/${encodeURIComponent(entry.review_id)}/undo`, {
                method: "POST", body: JSON.stringify({ reason: reason.value }),
                headers: { "content-type": "application/json",
                  authorization: `Bearer ${token.value}` } });
              await loadEvents();
              await openEvent(detail.event_id);
            } catch (error) { message.textContent = error.message; message.className = "error"; }
          } }, "Undo"))))
      : el("p", {}, "No reviews yet."));
}

async function openEvent(eventId) {
  state.openEvent = eventId;
  const panel = $("panel");
  const body = $("panel-body");
  panel.hidden = false;
  body.replaceChildren(el("p", {}, "loading…"));
  try {
    const detail = await api("api/events/" + encodeURIComponent(eventId));
    const record = detail.event;
    const parts = [el("h2", { tabindex: "-1", id: "panel-title" },
      record ? `${record.sub_event_type} — ${record.location || record.admin1}` : "Removed event")];
    if (record) {
      parts.push(fieldList(record, detail.review), el("h3", {}, "Claims side by side"),
        claimsTable(detail.claims_by_field),
        el("h3", {}, `Sources (${record.sources.length}) with the evidence highlighted`),
        ...(await Promise.all(record.sources.map((s) => sourceCard(s, record.evidence)))));
    }
    parts.push(reviewSection(detail));
    body.replaceChildren(...parts);
    $("panel-title").focus();
    if (record && record.latitude !== null && map) {
      map.panTo([record.latitude, record.longitude]);
    }
  } catch (error) {
    body.replaceChildren(el("p", { class: "error" }, error.message));
  }
  writeHash();
}

function closePanel() {
  state.openEvent = null;
  $("panel").hidden = true;
  writeHash();
}

/* ---------------------------------------------------------------- start */

function fillSelect(select, values, chosen) {
  select.append(...values.map((value) => el("option", { value }, value)));
  select.value = chosen || "";
}

async function start() {
  const params = readHash();
  const [z, lat, lng] = (params.get("view") || "").split("/").map(Number);
  map = L.map("map", { keyboard: true, preferCanvas: true, worldCopyJump: true, minZoom: 2,
    maxZoom: 14 })
    .setView(Number.isFinite(lat) ? [lat, lng] : [34.5, 66], Number.isFinite(z) && z ? z : 6);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
  clusters = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40 });
  controlLayer = L.layerGroup();
  fetch("api/outlines").then((r) => r.json()).then((outlines) => {
    L.geoJSON(outlines, { interactive: false,
      style: { color: "#7a8699", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } })
      .addTo(map).bringToBack();
  }).catch(() => setStatus("no country outlines", true));
  controlLayer.addTo(map);
  clusters.addTo(map);
  map.on("moveend", writeHash);
  renderLegend();

  const form = $("filters");
  const facets = await api("api/facets");
  fillSelect(form.elements.country, facets.countries, params.get("country"));
  fillSelect(form.elements.admin1, facets.admin1, params.get("admin1"));
  fillSelect(form.elements.event_type, facets.event_types, params.get("event_type"));
  fillSelect(form.elements.sub_event_type, facets.sub_event_types, params.get("sub_event_type"));
  for (const name of ["since", "until", "admin2", "actor", "min_fatalities", "q"]) {
    form.elements[name].value = params.get(name) || "";
  }
  $("window").value = params.get("window") || "0";
  $("show-control").checked = params.get("control") !== "off";

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    loadEvents().catch((error) => setStatus(error.message, true));
  });
  $("reset").addEventListener("click", () => {
    form.reset();
    loadEvents().catch((error) => setStatus(error.message, true));
  });
  $("day").addEventListener("input", render);
  $("window").addEventListener("change", render);
  $("show-control").addEventListener("change", render);
  $("play").addEventListener("click", togglePlay);
  $("close-panel").addEventListener("click", closePanel);
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, select, textarea")) return;
    if (e.key === "Escape") closePanel();
    if (e.key === "p") togglePlay();
  });
  await loadEvents();
  if (params.get("event")) await openEvent(params.get("event"));
  document.body.dataset.ready = "true";
}

start().catch((error) => setStatus(`the map could not start: ${error.message}`, true));
