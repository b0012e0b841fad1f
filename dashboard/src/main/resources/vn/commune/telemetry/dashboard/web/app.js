// The dashboard: who is logged in, the header (language, logout), and the screens by path.
import { api, ApiError, setCsrf } from './api.js';
import { h, fill } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { showLogin } from './login.js';
import { showOverview } from './overview.js';
import { showDevice } from './device.js';
import { showAlerts } from './alerts.js';
import { showBroadcasts } from './broadcasts.js';
import { showPlace } from './place.js';
import { showMap } from './map.js';
import { showReports } from './reports.js';
import { showUsers } from './users.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
let session = null;
let leave = () => {};

function header() {
  if (!session) {
    fill(top, h('span', { class: 'brand' }, t('app.name')), languageButton());
    return;
  }
  const user = session.user;
  const logout = h('button', { type: 'button', class: 'link', id: 'logout' }, t('logout'));
  logout.addEventListener('click', async () => {
    try {
      await api('/session', { method: 'DELETE' });
    } finally {
      session = null;
      setCsrf(null);
      history.pushState(null, '', '/');
      route();
    }
  });
  fill(top,
    h('a', { href: '/', class: 'brand', 'data-nav': '' }, t('app.short')),
    h('nav', {}, h('a', { href: '/', 'data-nav': '' }, t('nav.overview')),
      h('a', { href: '/alerts', 'data-nav': '', id: 'nav-alerts' }, t('nav.alerts')),
      h('a', { href: '/map', 'data-nav': '', id: 'nav-map' }, t('nav.map')),
      h('a', { href: '/broadcasts', 'data-nav': '', id: 'nav-broadcasts' }, t('nav.broadcasts')),
      h('a', { href: '/reports', 'data-nav': '', id: 'nav-reports' }, t('nav.reports')),
      user.role === 'admin' ? h('a', { href: '/users', 'data-nav': '', id: 'nav-users' }, t('nav.users')) : null),
    h('span', { class: 'user', id: 'user' }, user.name),
    languageButton(), logout);
}

function languageButton() {
  const button = h('button', { type: 'button', class: 'link', id: 'lang' }, t('lang.other'));
  button.addEventListener('click', () => {
    setLang(lang() === 'en' ? 'vi' : 'en');
    route();
  });
  return button;
}

/** Shows the screen of the current path. */
function route() {
  leave();
  leave = () => {};
  header();
  if (!session) {
    showLogin(main, (fresh) => {
      session = fresh;
      route();
    });
    return;
  }
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const device = path.match(/^\/devices\/([A-Za-z0-9_-]{1,64})$/);
  const place = path.match(/^\/places\/([a-z0-9-]{1,64})$/);
  if (path === '/' || path === '/overview') {
    leave = showOverview(main, session, params.get('place'));
  } else if (path === '/broadcasts') {
    leave = showBroadcasts(main, session, params.get('commune'));
  } else if (path === '/alerts') {
    leave = showAlerts(main, session);
  } else if (path === '/reports') {
    leave = showReports(main, session, params.get('place'), params.get('month'));
  } else if (path === '/users' && session.user.role === 'admin') {
    leave = showUsers(main);
  } else if (path === '/map') {
    leave = showMap(main, session, params.get('place'));
  } else if (place) {
    leave = showPlace(main, session, place[1]);
  } else if (device) {
    leave = showDevice(main, session, device[1]);
  } else {
    fill(main, h('p', { class: 'card' }, t('notfound'), ' ', h('a', { href: '/', 'data-nav': '' }, t('nav.overview'))));
  }
}

// links inside the app change the path without reloading the page
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-nav]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  route();
});
window.addEventListener('popstate', route);

async function start() {
  setLang(lang());
  try {
    session = await api('/session');
    setCsrf(session.csrf_token);
  } catch (e) {
    session = null;
    if (!(e instanceof ApiError && e.status === 401)) {
      fill(main, h('p', { class: 'error' }, t('error.network')));
    }
  }
  route();
}

start();
