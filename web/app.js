// SPDX-License-Identifier: MIT
// app.js - a classroom lesson in the browser (docs/BROWSER.md).
//
// The engine (circlesim.js: the C engine and web/cs_wasm.c as WebAssembly)
// runs the lesson's scenario a day at a time; this file only shows it: the
// lesson's views as charts, its sliders, its steps with their words filled
// from the run by the engine (cs_lesson_fill, as the window and the handout
// fill them). Steps play as `circlesim lesson` and the window play them: a
// step runs to its day and pauses; its `set` moves levers from the next day;
// a step that restarts keeps the run before, drawn faint, and starts again
// from day 1 with the levers the steps have set so far.
//
// Plain JavaScript, no network: the page works opened from file://.
// Query: ?lesson=NAME, ?lang=zh, KEY=VALUE (a lever before the run, as
// --set), and for tests/web_test.sh ?test=run (run to the end, the CSV
// into #csv) or ?test=step&step=K (play steps 1..K, K's words into #words).
'use strict';

const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7'];   // Okabe & Ito
// A channel's own colour, as the window and the pictures draw it
// (draw/palette.c, cs_channel_color), so "the orange line" is the same
// line on a laptop as on the projector.
const CHANNEL_COLORS = {feed: '#56b4e9', kol: '#cc79a7', koc: '#e69f00', group: '#009e73',
                        circle: '#0072b2', livestream: '#d55e00', dm: '#5a5a5a'};
// Line j of view v: a measure of one channel in its channel's colour when
// the view has several lines (draw/panel_plots.c, line_color), else the
// fixed order.
function lineColor(v, j) {
  const m = v.measures[j];
  if (v.measures.length > 1 && /^(gmv_|brand_)/.test(m)) {
    const ch = m.slice(m.lastIndexOf('_') + 1);
    if (CHANNEL_COLORS[ch]) return CHANNEL_COLORS[ch];
  }
  return COLORS[j % 4];
}

// The page's own words; a lesson's words come from its file.
const UI = {
  en: { play: 'Play ▶', next: 'Next step ▶', more: 'Run to the end ▶', pause: 'Pause',
        resume: 'Resume', reset: 'Start over', day: (d, n) => `day ${d} of ${n}`,
        step: (k, n) => `Step ${k} of ${n}`, press: 'Press Play.', axis: 'day' },
  zh: { play: '播放 ▶', next: '下一步 ▶', more: '运行到结束 ▶', pause: '暂停',
        resume: '继续', reset: '重新开始', day: (d, n) => `第 ${d} 天 / 共 ${n} 天`,
        step: (k, n) => `第 ${k} 步 / 共 ${n} 步`, press: '按下播放。', axis: '天' },
};

function report(text) { $('msgs').textContent += text + '\n'; }
window.onerror = (m, src, line) => report(`error: ${m} (${src}:${line})`);
window.onunhandledrejection = e => report(`error: ${e.reason}`);

// Built with synchronous compilation, the factory returns the module
// itself, its `ready` settled once the engine has started.
const engine = createCirclesim();
(engine.ready || Promise.resolve(engine)).then(M => {
  const call = (ret, f, ...a) =>
    M.ccall(f, ret, a.map(x => typeof x === 'number' ? 'number' : 'string'), a);
  const str = (f, ...a) => call('string', f, ...a);
  const num = (f, ...a) => call('number', f, ...a);

  // The engine's complaint in its own words, and the page stops there.
  function check(rc, what) {
    if (rc === 0) return;
    const why = str('csw_messages').trim();
    throw new Error(`${what}: ${why || 'error ' + rc}`);
  }

  let lang = params.get('lang') || 'en';
  let lesson = null;      // the lesson: block, as csw_lesson gives it
  let names = [];         // the timeseries columns
  let rows = [];          // the run's rows so far, day 1 first
  let before = null;      // the run before a restart: {rows}, drawn faint
  let started = false;    // the run is open
  let reached = 0;        // steps reached (step `reached` is shown)
  let target = null;      // {day, step}: where the playing run pauses
  let timer = null;
  let pending = [];       // steps reached before the run opened, their levers to set
  const levers = {};      // slider values before the run (KEY -> VALUE, as --set)

  const ui = () => UI[lang] || UI.en;
  const tx = t => (t && (t[lang] || t.en || Object.values(t)[0])) || '';
  const day = () => num('csw_day');
  const days = () => num('csw_days');

  // ---- the lesson ----

  function load(name) {
    stop();
    check(num('csw_load', name + '.yaml', CS_LESSONS[name]), 'loading ' + name);
    lesson = JSON.parse(str('csw_lesson'));
    names = []; rows = []; before = null; started = false; reached = 0; target = null; pending = [];
    for (const k of Object.keys(levers)) delete levers[k];
    for (const [k, v] of params) if (k.includes('.')) levers[k] = v;   // ?brand.koc_seeds=20
    const langs = lesson ? Object.keys(lesson.title) : ['en'];
    if (!langs.includes(lang)) lang = langs.includes('en') ? 'en' : langs[0];
    const sel = $('lang');
    sel.textContent = '';
    for (const l of langs) sel.add(new Option(l === 'zh' ? '中文' : l === 'en' ? 'English' : l, l));
    sel.value = lang;
    buildSliders();
    $('charts').textContent = '';
    $('download').classList.add('hidden');
    // A first step that runs to no day is the lesson's opening words.
    if (lesson && lesson.steps.length && !lesson.steps[0].day && !lesson.steps[0].restart)
      arrive(1);
    show();
  }

  function buildSliders() {
    const box = $('sliders');
    box.textContent = '';
    for (const s of (lesson ? lesson.sliders : [])) {
      const now = levers[s.key] !== undefined ? levers[s.key] : str('csw_get', s.key).trim();
      const input = Object.assign(document.createElement('input'),
        { type: 'range', min: s.min, max: s.max, step: s.step, value: now });
      input.dataset.key = s.key;
      const out = document.createElement('output');
      out.textContent = input.value;
      input.oninput = () => { out.textContent = input.value; };
      // Before the run a slider sets the scenario (as --set); during it, a
      // lever from the next day (as the window's sliders do).
      input.onchange = () => {
        if (started && day() < days()) check(num('csw_set_lever', s.key, Number(input.value)), s.key);
        else levers[s.key] = input.value;
      };
      const label = document.createElement('label');
      label.append(tx(s.label), input, out);
      box.append(label);
    }
  }

  // A step's `set` moved the levers: the sliders follow.
  function sliderFollow(set) {
    for (const input of $('sliders').querySelectorAll('input')) {
      if (set[input.dataset.key] === undefined) continue;
      input.value = set[input.dataset.key];
      input.nextSibling.textContent = input.value;
    }
  }

  // ---- the run ----

  function open() {
    for (const [k, v] of Object.entries(levers)) check(num('csw_set', k + '=' + v), 'set ' + k);
    check(num('csw_start'), 'starting the run');
    started = true;
    rows = [];
    names = [];
    for (let i = 0, n = num('csw_column_count'); i < n; i++) names.push(str('csw_column_name', i));
    for (const i of pending) check(num('csw_apply_step', i), 'step ' + (i + 1));
    pending = [];
  }

  function advance() {
    check(num('csw_step'), 'day ' + (day() + 1));
    const p = num('csw_row', day()) / 8;
    rows.push(Array.from(M.HEAPF64.subarray(p, p + names.length)));
  }

  // Step k (1-based) begins: a restart keeps the run so far as the run
  // before and opens a new one with every lever the steps set so far,
  // its own from day 1. Returns the day the run pauses at.
  function depart(k) {
    const st = lesson.steps[k - 1];
    if (!started) open();
    if (st.restart) {
      before = { rows };
      check(num('csw_start'), 'starting again');
      rows = [];
      for (let i = 0; i < k; i++) check(num('csw_apply_step', i), 'step ' + (i + 1));
    }
    return Math.min(st.day || 0, days());
  }

  // Step k is reached: its levers move from the next day (a restart's
  // moved at its start), its words are shown.
  function arrive(k) {
    const st = lesson.steps[k - 1];
    if (!st.restart) {
      if (started) check(num('csw_apply_step', k - 1), 'step ' + k);
      else pending.push(k - 1);
    }
    sliderFollow(st.set);
    reached = k;
  }

  // What Play does next: the next step, else the rest of the run.
  function play() {
    if (timer) return;
    if (lesson && reached < lesson.steps.length) {
      const k = reached + 1;
      target = { day: depart(k), step: k };
    } else {
      if (!started) open();
      target = { day: days(), step: 0 };
    }
    go();
  }

  function go() {
    show();
    timer = setTimeout(tick, 0);
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  // A few days a tick (a run shows in about ten seconds), then a picture.
  function tick() {
    timer = null;
    const per = Math.max(1, Math.round(days() / 240));
    for (let i = 0; i < per && day() < target.day; i++) advance();
    if (day() >= target.day) {
      if (target.step) arrive(target.step);
      target = null;
      if (day() >= days()) finish();
      show();
      return;
    }
    show();
    timer = setTimeout(tick, 30);
  }

  // The run's folder as `circlesim run --out` writes it, in the page's
  // memory; its timeseries.csv to download.
  function finish() {
    check(num('csw_write', '/out'), 'writing the run');
    const csv = str('csw_read_file', '/out/timeseries.csv');
    const a = $('download');
    if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    a.classList.remove('hidden');
    return csv;
  }

  // ---- what the page shows ----

  // The info card's reflow (draw/panel_info.c's cs_info_reflow): a line
  // break inside a paragraph becomes a space, none between Chinese lines;
  // a blank line, an indented line or "- " still break.
  function reflow(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== '\n') { out += s[i]; continue; }
      const next = s[i + 1] || '', last = out[out.length - 1] || '';
      const keep = next === '' || next === '\n' || next === ' ' || s.startsWith('- ', i + 1) ||
                   last === '\n';
      const wide = last.charCodeAt(0) >= 0x80 || next.charCodeAt(0) >= 0x80;
      if (keep) out += '\n';
      else if (!wide) out += ' ';
    }
    return out.replace(/[\n ]+$/, '');
  }

  function show() {
    const u = ui();
    document.documentElement.lang = lang;
    $('title').textContent = lesson ? tx(lesson.title) : $('lesson').value;
    const about = lesson ? tx(lesson.about) : '';
    $('about').textContent = about ? reflow(str('csw_fill', about)) : '';
    $('about').classList.toggle('hidden', !about);
    showStep();
    const more = lesson && reached < lesson.steps.length;
    const over = started && day() >= days() && !more;
    $('play').textContent = !started && !reached ? u.play : more ? u.next : u.more;
    $('play').disabled = !!timer || over;
    $('pause').textContent = timer || !target ? u.pause : u.resume;
    $('pause').disabled = !timer && !target;
    $('reset').textContent = u.reset;
    $('day').textContent = started ? u.day(day(), days()) : '';
    draw();
  }

  function showStep() {
    const box = $('step');
    box.textContent = '';
    if (!lesson || !reached) {
      if (lesson && lesson.steps.length) box.textContent = ui().press;
      return;
    }
    const st = lesson.steps[reached - 1];
    const h = document.createElement('h2');
    h.textContent = ui().step(reached, lesson.steps.length);
    const caption = Object.assign(document.createElement('div'), { id: 'caption' });
    caption.textContent = str('csw_fill', tx(st.caption));
    const question = Object.assign(document.createElement('div'), { id: 'question' });
    const q = tx(st.question);
    question.textContent = q ? '? ' + str('csw_fill', q) : '';
    box.append(h, caption, question);
  }

  function views() {
    if (lesson && lesson.views.length) return lesson.views;
    return names.length > 2 ? [{ measures: [names[2]], so_far: false, title: { en: names[2] }, legend: [] }] : [];
  }

  function draw() {
    const vs = views(), box = $('charts');
    while (box.children.length < vs.length) box.append(document.createElement('canvas'));
    vs.forEach((v, i) => chart(box.children[i], v));
  }

  // A view's lines over rs: each measure's value of the day, or its total
  // from day 1 for a view of totals.
  function lines(v, rs) {
    return v.measures.map(m => {
      const i = names.indexOf(m);
      let total = 0;
      return rs.map(r => {
        const y = r[i];
        if (!v.so_far) return y;
        total += Number.isFinite(y) ? y : 0;
        return total;
      });
    });
  }

  // An axis from 0 to at least hi in about four round steps (1, 2 or 5
  // times a power of ten); the last tick is the axis' end.
  function ticks(hi) {
    const raw = hi / 4, p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * p).find(s => s >= raw);
    const n = Math.ceil(hi / step - 1e-9), out = [];
    for (let i = 0; i <= n; i++) out.push(Number((i * step).toPrecision(12)));
    return out;
  }

  function label(y) {
    const a = Math.abs(y);
    const s = a >= 100 || a === 0 ? Math.round(y).toString() : y.toPrecision(2);
    return s.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  }

  function chart(cv, v) {
    const ratio = window.devicePixelRatio || 1;
    const W = cv.clientWidth || 520, H = cv.clientHeight || 300;
    if (cv.width !== Math.round(W * ratio)) { cv.width = Math.round(W * ratio); cv.height = Math.round(H * ratio); }
    const g = cv.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, W, H);
    const L = 64, R = 16, T = 34, B = 30 + 20 * Math.ceil(v.measures.length / 2);
    g.fillStyle = '#222';
    g.font = '600 15px system-ui, sans-serif';
    g.fillText(tx(v.title), 12, 22);
    const now = lines(v, rows), old = before ? lines(v, before.rows) : [];
    const n = days() || 1;
    let hi = 0;
    for (const s of now.concat(old)) for (const y of s) if (Number.isFinite(y) && y > hi) hi = y;
    hi = hi > 0 ? hi : 1;
    const ys = ticks(hi);
    const top = ys[ys.length - 1];
    const X = d => L + (W - L - R) * d / n, Y = y => H - B - (H - B - T) * y / top;
    g.font = '12px system-ui, sans-serif';
    g.textAlign = 'right';
    for (const y of ys) {
      g.strokeStyle = '#eee'; g.beginPath(); g.moveTo(L, Y(y)); g.lineTo(W - R, Y(y)); g.stroke();
      g.fillStyle = '#555'; g.fillText(label(y), L - 6, Y(y) + 4);
    }
    g.textAlign = 'center';
    for (const d of ticks(n)) if (d <= n) g.fillText(d, X(d), H - B + 16);
    g.textAlign = 'right';
    g.fillText(ui().axis, L - 12, H - B + 16);
    g.textAlign = 'left';
    g.strokeStyle = '#888'; g.lineWidth = 1;
    g.beginPath(); g.moveTo(L, T); g.lineTo(L, H - B); g.lineTo(W - R, H - B); g.stroke();
    // Day d's row is drawn at d; the run before faint and dashed under it.
    const path = (s, width, dash) => {
      g.lineWidth = width; g.setLineDash(dash); g.beginPath();
      let on = false;
      s.forEach((y, i) => {
        if (!Number.isFinite(y)) { on = false; return; }
        if (on) g.lineTo(X(i + 1), Y(y)); else g.moveTo(X(i + 1), Y(y));
        on = true;
      });
      g.stroke(); g.setLineDash([]);
    };
    old.forEach((s, j) => { g.strokeStyle = lineColor(v, j) + '66'; path(s, 2, [6, 4]); });
    now.forEach((s, j) => { g.strokeStyle = lineColor(v, j); path(s, 2.5, []); });
    // The legend: each line's words and its number now, as the engine
    // writes numbers into a lesson's words.
    g.font = '13px system-ui, sans-serif';
    v.measures.forEach((m, j) => {
      const x = L + (j % 2) * (W - L) / 2, y = H - B + 38 + 20 * Math.floor(j / 2);
      g.fillStyle = lineColor(v, j);
      g.fillRect(x, y - 9, 14, 4);
      const value = started ? str('csw_fill', '{' + m + (v.so_far ? ':so_far' : '') + '}') : '';
      g.fillStyle = '#222';
      const name = v.legend[j] && tx(v.legend[j]);   // a single line has none
      g.fillText(name && value ? name + ': ' + value : name || value, x + 20, y - 3);
    });
  }

  // ---- the controls ----

  const pick = $('lesson');
  for (const name of Object.keys(CS_LESSONS)) pick.add(new Option(name, name));
  const first = CS_LESSONS['word-of-mouth'] ? 'word-of-mouth' : Object.keys(CS_LESSONS)[0];
  pick.value = CS_LESSONS[params.get('lesson')] ? params.get('lesson') : first;
  pick.onchange = () => load(pick.value);
  $('lang').onchange = () => { lang = $('lang').value; buildSliders(); show(); };
  $('play').onclick = play;
  $('pause').onclick = () => { if (timer) { stop(); show(); } else if (target) go(); };
  $('reset').onclick = () => load(pick.value);
  window.onresize = () => draw();

  // ---- what tests/web_test.sh asks ----

  // The whole run at once, as `circlesim run` makes it: no steps.
  function testRun() {
    open();
    while (day() < days()) advance();
    $('csv').textContent = finish();
  }

  // Steps 1..K played at once; K's caption as the engine filled it.
  function testStep(k) {
    if (!lesson || k < 1 || k > lesson.steps.length) throw new Error('no step ' + k);
    for (let i = reached + 1; i <= k; i++) {
      const end = depart(i);
      while (day() < end) advance();
      arrive(i);
    }
    $('words').textContent = str('csw_fill', tx(lesson.steps[k - 1].caption));
  }

  load(pick.value);
  const test = params.get('test');
  if (test === 'run') testRun();
  else if (test === 'step') testStep(Number(params.get('step')));
  else if (params.has('autoplay')) play();
  show();
  if (test) document.body.dataset.done = 'ok';
}).catch(e => {
  report(String(e && e.message || e));
  document.body.dataset.done = 'error';
});
