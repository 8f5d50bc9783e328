/* Rung's study report: lays out the data the report embeds (see ReportModel) with ECharts.
 * Every text that comes from the study goes into the page through textContent, or through esc()
 * where ECharts takes HTML (tooltips). */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('rung-data').textContent);
  var study = data.study;
  var charts = [];
  var STATE_COLORS = {
    COMPLETE: '#2f7ed8', PRUNED: '#9a9a9a', FAIL: '#d9534f', RUNNING: '#f0ad4e', WAITING: '#8e44ad'
  };
  var OUTCOME_COLORS = {
    promoted: '#5cb85c', completed: '#2f7ed8', stopped: '#8c8c8c', pruned: '#c3c3c3',
    failed: '#d9534f', timeout: '#f0ad4e', interrupted: '#8e44ad'
  };
  var trialsByN = {};
  data.trials.forEach(function (t) { trialsByN[t.n] = t; });
  var paramsByName = {};
  data.params.forEach(function (p) { paramsByName[p.name] = p; });
  var metric = study.metrics[0] || 'objective';

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'text') { e.textContent = props[k]; } else if (k === 'cls') { e.className = props[k]; } else { e.setAttribute(k, props[k]); }
      });
    }
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) { return 'n/a'; }
    if (typeof v !== 'number') { return String(v); }
    if (Number.isInteger(v)) { return String(v); }
    var a = Math.abs(v);
    return (a !== 0 && (a < 1e-3 || a >= 1e5)) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
  }

  function duration(ms) {
    if (ms === undefined || ms === null) { return 'n/a'; }
    var s = Math.round(ms / 1000);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + (s % 60) + ' s';
  }

  function trialTip(n, extra) {
    var t = trialsByN[n];
    var lines = ['<b>Trial ' + esc(n) + '</b>' + (t ? ' (' + esc(t.state) + ')' : '')];
    (extra || []).forEach(function (x) { lines.push(esc(x)); });
    if (t) {
      data.params.forEach(function (p) {
        lines.push(esc(p.name) + ' = ' + esc(fmt(t.params[p.name])));
      });
    }
    return lines.join('<br>');
  }

  var nav = document.getElementById('nav');
  var main = document.getElementById('main');

  function section(id, title, note) {
    var s = el('section', { id: id }, [el('h2', { text: title })]);
    if (note) { s.appendChild(el('p', { cls: 'note', text: note })); }
    main.appendChild(s);
    nav.appendChild(el('a', { href: '#' + id, text: title }));
    return s;
  }

  function chartDiv(parent, id) {
    var d = el('div', { cls: 'chart', id: id });
    parent.appendChild(d);
    return d;
  }

  function draw(dom, option) {
    var c = echarts.init(dom, null, { renderer: 'canvas' });
    c.setOption(option);
    charts.push(c);
    return c;
  }

  function axisFor(p, extra) {
    var a = Object.assign({ name: p.name, nameLocation: 'middle', nameGap: 28 }, extra || {});
    if (p.kind === 'categorical') {
      a.type = 'category';
      a.data = p.choices.slice();
    } else if (p.log) {
      a.type = 'log';
      a.min = p.low;
      a.max = p.high;
    } else {
      a.type = 'value';
      a.min = p.low;
      a.max = p.high;
    }
    return a;
  }

  var zoomX = [{ type: 'inside', xAxisIndex: 0 }, { type: 'slider', xAxisIndex: 0, height: 18, bottom: 4 }];

  // ---- header and summary ----------------------------------------------------------------------

  document.getElementById('title').textContent = 'Study ' + study.name;
  document.getElementById('subtitle').textContent =
    study.directions.map(function (d, i) { return d + ' ' + (study.metrics[i] || ''); }).join(', ') +
    ' \u00b7 ' + study.model + ' \u00b7 ' + study.epochs + ' epochs per full training \u00b7 report of ' +
    study.generated;

  (function summary() {
    var s = section('summary', 'Summary');
    if (study.running) {
      s.appendChild(el('p', { cls: 'running-banner', text: 'The sweep is running: this page is rewritten as it goes and reloads itself every 30 s.' }));
    } else if (!study.finished) {
      s.appendChild(el('p', { cls: 'running-banner', text: 'The study is not finished: its sweep was stopped early or is still running (run the same sweep again to continue it).' }));
    }
    var rows = [];
    function row(k, v) { rows.push(el('tr', null, [el('td', { text: k }), el('td', { text: v })])); }
    var c = study.counts;
    row('Trials', data.trials.length + ' (' + Object.keys(c).filter(function (k) { return c[k] > 0; })
      .map(function (k) { return c[k] + ' ' + k.toLowerCase(); }).join(', ') + ')');
    row('Epochs trained', String(study.epochsSpent));
    if (study.wallMillis !== undefined) {
      row('Wall time (first segment start to last segment end)', duration(study.wallMillis));
      row('Segment time (summed over executors)', duration(study.segmentMillis));
    }
    if (study.best.length === 0) {
      row('Best trial', 'none yet: no trial completed');
    } else if (study.best.length === 1) {
      var b = trialsByN[study.best[0]];
      row('Best trial', String(b.n));
      b.values.forEach(function (v, i) { row('  ' + (study.metrics[i] || 'value ' + i), fmt(v)); });
      data.params.forEach(function (p) { row('  ' + p.name, fmt(b.params[p.name])); });
    } else {
      row('Pareto front', study.best.length + ' trials: ' + study.best.join(', '));
    }
    if (study.testMetrics) {
      var tm = study.testMetrics;
      Object.keys(tm).forEach(function (k) {
        if (k === 'trial') { row('Exported trial', String(tm.trial)); } else if (k === 'error') { row('Test evaluation failed', tm.error); } else { row('  ' + k, fmt(tm[k])); }
      });
    }
    row('Output', study.output);
    if (study.provenance) {
      Object.keys(study.provenance).forEach(function (k) {
        if (study.provenance[k] !== null) { row(k.replace(/_/g, ' '), study.provenance[k]); }
      });
    }
    s.appendChild(el('table', { cls: 'kv' }, rows));
  })();

  // ---- optimization history or Pareto front ------------------------------------------------

  if (data.history) {
    (function history() {
      var s = section('history', 'Optimization history',
        'Each completed trial\'s ' + metric + ' and the best so far, by trial number or by the epochs the study had trained when the trial completed.');
      var select = el('select', { id: 'history-x' }, [
        el('option', { value: 'trial', text: 'trial number' }), el('option', { value: 'epochs', text: 'epochs spent' })]);
      s.appendChild(el('div', { cls: 'controls' }, [el('label', { text: 'x axis: ' }), select]));
      var chart = draw(chartDiv(s, 'chart-history'), {});
      function render(by) {
        var rows = by === 'trial' ? data.history.byTrial : data.history.byEpochs;
        var n = function (r) { return by === 'trial' ? r[0] : r[3]; };
        chart.setOption({
          animation: false,
          legend: { top: 0 },
          grid: { left: 70, right: 30, top: 30, bottom: 60 },
          tooltip: {
            trigger: 'item',
            formatter: function (p) { return trialTip(n(rows[p.dataIndex]), [metric + ' = ' + fmt(rows[p.dataIndex][1]), 'best so far = ' + fmt(rows[p.dataIndex][2])]); }
          },
          xAxis: { type: 'value', name: by === 'trial' ? 'trial' : 'epochs spent', nameLocation: 'middle', nameGap: 26, scale: true },
          yAxis: { type: 'value', name: metric, scale: true },
          dataZoom: zoomX,
          series: [
            { name: metric, type: 'scatter', symbolSize: 6, data: rows.map(function (r) { return [r[0], r[1]]; }), itemStyle: { color: STATE_COLORS.COMPLETE } },
            { name: 'best so far', type: 'line', step: 'end', showSymbol: false, data: rows.map(function (r) { return [r[0], r[2]]; }), itemStyle: { color: '#d9534f' } }
          ]
        }, true);
      }
      select.addEventListener('change', function () { render(select.value); });
      render('trial');
    })();
  }

  // ---- the study's runs under its output root (nights), side by side ---------------------------

  if (data.nights) {
    (function nights() {
      var s = section('nights', 'Runs of this study',
        'Every run of study ' + study.name + ' under this output root (the nights of a nightly sweep; the latest ' +
        data.nights.length + ' shown), with this report\'s run in bold: what each trained and found, and its best ' +
        metric + ' so far by the epochs it had trained.');
      var head = el('tr', null, ['run', 'executions', 'last outcome', 'trials', 'complete', 'epochs', 'best ' + metric]
        .map(function (h) { return el('th', { text: h }); }));
      var rows = data.nights.map(function (n) {
        var tr = el('tr', n.current ? { cls: 'current-run' } : null,
          [n.run, String(n.attempts), n.outcome === null ? 'running or never ended' : n.outcome, String(n.trials),
            String(n.complete), String(n.epochs), n.best === null ? 'none' : fmt(n.best)]
            .map(function (v) { return el('td', { text: v }); }));
        return tr;
      });
      s.appendChild(el('table', { cls: 'grid', id: 'nights-table' }, [head].concat(rows)));
      draw(chartDiv(s, 'chart-nights'), {
        animation: false,
        legend: { top: 0, type: 'scroll' },
        grid: { left: 70, right: 30, top: 40, bottom: 60 },
        tooltip: { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>epochs ' + p.value[0] + ': ' + esc(fmt(p.value[1])); } },
        xAxis: { type: 'value', name: 'epochs spent', nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', name: 'best ' + metric, scale: true },
        dataZoom: zoomX,
        series: data.nights.map(function (n) {
          return { name: n.run, type: 'line', step: 'end', showSymbol: false, data: n.curve,
            lineStyle: { width: n.current ? 3 : 1.5 } };
        })
      });
    })();
  }

  if (data.pareto) {
    (function pareto() {
      var s = section('pareto', 'Pareto front',
        'Completed trials by each pair of objectives; the trials no other trial dominates are red.' +
        (study.metrics.length === 3 ? ' With three objectives, also all three at once: drag the chart or the sliders to turn it.' : ''));
      if (study.metrics.length === 3) { pareto3d(s); }
      var grid = el('div', { cls: 'small-charts' });
      s.appendChild(grid);
      var k = study.metrics.length;
      for (var i = 0; i < k; i++) {
        for (var j = i + 1; j < k; j++) {
          (function (i, j) {
            var pts = data.pareto.points;
            var series = [false, true].map(function (front) {
              var rows = pts.filter(function (p) { return p[1] === front; });
              return {
                name: front ? 'Pareto front' : 'dominated', type: 'scatter', symbolSize: front ? 8 : 6,
                itemStyle: { color: front ? '#d9534f' : '#7fa7d9' },
                data: rows.map(function (p) { return [p[2 + i], p[2 + j], p[0]]; })
              };
            });
            draw(chartDiv(grid, 'chart-pareto-' + i + '-' + j), {
              animation: false,
              legend: { top: 0 },
              grid: { left: 60, right: 20, top: 30, bottom: 50 },
              tooltip: { trigger: 'item', formatter: function (p) { return trialTip(p.value[2], [study.metrics[i] + ' = ' + fmt(p.value[0]), study.metrics[j] + ' = ' + fmt(p.value[1])]); } },
              xAxis: { type: 'value', scale: true, name: study.metrics[i] + ' (' + study.directions[i] + ')', nameLocation: 'middle', nameGap: 26 },
              yAxis: { type: 'value', scale: true, name: study.metrics[j] + ' (' + study.directions[j] + ')' },
              series: series
            });
          })(i, j);
        }
      }
    })();
  }

  /**
   * Three objectives in one chart: each trial's values scaled to [0, 1] per objective, turned by
   * an azimuth and an elevation and projected onto the screen; the box's edges and the axes'
   * names drawn with it.
   */
  function pareto3d(s) {
    var pts = data.pareto.points;
    var lo = [0, 1, 2].map(function (i) { return Math.min.apply(null, pts.map(function (p) { return p[2 + i]; })); });
    var hi = [0, 1, 2].map(function (i) { return Math.max.apply(null, pts.map(function (p) { return p[2 + i]; })); });
    function unit(p, i) { return hi[i] > lo[i] ? (p[2 + i] - lo[i]) / (hi[i] - lo[i]) : 0.5; }
    var az = el('input', { type: 'range', min: '0', max: '360', value: '35', id: 'pareto-3d-azimuth' });
    var elev = el('input', { type: 'range', min: '-90', max: '90', value: '25', id: 'pareto-3d-elevation' });
    s.appendChild(el('div', { cls: 'controls' }, [el('label', { text: 'turn ' }), az, el('label', { text: ' tilt ' }), elev]));
    var d = chartDiv(s, 'chart-pareto-3d');
    d.style.height = '480px';
    var chart = draw(d, {});
    function project(x, y, z) {
      var a = Number(az.value) * Math.PI / 180, e = Number(elev.value) * Math.PI / 180;
      x -= 0.5; y -= 0.5; z -= 0.5;
      var sx = Math.cos(a) * x - Math.sin(a) * y;
      var depth = Math.sin(a) * x + Math.cos(a) * y;
      var sy = Math.cos(e) * z - Math.sin(e) * depth;
      return [sx, sy];
    }
    var corners = [];
    for (var c = 0; c < 8; c++) { corners.push([c & 1, (c >> 1) & 1, (c >> 2) & 1]); }
    function render() {
      var edges = [];
      corners.forEach(function (p, i) {
        corners.forEach(function (q, j) {
          var diff = Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
          if (i < j && diff === 1) { edges.push(project(p[0], p[1], p[2]), project(q[0], q[1], q[2]), null); }
        });
      });
      var names = [0, 1, 2].map(function (i) {
        var end = [0, 0, 0]; end[i] = 1.12;
        var pos = project(end[0], end[1], end[2]);
        return { value: pos, label: { show: true, formatter: study.metrics[i] + ' (' + study.directions[i] + ')' } };
      });
      var series = [false, true].map(function (front) {
        return {
          name: front ? 'Pareto front' : 'dominated', type: 'scatter', symbolSize: front ? 9 : 6,
          itemStyle: { color: front ? '#d9534f' : '#7fa7d9' },
          data: pts.filter(function (p) { return p[1] === front; }).map(function (p) {
            var xy = project(unit(p, 0), unit(p, 1), unit(p, 2));
            return [xy[0], xy[1], p[0]];
          })
        };
      });
      series.push({ name: 'box', type: 'line', data: edges, showSymbol: false, silent: true, connectNulls: false, lineStyle: { color: '#bbb', width: 1 } });
      series.push({ name: 'axes', type: 'scatter', data: names, symbolSize: 1, silent: true, itemStyle: { color: '#444' }, label: { color: '#333' } });
      chart.setOption({
        animation: false,
        legend: { top: 0, data: ['Pareto front', 'dominated'] },
        grid: { left: 20, right: 20, top: 30, bottom: 20 },
        tooltip: {
          trigger: 'item', formatter: function (p) {
            if (p.seriesIndex > 1) { return ''; }
            var t = trialsByN[p.value[2]];
            return trialTip(p.value[2], study.metrics.map(function (m, i) { return m + ' = ' + fmt(t.values[i]); }));
          }
        },
        xAxis: { type: 'value', min: -1, max: 1, show: false },
        yAxis: { type: 'value', min: -1, max: 1, show: false },
        series: series
      }, true);
    }
    az.addEventListener('input', render);
    elev.addEventListener('input', render);
    var drag = null;
    chart.getZr().on('mousedown', function (e) { drag = [e.offsetX, e.offsetY, Number(az.value), Number(elev.value)]; });
    chart.getZr().on('mouseup', function () { drag = null; });
    chart.getZr().on('mousemove', function (e) {
      if (!drag) { return; }
      az.value = String(((drag[2] + (e.offsetX - drag[0]) / 2) % 360 + 360) % 360);
      elev.value = String(Math.max(-90, Math.min(90, drag[3] + (e.offsetY - drag[1]) / 2)));
      render();
    });
    render();
  }

  // ---- parameter importance ------------------------------------------------------------------

  (function importance() {
    var evaluators = Object.keys(data.importance);
    var s = section('importance', 'Parameter importance',
      'The share of the ' + metric + '\'s variance each parameter explains over the completed trials (fANOVA: functional ANOVA on a random forest; PED-ANOVA: how differently the best trials are spread).');
    Object.keys(data.importanceUnavailable).forEach(function (ev) {
      s.appendChild(el('p', { cls: 'note', text: ev + ' is not available: ' + data.importanceUnavailable[ev] }));
    });
    if (evaluators.length === 0) {
      s.appendChild(el('p', { text: 'Not available: it needs at least two completed trials and a parameter.' }));
      return;
    }
    var names = data.importance[evaluators[0]].map(function (r) { return r[0]; }).reverse();
    var d = chartDiv(s, 'chart-importance');
    d.style.height = Math.max(220, 40 + names.length * 26 * evaluators.length) + 'px';
    draw(d, {
      animation: false,
      legend: { top: 0 },
      grid: { left: 160, right: 40, top: 30, bottom: 30 },
      tooltip: { trigger: 'item', formatter: function (p) { return esc(p.seriesName) + '<br>' + esc(p.name) + ': ' + esc(fmt(p.value)); } },
      xAxis: { type: 'value', name: 'importance', max: 1 },
      yAxis: { type: 'category', data: names },
      series: evaluators.map(function (ev) {
        var m = {};
        data.importance[ev].forEach(function (r) { m[r[0]] = r[1]; });
        return { name: ev, type: 'bar', data: names.map(function (n) { return m[n] === undefined ? 0 : m[n]; }) };
      })
    });
  })();

  // ---- parallel coordinates, slices, contours, EDF -------------------------------------------

  var complete = data.trials.filter(function (t) { return t.state === 'COMPLETE' && t.values.length > 0 && t.values[0] !== null; });

  (function parallel() {
    var s = section('parallel', 'Parallel coordinates',
      'One line per completed trial, coloured by its ' + metric + '. Drag along an axis to select a range. A parameter a trial did not use (a conditional one) leaves its line open at that axis.');
    if (complete.length === 0 || data.params.length === 0) {
      s.appendChild(el('p', { text: 'Not available: no completed trial yet.' }));
      return;
    }
    var axes = data.params.map(function (p, i) { return axisFor(p, { dim: i, nameLocation: 'end', nameGap: 10 }); });
    var values = complete.map(function (t) { return t.values[0]; });
    axes.push({ dim: data.params.length, name: metric, type: 'value', scale: true, nameLocation: 'end', nameGap: 10 });
    var rows = complete.map(function (t) {
      var r = data.params.map(function (p) { var v = t.params[p.name]; return v === null ? '-' : v; });
      r.push(t.values[0]);
      r.push(t.n);
      return r;
    });
    draw(chartDiv(s, 'chart-parallel'), {
      animation: false,
      parallel: { left: 60, right: 90, top: 50, bottom: 40 },
      parallelAxis: axes,
      visualMap: { type: 'continuous', dimension: data.params.length, min: Math.min.apply(null, values), max: Math.max.apply(null, values), calculable: true, right: 0, top: 'middle', itemHeight: 200, inRange: { color: ['#313695', '#74add1', '#fee090', '#f46d43', '#a50026'] }, text: [metric, ''] },
      tooltip: { trigger: 'item', formatter: function (p) { return trialTip(p.value[p.value.length - 1], [metric + ' = ' + fmt(p.value[data.params.length])]); } },
      series: [{ type: 'parallel', lineStyle: { width: 1.2, opacity: 0.6 }, data: rows }]
    });
  })();

  (function slices() {
    var s = section('slices', 'Slice plots',
      'The ' + metric + ' of each completed trial against each parameter; colour = trial number. Log parameters on log axes.');
    if (complete.length === 0) {
      s.appendChild(el('p', { text: 'Not available: no completed trial yet.' }));
      return;
    }
    var grid = el('div', { cls: 'small-charts' });
    s.appendChild(grid);
    data.params.forEach(function (p, i) {
      var have = complete.filter(function (t) { return t.params[p.name] !== null; });
      var missing = complete.length - have.length;
      draw(chartDiv(grid, 'chart-slice-' + i), {
        animation: false,
        title: { text: p.name + (missing ? ' (not used by ' + missing + ' trial(s))' : ''), textStyle: { fontSize: 13 }, left: 'center' },
        grid: { left: 60, right: 20, top: 36, bottom: 44 },
        tooltip: { trigger: 'item', formatter: function (q) { return trialTip(q.value[2], [metric + ' = ' + fmt(q.value[1])]); } },
        visualMap: { show: false, type: 'continuous', dimension: 2, min: 0, max: Math.max(1, data.trials.length - 1), inRange: { color: ['#c6dbef', '#08306b'] } },
        xAxis: axisFor(p),
        yAxis: { type: 'value', scale: true, name: metric },
        series: [{ type: 'scatter', symbolSize: 6, data: have.map(function (t) { return [t.params[p.name], t.values[0], t.n]; }) }]
      });
    });
  })();

  (function contours() {
    var s = section('contours', 'Contours of the most important pairs',
      'The ' + metric + ' interpolated between completed trials (inverse-distance weighting, in each parameter\'s own scale) for each pair of the three most important parameters; dots are the trials.');
    if (data.contours.length === 0) {
      s.appendChild(el('p', { text: 'Not available: it needs two parameters and at least two completed trials that used both.' }));
      return;
    }
    var grid = el('div', { cls: 'small-charts contours' });
    s.appendChild(grid);
    data.contours.forEach(function (c, k) {
      var zs = c.z.map(function (z) { return z[2]; }).filter(function (v) { return v !== null; });
      var nx = c.xs.length, ny = c.ys.length;
      draw(chartDiv(grid, 'chart-contour-' + k), {
        animation: false,
        title: { text: c.x + ' \u00d7 ' + c.y + ' (' + c.trials + ' trials)', textStyle: { fontSize: 13 }, left: 'center' },
        grid: { left: 70, right: 70, top: 36, bottom: 50 },
        tooltip: {
          trigger: 'item', formatter: function (p) {
            if (p.seriesType === 'heatmap') { return esc(c.x) + ' \u2248 ' + esc(c.xs[p.value[0]]) + '<br>' + esc(c.y) + ' \u2248 ' + esc(c.ys[p.value[1]]) + '<br>' + esc(metric) + ' \u2248 ' + esc(fmt(p.value[2])); }
            return esc(metric) + ' = ' + esc(fmt(p.value[2]));
          }
        },
        visualMap: { type: 'continuous', min: Math.min.apply(null, zs), max: Math.max.apply(null, zs), calculable: true, right: 0, top: 'middle', itemHeight: 160, seriesIndex: 0, inRange: { color: ['#313695', '#74add1', '#fee090', '#f46d43', '#a50026'] } },
        xAxis: [{ type: 'category', data: c.xs, name: c.x, nameLocation: 'middle', nameGap: 30 }, { type: 'value', min: -0.5, max: nx - 0.5, show: false }],
        yAxis: [{ type: 'category', data: c.ys, name: c.y }, { type: 'value', min: -0.5, max: ny - 0.5, show: false }],
        series: [
          { type: 'heatmap', data: c.z, xAxisIndex: 0, yAxisIndex: 0 },
          { type: 'scatter', data: c.points, xAxisIndex: 1, yAxisIndex: 1, symbolSize: 5, itemStyle: { color: '#111', borderColor: '#fff', borderWidth: 1 } }
        ]
      });
    });
  })();

  if (data.edf) {
    (function edf() {
      var s = section('edf', 'Empirical distribution of the ' + metric,
        'The fraction of completed trials whose ' + metric + ' is at most the value on the x axis.');
      if (data.edf.length === 0) {
        s.appendChild(el('p', { text: 'Not available: no completed trial yet.' }));
        return;
      }
      draw(chartDiv(s, 'chart-edf'), {
        animation: false,
        grid: { left: 60, right: 30, top: 20, bottom: 60 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', scale: true, name: metric, nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', min: 0, max: 1, name: 'fraction of trials' },
        dataZoom: zoomX,
        series: [{ type: 'line', step: 'end', showSymbol: false, data: data.edf }]
      });
    })();
  }

  // ---- learning curves and rung decisions ----------------------------------------------------

  (function curves() {
    var s = section('curves', 'Learning curves and rung decisions',
      'Every trial\'s ' + metric + ' after each epoch, coloured by the trial\'s state; dashed lines mark the rungs, where trials were promoted or stopped.');
    if (data.curves.length === 0) {
      s.appendChild(el('p', { text: 'Not available: no epoch recorded yet.' }));
    } else {
      var byState = {};
      var owners = {};
      data.curves.forEach(function (c) {
        var list = byState[c.state] = byState[c.state] || [];
        var own = owners[c.state] = owners[c.state] || [];
        if (list.length > 0) { list.push(null); own.push(null); }
        c.points.forEach(function (p) { list.push(p); own.push(c.n); });
      });
      var states = Object.keys(byState);
      var rungLines = data.decisions.rungs.map(function (r) { return { xAxis: r }; });
      draw(chartDiv(s, 'chart-curves'), {
        animation: false,
        legend: { top: 0 },
        grid: { left: 60, right: 30, top: 30, bottom: 60 },
        tooltip: {
          trigger: 'item', formatter: function (p) {
            var n = owners[p.seriesName][p.dataIndex];
            return n === null || n === undefined ? '' : trialTip(n, ['epoch ' + p.value[0] + ': ' + metric + ' = ' + fmt(p.value[1])]);
          }
        },
        xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 0 },
        yAxis: { type: 'value', scale: true, name: metric },
        dataZoom: zoomX.concat([{ type: 'inside', yAxisIndex: 0 }]),
        series: states.map(function (st, i) {
          return {
            name: st, type: 'line', data: byState[st], connectNulls: false, showSymbol: false,
            symbolSize: 3, lineStyle: { width: 1, opacity: 0.55 }, itemStyle: { color: STATE_COLORS[st] || '#555' },
            markLine: i === 0 && rungLines.length ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#444' }, label: { formatter: 'rung {c}' }, data: rungLines } : undefined
          };
        })
      });
    }
    var rows = data.decisions.byEpoch;
    if (rows.length === 0) {
      return;
    }
    s.appendChild(el('p', { cls: 'note', text: 'What happened to the segments that ended at each epoch: promoted to the next rung, stopped there, completed, pruned, failed.' }));
    var outcomes = Object.keys(OUTCOME_COLORS).filter(function (o) { return rows.some(function (r) { return r[o]; }); });
    var d = chartDiv(s, 'chart-decisions');
    d.style.height = '300px';
    draw(d, {
      animation: false,
      legend: { top: 0 },
      grid: { left: 60, right: 30, top: 30, bottom: 40 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', name: 'epoch', nameLocation: 'middle', nameGap: 26, data: rows.map(function (r) { return String(r.epoch); }) },
      yAxis: { type: 'value', name: 'segments' },
      series: outcomes.map(function (o) {
        return { name: o, type: 'bar', stack: 'all', itemStyle: { color: OUTCOME_COLORS[o] }, data: rows.map(function (r) { return r[o] || 0; }) };
      })
    });
  })();

  // ---- executor timeline ---------------------------------------------------------------------

  (function timeline() {
    var tl = data.timeline;
    var s = section('timeline', 'Executor timeline',
      'Each segment of epochs as a bar on the executor (and GPU) that ran it, coloured by how it ended; a dark border marks a retry. Below: how many segments ran at once.');
    if (tl.segments.length === 0) {
      s.appendChild(el('p', { text: 'Not available: no segment recorded yet.' }));
      return;
    }
    var lanes = tl.lanes.map(function (l) { return l.name + ' (' + Math.round(l.busy * 100) + '% busy)'; });
    var rows = tl.segments.map(function (g) { return [g.lane, g.start, g.end, g.trial, g.outcome, g.attempt]; });
    var d = chartDiv(s, 'chart-timeline');
    d.style.height = Math.max(300, 120 + lanes.length * 30) + 'px';
    draw(d, {
      animation: false,
      grid: [{ left: 190, right: 30, top: 10, bottom: 150 }, { left: 190, right: 30, height: 80, bottom: 40 }],
      tooltip: {
        trigger: 'item', formatter: function (p) {
          if (p.seriesIndex === 1) { return esc(new Date(p.value[0]).toISOString()) + '<br>' + esc(p.value[1]) + ' running'; }
          var g = tl.segments[p.dataIndex];
          var extra = ['epochs ' + g.from + ' to ' + g.to + ': ' + g.outcome + (g.attempt ? ' (attempt ' + g.attempt + ')' : ''),
            duration(g.end - g.start) + (g.host ? ' on ' + g.host : '')];
          if (g.reason) { extra.push(g.reason); }
          return trialTip(g.trial, extra);
        }
      },
      xAxis: [{ type: 'time', gridIndex: 0, min: tl.start, max: tl.end }, { type: 'time', gridIndex: 1, min: tl.start, max: tl.end }],
      yAxis: [{ type: 'category', gridIndex: 0, data: lanes, inverse: true }, { type: 'value', gridIndex: 1, name: 'running', minInterval: 1 }],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], height: 18, bottom: 4 }],
      series: [
        {
          type: 'custom', xAxisIndex: 0, yAxisIndex: 0, encode: { x: [1, 2], y: 0 }, data: rows,
          renderItem: function (params, api) {
            var start = api.coord([api.value(1), api.value(0)]);
            var end = api.coord([api.value(2), api.value(0)]);
            var h = api.size([0, 1])[1] * 0.6;
            var rect = echarts.graphic.clipRectByRect(
              { x: start[0], y: start[1] - h / 2, width: Math.max(1, end[0] - start[0]), height: h },
              { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
            if (!rect) { return null; }
            return {
              type: 'rect', shape: rect,
              style: { fill: OUTCOME_COLORS[api.value(4)] || '#555', stroke: api.value(5) > 0 ? '#000' : null, lineWidth: api.value(5) > 0 ? 2 : 0 }
            };
          }
        },
        { type: 'line', xAxisIndex: 1, yAxisIndex: 1, step: 'end', showSymbol: false, areaStyle: { opacity: 0.3 }, data: tl.running }
      ]
    });
  })();

  // ---- the trials table ----------------------------------------------------------------------

  (function table() {
    var s = section('trials', 'Trials', 'Click a column to sort; type to filter (matches any cell).');
    var filter = el('input', { type: 'search', placeholder: 'filter', id: 'trials-filter' });
    var stateSel = el('select', { id: 'trials-state' }, [el('option', { value: '', text: 'every state' })].concat(
      Object.keys(study.counts).filter(function (k) { return study.counts[k] > 0; }).map(function (k) { return el('option', { value: k, text: k }); })));
    var count = el('span', { cls: 'note' });
    s.appendChild(el('div', { cls: 'controls' }, [filter, stateSel, count]));
    var cols = [{ name: '#', get: function (t) { return t.n; } }, { name: 'state', get: function (t) { return t.state; } }];
    study.metrics.forEach(function (m, i) { cols.push({ name: m, get: function (t) { return t.values[i] === undefined ? null : t.values[i]; } }); });
    data.params.forEach(function (p) { cols.push({ name: p.name, get: function (t) { return t.params[p.name]; } }); });
    cols.push({ name: 'epochs', get: function (t) { return t.epochs; } });
    cols.push({ name: 'rung', get: function (t) { return t.rung; } });
    cols.push({ name: 'duration (s)', get: function (t) { return t.durationMs === undefined ? null : t.durationMs / 1000; } });
    cols.push({ name: 'note', get: function (t) { return t.failReason || null; } });
    var sortCol = 0, sortAsc = true;
    var thead = el('thead', null, [el('tr', null, cols.map(function (c, i) {
      var th = el('th', { text: c.name });
      th.addEventListener('click', function () { sortAsc = sortCol === i ? !sortAsc : true; sortCol = i; render(); });
      return th;
    }))]);
    var tbody = el('tbody');
    s.appendChild(el('div', { cls: 'table-wrap' }, [el('table', { id: 'trials-table' }, [thead, tbody])]));
    var best = {};
    study.best.forEach(function (n) { best[n] = true; });
    function compare(a, b) {
      if (a === b) { return 0; }
      if (a === null || a === undefined) { return 1; }
      if (b === null || b === undefined) { return -1; }
      if (typeof a === 'number' && typeof b === 'number') { return a - b; }
      return String(a).localeCompare(String(b));
    }
    function render() {
      var q = filter.value.toLowerCase();
      var st = stateSel.value;
      var rows = data.trials.filter(function (t) {
        if (st && t.state !== st) { return false; }
        if (!q) { return true; }
        return cols.some(function (c) { return fmt(c.get(t)).toLowerCase().indexOf(q) >= 0; });
      });
      rows.sort(function (a, b) {
        var c = compare(cols[sortCol].get(a), cols[sortCol].get(b));
        return sortAsc ? c : -c;
      });
      while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
      rows.forEach(function (t) {
        var tr = el('tr', best[t.n] ? { cls: 'best' } : null, cols.map(function (c, i) {
          var v = c.get(t);
          return el('td', { text: fmt(v), cls: (typeof v === 'number' ? 'num' : '') + (i === 1 ? ' state-' + t.state : '') });
        }));
        tbody.appendChild(tr);
      });
      count.textContent = rows.length + ' of ' + data.trials.length + ' trials';
    }
    filter.addEventListener('input', render);
    stateSel.addEventListener('change', render);
    render();
  })();

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  window.rungReport = { charts: charts.length, ready: true };
})();
