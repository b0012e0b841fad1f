// For admins: the users (changed with the service's "user" command, never here: passwords stay off the web) and
// the audit log of the last day.
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { dateTime } from './format.js';

/** Shows users and the audit log. */
export function showUsers(main) {
  const users = h('div', { class: 'body', id: 'users-list' }, h('p', { class: 'muted' }, '…'));
  const audit = h('div', { class: 'body', id: 'audit-list' }, h('p', { class: 'muted' }, '…'));
  fill(main, h('div', { class: 'title' }, h('h1', {}, t('users.title'))),
    h('section', { class: 'card' }, users, h('p', { class: 'muted small' }, t('users.how'))),
    h('section', { class: 'card' }, h('h2', {}, t('audit.title')), audit));
  api('/users').then((answer) => fill(users, h('div', { class: 'scroll' }, h('table', { class: 'table' },
    h('thead', {}, h('tr', {}, h('th', {}, t('login.username')), h('th', {}, t('place.name')),
      h('th', {}, t('users.role')), h('th', {}, t('users.places')))),
    h('tbody', {}, answer.users.map((u) => h('tr', {}, h('td', {}, u.username), h('td', {}, u.name),
      h('td', {}, t('role.' + u.role), u.approver ? ` (${t('users.approver')})` : ''),
      h('td', {}, u.places.length ? u.places.join(', ') : t('users.everywhere')))))))))
    .catch((e) => fill(users, h('p', { class: 'error' }, t('error.load', { detail: e.message }))));
  api('/audit').then((answer) => fill(audit, answer.entries.length ? h('div', { class: 'scroll' },
    h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, t('audit.when')), h('th', {}, t('audit.who')),
      h('th', {}, t('audit.what')), h('th', {}, t('audit.result')))),
    h('tbody', {}, answer.entries.map((e) => h('tr', {}, h('td', { class: 'small' }, dateTime(e.at)),
      h('td', {}, e.user), h('td', {}, e.method, ' ', e.path), h('td', { class: 'num' }, String(e.status)))))))
    : h('p', { class: 'muted' }, t('audit.none'))))
    .catch((e) => fill(audit, h('p', { class: 'error' }, t('error.load', { detail: e.message }))));
  return () => {};
}
