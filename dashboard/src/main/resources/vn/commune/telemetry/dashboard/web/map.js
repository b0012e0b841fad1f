// The map: every populated place (the inventory's leaves) at its coordinates, drawn as SVG with no tile server,
// sized by population and coloured by its devices online or by a working loudspeaker; a click opens the place.
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = { good: '#1b7f3b', some: '#d98e04', bad: '#b42318', none: '#98a2b3' };

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

function classOf(leaf, mode) {
  const d = leaf.devices;
  if (mode === 'coverage') {
    const speakers = d.by_kind.loudspeaker;
    if (!speakers || speakers.total === 0) return 'none';
    return speakers.online > 0 ? 'good' : 'bad';
  }
  const known = d.by_state.online + d.by_state.offline;
  if (known === 0) return 'none';
  const share = d.by_state.online / known;
  return share >= 0.999 ? 'good' : share >= 0.5 ? 'some' : 'bad';
}

/** Shows the map of {@code placeId} (or the user's first place). */
export function showMap(main, session, placeId) {
  const mode = h('select', { id: 'map-mode', 'aria-label': t('map.colour') },
    h('option', { value: 'state' }, t('map.byState')), h('option', { value: 'coverage' }, t('map.byCoverage')));
  const area = h('div', { class: 'map', id: 'map-area' }, h('p', { class: 'muted' }, '…'));
  const note = h('p', { class: 'muted small', id: 'map-note' });
  const legend = h('p', { class: 'legend small' }, ['good', 'some', 'bad', 'none'].map((c) =>
    h('span', { class: 'key key-map-' + c }, t('map.' + c))));
  const heading = h('h1', {}, t('nav.map'));
  fill(main, h('div', { class: 'title' }, heading, h('label', { class: 'place-select' }, t('map.colour'), ' ', mode)),
    h('section', { class: 'card' }, area, legend, note));
  let leaves = [];

  (async () => {
    try {
      const id = placeId || (await api('/places')).places[0].id;
      const answer = await api('/places/' + encodeURIComponent(id) + '/leaves');
      fill(heading, t('nav.map'), ': ', answer.place.name);
      leaves = answer.leaves;
      draw();
    } catch (e) {
      fill(area, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  })();
  mode.addEventListener('change', () => draw());

  function draw() {
    const placed = leaves.filter((l) => typeof l.lat === 'number' && typeof l.lon === 'number');
    fill(note, placed.length < leaves.length ? t('map.noCoordinates', { n: leaves.length - placed.length }) : '');
    if (!placed.length) {
      fill(area, h('p', { class: 'muted' }, '—'));
      return;
    }
    const lats = placed.map((l) => l.lat);
    const lons = placed.map((l) => l.lon);
    const minLat = Math.min(...lats);
    const maxLat = Math.max(...lats);
    const minLon = Math.min(...lons);
    const maxLon = Math.max(...lons);
    const scaleX = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const spanX = Math.max((maxLon - minLon) * scaleX, 0.01);
    const spanY = Math.max(maxLat - minLat, 0.01);
    const width = 1000;
    const height = Math.max(300, Math.min(1400, Math.round(width * spanY / spanX)));
    const pad = 30;
    const x = (lon) => pad + ((lon - minLon) * scaleX / spanX) * (width - 2 * pad);
    const y = (lat) => pad + ((maxLat - lat) / spanY) * (height - 2 * pad);
    const maxPopulation = Math.max(...placed.map((l) => l.population || 0), 1);
    const map = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'map-svg' });
    const chosen = mode.value;
    for (const leaf of placed.sort((a, b) => (b.population || 0) - (a.population || 0))) {
      const link = svg('a', { href: '/places/' + encodeURIComponent(leaf.id), 'data-nav': '' });
      const r = 4 + 12 * Math.sqrt((leaf.population || 0) / maxPopulation);
      const dot = svg('circle', { cx: x(leaf.lon).toFixed(1), cy: y(leaf.lat).toFixed(1), r: r.toFixed(1),
        fill: COLOURS[classOf(leaf, chosen)], 'fill-opacity': 0.8, stroke: '#fff', 'stroke-width': 1,
        'data-place': leaf.id, 'data-class': classOf(leaf, chosen) });
      const title = document.createElementNS(NS, 'title');
      title.textContent = t('map.tip', { name: leaf.name, parent: leaf.parent || '', online: leaf.devices.by_state.online,
        total: leaf.devices.total });
      dot.appendChild(title);
      link.appendChild(dot);
      map.appendChild(link);
    }
    fill(area, map);
  }

  return () => {};
}
