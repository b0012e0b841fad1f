// The overview of a place (the user's first place by default): devices online by kind, uptime over 24 hours and 30
// days, coverage by kind, active alerts, the worst areas below it, kept live by the service's event stream. Each
// section fills in as its answer arrives, so the page is usable before the slowest one.
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { num, pct, dateTime, time } from './format.js';

const KINDS = ['loudspeaker', 'wifi', 'camera', 'gateway'];
const DAY = 86400000;

function section(id, title) {
  const body = h('div', { class: 'body' }, h('p', { class: 'muted' }, '…'));
  const card = h('section', { class: 'card', id }, h('h2', {}, title), body);
  return { card, body };
}

function failed(body, e) {
  fill(body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
}

/** Shows the overview of {@code placeId} (or the user's first place); returns what stops its live updates. */
export function showOverview(main, session, placeId) {
  const title = h('div', { class: 'title' }, h('h1', {}, t('nav.overview')));
  const devices = section('devices', t('overview.devices'));
  const uptime = section('uptime', t('overview.uptime'));
  const coverage = section('coverage', t('overview.coverage'));
  const alerts = section('alerts', t('overview.alerts'));
  const worst = section('worst', t('overview.worst'));
  const live = h('p', { class: 'live muted', id: 'live' });
  fill(main, title, live, h('div', { class: 'grid' }, devices.card, uptime.card, coverage.card),
    h('div', { class: 'grid wide' }, alerts.card, worst.card));

  let stream = null;
  let timer = null;
  let stopped = false;
  // the overview is usable once its devices, 24-hour uptime and alerts are in (marked for the benchmark)
  const pending = new Set(['devices', 'uptime', 'alerts']);
  const ready = (part) => {
    if (pending.delete(part) && pending.size === 0 && !performance.getEntriesByName('ct-usable').length) {
      performance.mark('ct-usable');
    }
  };

  (async () => {
    let roots;
    try {
      roots = (await api('/places')).places;
    } catch (e) {
      failed(devices.body, e);
      return;
    }
    const id = placeId || (roots[0] && roots[0].id);
    if (!id) return;
    header(title, roots, id);
    loadPlace(id);
    loadUptime(id);
    loadCoverage(id);
    loadAlerts(id);
    stream = new EventSource('/api/v1/events?place=' + encodeURIComponent(id));
    stream.addEventListener('open', () => fill(live, '● ', t('overview.live')));
    stream.addEventListener('error', () => fill(live, '○ ', t('overview.offlineLive')));
    const refresh = () => {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        loadPlace(id);
        loadAlerts(id);
      }, 1500);
    };
    stream.addEventListener('state', refresh);
    stream.addEventListener('alert', refresh);
  })();

  function header(el, roots, id) {
    const select = h('select', { id: 'place-select', 'aria-label': t('overview.place') },
      roots.map((root) => h('option', { value: root.id, selected: root.id === id }, root.name)));
    select.addEventListener('change', () => {
      history.pushState(null, '', '/?place=' + encodeURIComponent(select.value));
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    el.appendChild(h('label', { class: 'place-select' }, t('overview.place'), ' ', select));
  }

  async function loadPlace(id) {
    try {
      const place = await api('/places/' + encodeURIComponent(id));
      const heading = title.querySelector('h1');
      const up = place.path.length ? place.path[place.path.length - 1] : null;
      fill(heading, place.name);
      const crumbs = title.querySelector('.crumbs') || title.insertBefore(h('p', { class: 'crumbs muted' }),
        heading.nextSibling);
      fill(crumbs, place.path.map((p) => p.name).join(' › '));
      if (!title.querySelector('.details')) {
        title.appendChild(h('a', { class: 'details', href: '/places/' + encodeURIComponent(id), 'data-nav': '' },
          t('place.details')));
      }
      const cards = KINDS.filter((kind) => place.devices.by_kind[kind]).map((kind) => {
        const k = place.devices.by_kind[kind];
        return h('div', { class: 'kind', 'data-kind': kind },
          h('strong', {}, t('kind.' + kind)),
          h('div', { class: 'big' }, t('overview.online', { online: num(k.online), total: num(k.total) })),
          h('div', { class: 'muted small' }, t('overview.states', { offline: num(k.offline),
            unknown: num(k.unknown), maintenance: num(k.maintenance) })));
      });
      fill(devices.body, cards.length ? cards : h('p', { class: 'muted' }, '—'));
      ready('devices');
      const user = session.user;
      const everywhere = user.role === 'admin' || user.places.length === 0;
      // above one of the user's own places is outside them: no way up from there
      if (up && !title.querySelector('.up') && (everywhere || !user.places.includes(id))) {
        title.appendChild(h('a', { class: 'up', href: '/?place=' + encodeURIComponent(up.id), 'data-nav': '' },
          '↑ ' + t('overview.up') + ': ' + up.name));
      }
      fill(live, live.textContent ? live.textContent.split(' · ')[0] : '', ' · ',
        t('overview.updated', { time: time(Date.now()) }));
    } catch (e) {
      failed(devices.body, e);
    }
  }

  async function loadUptime(id) {
    const now = Date.now();
    const q = (from) => '/uptime?place=' + encodeURIComponent(id) + '&worst=0&from='
      + encodeURIComponent(new Date(from).toISOString()) + '&to=' + encodeURIComponent(new Date(now).toISOString());
    try {
      const day = await api(q(now - DAY));
      fill(uptime.body,
        h('div', { class: 'figure', id: 'uptime-24h' }, h('span', { class: 'muted' }, t('overview.uptime24')),
          h('span', { class: 'big' }, pct(day.uptime_pct)),
          h('span', { class: 'muted small' }, t('overview.outages', { count: num(day.outages) }))),
        h('div', { class: 'figure', id: 'uptime-30d' }, h('span', { class: 'muted' }, t('overview.uptime30')),
          h('span', { class: 'big' }, '…')));
      renderWorst(day.children || []);
      ready('uptime');
      const month = await api(q(now - 30 * DAY));
      fill(uptime.body.querySelector('#uptime-30d .big'), pct(month.uptime_pct));
    } catch (e) {
      failed(uptime.body, e);
      failed(worst.body, e);
    }
  }

  function renderWorst(children) {
    const ranked = children.filter((c) => c.uptime_pct !== null)
      .sort((a, b) => a.uptime_pct - b.uptime_pct || b.seconds.offline - a.seconds.offline).slice(0, 5);
    if (!ranked.length) {
      fill(worst.body, h('p', { class: 'muted' }, t('overview.noWorst')));
      return;
    }
    fill(worst.body, h('ol', { class: 'rows' }, ranked.map((c) => h('li', {},
      h('a', { href: '/?place=' + encodeURIComponent(c.id), 'data-nav': '' }, c.name),
      h('span', { class: 'value' }, pct(c.uptime_pct))))));
  }

  async function loadCoverage(id) {
    const rows = [];
    for (const kind of ['loudspeaker', 'wifi', 'camera']) {
      try {
        const c = await api('/coverage?place=' + encodeURIComponent(id) + '&kind=' + kind);
        if (c.installed.villages === 0) continue;
        rows.push(h('li', { 'data-kind': kind }, h('strong', {}, t('kind.' + kind)),
          h('span', {}, t('overview.coverageLine', { working: num(c.working_now.villages), total: num(c.villages) })
            + ' · ' + pct(c.working_now.pct)),
          h('span', { class: 'muted small' }, t('overview.byPopulation', { pct: pct(c.working_now.population_pct) }))));
      } catch (e) {
        failed(coverage.body, e);
        return;
      }
    }
    fill(coverage.body, rows.length ? h('ul', { class: 'rows' }, rows) : h('p', { class: 'muted' }, '—'));
  }

  async function loadAlerts(id) {
    try {
      const list = (await api('/alerts?place=' + encodeURIComponent(id))).alerts;
      ready('alerts');
      if (!list.length) {
        fill(alerts.body, h('p', { class: 'muted' }, t('overview.noAlerts')));
        return;
      }
      fill(alerts.body, h('ul', { class: 'rows alerts' }, list.slice(0, 50).map((a) => h('li',
        { class: 'sev-' + a.severity },
        h('span', { class: 'badge' }, t('severity.' + a.severity)),
        h('span', {}, t('alert.' + a.type), ': ', a.device
          ? h('a', { href: '/devices/' + encodeURIComponent(a.device), 'data-nav': '' }, a.name) : a.name),
        h('span', { class: 'muted small' }, t('overview.since', { when: dateTime(a.since) }),
          a.acknowledged_by ? ' · ' + t('overview.acknowledged', { who: a.acknowledged_by }) : '')))));
    } catch (e) {
      failed(alerts.body, e);
    }
  }

  return () => {
    stopped = true;
    if (stream) stream.close();
    if (timer) clearTimeout(timer);
  };
}
