// Broadcasts of a commune: today's slots with each loudspeaker cluster's live status, the schedule (the version in
// force, the draft waiting, an editor that saves a new draft and shows every problem, approval), an emergency
// broadcast, and compliance over a period. What a user may do is the service's to decide; the screen offers what
// their role allows and says what the service answers.
import { api, ApiError } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { num, pct, dateTime, time } from './format.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PRIORITIES = ['normal', 'priority', 'emergency'];
const DAY = 86400000;

function section(id, title) {
  const body = h('div', { class: 'body' }, h('p', { class: 'muted' }, '…'));
  return { card: h('section', { class: 'card', id }, h('h2', {}, title), body), body };
}

function problem(body, e) {
  fill(body, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
}

/** Shows the broadcasts of {@code communeId} (or the user's first commune). */
export function showBroadcasts(main, session, communeId) {
  const user = session.user;
  const canEdit = ['admin', 'staff', 'official'].includes(user.role);
  const canApprove = user.role === 'admin' || (user.approver && ['staff', 'official'].includes(user.role));
  const title = h('div', { class: 'title' }, h('h1', {}, t('nav.broadcasts')));
  const today = section('bc-today', t('bc.today', { date: '…' }));
  const schedule = section('bc-schedule', t('bc.schedule'));
  const emergency = section('bc-emergency', t('bc.emergency'));
  const compliance = section('bc-compliance', t('bc.compliance'));
  fill(main, title, today.card, schedule.card, canApprove ? emergency.card : null, compliance.card);

  (async () => {
    let communes;
    try {
      communes = (await api('/communes')).communes;
    } catch (e) {
      problem(today.body, e);
      return;
    }
    const id = communeId || (communes[0] && communes[0].id);
    if (!id) {
      fill(today.body, h('p', { class: 'muted' }, '—'));
      return;
    }
    const select = h('select', { id: 'commune-select', 'aria-label': t('bc.commune') },
      communes.map((c) => h('option', { value: c.id, selected: c.id === id }, c.name)));
    select.addEventListener('change', () => {
      history.pushState(null, '', '/broadcasts?commune=' + encodeURIComponent(select.value));
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    title.appendChild(h('label', { class: 'place-select' }, t('bc.commune'), ' ', select));
    loadToday(id);
    loadSchedule(id);
    if (canApprove) emergencyForm(id);
    loadCompliance(id);
  })();

  async function loadToday(id) {
    try {
      const day = await api('/broadcasts/today?commune=' + encodeURIComponent(id));
      const [y, m, d] = day.date.split('-');
      fill(today.card.querySelector('h2'), t('bc.today', { date: `${d}/${m}/${y}` }));
      if (!day.slots.length) {
        fill(today.body, h('p', { class: 'muted' }, t('bc.noSlots')));
        return;
      }
      fill(today.body, h('ul', { class: 'rows' }, day.slots.map((slot) => {
        const counts = {};
        for (const status of Object.values(slot.loudspeakers)) counts[status.status] = (counts[status.status] || 0) + 1;
        return h('li', { class: 'slot' },
          h('strong', {}, time(slot.scheduled_start), '–', time(slot.scheduled_end)),
          h('span', {}, slot.program),
          h('span', { class: 'muted small' }, Object.entries(counts).map(([s, n]) => `${num(n)} ${t('bc.status.' + s)}`)
            .join(' · ')),
          h('details', { class: 'small' }, h('summary', {}, num(Object.keys(slot.loudspeakers).length)),
            h('ul', {}, Object.entries(slot.loudspeakers).map(([device, status]) => h('li', {},
              h('a', { href: '/devices/' + encodeURIComponent(device), 'data-nav': '' }, device), ': ',
              t('bc.status.' + status.status))))));
      })));
    } catch (e) {
      problem(today.body, e);
    }
  }

  async function loadSchedule(id) {
    let current;
    try {
      current = await api('/schedules/' + encodeURIComponent(id));
    } catch (e) {
      problem(schedule.body, e);
      return;
    }
    const inForce = current.in_force;
    const draft = current.draft;
    const parts = [inForce ? h('p', { id: 'bc-in-force' }, t('bc.inForce', { version: inForce.version,
      who: inForce.approved_by, when: dateTime(inForce.approved_at) })) : h('p', { class: 'muted', id: 'bc-in-force' },
      t('bc.noneInForce')), inForce ? slotTable(inForce.slots) : null];
    if (draft) {
      const box = h('div', { class: 'draft', id: 'bc-draft' }, h('p', {}, t('bc.draft', { version: draft.version,
        who: draft.author, when: dateTime(draft.created_at), summary: draft.summary })), slotTable(draft.slots));
      if (canApprove) {
        const approve = h('button', { type: 'button', id: 'bc-approve' }, t('bc.approve'));
        approve.addEventListener('click', async () => {
          approve.disabled = true;
          try {
            await api('/schedules/' + encodeURIComponent(id) + '/approve', { method: 'POST',
              body: { version: draft.version } });
            loadSchedule(id);
            loadToday(id);
          } catch (e) {
            approve.disabled = false;
            box.appendChild(h('p', { class: 'error' }, t('error.load', { detail: e.message })));
          }
        });
        box.appendChild(approve);
      }
      parts.push(box);
    }
    if (canEdit) parts.push(editor(id, (draft || inForce || { slots: [] }).slots));
    fill(schedule.body, parts);
  }

  function slotTable(slots) {
    return h('table', { class: 'slots' }, h('tbody', {}, slots.map((s) => h('tr', {},
      h('td', {}, s.days ? s.days.map((d) => t('bc.day.' + d)).join(' ') : s.date),
      h('td', {}, s.start, '–', s.end, s.next_day ? ' (+1)' : ''),
      h('td', {}, s.program), h('td', { class: 'muted small' }, t('bc.priority.' + s.priority))))));
  }

  function editor(id, slots) {
    const rows = h('div', { class: 'editor-rows' });
    const message = h('div', { class: 'editor-message', id: 'bc-editor-message' });
    const add = (slot) => rows.appendChild(slotRow(slot));
    slots.forEach(add);
    const addButton = h('button', { type: 'button', class: 'link', id: 'bc-add' }, t('bc.addSlot'));
    addButton.addEventListener('click', () => add({ id: '', days: DAYS.slice(), start: '06:00', end: '06:30',
      program: '', priority: 'normal' }));
    const save = h('button', { type: 'button', id: 'bc-save' }, t('bc.saveDraft'));
    save.addEventListener('click', async () => {
      save.disabled = true;
      fill(message);
      try {
        const version = await api('/schedules/' + encodeURIComponent(id), { method: 'PUT',
          body: { slots: [...rows.children].map(readRow) } });
        fill(message, h('p', { class: 'ok' }, t('bc.saved', { version: version.version })));
        setTimeout(() => loadSchedule(id), 800);
      } catch (e) {
        const problems = e instanceof ApiError && e.status === 400 && e.body && e.body.problems;
        fill(message, problems ? h('div', { class: 'error' }, h('p', {}, t('bc.problems')),
          h('ul', {}, problems.map((p) => h('li', {}, p.path, ': ', p.message))))
          : h('p', { class: 'error' }, t('error.load', { detail: e.message })));
      } finally {
        save.disabled = false;
      }
    });
    return h('details', { class: 'editor', id: 'bc-editor' }, h('summary', {}, t('bc.edit')), rows,
      h('div', { class: 'controls' }, addButton, save), message);
  }

  function slotRow(slot) {
    const row = h('fieldset', { class: 'slot-row' });
    const field = (name, label, input) => h('label', { class: 'field' }, h('span', { class: 'small muted' }, label),
      input);
    const id = h('input', { name: 'id', value: slot.id, maxlength: 64, size: 8 });
    const days = h('span', { class: 'days' }, DAYS.map((d) => h('label', { class: 'day' },
      h('input', { type: 'checkbox', name: 'day', value: d, checked: !slot.days || slot.days.includes(d) }),
      t('bc.day.' + d))));
    const start = h('input', { name: 'start', type: 'time', value: slot.start, step: 60 });
    const end = h('input', { name: 'end', type: 'time', value: slot.end, step: 60 });
    const nextDay = h('input', { name: 'next_day', type: 'checkbox', checked: !!slot.next_day });
    const program = h('input', { name: 'program', value: slot.program, maxlength: 256 });
    const priority = h('select', { name: 'priority' }, PRIORITIES.map((p) => h('option',
      { value: p, selected: p === (slot.priority || 'normal') }, t('bc.priority.' + p))));
    const remove = h('button', { type: 'button', class: 'link' }, t('bc.remove'));
    remove.addEventListener('click', () => row.remove());
    if (slot.date) row.dataset.date = slot.date;
    row.append(field('id', t('bc.id'), id), field('days', t('bc.days'), days), field('start', t('bc.start'), start),
      field('end', t('bc.end'), end), h('label', { class: 'field' }, nextDay, ' ', t('bc.nextDay')),
      field('program', t('bc.program'), program), field('priority', t('bc.priority'), priority), remove);
    return row;
  }

  function readRow(row) {
    const value = (name) => row.querySelector(`[name=${name}]`).value.trim();
    const slot = { id: value('id'), start: value('start'), end: value('end'), program: value('program'),
      priority: value('priority'), next_day: row.querySelector('[name=next_day]').checked };
    if (row.dataset.date) slot.date = row.dataset.date;
    else slot.days = [...row.querySelectorAll('[name=day]:checked')].map((c) => c.value);
    return slot;
  }

  function emergencyForm(id) {
    const program = h('input', { id: 'bc-em-program', placeholder: t('bc.emergencyProgram'),
      'aria-label': t('bc.emergencyProgram'), maxlength: 256 });
    const minutes = h('select', { id: 'bc-em-minutes' }, [10, 15, 30, 60].map((n) => h('option', { value: n },
      t('bc.emergencyFor', { n }))));
    const issue = h('button', { type: 'button', id: 'bc-em-issue' }, t('bc.issue'));
    const message = h('div', {});
    issue.addEventListener('click', async () => {
      if (!program.value.trim()) {
        program.focus();
        return;
      }
      issue.disabled = true;
      try {
        const made = await api('/broadcasts/emergency', { method: 'POST', body: { commune: id,
          program: program.value.trim(), duration: 'PT' + minutes.value + 'M' } });
        fill(message, h('p', { class: 'ok' }, t('bc.issued', { id: made.id })));
        loadToday(id);
      } catch (e) {
        fill(message, h('p', { class: 'error' }, t('error.load', { detail: e.message })));
      } finally {
        issue.disabled = false;
      }
    });
    fill(emergency.body, h('div', { class: 'controls' }, program, minutes, issue), message);
  }

  async function loadCompliance(id, days = 7) {
    const to = Date.now();
    const period = h('select', { id: 'bc-period', 'aria-label': t('device.period') }, [1, 7, 30].map((n) =>
      h('option', { value: n, selected: n === days }, t(n === 1 ? 'period.24h' : n === 7 ? 'period.7d' : 'period.30d'))));
    period.addEventListener('change', () => loadCompliance(id, Number(period.value)));
    try {
      const c = await api('/broadcasts/compliance?place=' + encodeURIComponent(id) + '&from='
        + encodeURIComponent(new Date(to - days * DAY).toISOString()) + '&to=' + encodeURIComponent(new Date(to)
        .toISOString()));
      const s = c.summary;
      fill(compliance.body, h('div', { class: 'controls' }, period),
        h('p', { class: 'big', id: 'bc-compliance-pct' }, s.compliance === null ? '—' : pct(s.compliance * 100)),
        h('p', {}, t('bc.complianceLine', { complied: num(s.complied), slots: num(s.slots), missed: num(s.missed) })),
        h('p', { class: 'muted small' }, t('bc.minutes', { played: num(s.played_minutes),
          scheduled: num(s.scheduled_minutes) })));
    } catch (e) {
      problem(compliance.body, e);
    }
  }

  return () => {};
}
