// 数据看板 — the Teams tab. Signs in with Teams SSO (teams-js authentication.getAuthToken), asks the bot's API what the
// person may see, and draws each page with ECharts (SVG renderer) next to a table with the same figures (the charts'
// accessible alternative). Outside Teams it says so and shows nothing; only a local run offers the dev sign-in.
import { app as teamsApp, authentication } from '@microsoft/teams-js';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, AriaComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import zh from '../i18n/zh-CN.json';
import en from '../i18n/en-US.json';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, AriaComponent, TitleComponent, SVGRenderer]);

const catalogues = { 'zh-CN': zh, 'en-US': en };
const state = { lang: 'zh-CN', theme: 'default', auth: null, me: null, page: null, charts: [], data: {} };
const root = document.getElementById('app');

function t(key, params = {}) {
  const text = catalogues[state.lang][key] ?? catalogues['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const num = (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toLocaleString(state.lang, { maximumFractionDigits: digits }));
const pct = (v) => (v === null || v === undefined ? '—' : `${(Number(v) * 100).toLocaleString(state.lang, { maximumFractionDigits: 1 })}%`);
const time = (iso) => new Date(iso).toLocaleString(state.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });

async function api(path) {
  const headers = {};
  if (state.auth.token) headers.Authorization = `Bearer ${state.auth.token}`;
  if (state.auth.devUser) headers['X-Dashboard-Dev-User'] = state.auth.devUser;
  const response = await fetch(`/api/dashboard${path}`, { headers, cache: 'no-store' });
  if (response.status === 401) throw Object.assign(new Error('signin'), { kind: 'signin' });
  if (response.status === 403) throw Object.assign(new Error('forbidden'), { kind: 'forbidden' });
  if (!response.ok) throw Object.assign(new Error(String(response.status)), { kind: 'error' });
  return response.json();
}

// ---- theme -----------------------------------------------------------------------------------------------------
function applyTheme(theme) {
  state.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
  document.body.dataset.theme = state.theme;
}

function chartTheme() {
  if (state.theme === 'contrast') {
    return { color: ['#ffff00', '#00ffff', '#ff00ff', '#ffffff', '#00ff00', '#ff8c00'], text: '#ffffff', line: '#ffffff' };
  }
  if (state.theme === 'dark') {
    return { color: ['#7f85f5', '#4cc2ff', '#f7a8a8', '#92c353', '#e9c46a', '#c8a2ff', '#ff9e6d', '#6fdfd6'], text: '#e0e0e0', line: '#8a8886' };
  }
  return { color: ['#c8102e', '#5b5fc7', '#0f6cbd', '#107c10', '#ca5010', '#8764b8', '#038387', '#986f0b'], text: '#242424', line: '#616161' };
}

// ---- charts with their tables ----------------------------------------------------------------------------------
// Charts are drawn once their page is in the document (ECharts measures its box): figure() only queues them.
const pending = [];

function figure(id, title, option, table, onClick) {
  const chartBox = el('div', { class: 'chart', 'data-chart': id, role: 'img', 'aria-label': title });
  const details = el('details', { class: 'table-view', 'data-table': id }, el('summary', { text: t('table.show') }), table);
  const fig = el('figure', { class: 'card' }, el('figcaption', { text: title }), chartBox, details);
  pending.push({ box: chartBox, option, onClick });
  return fig;
}

function drawPending() {
  for (const { box, option, onClick } of pending.splice(0)) {
    if (!box.isConnected) continue;
    const chart = draw(box, option);
    if (onClick) chart.on('click', onClick);
  }
}

window.addEventListener('resize', () => state.charts.forEach((c) => c.resize()));

function draw(box, option) {
  const theme = chartTheme();
  const chart = echarts.init(box, null, { renderer: 'svg' });
  const full = {
    color: theme.color,
    textStyle: { color: theme.text, fontFamily: 'inherit' },
    aria: { enabled: true },
    // No motion for people who ask the system for less (and for screenshots, which the walk takes that way).
    animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    ...option,
  };
  if (full.legend) full.legend = { textStyle: { color: theme.text }, top: 0, type: 'scroll', itemGap: 18, ...full.legend };
  for (const axis of ['xAxis', 'yAxis']) {
    if (full[axis]) full[axis] = { axisLabel: { color: theme.text }, axisLine: { lineStyle: { color: theme.line } }, ...full[axis] };
  }
  chart.setOption(full);
  box.dataset.series = String((full.series ?? []).length);
  box.dataset.rendered = 'true';
  state.charts.push(chart);
  return chart;
}

function table(headers, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))));
}

function tile(label, value, note, flag) {
  return el('div', { class: `tile${flag === false ? ' miss' : flag === true ? ' met' : ''}`, 'data-tile': label },
    el('div', { class: 'tile-value', text: value }), el('div', { class: 'tile-label', text: label }), note ? el('div', { class: 'tile-note', text: note }) : null);
}

const targetLine = (value, label) => ({ silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: chartTheme().line }, label: { formatter: label, color: chartTheme().text, position: 'insideEndTop' }, data: [{ yAxis: value }] });
const metText = (met) => t(met ? 'overview.met' : 'overview.notMet');

// ---- pages -----------------------------------------------------------------------------------------------------
const pages = {
  async Overview() {
    const o = await api('/overview');
    const rate = o.participationRate;
    const avg = o.averageHours;
    const names = o.divisions.map((d) => d.name);
    return [
      el('h2', { text: t('overview.heading', { year: o.year, quarter: o.quarter }) }),
      o.department ? null : el('p', { class: 'hint', text: t('overview.scopeDivisions') }),
      el('div', { class: 'tiles' },
        tile(t('overview.registered'), num(o.registered, 0)),
        tile(t('overview.participants'), num(o.participants, 0)),
        tile(t('overview.participation'), pct(rate.value), t('overview.participationTarget', { target: pct(rate.target) }), rate.met),
        tile(t('overview.average'), num(avg.value, 2), t('overview.averageTarget', { target: num(avg.target) }), avg.met),
        tile(t('overview.at20', { hours: num(o.outstandingHours, 0) }), num(o.at20Hours, 0)),
        tile(t('overview.hoursYear'), num(o.hoursThisYear)),
        tile(t('overview.hoursQuarter'), num(o.hoursThisQuarter)),
        tile(t('overview.activitiesQuarter'), num(o.activitiesThisQuarter, 0)),
        tile(t('overview.centralised'), num(o.centralisedThisYear, 0), t('overview.centralisedTarget', { target: o.centralisedTarget }), o.centralisedThisYear >= o.centralisedTarget)),
      el('div', { class: 'grid2' },
        figure('overview-targets', `${t('overview.participation')} · ${t('overview.average')}`, {
          tooltip: { trigger: 'item' },
          xAxis: { type: 'category', data: [t('overview.participation'), t('overview.average')] },
          yAxis: { type: 'value', max: (v) => Math.max(v.max, 1), axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
          series: [{
            type: 'bar', name: t('overview.target'), barMaxWidth: 48,
            data: [Number(rate.value ?? 0) / Number(rate.target), Number(avg.value ?? 0) / Number(avg.target)].map((v) => Math.round(v * 1000) / 10 / 100),
            label: { show: true, formatter: (p) => `${Math.round(p.value * 100)}%` },
            markLine: targetLine(1, `${t('overview.target')} 100%`),
          }],
        }, table([t('overview.target'), t('overview.target'), ''], [
          [t('overview.participation'), pct(rate.value), `${t('overview.participationTarget', { target: pct(rate.target) })} · ${metText(rate.met)}`],
          [t('overview.average'), num(avg.value, 2), `${t('overview.averageTarget', { target: num(avg.target) })} · ${metText(avg.met)}`],
        ])),
        figure('overview-divisions', t('overview.divisionActivities'), {
          legend: {},
          xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { type: 'bar', name: t('overview.series.quarter'), data: o.divisions.map((d) => d.activitiesThisQuarter) },
            { type: 'bar', name: t('overview.series.branch'), data: o.divisions.map((d) => d.branchThisYear), markLine: targetLine(o.branchTarget, `${t('overview.target')} ${o.branchTarget}`) },
          ],
        }, table([t('divisions.name'), t('overview.series.quarter'), t('overview.series.branch')],
          o.divisions.map((d) => [d.name, num(d.activitiesThisQuarter, 0), `${num(d.branchThisYear, 0)} / ${d.branchTarget}`])))),
      el('p', { class: 'as-of', text: t('asOf', { time: time(o.asOf) }) }),
    ];
  },

  async Divisions() {
    if (state.data.division) return divisionDetail(state.data.division);
    const d = await api('/divisions');
    const open = (id) => { state.data.division = id; render(); };
    const rows = d.divisions.map((r) => [
      el('button', { class: 'link', 'data-division': r.id, onclick: () => open(r.id), text: r.name }),
      num(r.members, 0),
      r.noLiaison ? el('span', { class: 'flag', text: `0 · ${t('divisions.noLiaison')}` }) : num(r.liaisons, 0),
      pct(r.participationRate), num(r.hoursThisYear), num(r.averageHours, 2), num(r.branchThisYear, 0),
      num(r.pendingConfirmations, 0), num(r.missingDeclarations, 0), r.featuredProjects === null ? '—' : num(r.featuredProjects, 0),
    ]);
    const fig = figure('divisions-hours', t('divisions.chart'), {
      xAxis: { type: 'category', data: d.divisions.map((r) => r.name), axisLabel: { interval: 0, rotate: d.divisions.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', name: t('divisions.hours'), data: d.divisions.map((r) => r.hoursThisYear), barMaxWidth: 48 }],
    }, table([t('divisions.name'), t('divisions.members'), t('divisions.liaisons'), t('divisions.participation'), t('divisions.hours'),
      t('divisions.average'), t('divisions.branch'), t('divisions.pending'), t('divisions.missingDeclarations'), t('divisions.featured')], rows),
    (p) => open(d.divisions[p.dataIndex].id));
    fig.querySelector('details').open = true;
    return [el('h2', { text: t('divisions.heading', { year: d.year }) }), el('p', { class: 'hint', text: t('divisions.hint') }), fig,
      el('p', { class: 'as-of', text: t('asOf', { time: time(d.asOf) }) })];
  },

  async Trends() {
    const d = await api('/trends');
    const stacked = (key) => d.divisions.map((s) => ({ type: 'bar', stack: key, name: s.name, data: s[key] }));
    const rows = (key) => d.months.map((m, i) => [m, ...d.divisions.map((s) => num(s[key][i], key === 'hours' ? 1 : 0))]);
    const axis = { xAxis: { type: 'category', data: d.months }, yAxis: { type: 'value' }, legend: {} };
    return [
      el('h2', { text: t('trends.heading') }),
      figure('trends-hours', t('trends.hours'), { ...axis, series: stacked('hours') }, table([t('trends.month'), ...d.divisions.map((s) => s.name)], rows('hours'))),
      figure('trends-participants', t('trends.participants'), { ...axis, series: stacked('participants') }, table([t('trends.month'), ...d.divisions.map((s) => s.name)], rows('participants'))),
      el('p', { class: 'as-of', text: d.computedAt ? t('trends.computed', { time: time(d.computedAt) }) : t('state.empty') }),
    ];
  },

  async Projects() {
    const d = await api('/projects');
    const statuses = d.pipeline.map((p) => t(`status.${p.status}`));
    return [
      el('h2', { text: t('projects.heading') }),
      el('div', { class: 'grid2' },
        figure('projects-pipeline', t('projects.pipeline'), {
          xAxis: { type: 'category', data: statuses, axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 },
          series: [{ type: 'bar', name: t('projects.count'), data: d.pipeline.map((p) => p.count), barMaxWidth: 40 }],
        }, table([t('projects.status'), t('projects.count')], d.pipeline.map((p) => [t(`status.${p.status}`), num(p.count, 0)]))),
        figure('projects-upcoming', t('projects.upcoming'), {
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          yAxis: { type: 'category', data: d.upcoming.map((u) => u.title), inverse: true },
          series: [{ type: 'bar', name: t('projects.fill'), data: d.upcoming.map((u) => Math.round(Number(u.fill) * 1000) / 10), barMaxWidth: 24 }],
        }, table([t('projects.title'), t('projects.start'), t('projects.place'), t('projects.signedUp'), t('projects.fill')],
          d.upcoming.map((u) => [u.title, time(u.start), u.place, `${u.confirmed} / ${u.capacity}`, pct(u.fill)])))),
      el('h3', { text: t('projects.withoutDeclaration') }),
      d.withoutDeclaration.length === 0 ? el('p', { text: t('projects.none') })
        : el('div', { class: 'card', 'data-table': 'projects-undeclared' }, table([t('projects.title'), t('projects.division'), t('projects.start'), t('projects.status')],
          d.withoutDeclaration.map((p) => [p.title, p.divisionName, time(p.start), t(`status.${p.status}`)]))),
      el('p', { class: 'as-of', text: t('asOf', { time: time(d.asOf) }) }),
    ];
  },

  async Mine() {
    const m = await api('/mine');
    if (!m.registered) return [el('h2', { text: t('nav.Mine') }), el('p', { class: 'notice', text: t('mine.notRegistered') })];
    return [
      el('h2', { text: t('mine.heading', { name: m.name, year: m.year }) }),
      el('div', { class: 'tiles' },
        tile(t('mine.hoursYear'), num(m.hoursThisYear)), tile(t('mine.pendingYear'), num(m.pendingThisYear)),
        tile(t('mine.points'), num(m.pointsBalance, 0)), tile(t('mine.pointsYear'), num(m.pointsThisYear, 0))),
      el('div', { class: 'grid2' },
        figure('mine-months', t('mine.byMonth'), {
          legend: {}, xAxis: { type: 'category', data: m.months }, yAxis: { type: 'value' },
          series: [
            { type: 'bar', stack: 'h', name: t('mine.confirmed'), data: m.confirmedByMonth },
            { type: 'bar', stack: 'h', name: t('mine.pending'), data: m.pendingByMonth },
          ],
        }, table([t('mine.month'), t('mine.confirmed'), t('mine.pending')], m.months.map((mo, i) => [mo, num(m.confirmedByMonth[i]), num(m.pendingByMonth[i])]))),
        figure('mine-progress', t('mine.progress'), {
          tooltip: { trigger: 'item' },
          xAxis: { type: 'value', max: (v) => Math.max(v.max, 100), axisLabel: { formatter: '{value}%' } },
          yAxis: { type: 'category', data: [t('mine.toAverage', { target: num(m.toAverage.target) }), t('mine.toOutstanding', { target: num(m.toOutstanding.target) })] },
          series: [{ type: 'bar', name: t('mine.done'), barMaxWidth: 28, label: { show: true, formatter: '{c}%' },
            data: [m.toAverage, m.toOutstanding].map((g) => Math.round((Number(g.value) / Number(g.target)) * 1000) / 10) }],
        }, table([t('mine.goal'), t('mine.hoursYear'), t('mine.done')], [m.toAverage, m.toOutstanding].map((g, i) =>
          [i === 0 ? t('mine.toAverage', { target: num(g.target) }) : t('mine.toOutstanding', { target: num(g.target) }), num(g.value), metText(g.met)])))),
      el('p', { class: 'as-of', text: t('asOf', { time: time(m.asOf) }) }),
    ];
  },
};

async function divisionDetail(id) {
  const d = await api(`/division/${encodeURIComponent(id)}`);
  const top = d.volunteers.slice(0, 20);
  return [
    el('button', { class: 'link back', onclick: () => { state.data.division = null; render(); }, text: `← ${t('division.back')}` }),
    el('h2', { text: t('division.heading', { name: d.division.name }) }),
    (() => {
      const fig = figure('division-volunteers', t('division.chart'), {
        xAxis: { type: 'category', data: top.map((v) => v.name), axisLabel: { interval: 0, rotate: top.length > 8 ? 30 : 0 } }, yAxis: { type: 'value' },
        series: [{ type: 'bar', name: t('division.hours'), data: top.map((v) => v.hours), barMaxWidth: 40 }],
      }, table([t('division.volunteer'), t('division.hours'), t('division.points'), t('division.lastActivity')],
        d.volunteers.map((v) => [v.isLiaison ? `${v.name}（${t('division.liaison')}）` : v.name, num(v.hours), num(v.points, 0),
          v.lastActivity ?? t('division.lastActivityNone', { since: d.lastActivitySince })])));
      fig.querySelector('details').open = true;
      return fig;
    })(),
  ];
}

// ---- shell -----------------------------------------------------------------------------------------------------
function disposeCharts() {
  for (const c of state.charts) c.dispose();
  state.charts = [];
}

function shell(content) {
  disposeCharts();
  document.documentElement.lang = state.lang;
  document.title = t('title');
  const nav = state.me
    ? el('nav', { 'aria-label': t('title') }, state.me.pages.map((p) => el('button', {
      class: 'tab', 'data-page': p, 'aria-current': p === state.page ? 'page' : null,
      onclick: () => { state.page = p; state.data.division = null; render(); }, text: t(`nav.${p}`),
    })))
    : null;
  const lang = el('button', { class: 'lang', 'data-action': 'language', onclick: () => {
    state.lang = state.lang === 'zh-CN' ? 'en-US' : 'zh-CN';
    try { localStorage.setItem('dashboard.lang', state.lang); } catch { /* private mode */ }
    render();
  }, text: t('lang.switch') });
  root.replaceChildren(el('header', {}, el('h1', { text: t('title') }), lang), nav, el('main', { id: 'page', 'data-page': state.page ?? '' }, content));
  drawPending();
}

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  if (!state.me) return;
  shell(el('p', { class: 'loading', text: t('state.loading') }));
  try {
    const content = await pages[state.page]();
    if (seq !== renderSeq) return;
    shell(content);
    document.body.dataset.ready = state.page;
  } catch (e) {
    if (seq !== renderSeq) return;
    shell(el('p', { class: 'notice', role: 'alert', text: t(e.kind === 'forbidden' ? 'state.forbidden' : e.kind === 'signin' ? 'state.signinFailed' : 'state.error') }));
    document.body.dataset.ready = 'error';
  }
}

function stop(key) {
  state.me = null;
  shell(el('p', { class: 'notice', role: 'alert', 'data-state': key, text: t(key) }));
  document.body.dataset.ready = key;
}

async function start(auth) {
  state.auth = auth;
  try {
    state.me = await api('/me');
  } catch {
    stop('state.signinFailed');
    return;
  }
  let saved = null;
  try { saved = localStorage.getItem('dashboard.lang'); } catch { /* private mode */ }
  state.lang = saved && catalogues[saved] ? saved : (catalogues[state.me.language] ? state.me.language : 'zh-CN');
  state.page = state.me.pages[0];
  await render();
}

async function devSignIn() {
  let people;
  try {
    const response = await fetch('/api/dashboard/dev/people', { cache: 'no-store' });
    if (!response.ok) return false;
    people = await response.json();
  } catch {
    return false;
  }
  const select = el('select', { id: 'dev-user', 'aria-label': t('dev.title') }, people.map((p) => el('option', { value: p.aadObjectId, text: p.name })));
  shell(el('section', { class: 'card dev' }, el('h2', { text: t('dev.title') }), el('p', { class: 'hint', text: t('dev.hint') }), select,
    el('button', { id: 'dev-signin', onclick: () => start({ devUser: select.value }), text: t('dev.signin') })));
  document.body.dataset.ready = 'dev';
  return true;
}

const withTimeout = (promise, ms) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

async function main() {
  applyTheme('default');
  // Teams hosts a tab in a frame (web, desktop) or a webview with a native bridge (mobile); a plain browser window
  // is neither, and there is no host to answer teams-js, so it is not asked (it would only time out).
  const hosted = window.parent !== window || Boolean(window.nativeInterface) || Boolean(window.opener);
  let inTeams = false;
  if (hosted) {
    try {
      await withTimeout(teamsApp.initialize(), 5000);
      inTeams = true;
    } catch { /* framed, but not by a Teams host */ }
  }
  if (inTeams) {
    try {
      const context = await teamsApp.getContext();
      applyTheme(context.app?.theme);
      teamsApp.registerOnThemeChangeHandler((theme) => { applyTheme(theme); render(); });
    } catch { /* keep the default theme */ }
    try {
      const token = await authentication.getAuthToken();
      await start({ token });
    } catch {
      stop('state.signinFailed');
    }
    return;
  }
  // Local runs only (the dev sign-in exists only there): ?theme=dark|contrast previews the Teams themes.
  const preview = new URLSearchParams(window.location.search).get('theme');
  if (await devSignIn()) {
    if (preview) applyTheme(preview);
  } else {
    stop('state.outsideTeams');
  }
}

main();
