// coldstart dashboard: starts profiles, follows their runs over server-sent events, shows results.
// Everything from the server is shown with textContent (never as HTML); nothing is fetched from
// anywhere but this server.
'use strict';
(function () {
  // The first load comes with ?token=...; the server answered it with a cookie, so the token
  // leaves the address bar (and the history entry) at once. See docs/serve.md, "Security".
  if (/[?&]token=/.test(location.search)) history.replaceState(null, '', location.pathname + location.hash);
  var SIGNED_OUT = 'not signed in: open the address that coldstart serve printed (it ends in ?token=…)';
  var MAX_ROWS = 500; // run rows kept in the live table (the median uses every run)
  var $ = function (id) { return document.getElementById(id); };
  var live = { job: null, target: [], bare: [], seen: 0, runs: [] };
  var historyInfo = 'no results store';

  function cell(tr, text, cls) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function ms(x) { return x == null || !isFinite(x) ? '–' : x.toFixed(2); }
  function median(xs) {
    if (!xs.length) return null;
    var s = xs.slice().sort(function (a, b) { return a - b; });
    var m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  function setStatus(text, cls) {
    var b = $('live-status');
    b.textContent = text;
    b.className = 'badge ' + cls;
  }
  function signedOut() {
    $('connection').textContent = 'signed out';
    $('connection').className = 'badge off';
    $('connection').title = SIGNED_OUT;
    $('info').textContent = SIGNED_OUT;
  }
  function running(on) {
    $('start-button').disabled = on;
    $('stop-button').disabled = !on;
  }

  // ---- live chart ----
  // Every measured run (target and bare; warm-up runs are not drawn) with the running median and
  // its interval after each run. The interval of each prefix is computed once, when its run
  // arrives (O(n log n)); drawing happens at most twice a second, in an animation frame, so a burst
  // of runs makes one redraw and a tab in the background draws nothing. All of it happens in the
  // browser: the server sends the run_finished events it always sent, nothing more.
  var chart = { target: [], bare: [], pending: false };
  function chartReset() {
    chartRebuild();
  }
  // "draw" unticked: the chart does no work at all (the table still shows every run); ticked
  // again, it is rebuilt from the runs so far. bench/live-chart.sh compares the two.
  function drawing() { return $('live-draw').checked; }
  function chartRun(r) {
    if (!r.ok || (r.kind !== 'target' && r.kind !== 'bare') || !drawing()) return;
    var runs = chart[r.kind];
    var values = runs.map(function (p) { return p.y; }).concat([r.wallMs]);
    var e = ColdstartChart.medianInterval(values);
    runs.push({ x: runs.length + 1, y: r.wallMs, run: r.index, median: e.median, low: e.low, high: e.high });
    scheduleDraw();
  }
  // At most one redraw per MIN_REDRAW_MS, in an animation frame: a redraw rebuilds every element
  // (up to ~30 ms at 60 runs on the loaded 2-core build machine), so redrawing per run on fast runs
  // would take a good part of a core from the target being timed on the same machine.
  var MIN_REDRAW_MS = 500;
  var lastDraw = 0;
  function scheduleDraw() {
    if (chart.pending) return;
    chart.pending = true;
    var wait = Math.max(0, lastDraw + MIN_REDRAW_MS - performance.now());
    setTimeout(function () {
      requestAnimationFrame(function () { chart.pending = false; lastDraw = performance.now(); drawLive(); });
    }, wait);
  }
  function chartRebuild() {
    chart = { target: [], bare: [], pending: false };
    if (!drawing()) {
      ColdstartChart.draw($('live-chart'), { empty: 'not drawing: tick "draw" to see the runs here' });
      return;
    }
    (live.runs || []).forEach(chartRun);
    drawLive();
  }
  function drawLive() {
    var svg = $('live-chart');
    var t0 = performance.now();
    var kinds = ['target', 'bare'].filter(function (k) { return chart[k].length; });
    var xMax = Math.max(chart.target.length, chart.bare.length, 2);
    ColdstartChart.draw(svg, {
      label: 'wall time of each run, ms',
      yLabel: 'wall ms', xLabel: 'measured run (of its kind)',
      xMin: 0.5, xMax: xMax + 0.5,
      empty: live.job ? 'waiting for the first measured run…' : 'start a profile: its runs appear here as they finish',
      bands: kinds.map(function (k) {
        return { cls: k, points: chart[k].map(function (p) { return { x: p.x, low: p.low, high: p.high }; }) };
      }),
      lines: kinds.map(function (k) {
        var last = chart[k][chart[k].length - 1];
        return { cls: k, title: k + ' running median ' + ms(last.median) + ' ms [' + ms(last.low) + ', ' + ms(last.high) + ']',
          points: chart[k].map(function (p) { return { x: p.x, y: p.median }; }) };
      }),
      series: kinds.map(function (k) {
        return { name: k, cls: k, points: chart[k].map(function (p) {
          return { x: p.x, y: p.y, attrs: { 'data-run': p.run, 'data-kind': k },
            title: k + ' run ' + p.x + ' (#' + p.run + '): ' + ms(p.y) + ' ms; median so far ' + ms(p.median) + ' [' + ms(p.low) + ', ' + ms(p.high) + ']' };
        }) };
      }),
      legend: kinds.length ? [{ name: 'target', cls: 'target' }, { name: 'bare interpreter', cls: 'bare' }] : null
    });
    svg.dataset.drawMs = (performance.now() - t0).toFixed(2);
    svg.dataset.points = chart.target.length + chart.bare.length;
  }

  // ---- history of the same entry point (from the results store) ----
  function loadHistory(entry) {
    $('history-entry').textContent = entry || '';
    $('history-series').textContent = '';
    if (!entry) return;
    $('history-chart').dataset.state = 'loading';
    getJson('/api/history?entry=' + encodeURIComponent(entry)).then(function (h) {
      if ($('history-entry').textContent !== entry) return; // another profile started meanwhile
      var series = (h.series || []).slice();
      var svg = $('history-chart');
      if (!series.length) {
        ColdstartChart.draw(svg, { empty: 'no recorded history for this entry point' });
        $('history-note').textContent = historyInfo;
        svg.dataset.state = 'empty';
        return;
      }
      // Never mixed: one series is one interpreter on one machine. Show the most recently recorded.
      series.sort(function (a, b) { return latest(b).localeCompare(latest(a)); });
      var s = series[0];
      ColdstartChart.draw(svg, ColdstartChart.historySpec(s));
      svg.dataset.state = 'drawn';
      $('history-series').textContent = [s.interpreter, s.python, 'on ' + (s.machineDescription || s.machine)].filter(Boolean).join(' · ');
      var cps = s.changePoints || [];
      $('history-note').textContent = s.points.length + ' commits, ' +
        (cps.length ? cps.length + ' change point' + (cps.length === 1 ? '' : 's') : 'no change point') +
        (series.length > 1 ? '; ' + (series.length - 1) + ' more series (other interpreters or machines): coldstart history' : '');
    }).catch(function (e) {
      ColdstartChart.draw($('history-chart'), { empty: 'history unavailable' });
      $('history-note').textContent = e.message;
    });
  }
  // The store is read when the runs are done, not while they are timed: opening a database and
  // reading a history is work on this machine, which would compete with the target for the CPU.
  function historyAfterRuns(entry) {
    $('history-entry').textContent = entry;
    $('history-series').textContent = '';
    ColdstartChart.draw($('history-chart'), { empty: 'loads when the runs are done' });
    $('history-chart').dataset.state = 'waiting';
    $('history-note').textContent = 'Read from the results store after the last run, so that it does not compete with the timed runs.';
  }
  function latest(series) {
    var p = series.points || [];
    return p.length ? p[p.length - 1].recordedAt || '' : '';
  }

  // ---- live runs ----
  function resetLive(job) {
    live = { job: job, target: [], bare: [], seen: 0, runs: [] };
    $('runs-body').textContent = '';
    $('live-warning').hidden = true;
    $('live-target').textContent = job ? job.target : '';
    $('progress-bar').style.width = '0';
    chartReset();
    if (job) historyAfterRuns(job.target);
    ['stat-runs', 'stat-median', 'stat-bare', 'stat-last'].forEach(function (id) { $(id).textContent = '–'; });
    if (job) { setStatus('running', 'running'); running(true); }
  }
  function runFinished(r) {
    if (r.index <= live.seen) return; // already shown (state snapshot and stream overlap)
    live.seen = r.index;
    if (r.kind === 'target') live.target.push(r.wallMs);
    if (r.kind === 'bare') live.bare.push(r.wallMs);
    live.runs.push(r);
    chartRun(r);
    var tr = document.createElement('tr');
    tr.className = 'run ' + r.kind.replace(/[^a-z]+/g, '-') + (r.kind.indexOf('warm') === 0 ? ' warm' : '') + (r.ok ? '' : ' failed');
    tr.dataset.index = r.index;
    cell(tr, r.index + (r.total ? '/' + r.total : ''));
    cell(tr, r.kind);
    cell(tr, ms(r.wallMs), 'num');
    cell(tr, r.modules, 'num');
    cell(tr, r.ok ? '' : 'failed');
    var body = $('runs-body');
    body.insertBefore(tr, body.firstChild);
    while (body.childNodes.length > MAX_ROWS) body.removeChild(body.lastChild);
    if (r.total) $('progress-bar').style.width = (100 * r.index / r.total).toFixed(1) + '%';
    $('stat-runs').textContent = r.index + (r.total ? ' of ' + r.total : '') + ' (' + live.target.length + ' measured)';
    $('stat-median').textContent = live.target.length ? ms(median(live.target)) + ' ms over ' + live.target.length : '–';
    $('stat-bare').textContent = live.bare.length ? ms(median(live.bare)) + ' ms over ' + live.bare.length : '–';
    $('stat-last').textContent = ms(r.wallMs) + ' ms (' + r.kind + ')';
  }
  function jobFinished(r) {
    running(false);
    setStatus(r.status, r.status);
    if (live.job) loadHistory(live.job.target);
    if (r.error) { $('live-warning').textContent = r.error; $('live-warning').hidden = false; }
    if (r.profile) openProfile(r.profile);
    loadRecent();
  }
  function applyState(s) {
    if (s.job) {
      if (!live.job || live.job.id !== s.job.id) resetLive(s.job);
      s.runs.forEach(runFinished);
    } else {
      running(false);
      if (s.last && (!live.job || live.job.id === s.last.id)) setStatus(s.last.status, s.last.status);
    }
  }

  // ---- event stream ----
  function connect() {
    var es = new EventSource('/api/events');
    var on = function (name, f) { es.addEventListener(name, function (e) { f(JSON.parse(e.data)); }); };
    es.onopen = function () { $('connection').textContent = 'live'; $('connection').className = 'badge on'; };
    es.onerror = function () {
      // A refused stream (401: the server restarted with a new token) is closed for good.
      if (es.readyState === EventSource.CLOSED) { checkSignedIn(); return; }
      $('connection').textContent = 'reconnecting…';
      $('connection').className = 'badge off';
    };
    on('state', applyState);
    on('job_started', function (job) { resetLive(job); $('result').hidden = true; });
    on('run_started', function (r) {
      if (r.total) $('stat-runs').textContent = 'starting ' + r.index + ' of ' + r.total + ' (' + live.target.length + ' measured)';
    });
    on('run_finished', runFinished);
    on('warning', function (w) { $('live-warning').textContent = w.message; $('live-warning').hidden = false; });
    on('done', function (d) { $('stat-last').textContent = d.summary; });
    on('job_finished', jobFinished);
    // This viewer lagged and lost messages: re-read the whole state.
    on('dropped', function () { getJson('/api/state').then(applyState); });
  }

  // ---- requests ----
  function checkSignedIn() {
    fetch('/api/info').then(function (r) { if (r.status === 401) signedOut(); });
  }
  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { signedOut(); throw new Error(SIGNED_OUT); }
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || r.statusText);
        return body;
      });
    });
  }
  function start(ev) {
    ev.preventDefault();
    var err = $('form-error');
    err.hidden = true;
    var body = {
      target: $('target').value,
      runs: parseInt($('runs').value, 10),
      warmup: parseInt($('warmup').value, 10),
      bare: $('bare').checked
    };
    running(true);
    fetch('/api/profile', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 401) { signedOut(); throw new Error(SIGNED_OUT); }
        return r.json().then(function (b) {
          if (!r.ok) throw new Error(b.error || r.statusText);
        });
      })
      .catch(function (e) { err.textContent = e.message; err.hidden = false; running(false); });
  }
  function stop() {
    $('stop-button').disabled = true;
    fetch('/api/profile/stop', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  }

  // ---- results ----
  function fact(dl, name, value) {
    var dt = document.createElement('dt'); dt.textContent = name;
    var dd = document.createElement('dd'); dd.textContent = value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function interval(e) { return e ? ms(e.median) + ' ms [' + ms(e.low) + ', ' + ms(e.high) + ']' : '–'; }
  function openProfile(name) {
    getJson('/api/profiles/' + encodeURIComponent(name)).then(function (p) { showProfile(name, p); })
      .catch(function (e) { $('result').hidden = false; $('result-error').textContent = e.message; $('result-error').hidden = false; });
  }
  function showProfile(name, p) {
    $('result').hidden = false;
    $('result').dataset.profile = name;
    $('result-error').hidden = true;
    $('result-target').textContent = p.target;
    if ($('history-entry').textContent !== p.target || $('history-chart').dataset.state === 'waiting') loadHistory(p.target);
    var links = $('result-links');
    links.textContent = '';
    var json = document.createElement('a');
    json.href = '/api/profiles/' + encodeURIComponent(name);
    json.textContent = name + ' (JSON)';
    links.appendChild(json);
    var dl = $('result-facts');
    dl.textContent = '';
    fact(dl, 'python', p.python ? p.python.implementation + ' ' + p.python.version + ' (' + p.python.executable + ')' : '–');
    fact(dl, 'started', p.startedAt || '–');
    fact(dl, 'runs', p.runs + (p.warmup ? ' (+' + p.warmup + ' warm-up)' : ''));
    fact(dl, 'wall time', interval(p.wallMs));
    fact(dl, 'bare interpreter', interval(p.bareWallMs));
    if (p.aboveBareMs) fact(dl, 'above bare', ms(p.aboveBareMs.estimate) + ' ms [' + ms(p.aboveBareMs.low) + ', ' + ms(p.aboveBareMs.high) + ']');
    fact(dl, 'modules', String(Math.round(p.moduleCount)) + ' (bare ' + Math.round(p.bareModuleCount) + ')');
    if (p.stoppedBy) fact(dl, 'stopped early', p.stoppedBy);
    // The full report (icicle chart, module table, why panel) is the same page `coldstart report`
    // writes, rendered by the server from the saved profile.
    var report = '/report/' + encodeURIComponent(name);
    var open = document.createElement('a');
    open.href = report;
    open.target = '_blank';
    open.rel = 'noopener';
    open.textContent = 'open the report in a new tab';
    links.appendChild(document.createTextNode(' · '));
    links.appendChild(open);
    if ($('report').getAttribute('src') !== report) $('report').setAttribute('src', report);
  }
  function loadRecent() {
    getJson('/api/profiles').then(function (r) {
      var body = $('recent-body');
      body.textContent = '';
      r.profiles.forEach(function (e) {
        var tr = document.createElement('tr');
        tr.className = 'recent';
        cell(tr, e.startedAt ? e.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : e.name);
        cell(tr, e.target, 'target');
        cell(tr, e.runs, 'num');
        cell(tr, ms(e.wallMs), 'num');
        cell(tr, ms(e.aboveBareMs), 'num');
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'link';
        b.textContent = 'open';
        b.addEventListener('click', function () { openProfile(e.name); });
        cell(tr, '').appendChild(b);
        body.appendChild(tr);
      });
      $('recent-empty').hidden = r.profiles.length > 0;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('start-form').addEventListener('submit', start);
    $('stop-button').addEventListener('click', stop);
    $('live-draw').addEventListener('change', chartRebuild);
    getJson('/api/info').then(function (i) {
      $('info').textContent = i.python + ' in ' + i.directory;
      $('store').textContent = i.store;
      if (i.history) historyInfo = i.history;
    });
    drawLive();
    ColdstartChart.draw($('history-chart'), { empty: 'the history of the profiled entry point shows here' });
    loadRecent();
    connect();
  });
})();
