// Building the page from data without ever parsing it as HTML: every text goes in as a text node, so a village
// named <img src=x onerror=alert(1)> shows as those characters. Attributes are set one by one; no event handler
// attributes (the Content-Security-Policy refuses inline script anyway).

/** An element: h('a', {href: '/x', class: 'link'}, 'text', child, [more, children]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) throw new Error('no inline handlers: ' + key);
    el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
