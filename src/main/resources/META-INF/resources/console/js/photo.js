// One queued upload: the photo with its quality map, the scores of each stage, and the reviewer's decision.
import {api} from './api.js';
import {announce, el, number, reason, show, verdictBadge} from './dom.js';
import {photoWithMap} from './overlay.js';

function scores(item) {
  const teacherDecided = item.student_mos !== undefined;
  return el('dl', {class: 'scores', id: 'scores'},
    el('dt', {}, 'Verdict'), el('dd', {}, verdictBadge(item.verdict)),
    el('dt', {}, 'Student MOS'), el('dd', {id: 'student-mos'}, number(teacherDecided ? item.student_mos : item.mos)),
    el('dt', {}, 'Teacher MOS'), el('dd', {id: 'teacher-mos'}, teacherDecided ? number(item.mos) : 'not asked'),
    el('dt', {}, 'Stage'), el('dd', {}, item.stage),
    el('dt', {}, 'Model'), el('dd', {}, item.model),
    el('dt', {}, 'Latency'), el('dd', {}, `${number(item.latency_ms, 0)} ms`),
    el('dt', {}, 'Scored'), el('dd', {}, new Date(item.time).toLocaleString()));
}

function decisionForm(item) {
  const start = Math.round(item.my_decision ? item.my_decision.mos : item.mos);
  const slider = el('input', {type: 'range', id: 'decision-mos', min: 0, max: 100, step: 1, value: start,
    'aria-describedby': 'decision-help'});
  const shown = el('output', {for: 'decision-mos', id: 'decision-mos-value'}, String(start));
  slider.addEventListener('input', () => {
    shown.textContent = slider.value;
  });
  const result = el('p', {id: 'decision-result', role: 'status'},
    item.my_decision ? `Your label: MOS ${number(item.my_decision.mos)}.` : '');
  const send = async (body) => {
    try {
      const outcome = await api(`queue/${encodeURIComponent(item.id)}/decision`, {method: 'POST', json: body});
      const text = `${outcome.published ? 'Label published' : 'Already published, nothing sent again'}: `
        + `${item.asset_id}, MOS ${number(outcome.decision.mos)}.`;
      result.textContent = text;
      announce(text);
    } catch (error) {
      result.textContent = `Not published: ${reason(error)}`;
    }
  };
  const disabled = !item.labellable;
  return el('form', {class: 'card decide', id: 'decide', 'aria-labelledby': 'decide-title',
    onsubmit: (event) => {
      event.preventDefault();
      send({mos: Number(slider.value)});
    }},
  el('h2', {id: 'decide-title'}, 'Your decision'),
  disabled ? el('p', {class: 'note'}, 'This upload cannot become a label here: it was sent inline, is no longer '
      + 'remembered, or this instance has no Kafka pipeline.') : null,
  el('p', {id: 'decision-help', class: 'muted'}, 'A MOS from 0 (bad) to 100 (excellent), or accept or reject as a '
      + 'whole. It becomes a label for re-distillation, with you as its rater.'),
  el('div', {class: 'mos'}, el('label', {for: 'decision-mos'}, 'MOS'), slider, shown),
  el('div', {class: 'buttons'},
    el('button', {type: 'submit', id: 'submit-mos', disabled}, 'Publish MOS'),
    el('button', {type: 'button', id: 'accept', disabled, onclick: () => send({verdict: 'accept'})}, 'Accept'),
    el('button', {type: 'button', id: 'reject', disabled, onclick: () => send({verdict: 'reject'})}, 'Reject')),
  result);
}

export async function showPhoto(session, id) {
  let item;
  try {
    item = await api(`queue/${encodeURIComponent(id)}`);
  } catch (error) {
    show(el('h1', {}, 'Photo'), el('p', {class: 'error', role: 'alert'}, reason(error)),
      el('a', {href: '#/queue'}, 'Back to the queue'));
    return;
  }
  const base = `api/queue/${encodeURIComponent(item.id)}`;
  show(el('p', {}, el('a', {href: '#/queue'}, '← Queue')),
    el('h1', {}, item.asset_id),
    el('div', {class: 'photo-view'},
      item.photo ? photoWithMap(`${base}/photo`, `${base}/quality-map`, `Photo ${item.asset_id}`)
        : el('p', {class: 'note'}, 'This instance no longer holds the photo of this upload.'),
      el('div', {class: 'side'}, scores(item), decisionForm(item))));
}
