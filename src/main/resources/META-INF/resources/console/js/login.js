// Sign-in: the API key is exchanged once for a session cookie the page cannot read; the key is not kept.
import {api} from './api.js';
import {el, reason, show} from './dom.js';

export function showLogin(onSignedIn, message) {
  const error = el('p', {class: 'error', role: 'alert', id: 'login-error'}, message || '');
  const key = el('input', {id: 'api-key', name: 'api_key', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'login-error'});
  const form = el('form', {class: 'card login', id: 'login'},
    el('h1', {}, 'Sign in'),
    el('p', {}, 'Use the API key you call /v1 with. It is exchanged for a session here and not stored in the browser.'),
    el('label', {for: 'api-key'}, 'API key'), key,
    el('button', {type: 'submit'}, 'Sign in'),
    error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const session = await api('session', {method: 'POST', json: {api_key: key.value}});
      key.value = '';
      onSignedIn(session);
    } catch (failure) {
      error.textContent = failure.status === 401 ? 'That API key is not known here.' : reason(failure);
      key.focus();
    }
  });
  show(form);
  key.focus();
}
