// Queue: this instance's recent uploads that want a person's eye, newest first, in pages, with filters.
import {api} from './api.js';
import {el, number, reason, show, verdictBadge} from './dom.js';

const PAGE = 50;
const POLL_MS = 3000;
const state = {verdict: '', stage: '', model: '', from: '', to: '', offset: 0};
let poll = null;

function query() {
  const params = new URLSearchParams({offset: state.offset, limit: PAGE});
  for (const name of ['verdict', 'stage', 'model']) if (state[name]) params.set(name, state[name]);
  for (const name of ['from', 'to']) if (state[name]) params.set(name, new Date(state[name]).toISOString());
  return `queue?${params}`;
}

function select(name, label, options) {
  const id = `filter-${name}`;
  return [el('label', {for: id}, label),
    el('select', {id, name}, el('option', {value: ''}, 'any'),
      options.map((value) => el('option', {value, selected: state[name] === value}, value)))];
}

function filters(models) {
  const form = el('form', {class: 'filters', id: 'filters', 'aria-label': 'Filter the queue'},
    select('verdict', 'Verdict', ['reject', 'review', 'accept']),
    select('stage', 'Stage', ['student', 'teacher', 'student-teacher-unavailable']),
    select('model', 'Model', models),
    el('label', {for: 'filter-from'}, 'From'),
    el('input', {id: 'filter-from', name: 'from', type: 'datetime-local', value: state.from}),
    el('label', {for: 'filter-to'}, 'To'),
    el('input', {id: 'filter-to', name: 'to', type: 'datetime-local', value: state.to}),
    el('button', {type: 'submit'}, 'Apply'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of ['verdict', 'stage', 'model', 'from', 'to']) state[name] = form.elements[name].value;
    state.offset = 0;
    load();
  });
  return form;
}

function row(item) {
  const mos = item.student_mos !== undefined
    ? `${number(item.mos)} (student ${number(item.student_mos)})` : number(item.mos);
  return el('tr', {'data-id': item.id},
    el('td', {}, item.photo
      ? el('img', {class: 'thumb', src: `api/queue/${encodeURIComponent(item.id)}/thumbnail`, alt: '', width: 64,
        height: 64, decoding: 'async'})
      : el('span', {class: 'muted'}, 'no photo')),
    el('td', {}, el('a', {href: `#/photo/${encodeURIComponent(item.id)}`}, item.asset_id)),
    el('td', {class: 'num'}, mos),
    el('td', {}, verdictBadge(item.verdict)),
    el('td', {}, item.stage),
    el('td', {}, item.model),
    el('td', {class: 'num'}, `${number(item.latency_ms, 0)} ms`),
    el('td', {}, el('time', {datetime: item.time}, new Date(item.time).toLocaleString())),
    el('td', {class: 'num'}, item.my_decision ? number(item.my_decision.mos) : ''));
}

function table(page) {
  const headers = ['Photo', 'Asset', 'MOS', 'Verdict', 'Stage', 'Model', 'Latency', 'Scored', 'Your label'];
  return el('table', {class: 'queue', id: 'queue-table'},
    el('caption', {}, `${page.total} item${page.total === 1 ? '' : 's'} to review`),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, page.items.map(row)));
}

function pager(page) {
  const last = Math.min(page.offset + page.items.length, page.total);
  const move = (offset) => () => {
    state.offset = Math.max(0, offset);
    load();
  };
  return el('nav', {class: 'pager', 'aria-label': 'Queue pages'},
    el('button', {type: 'button', id: 'previous-page', disabled: page.offset === 0,
      onclick: move(page.offset - PAGE)}, 'Previous'),
    el('span', {}, page.total ? `${page.offset + 1}–${last} of ${page.total}` : '0 of 0'),
    el('button', {type: 'button', id: 'next-page', disabled: last >= page.total,
      onclick: move(page.offset + PAGE)}, 'Next'));
}

/** The first render after the page loaded is the one timed (bench/RESULTS.md). */
function markLoaded(main) {
  if (performance.getEntriesByName('queue-rendered').length) return;
  performance.mark('queue-rendered');
  const thumbs = [...main.querySelectorAll('img.thumb')];
  Promise.all(thumbs.map((img) => img.decode().catch(() => null)))
    .then(() => performance.mark('queue-thumbnails'));
}

async function load() {
  clearTimeout(poll);
  let page;
  try {
    page = await api(query());
  } catch (error) {
    show(el('h1', {}, 'Queue'), el('p', {class: 'error', role: 'alert'}, reason(error)));
    return;
  }
  if (!location.hash.startsWith('#/queue') && location.hash !== '') return; // left the page meanwhile
  const notes = [];
  if (!page.pipeline) {
    notes.push(el('p', {class: 'note'}, 'The Kafka pipeline is off on this instance: there is no queue to show, and '
      + 'decisions cannot be published. Thresholds, Score a photo and Models still work.'));
  } else if (page.feed_failure) {
    notes.push(el('p', {class: 'error', role: 'alert'}, `This instance stopped following the quality events `
      + `(${page.feed_failure}); the queue shows what it had. Restart the instance once the cause is fixed.`));
  } else if (!page.caught_up) {
    notes.push(el('p', {class: 'note', id: 'catching-up'}, 'Reading the recent quality events…'));
  }
  const main = show(el('h1', {}, 'Queue'),
    el('p', {class: 'muted'}, `Verdict review or reject, or a MOS near a threshold (reject below `
      + `${page.thresholds.reject_below}, accept from ${page.thresholds.accept_from}), as this instance saw them.`),
    filters(page.models), notes, table(page), pager(page),
    el('button', {type: 'button', id: 'refresh', onclick: load}, 'Refresh'));
  markLoaded(main);
  if (page.pipeline && !page.caught_up && !page.feed_failure) poll = setTimeout(load, POLL_MS);
}

export function showQueue() {
  load();
}
