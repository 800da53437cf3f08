// The history page of the HTML report: one chart and one change-point table per series of the
// history JSON (coldstart.history/1, docs/history.md) embedded in #coldstart-history. Drawing is
// ColdstartChart's (chart.js, inlined before this file).
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var fmt = ColdstartChart.fmt, signed = ColdstartChart.signed;
  function add(parent, name, text, cls) {
    var e = document.createElement(name);
    if (text != null) e.textContent = String(text);
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  function row(tbody, cells) {
    var tr = add(tbody, 'tr');
    cells.forEach(function (c) { add(tr, 'td', c[0], c[1]); });
    return tr;
  }
  var data = JSON.parse($('coldstart-history').textContent);
  var main = $('history');
  var series = data.series || [];
  var entries = {};
  series.forEach(function (s) { entries[s.entry] = true; });
  var names = Object.keys(entries);
  if (names.length === 1) $('history-entry').textContent = ': ' + names[0];
  if (!series.length) add(main, 'p', 'No results recorded for this selection (record some with coldstart record).', 'hint empty-history');
  series.forEach(function (s) {
    var section = add(main, 'section', null, 'history-series');
    section.dataset.entry = s.entry;
    var h2 = add(section, 'h2', s.entry);
    add(h2, 'small', [s.interpreter, s.python, 'on ' + (s.machineDescription || s.machine)].filter(Boolean).join(' · '));
    var n = (s.points || []).length, c = (s.changePoints || []).length;
    add(section, 'p', n + ' commit' + (n === 1 ? '' : 's') + ', ' + (c ? c + ' change point' + (c === 1 ? '' : 's') : 'no change point'), 'hint');
    var box = add(section, 'div', null, 'history-chart');
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'history');
    box.appendChild(svg);
    ColdstartChart.draw(svg, ColdstartChart.historySpec(s));
    if (!c) return;
    var table = add(section, 'table', null, 'change-points');
    var head = add(add(table, 'thead'), 'tr');
    ['first commit of the new level', 'subject', 'before ms', 'after ms', 'shift ms [95 % interval]', 'p'].forEach(function (t) { add(head, 'th', t); });
    var body = add(table, 'tbody');
    s.changePoints.forEach(function (cp) {
      var p = s.points[cp.index] || {};
      row(body, [
        [(cp.commit || '').slice(0, 12), 'mono'], [p.subject || ''],
        [fmt(cp.before), 'num'], [fmt(cp.after), 'num'],
        [signed(cp.shift) + ' [' + fmt(cp.low) + ', ' + fmt(cp.high) + ']', 'num ' + (cp.shift > 0 ? 'slower' : 'faster')],
        [cp.p, 'num']
      ]);
    });
  });
  var ms = Math.round(performance.now());
  document.documentElement.dataset.renderMs = ms;
  $('render-time').textContent = 'Rendered in ' + ms + ' ms.';
})();
