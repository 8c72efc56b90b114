// heapreel report: renders the views of one run from the JSON embedded in the page (ReportData).
// Everything is computed from that data; nothing is fetched.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("report-data").textContent);
  const run = D.run || {};
  const fmt = (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString("en-US"));
  const hex = (n) => "0x" + Number(n).toString(16).padStart(8, "0");

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  // ---- the data, decoded into typed arrays ---------------------------------------------------

  const E = D.events;
  const eventCount = E.action.length;
  /** The row of an event number in the events columns, -1 when the log has no such event. */
  function eventRow(ev) {
    if (!E.event) return ev >= 0 && ev < eventCount ? ev : -1;
    let lo = 0, hi = E.event.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (E.event[mid] === ev) return mid;
      if (E.event[mid] < ev) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  const T = D.timeline;
  const firstSnapshot = T.snapshots.length ? T.snapshots[0] : 0;
  const lastSnapshot = T.snapshots.length ? T.snapshots[1] : 0;
  /** Snapshots and events pair up by index unless the run's table says otherwise. */
  const eventOf = (s) => (T.snapshotEvent ? T.snapshotEvent[s - firstSnapshot] : s);

  const L = D.lifespans;
  const lifeCount = L.startDelta.length;
  const lifeStart = new Int32Array(lifeCount);
  const lifeEnd = new Int32Array(lifeCount); // the first event whose snapshot no longer shows it; -1: alive at the end
  {
    let at = 0;
    for (let i = 0; i < lifeCount; i++) {
      at += L.startDelta[i];
      lifeStart[i] = at;
      lifeEnd[i] = L.length[i] === 0 ? -1 : at + L.length[i];
    }
  }
  const aliveAt = (i, ev) => lifeStart[i] <= ev && (lifeEnd[i] < 0 || lifeEnd[i] > ev);

  function typeColour(name) {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
    const hue = ((h % 360) + 360) % 360;
    return name.startsWith("raw") ? `hsl(${hue}, 30%, 62%)` : `hsl(${hue}, 68%, 55%)`;
  }
  const typeColours = L.types.map(typeColour);

  // ---- small building blocks -----------------------------------------------------------------

  /** A table whose headings sort it; columns: {key, label, num, render}. */
  function sortableTable(id, columns, rows, sortKey, limit) {
    const table = el("table", { id });
    const thead = el("thead");
    const tbody = el("tbody");
    let key = sortKey, desc = true;
    const heads = columns.map((c) =>
      el("th", { class: "sortable" + (c.num ? " num" : ""), "data-key": c.key, text: c.label, onclick: () => {
        desc = key === c.key ? !desc : !!c.num;
        key = c.key;
        fill();
      } }));
    thead.append(el("tr", {}, heads));
    function fill() {
      const col = columns.find((c) => c.key === key);
      const sorted = rows.slice().sort((a, b) => {
        const x = a[key], y = b[key];
        const r = col.num ? x - y : String(x).localeCompare(String(y));
        return desc ? -r : r;
      });
      tbody.replaceChildren(...sorted.slice(0, limit || sorted.length).map((r) =>
        el("tr", {}, columns.map((c) => el("td", { class: c.num ? "num" : "name", "data-key": c.key },
          c.render ? c.render(r[c.key], r) : (c.num ? fmt(r[c.key]) : String(r[c.key] ?? "")))))));
      heads.forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
      heads[columns.indexOf(col)].classList.add(desc ? "sorted-desc" : "sorted-asc");
    }
    table.append(thead, tbody);
    fill();
    return el("div", { class: "scroll" }, table);
  }

  function keyValues(pairs, id) {
    return el("table", { class: "kv", id }, pairs.filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== "")
      .map(([k, v]) => el("tr", {}, el("td", { text: k }), el("td", { text: String(v) }))));
  }

  function card(label, value, id) {
    return el("div", { class: "card" }, el("div", { class: "value", id, text: value }), el("div", { class: "label", text: label }));
  }

  function sparkline(values) {
    const w = 120, h = 24, max = Math.max(1, ...values);
    const pts = values.map((v, i) => `${(i * w / (values.length - 1)).toFixed(1)},${(h - 1 - v * (h - 2) / max).toFixed(1)}`).join(" ");
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("width", w);
    svg.setAttribute("height", h);
    svg.innerHTML = `<polyline fill="none" stroke="#dc2626" stroke-width="1.5" points="${pts}"/>`;
    return svg;
  }

  // ---- views ---------------------------------------------------------------------------------

  function renderSummary() {
    const S = D.summary;
    const body = document.querySelector("#summary .body");
    const actions = Object.entries(S.eventsByAction);
    const damage = Object.entries(run.damage || {});
    const heap = run.heap || {};
    const snaps = run.snapshots || {};
    const suspect = (run.damage || {}).snapshots_suspect || 0;
    const disagreeing = (run.damage || {}).events_disagreeing_with_snapshot || 0;
    if (suspect > 0 || disagreeing > 0) {
      const what = [suspect > 0 ? `${fmt(suspect)} of ${fmt(S.snapshots)} snapshots are suspect` : null,
        disagreeing > 0 ? `${fmt(disagreeing)} events disagree with their snapshots` : null].filter((x) => x).join(" and ");
      body.append(el("p", { id: "trust-banner", class: "banner",
        text: `${what}: the figures of those snapshots and events are not to be trusted. The reasons are under Warnings and damage.` }));
    }
    body.append(
      el("div", { class: "cards" },
        card("snapshots", fmt(S.snapshots), "snapshot-count"),
        card("events", fmt(actions.reduce((a, [, n]) => a + n, 0)), "event-count"),
        card("peak used blocks" + (S.peakUsedSnapshot !== undefined ? ` (snapshot ${fmt(S.peakUsedSnapshot)})` : ""), fmt(S.peakUsedBlocks), "peak-used"),
        card("of total blocks", fmt(S.totalBlocks), "total-blocks"),
        card("worst fragmentation" + (S.worstFragmentationSnapshot !== undefined ? ` (snapshot ${fmt(S.worstFragmentationSnapshot)})` : ""),
          S.worstFragmentation === undefined ? "" : S.worstFragmentation.toFixed(3), "worst-fragmentation"),
        card("allocations alive at the end", fmt(S.aliveAtEnd) + " (" + fmt(S.blocksAliveAtEnd) + " blocks)", "alive-at-end")),
      el("div", { class: "columns" },
        el("div", {},
          el("h3", { text: "Inputs" }),
          keyValues(Object.entries(run.inputs || {}).map(([k, v]) => [k, `${v.path} (${fmt(v.bytes)} bytes)`]), "inputs"),
          el("h3", { text: "Heap and firmware" }),
          keyValues([
            ["found by", heap.found_by], ["total blocks", fmt(heap.total_blocks)], ["bytes per block", heap.bytes_per_block],
            ["word size", heap.word_size], ["areas", (heap.areas || []).join("; ")], ["RAM", `${snaps.ram_start}..${snaps.ram_end} (${fmt(snaps.span_bytes)} bytes per snapshot)`],
            ["key frames", run.key_frames], ["runner", run.runner], ["started", run.started]], "heap-facts")),
        el("div", {},
          el("h3", { text: "Events by action" }),
          el("table", { id: "events-by-action" },
            el("thead", {}, el("tr", {}, el("th", { text: "action" }), el("th", { class: "num", text: "events" }))),
            el("tbody", {}, actions.map(([a, n]) => el("tr", { "data-action": a }, el("td", { text: a }), el("td", { class: "num count", text: fmt(n) }))))),
          (run.failed_allocations || []).length ? el("h3", { text: "Failed allocations" }) : null,
          (run.failed_allocations || []).length ? el("table", { id: "failed-allocations" },
            el("thead", {}, el("tr", {}, ["after event", "bytes asked", "largest free run", "site"].map((h) => el("th", { text: h })))),
            el("tbody", {}, run.failed_allocations.map((f) => el("tr", { title: "seen by: " + (f.seen_by || []).join(", ").replaceAll("_", " ") },
              el("td", { class: "num", text: fmt(f.event) }),
              el("td", { class: "num", text: f.bytes_asked == null ? "?" : fmt(f.bytes_asked) }),
              el("td", { class: "num", text: f.largest_free_blocks == null ? "?"
                : `${fmt(f.largest_free_blocks)} of ${fmt(f.free_blocks)} free blocks` }),
              el("td", { text: f.site_function == null ? "?" : f.site_function + (f.site_file ? ` (${f.site_file.split("/").pop()}:${f.site_line})` : "") }))))) : null,
          el("h3", { text: "Warnings and damage" }),
          (run.warnings || []).length ? el("ul", { id: "warnings" }, run.warnings.map((w) => el("li", { class: "warn", text: w }))) : el("p", { class: "note", text: "no warnings" }),
          keyValues(damage.map(([k, v]) => [k.replaceAll("_", " "), fmt(v)]), "damage"),
          (run.damage_detail || []).length ? el("ul", {}, run.damage_detail.map((w) => el("li", { class: "warn", text: w }))) : null)));
  }

  // The chosen snapshot, shared by the chart, the heap map and the call tree.
  let chosen = firstSnapshot;
  const listeners = [];
  function choose(s) {
    s = Math.max(firstSnapshot, Math.min(lastSnapshot, Math.round(s)));
    if (s === chosen && listeners.started) return;
    listeners.started = true;
    chosen = s;
    listeners.forEach((f) => f(s));
  }

  let chart = null;
  function renderTimeline() {
    const box = document.getElementById("timeline");
    document.getElementById("timeline-note").textContent = T.perBucket > 1
      ? `${fmt(T.perBucket)} snapshots per point pair: each shows its run's minimum and maximum`
      : "";
    const frag = Array.from(T.fragmentation);
    const data = [Array.from(T.x), Array.from(T.used), Array.from(T.free), Array.from(T.largestFree), frag];
    const collections = T.collections || [];
    const actionColour = { alloc: "#16a34a", free: "#dc2626", realloc: "#ca8a04", sweep: "#9333ea" };
    function drawMarks(u) {
      const ctx = u.ctx;
      const { left, top, width, height } = u.bbox;
      const x0 = u.scales.x.min, x1 = u.scales.x.max;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
      ctx.strokeStyle = "rgba(234, 88, 12, 0.75)";
      ctx.lineWidth = 1;
      for (const [a, b] of collections) {
        if (b < x0 || a > x1) continue;
        const xa = Math.round(u.valToPos(a, "x", true)) + 0.5;
        ctx.beginPath();
        ctx.moveTo(xa, top);
        ctx.lineTo(xa, top + height);
        ctx.stroke();
      }
      // one tick per pixel column, coloured by the last action that lands on it
      const rug = 6 * devicePixelRatio;
      const from = Math.max(0, Math.floor(x0)), to = Math.min(eventCount - 1, Math.ceil(x1));
      let lastPx = -1;
      for (let ev = from; ev <= to; ev++) {
        const row = E.event ? eventRow(ev) : ev;
        if (row < 0) continue;
        const px = Math.round(u.valToPos(ev, "x", true));
        const action = E.actions[E.action[row]];
        if (px === lastPx && action === "alloc") continue;
        lastPx = px;
        ctx.fillStyle = actionColour[action] || "#64748b";
        ctx.fillRect(px, top + height - rug, Math.max(1, devicePixelRatio), rug);
      }
      const xs = Math.round(u.valToPos(chosen, "x", true)) + 0.5;
      ctx.strokeStyle = "#111827";
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(xs, top);
      ctx.lineTo(xs, top + height);
      ctx.stroke();
      ctx.restore();
    }
    const width = Math.max(400, box.clientWidth || 1000);
    chart = new uPlot({
      width, height: 320,
      scales: { x: { time: false }, frag: { range: [0, 1] } },
      axes: [
        { label: "snapshot" },
        { label: "blocks", size: 60 },
        { side: 1, scale: "frag", label: "fragmentation", grid: { show: false } },
      ],
      series: [
        { label: "snapshot" },
        { label: "used", stroke: "#2563eb", width: 1.25 },
        { label: "free", stroke: "#16a34a", width: 1.25 },
        { label: "largest free run", stroke: "#0891b2", width: 1.25, dash: [5, 3] },
        { label: "fragmentation", stroke: "#c026d3", width: 1, scale: "frag", value: (u, v) => (v === null ? "" : v.toFixed(3)) },
      ],
      cursor: { drag: { x: true, y: false } },
      hooks: { draw: [drawMarks] },
    }, data, box);
    // click (not drag) picks a snapshot
    let down = null;
    chart.over.addEventListener("mousedown", (e) => { down = [e.clientX, e.clientY]; });
    chart.over.addEventListener("mouseup", (e) => {
      if (down && Math.abs(e.clientX - down[0]) < 3) choose(chart.posToVal(chart.cursor.left, "x"));
      down = null;
    });
    chart.over.addEventListener("dblclick", () => chart.setScale("x", { min: T.x[0], max: T.x[T.x.length - 1] }));
    chart.over.addEventListener("wheel", (e) => {
      e.preventDefault();
      const { min, max } = chart.scales.x;
      const at = chart.posToVal(chart.cursor.left, "x");
      const f = e.deltaY < 0 ? 0.8 : 1.25;
      const lo = Math.max(firstSnapshot, at - (at - min) * f), hi = Math.min(lastSnapshot, at + (max - at) * f);
      if (hi - lo >= 2) chart.setScale("x", { min: lo, max: hi });
    }, { passive: false });
    const pan = (dir) => {
      const { min, max } = chart.scales.x;
      const step = (max - min) * 0.25 * dir;
      const lo = Math.max(firstSnapshot, min + step), hi = Math.min(lastSnapshot, lo + (max - min));
      chart.setScale("x", { min: hi - (max - min), max: hi });
    };
    document.getElementById("pan-left").onclick = () => pan(-1);
    document.getElementById("pan-right").onclick = () => pan(1);
    document.getElementById("zoom-reset").onclick = () => chart.setScale("x", { min: T.x[0], max: T.x[T.x.length - 1] });
    window.addEventListener("resize", () => chart.setSize({ width: Math.max(400, box.clientWidth), height: 320 }));
    listeners.push(() => chart.redraw(false));
  }

  function renderScrubber() {
    const range = document.getElementById("snapshot");
    const number = document.getElementById("snapshot-number");
    range.min = number.min = firstSnapshot;
    range.max = number.max = lastSnapshot;
    range.addEventListener("input", () => choose(+range.value));
    number.addEventListener("change", () => choose(+number.value));
    document.getElementById("prev").onclick = () => choose(chosen - 1);
    document.getElementById("next").onclick = () => choose(chosen + 1);
    document.addEventListener("keydown", (e) => {
      if (e.target.tagName === "INPUT" && e.target.type === "number") return;
      if (e.key === "ArrowLeft") choose(chosen - 1);
      if (e.key === "ArrowRight") choose(chosen + 1);
    });
    listeners.push((s) => { range.value = s; number.value = s; });
  }

  const frameSet = D.frames ? new Set(D.frames.snapshots) : new Set();
  /** White with grey diagonals: blocks that are no heap in this snapshot, told apart from free ones. */
  function gonePattern(ctx, cell) {
    const tile = document.createElement("canvas");
    tile.width = tile.height = Math.max(4, cell);
    const t = tile.getContext("2d");
    t.fillStyle = "#ffffff";
    t.fillRect(0, 0, tile.width, tile.height);
    t.strokeStyle = "#9ca3af";
    t.beginPath();
    t.moveTo(0, tile.height);
    t.lineTo(tile.width, 0);
    t.stroke();
    return ctx.createPattern(tile, "repeat");
  }
  function renderHeapMap() {
    const canvas = document.getElementById("heap-map");
    const img = document.getElementById("heap-frame");
    // a split heap's later areas start past their own tables: the map spans the last area's end,
    // and the blocks between the pools are drawn as no heap
    const areas = (run.heap && run.heap.area_blocks) || [];
    // an area a growing heap added below the first one's pool has negative heap blocks, as the log's:
    // the map starts at the lowest
    const base = areas.reduce((low, a) => Math.min(low, a.first_block), 0);
    const extent = areas.reduce((end, a) => Math.max(end, a.first_block + a.blocks), 0) - base;
    const total = extent || (run.heap && run.heap.total_blocks) || D.summary.totalBlocks || 1;
    const byStart = [...areas].sort((a, b) => a.first_block - b.first_block);
    const heapBlocks = (run.heap && run.heap.total_blocks) || D.summary.totalBlocks || total;
    // a heap that grows: an area outside its runs of snapshots is not heap there (hatched), not free
    const grows = areas.some((a) => a.in_snapshots);
    const inSnapshot = (a, s) => !a.in_snapshots || a.in_snapshots.some(([first, last]) => s >= first && s <= last);
    const cols = Math.min(256, Math.max(16, 2 ** Math.ceil(Math.log2(Math.sqrt(total)))));
    const rows = Math.ceil(total / cols);
    const cell = Math.max(2, Math.floor(512 / cols));
    canvas.width = cols * cell;
    canvas.height = rows * cell;
    const ctx = canvas.getContext("2d");
    const caption = document.getElementById("caption");
    const site = document.getElementById("call-site");
    const legend = document.getElementById("map-legend");
    const hatch = grows ? gonePattern(ctx, cell) : null;
    function draw(s) {
      const ev = eventOf(s);
      ctx.fillStyle = "#e5e7eb";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      const fill = (from, to) => {
        for (let b = from - base, e = Math.min(to - base, total); b < e; b++) {
          ctx.fillRect((b % cols) * cell, Math.floor(b / cols) * cell, cell, cell);
        }
      };
      ctx.fillStyle = "#ffffff";
      let end = byStart.length ? byStart[0].first_block : 0;
      for (const a of byStart) {
        fill(end, a.first_block);
        end = Math.max(end, a.first_block + a.blocks);
      }
      const gone = areas.filter((a) => !inSnapshot(a, s));
      if (grows) {
        ctx.fillStyle = hatch;
        for (const a of gone) fill(a.first_block, a.first_block + a.blocks);
        // memory an area gave back may be another area's now (it came back at another size)
        ctx.fillStyle = "#e5e7eb";
        for (const a of areas) if (inSnapshot(a, s) && gone.length) fill(a.first_block, a.first_block + a.blocks);
        canvas.dataset.gone = gone.map((a) => areas.indexOf(a) + 1).join(",");
      }
      const blocksByType = new Map();
      let used = 0;
      for (let i = 0; i < lifeCount; i++) {
        if (!aliveAt(i, ev)) continue;
        const t = L.type[i];
        ctx.fillStyle = typeColours[t];
        for (let b = L.block[i] - base, e = b + L.blocks[i]; b < e && b < total; b++) {
          ctx.fillRect((b % cols) * cell, Math.floor(b / cols) * cell, cell - (cell > 3 ? 1 : 0), cell - (cell > 3 ? 1 : 0));
        }
        used += L.blocks[i];
        blocksByType.set(t, (blocksByType.get(t) || 0) + L.blocks[i]);
      }
      if (frameSet.has(s)) {
        img.src = `${D.frames.folder}/heap_${String(s).padStart(6, "0")}.png`;
        img.hidden = false;
        canvas.hidden = true;
      } else {
        img.hidden = true;
        canvas.hidden = false;
      }
      const row = eventRow(ev);
      if (row >= 0) {
        const action = E.actions[E.action[row]];
        const n = E.blocks[row];
        caption.textContent = `snapshot ${fmt(s)} · event ${fmt(ev)}: ${action}` +
          (action === "free" || action === "sweep" ? ` at block ${fmt(E.block[row])}` : ` ${fmt(n)} block${n === 1 ? "" : "s"} at block ${fmt(E.block[row])}`);
        site.textContent = E.sites[E.site[row]];
      } else {
        caption.textContent = `snapshot ${fmt(s)} (no event in the log)`;
        site.textContent = "";
      }
      const top = [...blocksByType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
      legend.replaceChildren(
        el("p", { class: "note", id: "map-used", text: grows
          ? `${fmt(used)} of ${fmt(areas.filter((a) => inSnapshot(a, s)).reduce((n, a) => n + a.blocks, 0))} blocks in use by allocations the log accounts for` +
            ` (${fmt(areas.length - gone.length)} of the capture's ${fmt(areas.length)} heap areas in this snapshot` +
            (gone.length ? `; hatched: area ${gone.map((a) => areas.indexOf(a) + 1).join(", ")}, not in this snapshot (the collector has not added it, or gave it back)` : "") +
            "; white: the room between the pools)"
          : `${fmt(used)} of ${fmt(heapBlocks)} blocks in use by allocations the log accounts for` +
            (areas.length > 1 ? ` (${fmt(areas.length)} heap areas; white: the room between their pools)` : "") }),
        ...top.map(([t, n]) => el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${typeColours[t]}` }), `${L.types[t]} ${fmt(n)}`)));
    }
    listeners.push(draw);
  }

  // The call tree: node 0 is the root; parents come before children.
  const TR = D.tree;
  const nodes = TR.parent.length;
  const children = Array.from({ length: nodes }, () => []);
  for (let n = 1; n < nodes; n++) children[TR.parent[n]].push(n);
  const nodeName = (n) => TR.frames[TR.frame[n]];
  function renderTree() {
    const box = document.getElementById("flame");
    const pathNote = document.getElementById("tree-path");
    let zoom = 0;
    let mode = "alive";
    const rowH = 20;
    function values(s) {
      const blocks = new Float64Array(nodes), count = new Float64Array(nodes);
      const ev = eventOf(s);
      for (let i = 0; i < lifeCount; i++) {
        if (mode === "all" || aliveAt(i, ev)) {
          blocks[L.node[i]] += L.blocks[i];
          count[L.node[i]] += 1;
        }
      }
      for (let n = nodes - 1; n > 0; n--) {
        blocks[TR.parent[n]] += blocks[n];
        count[TR.parent[n]] += count[n];
      }
      return { blocks, count };
    }
    function draw() {
      const { blocks, count } = values(chosen);
      const width = box.clientWidth || 1000;
      const parts = [];
      let depth = 0;
      const chain = [];
      for (let n = zoom; n > 0; n = TR.parent[n]) chain.unshift(n);
      pathNote.textContent = (mode === "all" ? "everything allocated" : `alive at snapshot ${fmt(chosen)}`) +
        (zoom ? " · in " + nodeName(zoom) : "");
      function place(n, x, w, d) {
        if (w < 1 || blocks[n] === 0) return;
        depth = Math.max(depth, d);
        const name = n === 0 ? "all" : nodeName(n);
        const label = `${name} — ${fmt(blocks[n])} blocks, ${fmt(count[n])} allocations`;
        parts.push(el("div", {
          class: "fnode", title: label, "data-node": n,
          style: `left:${x.toFixed(1)}px;top:${d * rowH}px;width:${Math.max(1, w - 1).toFixed(1)}px;background:${frameColour(name, d)}`,
          onclick: () => { zoom = n === zoom ? TR.parent[n] < 0 ? 0 : TR.parent[n] : n; draw(); },
        }, w > 40 ? label : ""));
        let cx = x;
        for (const c of children[n]) {
          const cw = w * blocks[c] / blocks[n];
          place(c, cx, cw, d + 1);
          cx += cw;
        }
      }
      if (blocks[zoom] > 0) place(zoom, 0, width, 0);
      else parts.push(el("p", { class: "note", text: "no blocks here at this snapshot" }));
      box.style.height = `${(depth + 1) * rowH + 4}px`;
      box.replaceChildren(...parts);
    }
    function frameColour(name, d) {
      let h = 0;
      for (let i = 0; i < name.length; i++) h = (h * 33 + name.charCodeAt(i)) | 0;
      return `hsl(${20 + (((h % 40) + 40) % 40)}, ${70 + (d % 3) * 6}%, ${62 + ((h >> 8) & 7)}%)`;
    }
    document.querySelectorAll("input[name=tree-mode]").forEach((r) => r.addEventListener("change", () => { mode = r.value; draw(); }));
    listeners.push(() => { if (mode === "alive") draw(); });
    window.addEventListener("resize", draw);
  }

  function renderSites() {
    const rows = D.callSites.map((r) => ({ ...r, typesSeen: r.typesSeen.join(", ") }));
    document.querySelector("#sites .body").append(sortableTable("call-sites", [
      { key: "site", label: "call site" },
      { key: "blocksAliveAtEnd", label: "blocks alive at end", num: true },
      { key: "allocations", label: "allocations", num: true },
      { key: "blocksAllocated", label: "blocks allocated", num: true },
      { key: "longestLifespanEvents", label: "longest lifespan (events)", num: true },
      { key: "typesSeen", label: "types" },
    ], rows, "blocksAliveAtEnd"));
  }

  function renderLifespans() {
    const maxLongest = (rows) => Math.max(1, ...rows.map((r) => r.longestEvents));
    const columns = (rows, what) => {
      const m = maxLongest(rows);
      return [
        { key: "name", label: what },
        { key: "allocations", label: "allocations", num: true },
        { key: "aliveAtEnd", label: "alive at end", num: true },
        { key: "blocksAliveAtEnd", label: "blocks alive at end", num: true },
        { key: "medianEvents", label: "median lifespan", num: true, render: (v) => (v < 0 ? "–" : fmt(v)) },
        { key: "longestEvents", label: "longest lifespan", num: true, render: (v) => (v < 0 ? "–" : el("span", {}, el("span", { class: "bar", style: `width:${Math.round(80 * v / m)}px` }), fmt(v))) },
      ];
    };
    document.querySelector("#lifespans .body").append(el("div", { class: "stack" },
      el("div", {}, el("h3", { text: "By type" }), sortableTable("lifespans-by-type", columns(D.lifespansByType, "type"), D.lifespansByType, "blocksAliveAtEnd")),
      el("div", {}, el("h3", { text: "By call site" }), sortableTable("lifespans-by-site", columns(D.lifespansBySite, "call site"), D.lifespansBySite, "blocksAliveAtEnd"))));
  }

  function renderLeaks() {
    const body = document.querySelector("#leaks .body");
    body.append(el("p", { class: "hint", text: `Live blocks counted at ${D.leaks.checkpoints.length} evenly spaced events; a suspect ends higher than it starts, still rises in the second half and falls at no more than a fifth of the steps. Ranked by growth.` }));
    const table = (rows, what, id) => rows.length === 0
      ? el("p", { class: "note", id, text: `no ${what} keeps rising` })
      : sortableTable(id, [
        { key: "name", label: what },
        { key: "growth", label: "growth (blocks)", num: true },
        { key: "allocations", label: "allocations", num: true },
        { key: "notFalling", label: "steps not falling", num: true, render: (v) => `${Math.round(v * 100)}%` },
        { key: "live", label: "live blocks over the capture", render: (v) => el("span", {}, sparkline(v), ` ${fmt(v[0])} → ${fmt(v[v.length - 1])}`) },
      ], rows, "growth");
    body.append(el("div", { class: "stack" },
      el("div", {}, el("h3", { text: "Call sites" }), table(D.leaks.sites, "call site", "leaks-sites")),
      el("div", {}, el("h3", { text: "Types" }), table(D.leaks.types, "type", "leaks-types"))));
  }

  function renderKeyFrames() {
    const body = document.querySelector("#keyframes .body");
    if (D.keyFrames.length === 0) {
      body.append(el("p", { class: "note", text: "no key frames: the objects table is empty (no layout fits this capture)" }));
      return;
    }
    const select = el("select", { id: "key-frame" }, D.keyFrames.map((k, i) => el("option", { value: i, text: `snapshot ${fmt(k.snapshot)} (${fmt(k.objects)} objects)` })));
    const holder = el("div");
    function show(i) {
      const k = D.keyFrames[i];
      const max = Math.max(1, ...k.byType.map((r) => r[2]));
      const typeRows = k.byType.map(([t, n, b]) => el("tr", {},
        el("td", { class: "name" }, el("span", { class: "swatch", style: `background:${typeColour(t)}` }), " ", t),
        el("td", { class: "num", text: fmt(n) }),
        el("td", {}, el("span", { class: "bar", style: `width:${Math.round(160 * b / max)}px` }), fmt(b))));
      const types = el("table", { id: "key-frame-types" },
        el("thead", {}, el("tr", {}, el("th", { text: "type" }), el("th", { class: "num", text: "objects" }), el("th", { text: "blocks" }))),
        el("tbody", {}, typeRows));
      const largestRows = k.largest.map(([t, b, a, n, p]) => el("tr", {},
        el("td", { class: "mono", text: t }), el("td", { class: "num", text: fmt(b) }), el("td", { class: "mono", text: a }),
        el("td", { class: "mono", text: n || "" }), el("td", { class: "mono preview", text: p || "" })));
      const largest = el("table", { id: "key-frame-largest" },
        el("thead", {}, el("tr", {}, ["type", "blocks", "address", "name", "preview"].map((h) => el("th", { class: h === "blocks" ? "num" : "", text: h })))),
        el("tbody", {}, largestRows));
      holder.replaceChildren(el("div", { class: "columns" },
        el("div", {}, el("h3", { text: "Blocks by type" }), el("div", { class: "scroll" }, types)),
        el("div", {}, el("h3", { text: "Largest objects" }), el("div", { class: "scroll" }, largest))));
    }
    select.addEventListener("change", () => show(+select.value));
    body.append(el("label", {}, "key frame ", select), holder);
    select.value = D.keyFrames.length - 1;
    show(D.keyFrames.length - 1);
  }

  // Each view on its own: one that fails reports it on the console and leaves the others standing.
  const views = { summary: renderSummary, heap: () => { renderTimeline(); renderScrubber(); renderHeapMap(); }, tree: renderTree,
    sites: renderSites, lifespans: renderLifespans, leaks: renderLeaks, keyframes: renderKeyFrames };
  for (const [id, render] of Object.entries(views)) {
    try {
      render();
      document.getElementById(id).dataset.rendered = "true";
    } catch (e) {
      console.error(`heapreel report: the ${id} view failed:`, e);
      document.getElementById(id).append(el("p", { class: "warn", text: `this view failed: ${e}` }));
    }
  }
  choose(lastSnapshot);
  // time from navigation to everything rendered, for the page-speed figures in docs/report.md
  document.body.dataset.readyMs = Math.round(performance.now());
  document.body.dataset.ready = "true";
})();
