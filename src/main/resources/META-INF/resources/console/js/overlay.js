// A photo with its quality map laid over it: the map (at the photo's aspect ratio) stretched over the photo,
// translucent, with a legend, a toggle and an opacity control. Both images come from this service.
import {el} from './dom.js';

const MAX_HEIGHT = '65vh';
let instances = 0;

export function photoWithMap(photoSrc, mapSrc, altText) {
  const n = ++instances;
  const photo = el('img', {class: 'photo', src: photoSrc, alt: altText});
  const map = el('img', {class: 'quality-map', id: `quality-map-${n}`, src: mapSrc, alt: ''});
  const frame = el('div', {class: 'frame'}, photo, map);
  photo.addEventListener('load', () => {
    const aspect = photo.naturalWidth / photo.naturalHeight;
    frame.style.aspectRatio = `${photo.naturalWidth} / ${photo.naturalHeight}`;
    frame.style.maxWidth = `min(100%, calc(${MAX_HEIGHT} * ${aspect}))`; // the whole photo in view, map and all
  });
  const toggle = el('input', {type: 'checkbox', id: `show-map-${n}`, class: 'show-map', checked: true});
  const opacity = el('input', {type: 'range', id: `map-opacity-${n}`, min: 10, max: 90, step: 5, value: 50});
  const apply = () => {
    map.hidden = !toggle.checked;
    map.style.opacity = opacity.value / 100;
    opacity.disabled = !toggle.checked;
  };
  toggle.addEventListener('change', apply);
  opacity.addEventListener('input', apply);
  apply();
  return el('figure', {class: 'overlay'}, frame,
    el('figcaption', {},
      el('span', {class: 'control'}, toggle, el('label', {for: toggle.id}, 'Show quality map')),
      el('span', {class: 'control'}, el('label', {for: opacity.id}, 'Opacity'), opacity),
      el('span', {class: 'legend', role: 'img',
        'aria-label': 'Legend: dark purple marks where this photo is worst, yellow where it is best'},
      el('span', {}, 'worse'), el('span', {class: 'ramp'}), el('span', {}, 'better')),
      el('span', {class: 'muted'}, 'relative within this photo; the MOS says how good it is overall')));
}
