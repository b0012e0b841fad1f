// Numbers, percentages, dates and durations the Vietnamese way (99,87 %, 07/12/2026 14:05, 24-hour clock, Vietnam's
// time), or the English way when English is chosen.
import { lang } from './i18n.js';

const ZONE = 'Asia/Ho_Chi_Minh';

function locale() {
  return lang() === 'en' ? 'en-GB' : 'vi-VN';
}

/** A whole number with grouping: 3.512 (vi), 3,512 (en). */
export function num(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(value);
}

/**
 * A percentage with two decimals, cut rather than rounded, so that 99,996 shows 99,99 % and never 100 % until it
 * is: 99,87 % (vi), 99.87 % (en); a dash for none.
 */
export function pct(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const cut = value >= 100 ? 100 : Math.floor(value * 100) / 100;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cut) + ' %';
}

const PARTS = new Map();

function parts(date) {
  const key = locale();
  if (!PARTS.has(key)) {
    PARTS.set(key, new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      hourCycle: 'h23',
    }));
  }
  const out = {};
  for (const part of PARTS.get(key).formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** An instant (ISO string or epoch ms) as dd/MM/yyyy HH:mm in Vietnam's time. */
export function dateTime(value) {
  if (value === null || value === undefined) return '—';
  const p = parts(new Date(value));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** An instant as HH:mm in Vietnam's time. */
export function time(value) {
  const p = parts(new Date(value));
  return `${p.hour}:${p.minute}`;
}

/** A duration in seconds, short: 3 ngày 4 giờ, 2 giờ 5 phút, 45 phút (vi); 3 d 4 h … (en). */
export function duration(seconds) {
  const vi = lang() !== 'en';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const unit = (n, viWord, enWord) => `${n} ${vi ? viWord : enWord}`;
  if (d > 0) return unit(d, 'ngày', 'd') + (h ? ' ' + unit(h, 'giờ', 'h') : '');
  if (h > 0) return unit(h, 'giờ', 'h') + (m ? ' ' + unit(m, 'phút', 'min') : '');
  return unit(Math.max(m, seconds > 0 ? 1 : 0), 'phút', 'min');
}
