// Small DOM helpers: pages build their markup from these, never from HTML strings.

/** An element with attributes (on* are listeners; false/null are left out) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Says something to everyone, screen readers included (the polite live region). */
export function announce(message) {
  document.getElementById('status').textContent = message;
}

export function number(value, digits = 1) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
}

/** A problem JSON's detail, else the HTTP status. */
export function reason(error) {
  return error?.problem?.detail || error?.message || String(error);
}

/** Replaces the page's content and moves focus to it, so keyboard and screen-reader users start at the top. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  main.focus();
  return main;
}

/** The verdict as a badge whose text, not only its colour, says it. */
export function verdictBadge(verdict) {
  return el('span', {class: `badge ${verdict}`}, verdict);
}
