// A place at any depth, whatever its level is called: the areas below it with devices online, 24-hour uptime and
// loudspeaker coverage; the devices offline now, since when; and every device, a page at a time (a province is never
// sent to the browser whole).
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { num, pct, dateTime } from './format.js';

const PAGE = 50;

function section(id, title) {
  const body = h('div', { class: 'body' }, h('p', { class: 'muted' }, '…'));
  return { card: h('section', { class: 'card', id }, h('h2', {}, title), body), body };
}

function problem(body, e) {
  fill(body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
}

function stateCell(state) {
  return h('span', { class: 'state-' + state.state }, h('strong', {}, t('state.' + state.state)));
}

/** Shows the place {@code id}. */
export function showPlace(main, session, id) {
  const head = h('div', { class: 'title' }, h('h1', {}, id));
  const children = section('place-children', t('place.children'));
  const outages = section('place-outages', t('place.outages'));
  const list = section('place-devices', t('place.list'));
  fill(main, head, children.card, outages.card, list.card);
  const q = encodeURIComponent(id);

  (async () => {
    let place;
    try {
      place = await api('/places/' + q);
    } catch (e) {
      problem(children.body, e);
      return;
    }
    fill(head.querySelector('h1'), place.name);
    head.appendChild(h('p', { class: 'crumbs muted' }, place.path.map((p, i) => [i ? ' › ' : '',
      h('a', { href: '/places/' + encodeURIComponent(p.id), 'data-nav': '' }, p.name)])));
    head.appendChild(h('a', { href: '/?place=' + q, 'data-nav': '' }, t('nav.overview')));
    renderChildren(place);
    loadOutages();
    loadPage(0);
  })();

  async function renderChildren(place) {
    if (!place.children.length) {
      fill(children.body, h('p', { class: 'muted' }, t('overview.noWorst')));
      return;
    }
    const cells = new Map();
    const rows = place.children.map((c) => {
      const uptime = h('td', { class: 'num' }, '…');
      const coverage = h('td', { class: 'num' }, c.leaf ? leafCoverage(c) : '…');
      cells.set(c.id, { uptime, coverage, leaf: c.leaf });
      const online = c.devices.by_state.online;
      return h('tr', {}, h('td', {}, h('a', { href: '/places/' + encodeURIComponent(c.id), 'data-nav': '' }, c.name)),
        h('td', { class: 'num' }, `${num(online)}/${num(c.devices.total)}`), uptime, coverage);
    });
    fill(children.body, h('div', { class: 'scroll' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('place.name')), h('th', {}, t('place.devices')),
        h('th', {}, t('place.uptime')), h('th', {}, t('place.coverage')))), h('tbody', {}, rows))));
    try {
      const u = await api('/uptime?place=' + q + '&worst=0');
      for (const c of u.children || []) {
        if (cells.has(c.id)) fill(cells.get(c.id).uptime, pct(c.uptime_pct));
      }
    } catch (e) {
      cells.forEach((cell) => fill(cell.uptime, '—'));
    }
    for (const [child, cell] of cells) {
      if (cell.leaf) continue;
      api('/coverage?place=' + encodeURIComponent(child) + '&kind=loudspeaker')
        .then((c) => fill(cell.coverage, c.installed.villages ? `${num(c.working_now.villages)}/${num(c.villages)} · `
          + pct(c.working_now.pct) : '—'))
        .catch(() => fill(cell.coverage, '—'));
    }
  }

  function leafCoverage(child) {
    const speakers = child.devices.by_kind.loudspeaker;
    if (!speakers) return '—';
    return speakers.online > 0 ? '✓' : '✗';
  }

  async function loadOutages() {
    try {
      const answer = await api('/devices?place=' + q + '&state=offline&limit=100');
      fill(outages.body, answer.devices.length ? h('ul', { class: 'rows' }, answer.devices.map((d) => h('li', {},
        h('a', { href: '/devices/' + encodeURIComponent(d.id), 'data-nav': '' }, d.name || d.id),
        h('span', { class: 'muted small' }, t('kind.' + d.kind)),
        h('span', { class: 'value small' }, d.state.since ? t('device.since', { when: dateTime(d.state.since) })
          : '')))) : h('p', { class: 'muted' }, t('place.noOutages')));
    } catch (e) {
      problem(outages.body, e);
    }
  }

  async function loadPage(offset) {
    try {
      const answer = await api('/devices?place=' + q + '&limit=' + PAGE + '&offset=' + offset);
      const rows = answer.devices.map((d) => h('tr', {},
        h('td', {}, h('a', { href: '/devices/' + encodeURIComponent(d.id), 'data-nav': '' }, d.name || d.id)),
        h('td', {}, t('kind.' + d.kind)), h('td', {}, stateCell(d.state)),
        h('td', { class: 'small' }, d.state.since ? dateTime(d.state.since) : '—')));
      const prev = h('button', { type: 'button', class: 'link', disabled: offset === 0 }, t('place.prev'));
      const next = h('button', { type: 'button', class: 'link', disabled: offset + PAGE >= answer.total },
        t('place.next'));
      prev.addEventListener('click', () => loadPage(Math.max(0, offset - PAGE)));
      next.addEventListener('click', () => loadPage(offset + PAGE));
      fill(list.body, h('div', { class: 'scroll' }, h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('place.name')), h('th', {}, t('place.kind')),
          h('th', {}, t('place.state')), h('th', {}, t('place.sinceCol')))), h('tbody', {}, rows))),
      h('div', { class: 'controls' }, prev, h('span', { class: 'muted small' }, t('place.page',
        { from: num(answer.total ? offset + 1 : 0), to: num(Math.min(offset + PAGE, answer.total)),
          total: num(answer.total) })), next));
    } catch (e) {
      problem(list.body, e);
    }
  }

  return () => {};
}
