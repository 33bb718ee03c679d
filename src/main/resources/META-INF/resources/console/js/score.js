// Score a photo: dropped or chosen from disk, or by URL, which the service fetches through its SSRF guard; the
// page shows only what the service sends back (the photo it re-encoded and its quality map).
import {api} from './api.js';
import {el, number, reason, show, verdictBadge} from './dom.js';
import {photoWithMap} from './overlay.js';

function result(scored, name) {
  const report = scored.report;
  return el('section', {class: 'card', id: 'score-result', 'aria-labelledby': 'score-result-title'},
    el('h2', {id: 'score-result-title'}, name),
    el('dl', {class: 'scores'},
      el('dt', {}, 'MOS'), el('dd', {id: 'scored-mos'}, number(report.mos)),
      el('dt', {}, 'Verdict'), el('dd', {}, verdictBadge(report.verdict)),
      el('dt', {}, 'Model'), el('dd', {}, `${report.model.name}/${report.model.version}`),
      el('dt', {}, 'Size'), el('dd', {}, `${scored.width} × ${scored.height}`)),
    photoWithMap(scored.photo, scored.quality_map, `Scored photo ${name}`));
}

export function showScore() {
  const output = el('div', {id: 'score-area', 'aria-live': 'polite'});
  const run = async (name, request) => {
    output.replaceChildren(el('p', {class: 'muted'}, `Scoring ${name}…`));
    try {
      output.replaceChildren(result(await request(), name));
    } catch (error) {
      output.replaceChildren(el('p', {class: 'error', role: 'alert', id: 'score-error'}, reason(error)));
    }
  };
  const upload = (file) => {
    const form = new FormData();
    form.append('image', file);
    run(file.name, () => api('score', {method: 'POST', form}));
  };
  const chooser = el('input', {type: 'file', id: 'photo-file', accept: 'image/*',
    onchange: () => chooser.files[0] && upload(chooser.files[0])});
  const drop = el('div', {class: 'drop', id: 'drop-zone'},
    el('p', {}, 'Drop a photo here, or '), el('label', {for: 'photo-file', class: 'button'}, 'choose a file'), chooser);
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer.files[0]) upload(event.dataTransfer.files[0]);
  });
  const url = el('input', {type: 'url', id: 'photo-url', placeholder: 'https://…', required: true});
  const byUrl = el('form', {class: 'url', id: 'score-url', onsubmit: (event) => {
    event.preventDefault();
    run(url.value, () => api('score', {method: 'POST', json: {url: url.value}}));
  }}, el('label', {for: 'photo-url'}, 'or a URL (the service fetches it; private addresses are refused)'), url,
  el('button', {type: 'submit'}, 'Score URL'));
  show(el('h1', {}, 'Score a photo'), el('div', {class: 'card'}, drop, byUrl), output);
}
