// coldstart charts: hand-written SVG, no library, nothing fetched. Shared by the history page of the
// HTML report (inlined there) and the dashboard (served as /chart.js). Every text from data goes in
// with textContent, never as markup. See docs/report.md ("History") and docs/serve.md ("Live chart").
'use strict';
var ColdstartChart = (function () {
  var NS = 'http://www.w3.org/2000/svg';
  var W = 720, H = 260, LEFT = 56, RIGHT = 12, TOP = 34, BOTTOM = 30;

  function el(parent, name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) if (attrs[k] != null) e.setAttribute(k, String(attrs[k]));
    if (text != null) e.textContent = String(text);
    parent.appendChild(e);
    return e;
  }
  function fmt(x) { return x == null || !isFinite(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2); }
  function signed(x) { return (x > 0 ? '+' : x < 0 ? '−' : '±') + fmt(Math.abs(x)); }

  // About `count` round tick values covering [lo, hi].
  function ticks(lo, hi, count) {
    var span = hi - lo || Math.abs(hi) || 1;
    var step = Math.pow(10, Math.floor(Math.log(span / count) / Math.LN10));
    var err = span / count / step;
    if (err >= 7.5) step *= 10; else if (err >= 3.5) step *= 5; else if (err >= 1.5) step *= 2;
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
    return out;
  }

  // spec: {label, xLabel, yLabel, xMin, xMax, xTick(x) -> label,
  //        bands:  [{cls, points:[{x, low, high}]}],      a shaded interval around a line
  //        lines:  [{cls, points:[{x, y}], title}],        a polyline (running median, segment level)
  //        series: [{name, cls, points:[{x, y, low, high, title, attrs}]}], dots with interval bars
  //        markers:[{x, cls, label, title, attrs}]}         a dashed vertical line with a label
  // Cost: one SVG element per point and two per interval; redrawn whole (a few hundred points
  // redraw in well under a frame).
  function draw(svg, spec) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.setAttribute('role', 'img');
    if (spec.label) svg.setAttribute('aria-label', spec.label);
    var ys = [], xs = [];
    (spec.series || []).forEach(function (s) {
      s.points.forEach(function (p) {
        xs.push(p.x); ys.push(p.y);
        if (p.low != null) ys.push(p.low);
        if (p.high != null) ys.push(p.high);
      });
    });
    (spec.lines || []).forEach(function (l) { l.points.forEach(function (p) { xs.push(p.x); ys.push(p.y); }); });
    (spec.bands || []).forEach(function (b) { b.points.forEach(function (p) { ys.push(p.low, p.high); }); });
    ys = ys.filter(isFinite);
    if (!ys.length) {
      el(svg, 'text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', 'class': 'empty' }, spec.empty || 'no data yet');
      return;
    }
    var yLo = Math.min.apply(null, ys), yHi = Math.max.apply(null, ys);
    var pad = (yHi - yLo) * 0.08 || Math.abs(yHi) * 0.05 || 1;
    yLo = Math.max(0, yLo - pad); yHi += pad;
    var xLo = spec.xMin != null ? spec.xMin : Math.min.apply(null, xs);
    var xHi = spec.xMax != null ? spec.xMax : Math.max.apply(null, xs);
    if (xHi <= xLo) xHi = xLo + 1;
    var X = function (x) { return LEFT + (x - xLo) / (xHi - xLo) * (W - LEFT - RIGHT); };
    var Y = function (y) { return TOP + (1 - (y - yLo) / (yHi - yLo)) * (H - TOP - BOTTOM); };

    var axes = el(svg, 'g', { 'class': 'axes' });
    ticks(yLo, yHi, 5).forEach(function (v) {
      el(axes, 'line', { x1: LEFT, x2: W - RIGHT, y1: Y(v), y2: Y(v), 'class': 'grid' });
      el(axes, 'text', { x: LEFT - 6, y: Y(v) + 4, 'text-anchor': 'end' }, fmt(v));
    });
    ticks(xLo, xHi, 8).filter(function (v) { return v === Math.round(v); }).forEach(function (v) {
      el(axes, 'text', { x: X(v), y: H - BOTTOM + 14, 'text-anchor': 'middle' }, spec.xTick ? spec.xTick(v) : v);
    });
    el(axes, 'line', { x1: LEFT, x2: LEFT, y1: TOP, y2: H - BOTTOM, 'class': 'axis' });
    el(axes, 'line', { x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, 'class': 'axis' });
    if (spec.yLabel) el(axes, 'text', { x: 4, y: TOP - 10, 'class': 'label' }, spec.yLabel);
    if (spec.xLabel) el(axes, 'text', { x: W - RIGHT, y: H - 4, 'text-anchor': 'end', 'class': 'label' }, spec.xLabel);

    (spec.bands || []).forEach(function (b) {
      if (!b.points.length) return;
      var d = b.points.map(function (p, i) { return (i ? 'L' : 'M') + X(p.x).toFixed(1) + ',' + Y(p.high).toFixed(1); }).join('');
      d += b.points.slice().reverse().map(function (p) { return 'L' + X(p.x).toFixed(1) + ',' + Y(p.low).toFixed(1); }).join('') + 'Z';
      el(svg, 'path', { d: d, 'class': 'band ' + (b.cls || '') });
    });
    (spec.lines || []).forEach(function (l) {
      if (!l.points.length) return;
      var line = el(svg, 'polyline', {
        points: l.points.map(function (p) { return X(p.x).toFixed(1) + ',' + Y(p.y).toFixed(1); }).join(' '),
        'class': 'line ' + (l.cls || '')
      });
      if (l.title) el(line, 'title', {}, l.title);
    });
    var row = 0;
    (spec.markers || []).forEach(function (m) {
      var g = el(svg, 'g', Object.assign({ 'class': 'marker ' + (m.cls || '') }, m.attrs || {}));
      el(g, 'line', { x1: X(m.x), x2: X(m.x), y1: TOP - 4, y2: H - BOTTOM });
      var anchor = X(m.x) > W * 0.7 ? 'end' : 'start';
      el(g, 'text', { x: X(m.x) + (anchor === 'end' ? -3 : 3), y: 12 + 11 * (row++ % 2), 'text-anchor': anchor }, m.label);
      if (m.title) el(g, 'title', {}, m.title);
    });
    (spec.series || []).forEach(function (s) {
      var g = el(svg, 'g', { 'class': 'series ' + (s.cls || ''), 'data-series': s.name });
      s.points.forEach(function (p) {
        var pg = el(g, 'g', Object.assign({ 'class': 'point' }, p.attrs || {}));
        if (p.low != null && p.high != null) el(pg, 'line', { x1: X(p.x), x2: X(p.x), y1: Y(p.low), y2: Y(p.high), 'class': 'interval' });
        el(pg, 'circle', { cx: X(p.x).toFixed(1), cy: Y(p.y).toFixed(1), r: 3 });
        if (p.title) el(pg, 'title', {}, p.title);
      });
    });
    if (spec.legend) {
      var lx = LEFT + 8;
      spec.legend.forEach(function (item) {
        var g = el(svg, 'g', { 'class': 'legend ' + item.cls });
        el(g, 'circle', { cx: lx, cy: H - 6, r: 3 });
        var t = el(g, 'text', { x: lx + 6, y: H - 2 }, item.name);
        lx += 14 + 7 * item.name.length;
        return t;
      });
    }
  }

  // The median's distribution-free interval, as dev.coldstart.stats.Estimate computes it: order
  // statistics [x(k), x(n+1-k)], k the largest with 1 - 2 P(Binomial(n, 1/2) <= k-1) >= 95 %.
  // Cost: O(n) per call after the sort; tail probabilities in logs, so n in the thousands is fine.
  function medianInterval(values) {
    var s = values.slice().sort(function (a, b) { return a - b; });
    var n = s.length;
    if (!n) return null;
    var mid = n >> 1;
    var median = n % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    // cdf holds P(B <= k); pmf(j) = pmf(j - 1) (n - j + 1) / j, from pmf(0) = 2^-n.
    var logPmf = -n * Math.LN2;
    var cdf = Math.exp(logPmf);
    var k = 1;
    if (n >= 1) { logPmf += Math.log(n); cdf += Math.exp(logPmf); }
    while (k + 1 <= (n + 1) >> 1 && 1 - 2 * cdf >= 0.95) {
      k++;
      logPmf += Math.log((n - k + 1) / k);
      cdf += Math.exp(logPmf);
    }
    return { median: median, low: s[k - 1], high: s[n - k], n: n };
  }

  // One series of the history JSON (coldstart.history/1) as a chart spec: a dot per commit with its
  // interval, the level of each segment between change points, a marker at each change point.
  function historySpec(series) {
    var points = series.points || [];
    var cps = series.changePoints || [];
    var short = function (sha) { return (sha || '').slice(0, 8); };
    var spec = {
      label: 'history of ' + series.entry + ': median ms per commit',
      yLabel: 'ms (median, interval)',
      xLabel: 'commit (oldest left)',
      xMin: -0.5,
      xMax: Math.max(points.length - 0.5, 0.5),
      empty: 'no results recorded',
      series: [{
        name: 'commits', cls: 'history',
        points: points.map(function (p, i) {
          return {
            x: i, y: p.median, low: p.low, high: p.high,
            attrs: { 'data-index': i, 'data-commit': p.commit || '' },
            title: short(p.commit) + (p.dirty ? ' (dirty)' : '') + '  ' + (p.subject || '') +
              '\n' + (p.branch ? p.branch + '  ' : '') + (p.recordedAt || '') +
              '\nmedian ' + fmt(p.median) + ' ms [' + fmt(p.low) + ', ' + fmt(p.high) + '] over ' + p.runs + ' runs'
          };
        })
      }],
      lines: [],
      markers: []
    };
    var bounds = [0].concat(cps.map(function (c) { return c.index; })).concat([points.length]);
    for (var i = 0; i + 1 < bounds.length; i++) {
      var level = i < cps.length ? cps[i].before : cps.length ? cps[cps.length - 1].after : null;
      if (level == null || bounds[i + 1] <= bounds[i]) continue;
      spec.lines.push({ cls: 'level', title: 'segment median ' + fmt(level) + ' ms',
        points: [{ x: bounds[i] - 0.4, y: level }, { x: bounds[i + 1] - 0.6, y: level }] });
    }
    cps.forEach(function (c) {
      var pct = c.before ? 100 * c.shift / c.before : null;
      var pctText = pct == null ? '' : Math.abs(pct) < 1 ? signed(pct) : (pct > 0 ? '+' : '−') + Math.round(Math.abs(pct));
      var label = short(c.commit) + ' ' + signed(c.shift) + ' ms' + (pct == null ? '' : ' (' + pctText + ' %)');
      spec.markers.push({
        x: c.index - 0.5, cls: c.shift > 0 ? 'slower' : 'faster', label: label,
        attrs: { 'class': 'marker change-point ' + (c.shift > 0 ? 'slower' : 'faster'), 'data-index': c.index, 'data-commit': c.commit || '' },
        title: 'change point at ' + (c.commit || '') + '\n' + fmt(c.before) + ' → ' + fmt(c.after) + ' ms, shift ' +
          signed(c.shift) + ' ms [' + fmt(c.low) + ', ' + fmt(c.high) + '], p = ' + c.p
      });
    });
    return spec;
  }

  return { draw: draw, historySpec: historySpec, medianInterval: medianInterval, fmt: fmt, signed: signed };
})();
