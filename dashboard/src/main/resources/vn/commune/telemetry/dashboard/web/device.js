// One device: where it is, its state and since when, its last 24 hours as a timeline, a chart of one of its status
// fields over a chosen period (downsampled by the service), and its alerts of the last week.
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { pct, dateTime, num } from './format.js';

const DAY = 86400000;
const PERIODS = { '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
const FIELDS = ['battery_pct', 'temp_c', 'rsrp_dbm', 'rssi_dbm', 'volume_pct', 'horns_ok', 'clients', 'uplink_mbps',
  'latency_ms', 'storage_used_pct', 'fps', 'bitrate_kbps', 'devices', 'spool_depth', 'uptime_s'];
const EVENT_TYPES = ['power_lost', 'power_restored', 'reboot', 'broadcast_started', 'broadcast_ended', 'tamper'];
const COLORS = { online: '#1b7f3b', offline: '#b42318', unknown: '#98a2b3', maintenance: '#0b5cad' };

function section(id, title) {
  const body = h('div', { class: 'body' }, h('p', { class: 'muted' }, '…'));
  return { card: h('section', { class: 'card', id }, h('h2', {}, title), body), body };
}

/** Shows the device {@code id}; returns what releases the chart. */
export function showDevice(main, session, id) {
  const head = h('div', { class: 'title' }, h('h1', {}, id));
  const about = section('device-about', t('device.state'));
  const timeline = section('device-timeline', t('device.timeline'));
  const chart = section('device-chart', t('device.chart'));
  const alerts = section('device-alerts', t('device.alerts'));
  const events = section('device-events', t('device.events'));
  fill(main, head, h('div', { class: 'grid' }, about.card, timeline.card), chart.card,
    h('div', { class: 'grid wide' }, alerts.card, events.card));
  let plot = null;
  let stopped = false;

  (async () => {
    let device;
    try {
      device = await api('/devices/' + encodeURIComponent(id));
    } catch (e) {
      fill(about.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
      return;
    }
    fill(head.querySelector('h1'), device.name || device.id);
    head.appendChild(h('p', { class: 'crumbs muted' }, t('kind.' + device.kind), ' · ', device.id));
    const state = device.state;
    fill(about.body,
      h('p', { class: 'state-' + state.state, id: 'device-state' }, h('strong', {}, t('state.' + state.state)), ' ',
        state.since ? t('device.since', { when: dateTime(state.since) }) : ''),
      h('p', {}, t('device.where'), ': ', device.place.map((p, i) => [i ? ' › ' : '',
        h('a', { href: '/?place=' + encodeURIComponent(p.id), 'data-nav': '' }, p.name)])),
      device.gateway ? h('p', {}, t('device.gateway'), ': ',
        h('a', { href: '/devices/' + encodeURIComponent(device.gateway), 'data-nav': '' }, device.gateway)) : null,
      h('p', { class: 'muted small' }, t('device.interval', { seconds: num(device.interval_s) })),
      (device.maintenance || []).map((w) => h('p', { class: 'small' }, t('device.maintenance',
        { reason: w.reason, from: dateTime(w.from), to: w.to ? dateTime(w.to) : '…' }))),
      lastStatus(device.last_status));
    drawTimeline(id);
    chooser(device.last_status);
    loadAlerts(id);
    loadEvents(id);
  })();

  async function loadEvents(deviceId) {
    try {
      const list = (await api('/devices/' + encodeURIComponent(deviceId) + '/events?limit=50')).events;
      fill(events.body, list.length ? h('ul', { class: 'rows' }, list.map((e) => h('li', {},
        h('span', { class: 'small muted' }, dateTime(e.time)),
        h('span', {}, EVENT_TYPES.includes(e.type) ? t('event.' + e.type) : t('event.other', { type: e.type })),
        Object.keys(e.fields).length ? h('span', { class: 'small muted' }, Object.entries(e.fields)
          .map(([k, v]) => `${k}: ${v}`).join(' · ')) : null)))
        : h('p', { class: 'muted' }, t('device.noEvents')));
    } catch (e) {
      fill(events.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  function lastStatus(last) {
    if (!last) return h('p', { class: 'muted' }, t('device.noStatus'));
    const rows = Object.entries(last.fields).map(([key, value]) => h('tr', {}, h('th', {}, key),
      h('td', {}, typeof value === 'number' ? num(value) : String(value))));
    return h('details', {}, h('summary', {}, t('device.last', { when: dateTime(last.time) })),
      h('table', { class: 'fields' }, h('tbody', {}, rows)));
  }

  async function drawTimeline(deviceId) {
    try {
      const u = await api('/uptime?device=' + encodeURIComponent(deviceId));
      const from = Date.parse(u.from);
      const span = Date.parse(u.to) - from;
      const ns = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('viewBox', '0 0 1000 24');
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.setAttribute('class', 'timeline');
      svg.setAttribute('role', 'img');
      for (const part of u.timeline) {
        const x = ((Date.parse(part.from) - from) / span) * 1000;
        const w = ((Date.parse(part.to) - Date.parse(part.from)) / span) * 1000;
        const rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', x.toFixed(2));
        rect.setAttribute('width', Math.max(w, 0.5).toFixed(2));
        rect.setAttribute('y', '0');
        rect.setAttribute('height', '24');
        rect.setAttribute('fill', COLORS[part.state] || '#98a2b3');
        const title = document.createElementNS(ns, 'title');
        title.textContent = `${t('state.' + part.state)}: ${dateTime(part.from)} – ${dateTime(part.to)}`;
        rect.appendChild(title);
        svg.appendChild(rect);
      }
      fill(timeline.body, h('p', { class: 'big', id: 'device-uptime' }, pct(u.uptime_pct)), svg,
        h('p', { class: 'legend small' }, Object.keys(COLORS).map((s) => h('span', { class: 'key key-' + s },
          t('state.' + s)))));
    } catch (e) {
      fill(timeline.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  function chooser(last) {
    const reported = last ? FIELDS.filter((f) => typeof last.fields[f] === 'number') : [];
    if (!reported.length) {
      fill(chart.body, h('p', { class: 'muted' }, t('device.noStatus')));
      return;
    }
    const field = h('select', { id: 'chart-field', 'aria-label': t('device.field') },
      reported.map((f) => h('option', { value: f }, t('field.' + f))));
    const period = h('select', { id: 'chart-period', 'aria-label': t('device.period') },
      Object.keys(PERIODS).map((p) => h('option', { value: p }, t('period.' + p))));
    const area = h('div', { class: 'chart', id: 'chart-area' });
    fill(chart.body, h('div', { class: 'controls' }, field, period), area);
    const draw = () => drawChart(area, field.value, PERIODS[period.value]);
    field.addEventListener('change', draw);
    period.addEventListener('change', draw);
    draw();
  }

  async function drawChart(area, field, span) {
    const to = Date.now();
    try {
      const [{ default: uPlot }, series] = await Promise.all([import('./uplot.js'), api('/devices/'
        + encodeURIComponent(id) + '/series?field=' + field + '&from=' + encodeURIComponent(new Date(to - span)
        .toISOString()) + '&to=' + encodeURIComponent(new Date(to).toISOString()))]);
      if (stopped) return;
      if (!document.querySelector('link[data-uplot]')) {
        document.head.appendChild(h('link', { rel: 'stylesheet', href: '/assets/uplot.css', 'data-uplot': '' }));
      }
      if (plot) plot.destroy();
      plot = null;
      if (!series.points.length) {
        fill(area, h('p', { class: 'muted' }, t('device.noData')));
        return;
      }
      fill(area);
      const x = series.points.map((p) => Date.parse(p[0]) / 1000);
      const data = [x, series.points.map((p) => p[1]), series.points.map((p) => p[2]),
        series.points.map((p) => p[3])];
      const width = Math.max(280, area.clientWidth || 600);
      plot = new uPlot({
        width, height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh'),
        series: [{ label: t('device.time') }, { label: t('field.' + field), stroke: '#0b5cad', width: 2 },
          { label: 'min', stroke: '#98a2b3', width: 1 }, { label: 'max', stroke: '#98a2b3', width: 1 }],
        axes: [{ values: [[3600 * 24 * 365, '{YYYY}'], [3600 * 24 * 28, '{MM}/{YYYY}'], [3600 * 24, '{DD}/{MM}'],
          [3600, '{HH}:{mm}'], [60, '{HH}:{mm}'], [1, '{HH}:{mm}:{ss}']] }, {}],
      }, data, area);
    } catch (e) {
      fill(area, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  async function loadAlerts(deviceId) {
    try {
      const from = new Date(Date.now() - 7 * DAY).toISOString();
      const list = (await api('/alerts/history?from=' + encodeURIComponent(from))).alerts
        .filter((a) => a.device === deviceId);
      fill(alerts.body, list.length ? h('ul', { class: 'rows' }, list.map((a) => h('li', { class: 'sev-' + a.severity },
        h('span', { class: 'badge' }, t('severity.' + a.severity)), h('span', {}, t('alert.' + a.type)),
        h('span', { class: 'muted small' }, t('overview.since', { when: dateTime(a.since) }), ' · ',
          a.resolved_at ? t('device.resolvedAt', { when: dateTime(a.resolved_at) }) : t('device.open')))))
        : h('p', { class: 'muted' }, t('overview.noAlerts')));
    } catch (e) {
      fill(alerts.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  return () => {
    stopped = true;
    if (plot) plot.destroy();
  };
}
