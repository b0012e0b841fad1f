// The month's report of a place: per area below it, uptime, loudspeaker coverage over the month and broadcast
// minutes scheduled and played, with a CSV of the table and the service's full broadcast report (down to villages).
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t, lang } from './i18n.js';
import { num, pct } from './format.js';

/** The month's bounds in Vietnam's time (UTC+7, no daylight saving), the current month ending now. */
function bounds(month) {
  const [y, m] = month.split('-').map(Number);
  const from = Date.UTC(y, m - 1, 1) - 7 * 3600000;
  const to = Math.min(Date.UTC(y, m, 1) - 7 * 3600000, Date.now());
  return [new Date(from).toISOString(), new Date(to).toISOString()];
}

function thisMonth() {
  const now = new Date(Date.now() + 7 * 3600000);
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Shows the report of {@code placeId} (or the user's first place) for {@code month} (or this one). */
export function showReports(main, session, placeId, month) {
  const chosen = month && /^\d{4}-\d{2}$/.test(month) ? month : thisMonth();
  const input = h('input', { type: 'month', id: 'rep-month', value: chosen, 'aria-label': t('rep.month') });
  const heading = h('h1', {}, t('nav.reports'));
  const body = h('div', { class: 'body', id: 'rep-body' }, h('p', { class: 'muted' }, '…'));
  const links = h('p', { class: 'controls' });
  fill(main, h('div', { class: 'title' }, heading, h('label', { class: 'place-select' }, t('rep.month'), ' ', input)),
    h('section', { class: 'card' }, body, links));

  (async () => {
    try {
      const id = placeId || (await api('/places')).places[0].id;
      input.addEventListener('change', () => {
        history.pushState(null, '', '/reports?place=' + encodeURIComponent(id) + '&month=' + input.value);
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      const [from, to] = bounds(chosen);
      const period = '&from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
      const q = encodeURIComponent(id);
      const [place, uptime, compliance] = await Promise.all([api('/places/' + q),
        api('/uptime?place=' + q + '&worst=0' + period), api('/broadcasts/compliance?place=' + q + period)]);
      const [y, m] = chosen.split('-');
      fill(heading, t('rep.title', { month: `${m}/${y}` }), ': ', place.name);
      const areas = [{ id: place.id, name: place.name }, ...place.children.map((c) => ({ id: c.id, name: c.name,
        leaf: c.leaf }))];
      const uptimeOf = new Map([[place.id, uptime.uptime_pct], ...(uptime.children || []).map((c) => [c.id,
        c.uptime_pct])]);
      const broadcastOf = new Map([[place.id, compliance.summary], ...(compliance.places || []).map((p) => [p.id,
        p.summary])]);
      const coverage = await Promise.all(areas.map((a) => api('/coverage?place=' + encodeURIComponent(a.id)
        + '&kind=loudspeaker' + period).then((c) => (c.installed.villages ? c.period.pct : null)).catch(() => null)));
      const rows = areas.map((a, i) => {
        const b = broadcastOf.get(a.id);
        return { id: a.id, leaf: Boolean(a.leaf), name: a.name, uptime: uptimeOf.get(a.id), coverage: coverage[i],
          scheduled: b ? b.scheduled_minutes : null, played: b ? b.played_minutes : null,
          compliance: b && b.compliance !== null ? b.compliance * 100 : null };
      });
      render(rows, id);
    } catch (e) {
      fill(body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  })();

  function render(rows, id) {
    const head = ['place.name', 'rep.uptime', 'rep.coverage', 'rep.scheduled', 'rep.played', 'rep.compliance'];
    fill(body, h('div', { class: 'scroll' }, h('table', { class: 'table', id: 'rep-table' },
      h('thead', {}, h('tr', {}, head.map((k) => h('th', {}, t(k))))),
      h('tbody', {}, rows.map((r, i) => h('tr', { class: i === 0 ? 'total' : null }, h('td', {}, i === 0 || r.leaf
        ? r.name : h('a', { href: '/reports?place=' + encodeURIComponent(r.id) + '&month=' + chosen, 'data-nav': '' },
          r.name)),
        h('td', { class: 'num' }, pct(r.uptime)), h('td', { class: 'num' }, pct(r.coverage)),
        h('td', { class: 'num' }, r.scheduled === null ? '—' : num(r.scheduled)),
        h('td', { class: 'num' }, r.played === null ? '—' : num(r.played)),
        h('td', { class: 'num' }, pct(r.compliance))))))));
    const csv = h('a', { id: 'rep-csv', download: `bao-cao-${id}-${chosen}.csv` }, t('rep.csv'));
    csv.href = URL.createObjectURL(new Blob([toCsv(head, rows)], { type: 'text/csv;charset=utf-8' }));
    const full = h('a', { href: '/api/v1/reports/broadcasts.csv?place=' + encodeURIComponent(id) + '&month=' + chosen
      + '&style=' + (lang() === 'en' ? 'en' : 'vi'), download: '' }, t('rep.csvBroadcasts'));
    fill(links, csv, full);
  }

  /** The table as Excel reads it with Vietnamese settings (; and a decimal comma), or English ones. */
  function toCsv(head, rows) {
    const vi = lang() !== 'en';
    const sep = vi ? ';' : ',';
    const cell = (v) => (v === null || v === undefined ? '' : typeof v === 'number'
      ? (vi ? v.toFixed(2).replace('.', ',') : v.toFixed(2)) : '"' + String(v).replace(/"/g, '""') + '"');
    const lines = [head.map((k) => cell(t(k))).join(sep)];
    for (const r of rows) {
      lines.push([r.name, r.uptime, r.coverage, r.scheduled, r.played, r.compliance].map(cell).join(sep));
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  return () => {
    const csv = document.getElementById('rep-csv');
    if (csv && csv.href.startsWith('blob:')) URL.revokeObjectURL(csv.href);
  };
}
