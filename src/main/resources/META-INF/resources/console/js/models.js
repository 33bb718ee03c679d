// Models: what serves, the student's versions and lineage, its model card, the last re-distillation, and, for
// admins, a rollback to the version before.
import {api} from './api.js';
import {announce, el, number, reason, show} from './dom.js';

function versions(student) {
  return el('table', {class: 'rows', id: 'versions'},
    el('caption', {}, 'Student versions'),
    el('thead', {}, el('tr', {}, ['Version', 'Created', 'Engines', 'Held-out SRCC', 'Serving']
      .map((h) => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, student.map((v) => el('tr', {class: v.serving ? 'serving' : null},
      el('td', {}, v.version), el('td', {}, v.created_at || '–'), el('td', {}, v.engines.join(', ')),
      el('td', {class: 'num'}, v.metrics?.held_out?.srcc !== undefined ? number(v.metrics.held_out.srcc, 3) : '–'),
      el('td', {}, v.serving ? 'serving' : '')))));
}

function lineage(serving) {
  const entries = Object.entries(serving.lineage || {});
  if (!entries.length) return el('p', {class: 'muted'}, 'No lineage recorded.');
  return el('dl', {class: 'scores', id: 'lineage'}, entries.map(([key, value]) => [el('dt', {}, key),
    el('dd', {}, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value))]));
}

function card(serving) {
  const section = el('section', {class: 'card model-card', id: 'model-card', 'aria-label': 'Model card'});
  if (serving.card_html) section.innerHTML = serving.card_html; // rendered and sanitised by the service
  else section.append(el('p', {class: 'muted'}, 'This version has no model card.'));
  return section;
}

function lastRun(report) {
  if (!report) return el('p', {class: 'muted', id: 'last-distillation'}, 'No re-distillation has run on this cache.');
  return el('div', {id: 'last-distillation'},
    el('p', {}, `${report.outcome} ${report.finished_at ? `on ${new Date(report.finished_at).toLocaleString()}` : ''}`
      + `${report.candidate ? `: candidate ${report.candidate} from ${report.parent}` : ''}`),
    report.reasons?.length ? el('ul', {}, report.reasons.map((r) => el('li', {}, r))) : null,
    report.candidate_metrics ? el('p', {}, `held-out SRCC ${number(report.parent_metrics?.srcc, 3)} → `
      + `${number(report.candidate_metrics.srcc, 3)}`) : null,
    el('details', {}, el('summary', {}, 'Full report'), el('pre', {}, JSON.stringify(report, null, 2))));
}

function rollback(view) {
  if (!view.can_roll_back) return null;
  const newest = view.student[view.student.length - 1].version;
  const previous = view.student[view.student.length - 2].version;
  const result = el('p', {id: 'rollback-result', role: 'status'});
  const confirm = el('button', {type: 'button', id: 'confirm-rollback', class: 'danger', hidden: true,
    onclick: async () => {
      confirm.disabled = true;
      try {
        const report = await api('models/rollback', {method: 'POST'});
        announce(`Rolled back: ${report.retired} retired, ${report.serving} serving.`);
        showModels();
      } catch (error) {
        result.textContent = `Not rolled back: ${reason(error)}`;
        confirm.disabled = false;
      }
    }}, `Confirm: retire ${newest}, serve ${previous}`);
  const start = el('button', {type: 'button', id: 'rollback', onclick: () => {
    confirm.hidden = false;
    confirm.focus();
  }}, 'Roll back…');
  return el('section', {class: 'card', 'aria-labelledby': 'rollback-title'},
    el('h2', {id: 'rollback-title'}, 'Rollback'),
    el('p', {}, `Retires the newest version (${newest}) on every instance and serves ${previous} again.`),
    start, confirm, result);
}

export async function showModels() {
  let view;
  try {
    view = await api('models');
  } catch (error) {
    show(el('h1', {}, 'Models'), el('p', {class: 'error', role: 'alert'}, reason(error)));
    return;
  }
  const serving = view.serving;
  show(el('h1', {}, 'Models'),
    el('p', {id: 'serving'}, serving ? `Serving student ${serving.name}/${serving.version}.`
      : 'No student is loaded yet.'),
    el('section', {class: 'card'}, versions(view.student)),
    serving ? el('section', {class: 'card', 'aria-labelledby': 'lineage-title'},
      el('h2', {id: 'lineage-title'}, 'Lineage'), lineage(serving)) : null,
    el('section', {class: 'card', 'aria-labelledby': 'distill-title'},
      el('h2', {id: 'distill-title'}, 'Last re-distillation'), lastRun(view.last_distillation)),
    rollback(view),
    serving ? card(serving) : null);
}
