// The map: every populated place (the inventory's leaves) at its coordinates in Web Mercator, drawn as SVG with no
// tile server (or over the tiles of dashboard.tile-url when one is configured), sized by population and coloured by
// its devices online or by a working loudspeaker; a click opens the place.
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
    // Web Mercator in pixels, at the zoom that gives the places about 900 px across (or 700 down), as tiles are cut
    const mercator = (lat, lon, size) => {
      const r = (lat * Math.PI) / 180;
      return [((lon + 180) / 360) * size, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * size];
    };
    const unitXs = placed.map((l) => mercator(l.lat, l.lon, 256)[0]);
    const unitYs = placed.map((l) => mercator(l.lat, l.lon, 256)[1]);
    const spanX = Math.max(Math.max(...unitXs) - Math.min(...unitXs), 1e-6);
    const spanY = Math.max(Math.max(...unitYs) - Math.min(...unitYs), 1e-6);
    const zoom = Math.max(1, Math.min(16, Math.floor(Math.log2(Math.min(900 / spanX, 700 / spanY)))));
    const size = 256 * 2 ** zoom;
    const px = (lon) => ((lon + 180) / 360) * size;
    const py = (lat) => mercator(lat, 0, size)[1];
    const xs = placed.map((l) => px(l.lon));
    const ys = placed.map((l) => py(l.lat));
    const pad = 30;
    const x0 = Math.min(...xs) - pad;
    const y0 = Math.min(...ys) - pad;
    const width = Math.max(...xs) - x0 + pad;
    const height = Math.max(...ys) - y0 + pad;
    // drawn relative to the corner: SVG numbers are single floats, too coarse for world pixels at a high zoom
    const map = svg('svg', { viewBox: `0 0 ${width.toFixed(1)} ${height.toFixed(1)}`, role: 'img', class: 'map-svg' });
    if (session.tile_url) {
      for (let tx = Math.floor(x0 / 256); tx <= Math.floor((x0 + width) / 256); tx++) {
        for (let ty = Math.floor(y0 / 256); ty <= Math.floor((y0 + height) / 256); ty++) {
          const href = session.tile_url.replace('{z}', zoom).replace('{x}', tx).replace('{y}', ty);
          map.appendChild(svg('image', { href, x: (tx * 256 - x0).toFixed(1), y: (ty * 256 - y0).toFixed(1),
            width: 256, height: 256, class: 'tile' }));
        }
      }
    }
    const unit = width / 1000;
    const maxPopulation = Math.max(...placed.map((l) => l.population || 0), 1);
    const chosen = mode.value;
    for (const leaf of placed.sort((a, b) => (b.population || 0) - (a.population || 0))) {
      const link = svg('a', { href: '/places/' + encodeURIComponent(leaf.id), 'data-nav': '' });
      const r = (4 + 12 * Math.sqrt((leaf.population || 0) / maxPopulation)) * Math.max(unit, 0.5);
      const dot = svg('circle', { cx: (px(leaf.lon) - x0).toFixed(1), cy: (py(leaf.lat) - y0).toFixed(1), r: r.toFixed(1),
        fill: COLOURS[classOf(leaf, chosen)], 'fill-opacity': 0.8, stroke: '#fff', 'stroke-width': Math.max(unit, 0.5),
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
