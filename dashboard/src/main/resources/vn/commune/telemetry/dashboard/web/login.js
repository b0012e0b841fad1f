// The login screen: username and password, the service's answer in words (wrong, throttled), then the app.
import { api, ApiError, setCsrf } from './api.js';
import { h, fill } from './dom.js';
import { t } from './i18n.js';

/** Shows the login form in {@code main}; calls {@code done(session)} once logged in. */
export function showLogin(main, done) {
  const message = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, t('login.submit'));
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', {}, t('login.title')),
    h('label', { for: 'username' }, t('login.username')), username,
    h('label', { for: 'password' }, t('login.password')), password,
    submit, message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    fill(message);
    try {
      const session = await api('/session', { method: 'POST',
        body: { username: username.value.trim(), password: password.value } });
      setCsrf(session.csrf_token);
      done(session);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        fill(message, t('login.throttled', { seconds: e.retryAfter || 60 }));
      } else if (e instanceof ApiError && e.status === 401) {
        fill(message, t('login.failed'));
      } else {
        fill(message, t('error.load', { detail: e.message }));
      }
      password.value = '';
      submit.disabled = false;
    }
  });
  fill(main, form);
  username.focus();
}
