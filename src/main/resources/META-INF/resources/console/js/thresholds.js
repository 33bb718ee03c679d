// Thresholds: score a labelled set (the server's, or one uploaded), see how the verdicts agree with the human MOS,
// move the thresholds and watch it change, and take the chosen values as configuration.
import {api} from './api.js';
import {el, number, reason, show} from './dom.js';
import {VERDICTS, confusion} from './confusion.js';

function slider(id, label, value) {
  const input = el('input', {type: 'range', id, min: 0, max: 100, step: 1, value});
  const output = el('output', {for: id, id: `${id}-value`}, String(value));
  return {input, output, row: el('div', {class: 'mos'}, el('label', {for: id}, label), input, output)};
}

function confusionTable(rows, rejectBelow, acceptFrom) {
  const {counts, agreement} = confusion(rows, rejectBelow, acceptFrom);
  return el('table', {class: 'confusion', id: 'confusion'},
    el('caption', {}, `Verdicts against the human MOS: ${agreement === null ? '–'
      : `${Math.round(agreement * 100)} % agree`}`),
    el('thead', {}, el('tr', {}, el('td', {}), el('th', {scope: 'col', colspan: 3}, 'model verdict'))),
    el('tbody', {},
      el('tr', {}, el('th', {scope: 'col'}, 'human MOS says'), VERDICTS.map((v) => el('th', {scope: 'col'}, v))),
      VERDICTS.map((human) => el('tr', {}, el('th', {scope: 'row'}, human),
        VERDICTS.map((model) => el('td', {class: human === model ? 'num agree' : 'num',
          'data-human': human, 'data-model': model}, String(counts[human][model])))))));
}

function exported(rejectBelow, acceptFrom) {
  return el('pre', {id: 'export', tabindex: 0, 'aria-label': 'Configuration to paste'},
    `# application.properties\ndpiqa.scoring.reject-below=${rejectBelow}\ndpiqa.scoring.accept-from=${acceptFrom}\n`
    + `# or as environment variables\nDPIQA_SCORING_REJECT_BELOW=${rejectBelow}\n`
    + `DPIQA_SCORING_ACCEPT_FROM=${acceptFrom}\n`);
}

function results(evaluation, thresholds) {
  const reject = slider('reject-below', 'Reject below', thresholds.reject_below);
  const accept = slider('accept-from', 'Accept from', thresholds.accept_from);
  const live = el('div', {id: 'live'});
  const update = (moved) => {
    let low = Number(reject.input.value);
    let high = Number(accept.input.value);
    if (low > high) { // the thresholds may meet, never cross
      if (moved === reject.input) high = low; else low = high;
      reject.input.value = low;
      accept.input.value = high;
    }
    reject.output.textContent = low;
    accept.output.textContent = high;
    live.replaceChildren(confusionTable(evaluation.rows, low, high), exported(low, high));
  };
  for (const s of [reject, accept]) s.input.addEventListener('input', () => update(s.input));
  update(null);
  const stat = (label, value) => [el('dt', {}, label), el('dd', {}, value === null ? '–' : number(value, 3))];
  return el('section', {class: 'card', id: 'evaluation', 'aria-labelledby': 'evaluation-title'},
    el('h2', {id: 'evaluation-title'}, `${evaluation.set}: ${evaluation.rows.length} photos scored`),
    el('dl', {class: 'scores'}, stat('SRCC', evaluation.srcc), stat('PLCC', evaluation.plcc),
      stat('PLCC (logistic)', evaluation.plcc_logistic),
      el('dt', {}, 'Model'), el('dd', {}, evaluation.models.join(', ') || '–')),
    evaluation.failures.length ? el('p', {class: 'note'}, `Left out: ${evaluation.failures
      .map((f) => `${f.image} (${f.reason})`).join('; ')}`) : null,
    reject.row, accept.row, live,
    el('details', {}, el('summary', {}, 'Each photo'),
      el('table', {class: 'rows'}, el('thead', {}, el('tr', {}, ['Photo', 'Human MOS', 'Model MOS']
        .map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, evaluation.rows.map((r) => el('tr', {}, el('td', {}, r.image),
        el('td', {class: 'num'}, number(r.mos)), el('td', {class: 'num'}, number(r.predicted))))))));
}

export async function showThresholds() {
  let choices;
  try {
    choices = await api('labelled-sets');
  } catch (error) {
    show(el('h1', {}, 'Thresholds'), el('p', {class: 'error', role: 'alert'}, reason(error)));
    return;
  }
  const output = el('div', {id: 'evaluation-area', 'aria-live': 'polite'});
  const run = async (request) => {
    output.replaceChildren(el('p', {class: 'muted'}, 'Scoring the set…'));
    try {
      output.replaceChildren(results(await request(), choices.thresholds));
    } catch (error) {
      output.replaceChildren(el('p', {class: 'error', role: 'alert'}, reason(error)));
    }
  };
  const pick = el('select', {id: 'labelled-set'}, choices.sets.map((s) => el('option', {value: s.id}, s.name)));
  const picked = el('form', {class: 'card', id: 'pick-set', onsubmit: (event) => {
    event.preventDefault();
    run(() => api(`labelled-sets/${encodeURIComponent(pick.value)}/evaluation`, {method: 'POST'}));
  }}, el('h2', {}, 'A labelled set on the server'), el('label', {for: 'labelled-set'}, 'Set'), pick,
  el('button', {type: 'submit', id: 'evaluate-set'}, 'Score this set'));
  const labels = el('input', {type: 'file', id: 'labels-file', accept: '.csv,text/csv', required: true});
  const photos = el('input', {type: 'file', id: 'labelled-photos', accept: 'image/*', multiple: true,
    required: true});
  const uploaded = el('form', {class: 'card', id: 'upload-set', onsubmit: (event) => {
    event.preventDefault();
    const form = new FormData();
    form.append('labels', labels.files[0]);
    for (const file of photos.files) form.append('image', file);
    run(() => api('labelled-sets', {method: 'POST', form}));
  }}, el('h2', {}, 'Your own labelled set'),
  el('p', {class: 'muted'}, 'A mos.csv (columns image and mos, 0-100) and the photos it names.'),
  el('label', {for: 'labels-file'}, 'mos.csv'), labels,
  el('label', {for: 'labelled-photos'}, 'Photos'), photos,
  el('button', {type: 'submit', id: 'evaluate-upload'}, 'Score the upload'));
  show(el('h1', {}, 'Thresholds'),
    el('p', {class: 'muted'}, `In force now: reject below ${choices.thresholds.reject_below}, accept from `
      + `${choices.thresholds.accept_from}. Moving the sliders changes nothing in the service: paste the values `
      + 'into its configuration to apply them.'),
    el('div', {class: 'two'}, picked, uploaded), output);
}
