// The console's shell: who is signed in, the navigation, and which page the address (#/...) asks for.
import {api, useSession, whenSignedOut} from './api.js';
import {announce} from './dom.js';
import {showLogin} from './login.js';
import {showQueue} from './queue.js';
import {showPhoto} from './photo.js';
import {showThresholds} from './thresholds.js';
import {showScore} from './score.js';
import {showModels} from './models.js';

const pages = {
  queue: showQueue,
  photo: showPhoto,
  thresholds: showThresholds,
  score: showScore,
  models: showModels,
};

let session = null;

function route() {
  if (!session) return;
  announce(''); // what was said belongs to the page being left
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = pages[name] ? name : 'queue';
  const current = page === 'photo' ? 'queue' : page;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${current}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  pages[page](session, ...rest.map(decodeURIComponent));
}

function signedIn(current) {
  session = current;
  useSession(current);
  document.getElementById('nav').hidden = false;
  document.getElementById('who').textContent = `${current.user}${current.roles.includes('admin') ? ' (admin)' : ''}`;
  document.getElementById('logout').hidden = !current.auth_enabled;
  route();
}

function signedOut(message) {
  session = null;
  useSession(null);
  document.getElementById('nav').hidden = true;
  document.getElementById('who').textContent = '';
  document.getElementById('logout').hidden = true;
  showLogin(signedIn, message);
}

async function start() {
  window.addEventListener('hashchange', route);
  whenSignedOut(() => signedOut('Your session ended: sign in again.'));
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    await api('session', {method: 'DELETE'}).catch(() => null);
    signedOut();
    announce('Signed out.');
  });
  try {
    signedIn(await api('session'));
  } catch (error) {
    signedOut();
  }
}

start();
