// Alerts: the active ones (acknowledge with a note, silence for a period), the silences in force (end one), and the
// last week's history. The actions show for those who may take them (admins, staff and technicians of the place).
import { api } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { dateTime } from './format.js';

const DAY = 86400000;
const SPANS = [[1, 'hours'], [4, 'hours'], [24, 'hours'], [72, 'hours']];

function section(id, title) {
  const body = h('div', { class: 'body' }, h('p', { class: 'muted' }, '…'));
  return { card: h('section', { class: 'card', id }, h('h2', {}, title), body), body };
}

function subject(a) {
  return a.device ? h('a', { href: '/devices/' + encodeURIComponent(a.device), 'data-nav': '' }, a.name)
    : h('a', { href: '/?place=' + encodeURIComponent(a.place), 'data-nav': '' }, a.name);
}

/** Shows the alerts screen. */
export function showAlerts(main, session) {
  const operator = ['admin', 'staff', 'technician'].includes(session.user.role);
  const active = section('alerts-active', t('alerts.active'));
  const silences = section('alerts-silences', t('alerts.silences'));
  const history = section('alerts-history', t('alerts.history'));
  fill(main, h('div', { class: 'title' }, h('h1', {}, t('nav.alerts'))), active.card, silences.card, history.card);

  async function load() {
    loadActive();
    loadSilences();
    loadHistory();
  }

  async function loadActive() {
    try {
      const list = (await api('/alerts')).alerts;
      if (!list.length) {
        fill(active.body, h('p', { class: 'muted' }, t('overview.noAlerts')));
        return;
      }
      fill(active.body, h('ul', { class: 'rows' }, list.map((a) => h('li', { class: 'sev-' + a.severity,
        'data-alert': a.id },
      h('span', { class: 'badge' }, t('severity.' + a.severity)),
      h('span', {}, t('alert.' + a.type), ': ', subject(a)),
      h('span', { class: 'muted small' }, t('overview.since', { when: dateTime(a.since) })),
      a.acknowledged_by ? h('span', { class: 'small acked' }, t('alerts.acked', { who: a.acknowledged_by,
        when: dateTime(a.acknowledged_at) }), a.note ? ' — ' + a.note : '') : null,
      operator ? actions(a) : null))));
    } catch (e) {
      fill(active.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  function actions(a) {
    const box = h('div', { class: 'actions' });
    if (!a.acknowledged_by) {
      const note = h('input', { class: 'note', placeholder: t('alerts.note'), 'aria-label': t('alerts.note'),
        maxlength: 500 });
      const ack = h('button', { type: 'button', class: 'ack' }, t('alerts.ack'));
      ack.addEventListener('click', async () => {
        ack.disabled = true;
        try {
          await api('/alerts/' + encodeURIComponent(a.id) + '/ack', { method: 'POST',
            body: note.value.trim() ? { note: note.value.trim() } : {} });
          load();
        } catch (e) {
          ack.disabled = false;
          box.appendChild(h('p', { class: 'error' }, t('error.load', { detail: e.message })));
        }
      });
      box.appendChild(h('div', { class: 'controls' }, note, ack));
    }
    const span = h('select', { class: 'span', 'aria-label': t('alerts.silenceFor') }, SPANS.map(([n]) =>
      h('option', { value: n }, n >= 24 ? t('alerts.days', { n: n / 24 }) : t('alerts.hours', { n }))));
    const reason = h('input', { class: 'reason', value: t('alerts.reasonDefault'), 'aria-label': t('alerts.reason'),
      maxlength: 500 });
    const silence = h('button', { type: 'button', class: 'silence' }, t('alerts.silence'));
    silence.addEventListener('click', async () => {
      silence.disabled = true;
      const target = a.device ? { device: a.device } : { place: a.place };
      try {
        await api('/silences', { method: 'POST', body: { ...target, reason: reason.value.trim()
          || t('alerts.reasonDefault'), to: new Date(Date.now() + Number(span.value) * 3600000).toISOString() } });
        load();
      } catch (e) {
        silence.disabled = false;
        box.appendChild(h('p', { class: 'error' }, t('error.load', { detail: e.message })));
      }
    });
    box.appendChild(h('div', { class: 'controls' }, silence, h('span', {}, t('alerts.silenceFor')), span, reason));
    return box;
  }

  async function loadSilences() {
    try {
      const windows = (await api('/silences?active=true')).windows;
      if (!windows.length) {
        fill(silences.body, h('p', { class: 'muted' }, t('alerts.noSilences')));
        return;
      }
      fill(silences.body, h('ul', { class: 'rows' }, windows.map((w) => {
        const end = operator ? h('button', { type: 'button', class: 'link unsilence' }, t('alerts.unsilence')) : null;
        if (end) {
          end.addEventListener('click', async () => {
            end.disabled = true;
            try {
              await api('/silences/' + encodeURIComponent(w.id), { method: 'DELETE' });
              load();
            } catch (e) {
              end.disabled = false;
              end.parentNode.appendChild(h('p', { class: 'error' }, t('error.load', { detail: e.message })));
            }
          });
        }
        return h('li', { 'data-silence': w.id }, h('span', {}, t('alerts.until', { what: w.device || w.place,
          when: w.to ? dateTime(w.to) : '…', reason: w.reason, who: w.declared_by })), end);
      })));
    } catch (e) {
      fill(silences.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  async function loadHistory() {
    try {
      const from = new Date(Date.now() - 7 * DAY).toISOString();
      const list = (await api('/alerts/history?from=' + encodeURIComponent(from))).alerts;
      fill(history.body, list.length ? h('ul', { class: 'rows' }, list.slice(0, 200).map((a) => h('li',
        { class: 'sev-' + a.severity }, h('span', { class: 'badge' }, t('severity.' + a.severity)),
        h('span', {}, t('alert.' + a.type), ': ', subject(a)),
        h('span', { class: 'muted small' }, t('overview.since', { when: dateTime(a.since) }), ' · ',
          a.resolved_at ? t('device.resolvedAt', { when: dateTime(a.resolved_at) }) : t('device.open')))))
        : h('p', { class: 'muted' }, t('overview.noAlerts')));
    } catch (e) {
      fill(history.body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
    }
  }

  load();
  return () => {};
}
