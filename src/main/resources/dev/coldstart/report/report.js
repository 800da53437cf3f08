// coldstart HTML report: renders the profile embedded in #coldstart-data.
// Plain DOM + SVG, no framework, nothing fetched. Every text that comes from the profile (module
// names, paths, statements, the target) goes through textContent or setAttribute, never innerHTML.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var ROW = 18;          // px per tree level
  var MIN_PX = 0.4;      // boxes narrower than this are not drawn (nor their children)
  var LABEL_PX = 34;     // boxes narrower than this get no label
  var CHAR_PX = 6.7;     // approximate width of a label character

  var p = JSON.parse(document.getElementById("coldstart-data").textContent);
  var modules = p.modules || [];
  var byName = new Map();
  modules.forEach(function (m) { if (!byName.has(m.name)) byName.set(m.name, m); });
  var hasRetained = modules.some(function (m) { return est(retainedOf(m)) !== null; });

  // ---- small helpers -------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function ms(v) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
  }
  // An Estimate-like value {median, low, high} (or a Shift {estimate, low, high}), else null.
  function est(e) {
    if (!e || typeof e !== "object") return null;
    var mid = typeof e.median === "number" ? e.median : e.estimate;
    if (typeof mid !== "number") return null;
    return { median: mid, low: typeof e.low === "number" ? e.low : mid, high: typeof e.high === "number" ? e.high : mid };
  }
  function interval(e) {
    e = est(e);
    return e === null ? "–" : ms(e.median) + " [" + ms(e.low) + ", " + ms(e.high) + "]";
  }
  function retainedOf(m) { return m ? (m.retainedMs || (m.retained && m.retained.ms) || null) : null; }
  function badges(parent, m) {
    if (!m) return;
    if (m.extension) parent.appendChild(el("span", { "class": "badge ext", title: "compiled extension module" }, "extension"));
    if (m.failed) parent.appendChild(el("span", { "class": "badge failed", title: "its import raised" }, "failed"));
    if (m.bare) parent.appendChild(el("span", { "class": "badge bare", title: "the bare interpreter imports it too" }, "bare"));
    if (p.runs && m.runs < p.runs) parent.appendChild(el("span", { "class": "badge partial", title: "not imported in every run" }, "in " + m.runs + "/" + p.runs + " runs"));
  }
  // "from pydantic_core 2.14.1 (cp311-cp311-manylinux_2_17_x86_64)" for an extension module.
  function distribution(m) {
    var d = m && m.distribution;
    if (!d || !d.name) return null;
    var tags = Array.isArray(d.tags) && d.tags.length ? " (" + d.tags.join(", ") + ")" : "";
    return "from " + d.name + (d.version ? " " + d.version : "") + tags + (d.platformSpecific ? ", a platform-specific wheel" : "");
  }
  // The opportunities of the profile, in its order (largest saving first).
  var opportunityList = Array.isArray(p.opportunities) ? p.opportunities : [];
  function savingOf(o) { return est(o.savingMs) || est(o.saving); }
  function scopeText(o) {
    var scope = String(o.scope || "").toLowerCase().replace(/_/g, "-");
    if (scope === "every-import") return "every import of " + (o.module || "?");
    if (scope === "package-init") return "the re-exports in " + (o.importer || o.module || "?");
    if (scope === "module-statement") return "work at import in " + (o.module || "?");
    return (o.importer ? o.importer + " imports " : "") + (o.module || "?");
  }
  // An opportunity as a list item: saving, what, file:line, statement, freed modules.
  function opportunityItem(o, short) {
    var li = el("li");
    var saving = savingOf(o);
    var head = el("div");
    head.appendChild(el("strong", null, saving ? "saves " + ms(saving.median) + " ms [" + ms(saving.low) + ", " + ms(saving.high) + "]" : "saving unknown"));
    head.appendChild(el("span", null, "  "));
    head.appendChild(el("code", null, scopeText(o)));
    head.appendChild(el("span", { "class": "ci" }, "  fix: " + fixText(o)));
    li.appendChild(head);
    var s = site(o.site || o);
    if (s && s.where) li.appendChild(el("div", { "class": "hop-file mono" }, s.where));
    if (s && s.statement) li.appendChild(el("code", { "class": "statement" }, s.statement));
    if (!short && Array.isArray(o.freed) && o.freed.length) li.appendChild(el("div", { "class": "ci" }, o.freed.length + " module(s) no longer loaded: " + o.freed.slice(0, 8).join(", ") + (o.freed.length > 8 ? ", …" : "")));
    return li;
  }
  // What to do, in the words of the text report (OpportunityLines.fix); a kind the runtime data
  // could not tell ("unknown", or none) gets the general advice rather than its code.
  function fixText(o) {
    var kind = String(o.fix || o.kind || "").toLowerCase().replace(/_/g, "-");
    if (kind === "reexport-lazy-init") return "make " + (o.importer || o.module || "the package") + "'s __init__ lazy (PEP 562 __getattr__, names under TYPE_CHECKING)";
    if (kind === "function-local") return "import it inside the functions that use it";
    if (kind === "type-checking") return "only annotations use it: move it under `if TYPE_CHECKING:`";
    if (kind === "defer-optional-probe") return "probe the optional dependency when it is first needed";
    if (kind === "compute-on-first-access") return "work done at import: compute it on first access (a PEP 562 __getattr__ for the name, or a cached function)";
    if (kind === "move-into-function") return "work done at import: move it into the function that needs it";
    var scope = String(o.scope || "").toLowerCase().replace(/_/g, "-");
    return scope === "every-import" ? "defer every import of " + (o.module || "?") : "defer this import (make it lazy or move it where it is used)";
  }
  function site(s) {
    if (!s) return null;
    var where = s.file ? s.file + (s.line ? ":" + s.line : "") : (typeof s.location === "string" ? s.location : null);
    return { where: where, statement: s.statement || null };
  }

  // ---- header --------------------------------------------------------------------------------
  function header() {
    document.getElementById("target").textContent = p.target || "?";
    var facts = document.getElementById("facts");
    function fact(k, v) { facts.appendChild(el("dt", null, k)); facts.appendChild(el("dd", null, v)); }
    fact("target", p.target || "?");
    if (p.python) fact("interpreter", (p.python.implementation || "") + " " + (p.python.version || "") + " (" + (p.python.executable || "?") + ")" + (p.python.dontWriteBytecode ? ", PYTHONDONTWRITEBYTECODE set" : ""));
    fact("runs", p.runs + " measured" + (p.warmup ? " after " + p.warmup + " warm-up" : "") + (p.bareWallMs ? ", interleaved with the bare interpreter (-c pass)" : ""));
    if (p.machine) fact("machine", [p.machine.os, p.machine.arch, p.machine.cpus + " CPUs", "Java " + p.machine.javaVersion].join(", "));
    fact("constraints", p.constraints && p.constraints.length ? p.constraints.join(", ") : "none");
    if (p.startedAt) fact("started", p.startedAt);
    if (p.stoppedBy) {
      var s = document.getElementById("stopped");
      s.textContent = "Stopped early: " + p.stoppedBy + " (" + p.runs + " runs kept)";
      s.hidden = false;
    }
    var t = document.getElementById("headline");
    function row(label, e, what) {
      if (!est(e)) return;
      var tr = el("tr");
      tr.appendChild(el("td", null, label));
      tr.appendChild(el("td", { "class": "num" }, ms(est(e).median) + " ms"));
      tr.appendChild(el("td", { "class": "ci" }, "[" + ms(est(e).low) + ", " + ms(est(e).high) + "]"));
      tr.appendChild(el("td", { "class": "what" }, what));
      t.appendChild(tr);
    }
    row("wall time", p.wallMs, "median [95% CI] of the whole process");
    row("bare python", p.bareWallMs, "the interpreter alone");
    if (p.aboveBareMs) row("above bare", p.aboveBareMs, "the target's own cost (Hodges-Lehmann shift)");
    row("import time", p.importMs, "sum of -X importtime; " + Math.round(p.moduleCount || 0) + (Array.isArray(p.loaded) ? " modules loaded" : " modules") + (p.bareImportMs ? " (bare python: " + Math.round(p.bareModuleCount || 0) + ")" : ""));
    var notes = p.notes || [];
    if (notes.length) {
      var ul = document.getElementById("notes");
      notes.forEach(function (n) { ul.appendChild(el("li", null, n)); });
      document.getElementById("notes-section").hidden = false;
    }
  }

  // ---- the tree, laid out on [0, total] by cumulative time ------------------------------------
  var nodes = [];
  var roots = [];
  var total = 0;
  var maxDepth = 0;
  function layout() {
    // Children share their parent's width in proportion to their cumulative medians; medians do
    // not add up exactly, so children that sum to more than the parent are scaled to fit it.
    function place(list, parent, depth, x0, width) {
      var sum = 0;
      list.forEach(function (t) { sum += Math.max(0, t.cumulativeMs || 0); });
      var k = width === null || sum <= width || sum === 0 ? 1 : width / sum;
      var x = x0;
      list.forEach(function (t) {
        var w = Math.max(0, t.cumulativeMs || 0) * k;
        var n = { id: nodes.length, name: t.name, self: t.selfMs, cum: t.cumulativeMs, cached: !!t.cached,
                  depth: depth, parent: parent, x0: x, x1: x + w, children: [] };
        nodes.push(n);
        if (parent) parent.children.push(n); else roots.push(n);
        if (depth > maxDepth) maxDepth = depth;
        place(t.children || [], n, depth + 1, x, w);
        x += w;
      });
      return x - x0;
    }
    total = place(p.tree || [], null, 0, 0, null);
  }
  var firstNodeOf = new Map();
  function indexNodes() { nodes.forEach(function (n) { if (!firstNodeOf.has(n.name)) firstNodeOf.set(n.name, n); }); }

  function colour(n) {
    var m = byName.get(n.name);
    if (m && m.failed) return "#d63638";
    if (m && m.extension) return "#8e6cc4";
    if (m && m.bare) return "#b4b9be";
    // Warmer where the module's own body is a bigger part of its box.
    var f = n.cum > 0 ? Math.min(1, Math.max(0, n.self / n.cum)) : 0;
    // Pale yellow (an importer) to orange (all own body); red stays for failed imports.
    return "hsl(" + (42 - Math.round(f * 18)) + ", 90%, " + (80 - Math.round(f * 22)) + "%)";
  }

  // ---- the icicle chart -----------------------------------------------------------------------
  var chartSvg = document.getElementById("icicle");
  var focus = null;     // zoomed-in node, or null for everything
  var selected = null;  // module name in the why panel
  function draw() {
    var width = Math.max(320, document.getElementById("chart").clientWidth);
    var vx0 = focus ? focus.x0 : 0;
    var vx1 = focus ? focus.x1 : total;
    var k = vx1 > vx0 ? width / (vx1 - vx0) : 0;
    var frag = document.createDocumentFragment();
    var deepest = 0;
    function box(n, x, w, cls) {
      var g = svg("g", { "class": cls, "data-id": n.id, "data-name": n.name, transform: "translate(" + x.toFixed(2) + "," + (n.depth * ROW) + ")" });
      g.appendChild(svg("rect", { width: Math.max(w, 0.5).toFixed(2), height: ROW - 1, fill: colour(n) }));
      if (w >= LABEL_PX) {
        var room = Math.floor((w - 6) / CHAR_PX);
        var label = n.name.length <= room ? n.name : n.name.slice(0, Math.max(1, room - 1)) + "…";
        var t = svg("text", { x: 3, y: ROW - 5 });
        t.textContent = label;
        g.appendChild(t);
      }
      frag.appendChild(g);
      if (n.depth > deepest) deepest = n.depth;
    }
    if (focus) for (var a = focus.parent; a; a = a.parent) box(a, 0, width, "node ancestor" + (a.name === selected ? " selected" : ""));
    var stack = focus ? [focus] : roots.slice();
    while (stack.length) {
      var n = stack.pop();
      var w = (n.x1 - n.x0) * k;
      if (w < MIN_PX && n !== focus) continue;
      box(n, (n.x0 - vx0) * k, w, "node" + (n.name === selected ? " selected" : ""));
      for (var i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    while (chartSvg.firstChild) chartSvg.removeChild(chartSvg.firstChild);
    chartSvg.appendChild(frag);
    var h = (Math.max(deepest, 0) + 1) * ROW;
    chartSvg.setAttribute("height", h);
    chartSvg.setAttribute("viewBox", "0 0 " + width + " " + h);
    crumbs();
  }
  function crumbs() {
    var c = document.getElementById("crumbs");
    while (c.firstChild) c.removeChild(c.firstChild);
    var all = el("button", { type: "button", "data-id": "all" }, "all (" + ms(total) + " ms)");
    all.addEventListener("click", function () { zoom(null); });
    c.appendChild(all);
    var path = [];
    for (var n = focus; n; n = n.parent) path.unshift(n);
    path.forEach(function (n) {
      c.appendChild(el("span", { "class": "sep" }, "›"));
      var b = el("button", { type: "button", "data-id": n.id }, n.name);
      b.addEventListener("click", function () { zoom(n); });
      c.appendChild(b);
    });
  }
  function zoom(n) { focus = n || null; draw(); }
  function nodeOf(target) {
    var g = target && target.closest ? target.closest("g.node") : null;
    return g ? nodes[Number(g.getAttribute("data-id"))] : null;
  }
  chartSvg.addEventListener("click", function (ev) {
    var n = nodeOf(ev.target);
    if (!n) return;
    // A click on an ancestor bar (or on the zoomed box itself) zooms out one level.
    if (n === focus || (focus && isAncestor(n, focus))) zoom(n === focus ? n.parent : n);
    else zoom(n);
    select(n.name, n);
  });

  function isAncestor(a, n) { for (var x = n.parent; x; x = x.parent) if (x === a) return true; return false; }

  // ---- tooltip ----------------------------------------------------------------------------------
  var tip = document.getElementById("tooltip");
  chartSvg.addEventListener("mousemove", function (ev) {
    var n = nodeOf(ev.target);
    if (!n) { tip.hidden = true; return; }
    if (tip.getAttribute("data-id") !== String(n.id)) fillTip(n);
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + tip.offsetWidth > window.innerWidth) x = Math.max(0, ev.clientX - tip.offsetWidth - 10);
    if (y + tip.offsetHeight > window.innerHeight) y = Math.max(0, ev.clientY - tip.offsetHeight - 10);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
    tip.hidden = false;
  });
  chartSvg.addEventListener("mouseleave", function () { tip.hidden = true; });
  function fillTip(n) {
    var m = byName.get(n.name);
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.setAttribute("data-id", n.id);
    tip.appendChild(el("div", { "class": "t-name" }, n.name));
    if (m && m.file) tip.appendChild(el("div", { "class": "t-file" }, m.file));
    if (distribution(m)) tip.appendChild(el("div", { "class": "t-file" }, distribution(m)));
    var b = el("div");
    badges(b, m);
    if (b.firstChild) tip.appendChild(b);
    var t = el("table");
    function row(k, v) { var tr = el("tr"); tr.appendChild(el("td", null, k)); tr.appendChild(el("td", null, v)); t.appendChild(tr); }
    row("here", "self " + ms(n.self) + " ms, cumulative " + ms(n.cum) + " ms" + (n.cached ? " (cached row)" : ""));
    if (m) {
      row("self", interval(m.selfMs) + " ms");
      row("cumulative", interval(m.cumulativeMs) + " ms");
      if (est(retainedOf(m))) row("retained", interval(retainedOf(m)) + " ms");
      row("share", total > 0 ? (100 * (n.x1 - n.x0) / total).toFixed(1) + " % of the import time" : "–");
    }
    tip.appendChild(t);
  }

  // ---- why panel --------------------------------------------------------------------------------
  function select(name, node) {
    selected = name;
    var m = byName.get(name);
    var code = document.getElementById("why-module");
    code.textContent = name;
    code.hidden = false;
    document.getElementById("why-placeholder").hidden = true;
    var body = document.getElementById("why-body");
    while (body.firstChild) body.removeChild(body.firstChild);
    var summary = el("p");
    summary.appendChild(el("span", null, m ? "cumulative " + interval(m.cumulativeMs) + " ms, self " + interval(m.selfMs) + " ms" + (est(retainedOf(m)) ? ", retained " + interval(retainedOf(m)) + " ms" : "") : "not in the module list"));
    badges(summary, m);
    body.appendChild(summary);
    if (m && m.file) body.appendChild(el("p", { "class": "hop-file mono" }, m.file));
    if (distribution(m)) body.appendChild(el("p", { "class": "ci" }, distribution(m)));

    // Statements whose deferral would stop loading it (from the profile's import recording).
    var loading = opportunityList.filter(function (o) {
      return o.scope !== "module-statement" && (o.module === name || (Array.isArray(o.freed) && o.freed.indexOf(name) >= 0));
    });
    if (loading.length) {
      body.appendChild(el("h3", null, "Imports that bring it in"));
      var ul = el("ul", { "class": "why-statements" });
      loading.slice(0, 5).forEach(function (o) { ul.appendChild(opportunityItem(o, true)); });
      body.appendChild(ul);
    }

    bodyLines(body, name);

    var n = node || firstNodeOf.get(name);
    if (n) {
      body.appendChild(el("h3", null, "Path in the import tree (representative run)"));
      var path = [];
      for (var x = n; x; x = x.parent) path.unshift(x);
      var ol = el("ol", { "class": "tree-path" });
      path.forEach(function (h) {
        var li = el("li");
        li.appendChild(el("code", null, h.name));
        li.appendChild(el("span", { "class": "ci" }, "  " + ms(h.cum) + " ms"));
        var hm = byName.get(h.name);
        if (hm && hm.file) li.appendChild(el("div", { "class": "hop-file mono" }, hm.file));
        ol.appendChild(li);
      });
      body.appendChild(ol);
      var count = nodes.filter(function (o) { return o.name === name; }).length;
      if (count > 1) body.appendChild(el("p", { "class": "hint" }, "It has " + count + " rows in the tree; the first is the one that loaded it."));
    } else {
      body.appendChild(el("p", { "class": "hint" }, "Not in the representative run's tree (imported in other runs only, or without an importtime row)."));
    }
    // Highlight it in the chart and the table.
    Array.prototype.forEach.call(chartSvg.querySelectorAll("g.node"), function (g) {
      g.classList.toggle("selected", g.getAttribute("data-name") === name);
    });
    rows.forEach(function (r) { r.tr.classList.toggle("selected", r.m.name === name); });
  }

  // Where a traced module body's own time goes, statement by statement (profile's "bodies").
  function bodyLines(body, name) {
    var b = (Array.isArray(p.bodies) ? p.bodies : []).filter(function (x) { return x.module === name; })[0];
    if (!b || !Array.isArray(b.statements) || !b.statements.length) return;
    body.appendChild(el("h3", null, "Where its own time goes (one traced run)"));
    body.appendChild(el("p", { "class": "hint" }, "Share of the body's own time, imports excluded, applied to its untraced self time of " + ms(b.selfMs) + " ms (" + ms(b.tracedSelfMs) + " ms in the traced run)."));
    var ul = el("ul", { "class": "why-statements body-lines" });
    b.statements.forEach(function (c) {
      var li = el("li");
      var head = el("div");
      head.appendChild(el("strong", null, (100 * c.share).toFixed(1) + " %  ~" + ms(c.estimatedMs) + " ms"));
      head.appendChild(el("span", { "class": "ci" }, "  line " + c.line + (c.endLine > c.line ? "-" + c.endLine : "")));
      li.appendChild(head);
      li.appendChild(el("code", { "class": "statement" }, c.text));
      (Array.isArray(c.paths) ? c.paths : []).forEach(function (path) {
        var frames = (Array.isArray(path.frames) ? path.frames : []).map(function (f) {
          return f.function + " (" + f.file + ":" + f.line + ")";
        });
        li.appendChild(el("div", { "class": "hop-file mono" }, Math.round(100 * path.share) + " % in " + frames.join(" > ")));
      });
      ul.appendChild(li);
    });
    if (b.otherStatements > 0) ul.appendChild(el("li", { "class": "hint" }, b.otherStatements + " cheaper statements not shown"));
    body.appendChild(ul);
  }

  // ---- opportunities --------------------------------------------------------------------------
  function opportunities() {
    if (!opportunityList.length) return;
    var ol = document.getElementById("opportunity-list");
    opportunityList.forEach(function (o) {
      var li = opportunityItem(o, false);
      if (o.module && byName.has(o.module)) li.addEventListener("click", function () { select(o.module); });
      ol.appendChild(li);
    });
    document.getElementById("opportunities").hidden = false;
  }

  // ---- lazy imports (Python 3.15, PEP 810) --------------------------------------------------------
  function lazyImports() {
    var list = Array.isArray(p.lazyImports) ? p.lazyImports : [];
    if (!list.length) return;
    var ol = document.getElementById("lazy-list");
    function at(s) { return s ? (s.file ? s.file + ":" + s.line : (s.module || "?")) : "before the program ran"; }
    list.forEach(function (l) {
      var li = el("li");
      var head = el("div");
      var cost = Array.isArray(l.freed) && l.freed.length ? est(l.costMs) : null; // nothing freed: loaded anyway
      var status = l.status === "reified" ? (cost ? "start-up still pays " + ms(cost.median) + " ms [" + ms(cost.low) + ", " + ms(cost.high) + "]" : "reified; loaded anyway by other imports")
        : l.status === "avoided" ? "avoided: never used, never loaded" : "never used, loaded by another import";
      head.appendChild(el("strong", null, status));
      head.appendChild(el("span", null, "  "));
      head.appendChild(el("code", null, l.module || "?"));
      li.appendChild(head);
      li.appendChild(el("div", { "class": "hop-file mono" }, "lazy at " + at(l.declared) + (l.declaredBy && l.declaredBy !== "lazy-statement" ? " (" + l.declaredBy + ")" : "")));
      if (l.declared && l.declared.statement) li.appendChild(el("code", { "class": "statement" }, l.declared.statement));
      if (l.reified) {
        li.appendChild(el("div", { "class": "hop-file mono" }, "reified at " + at(l.reified) + (l.reified["function"] ? " in " + l.reified["function"] + "()" : ", module level")));
        if (l.reified.statement) li.appendChild(el("code", { "class": "statement" }, l.reified.statement));
        if (cost) li.appendChild(el("div", { "class": "ci" }, "fix: " + (l.reified["function"] ? l.reified["function"] + "() runs during start-up and uses it: call it later" : "move the use into the function that needs it")));
      }
      if (l.module && byName.has(l.module)) li.addEventListener("click", function () { select(l.module); });
      ol.appendChild(li);
    });
    document.getElementById("lazy").hidden = false;
  }

  // ---- module table ---------------------------------------------------------------------------
  var columns = [
    { key: "name", label: "module", get: function (m) { return m.name; } },
    { key: "cumulative", label: "cumulative ms", num: true, get: function (m) { var e = est(m.cumulativeMs); return e ? e.median : -1; }, show: function (m) { return m.cumulativeMs; } },
    { key: "self", label: "self ms", num: true, get: function (m) { var e = est(m.selfMs); return e ? e.median : -1; }, show: function (m) { return m.selfMs; } },
    { key: "retained", label: "retained ms", num: true, when: hasRetained, get: function (m) { var e = est(retainedOf(m)); return e ? e.median : -1; }, show: retainedOf },
    { key: "runs", label: "runs", num: true, get: function (m) { return m.runs; } },
    { key: "depth", label: "depth", num: true, get: function (m) { return m.depth; } },
    { key: "file", label: "file", get: function (m) { return m.file || ""; } }
  ].filter(function (c) { return c.when !== false; });
  var rows = [];
  var sortKey = "cumulative", sortDir = -1;
  function table() {
    var head = document.querySelector("#module-table thead tr");
    columns.forEach(function (c) {
      var th = el("th", { "data-key": c.key, scope: "col", tabindex: "0" }, c.label);
      th.addEventListener("click", function () { sortBy(c.key); });
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sortBy(c.key); });
      head.appendChild(th);
    });
    var body = document.querySelector("#module-table tbody");
    var frag = document.createDocumentFragment();
    modules.forEach(function (m) {
      var tr = el("tr", { "data-name": m.name });
      columns.forEach(function (c) {
        var td;
        if (c.key === "name") { td = el("td"); td.appendChild(el("code", null, m.name)); badges(td, m); }
        else if (c.show) {
          var e = est(c.show(m));
          td = el("td", { "class": "num" });
          if (e) { td.appendChild(document.createTextNode(ms(e.median) + " ")); td.appendChild(el("span", { "class": "ci" }, "[" + ms(e.low) + ", " + ms(e.high) + "]")); }
          else td.textContent = "–";
        } else td = el("td", { "class": c.num ? "num" : c.key }, c.get(m));
        tr.appendChild(td);
      });
      tr.addEventListener("click", function () {
        var n = firstNodeOf.get(m.name);
        if (n) { focus = n; draw(); }
        select(m.name, n);
      });
      var text = (m.name + " " + (m.file || "")).toLowerCase();
      rows.push({ m: m, tr: tr, text: text });
      frag.appendChild(tr);
    });
    body.appendChild(frag);
    document.getElementById("filter").addEventListener("input", filter);
    document.getElementById("hide-bare").addEventListener("change", filter);
    markSort();
    filter();
  }
  function sortBy(key) {
    if (key === sortKey) sortDir = -sortDir;
    else { sortKey = key; sortDir = columns.filter(function (c) { return c.key === key; })[0].num ? -1 : 1; }
    var col = columns.filter(function (c) { return c.key === sortKey; })[0];
    rows.sort(function (a, b) {
      var x = col.get(a.m), y = col.get(b.m);
      var c = col.num ? x - y : cmp(String(x), String(y));
      return c !== 0 ? sortDir * c : cmp(a.m.name, b.m.name);
    });
    var body = document.querySelector("#module-table tbody");
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r.tr); });
    body.appendChild(frag);
    markSort();
  }
  // Code-point order: the same in every browser and locale.
  function cmp(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
  function markSort() {
    Array.prototype.forEach.call(document.querySelectorAll("#module-table th"), function (th) {
      if (th.getAttribute("data-key") === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }
  function filter() {
    var q = document.getElementById("filter").value.trim().toLowerCase();
    var hideBare = document.getElementById("hide-bare").checked;
    var shown = 0;
    rows.forEach(function (r) {
      var on = (!q || r.text.indexOf(q) >= 0) && !(hideBare && r.m.bare);
      r.tr.hidden = !on;
      if (on) shown++;
    });
    document.getElementById("count").textContent = shown + " of " + rows.length + " modules";
  }

  // ---- start ----------------------------------------------------------------------------------
  header();
  layout();
  indexNodes();
  draw();
  table();
  opportunities();
  lazyImports();
  var resizeTimer = 0;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(draw, 100); });
  // Time from navigation start to a drawn chart and a filled table (read by the browser tests).
  var renderMs = performance.now();
  document.documentElement.setAttribute("data-render-ms", renderMs.toFixed(1));
  document.getElementById("render-time").textContent = "Rendered in " + renderMs.toFixed(0) + " ms.";
})();
