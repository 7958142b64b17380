// Static HTML gallery of a dataset: one card per sample with its image, sentence and latent values,
// filterable by shape and position. The page needs no server: it works from a file:// URL.
import { CSS4_COLORS, TABLEAU_COLORS, XKCD_COLORS } from '../latents/palette-data.js';
import type { ImageLatents, TextLatents } from '../latents/types.js';
import { SHAPE_NAMES, XPOS_NAMES, YPOS_NAMES } from '../text/phrasings.js';

/** An extra picture shown under the image, such as the object mask. */
export interface GalleryExtra {
  label: string;
  /** URL relative to the HTML file. */
  url: string;
}

/** One card of the gallery. */
export interface GallerySample {
  index: number;
  /** Image URL relative to the HTML file. */
  image: string;
  extras: GalleryExtra[];
  sentence: string;
  imageLatents: ImageLatents;
  textLatents: TextLatents;
}

/** Page title and the dataset size shown in the header. */
export interface GalleryOptions {
  title: string;
  /** Samples in the dataset, of which the gallery shows the first `samples.length`. */
  total: number;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Encodes a relative file path as a URL path, keeping the slashes. */
function urlPath(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

function colorHex(name: string): string | undefined {
  return TABLEAU_COLORS[name] ?? CSS4_COLORS[name] ?? XKCD_COLORS[name];
}

function swatch(css: string, title: string): string {
  return `<span class="swatch" style="background:${escapeHtml(css)}" title="${escapeHtml(title)}"></span>`;
}

function latentRows(sample: GallerySample): string {
  const image = sample.imageLatents;
  const text = sample.textLatents;
  const fixed = (value: number) => value.toFixed(3);
  const hueCss = `hsl(${(image.objectColor * 360).toFixed(1)}, 100%, 50%)`;
  const namedHex = colorHex(text.objectColorName);
  const named = namedHex ? swatch(namedHex, `${text.objectColorName} ${namedHex}`) : '';
  // Column name and HTML of its value; only the colour name needs escaping.
  const rows: [string, string][] = [
    ['object_shape', `${image.objectShape} (${SHAPE_NAMES[image.objectShape] ?? '?'})`],
    ['object_xpos', `${image.objectXpos} (${XPOS_NAMES[image.objectXpos] ?? '?'})`],
    ['object_ypos', `${image.objectYpos} (${YPOS_NAMES[image.objectYpos] ?? '?'})`],
    ['object_alpharot', fixed(image.objectAlpharot)],
    ['object_betarot', fixed(image.objectBetarot)],
    ['object_gammarot', fixed(image.objectGammarot)],
    ['object_color', `${swatch(hueCss, `hue ${image.objectColor}`)}${fixed(image.objectColor)}`],
    ['object_color_name', `${named}${escapeHtml(text.objectColorName)} (${text.objectColorIndex})`],
    ['spotlight_pos', fixed(image.spotlightPos)],
    ['spotlight_color', fixed(image.spotlightColor)],
    ['background_color', fixed(image.backgroundColor)],
    ['text_phrasing', String(text.textPhrasing)],
  ];
  return rows.map(([name, html]) => `<tr><th>${name}</th><td>${html}</td></tr>`).join('');
}

function card(sample: GallerySample): string {
  const shape = SHAPE_NAMES[sample.imageLatents.objectShape] ?? String(sample.imageLatents.objectShape);
  const xpos = XPOS_NAMES[sample.imageLatents.objectXpos] ?? '';
  const ypos = YPOS_NAMES[sample.imageLatents.objectYpos] ?? '';
  const extras = sample.extras
    .map((extra) => `<figure class="extra"><img src="${escapeHtml(urlPath(extra.url))}" alt="${escapeHtml(extra.label)} ${sample.index}" width="112" height="112"><figcaption>${escapeHtml(extra.label)}</figcaption></figure>`)
    .join('');
  return `<article class="sample" id="sample-${sample.index}" data-shape="${escapeHtml(shape)}" data-xpos="${escapeHtml(xpos)}" data-ypos="${escapeHtml(ypos)}">
<img class="render" src="${escapeHtml(urlPath(sample.image))}" alt="sample ${sample.index}: ${escapeHtml(sample.sentence)}" width="224" height="224">
${extras ? `<div class="extras">${extras}</div>` : ''}
<p class="caption"><span class="index">${sample.index}</span> ${escapeHtml(sample.sentence)}</p>
<table class="latents">${latentRows(sample)}</table>
</article>`;
}

function select(id: string, label: string, names: readonly string[]): string {
  const options = ['all', ...names].map((name) => `<option value="${escapeHtml(name)}">${escapeHtml(name)}</option>`).join('');
  return `<label>${label} <select id="${id}" data-key="${id.replace('-filter', '')}">${options}</select></label>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; background: #f4f4f4; color: #222; }
header { display: flex; flex-wrap: wrap; gap: 16px; align-items: baseline; margin-bottom: 12px; }
h1 { font-size: 20px; margin: 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.sample { background: #fff; border-radius: 6px; padding: 8px; box-shadow: 0 1px 2px #0002; }
.sample[hidden] { display: none; }
.render { display: block; width: 224px; height: 224px; image-rendering: pixelated; }
.extras { display: flex; gap: 4px; margin-top: 4px; }
.extra { margin: 0; font-size: 11px; text-align: center; }
.caption { margin: 6px 0; }
.index { font-weight: 600; background: #222; color: #fff; border-radius: 3px; padding: 0 4px; }
.latents { font: 12px/1.3 ui-monospace, monospace; border-collapse: collapse; }
.latents th { text-align: left; font-weight: normal; color: #666; padding-right: 8px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1px solid #0004; vertical-align: -1px; }
`;

// Filters read and write the URL fragment (#shape=cow&xpos=left), so a filtered view can be linked.
// Each image records its decoded width in data-natural-width, and #load-status counts loaded and
// failed images, so that a headless browser's DOM dump shows whether the images loaded.
const SCRIPT = `
const cards = Array.from(document.querySelectorAll('.sample'));
const selects = Array.from(document.querySelectorAll('select[data-key]'));
const shownCount = document.getElementById('shown-count');
const requested = new URLSearchParams(location.hash.slice(1));
for (const select of selects) {
  const value = requested.get(select.dataset.key);
  if (value && Array.from(select.options).some((option) => option.value === value)) select.value = value;
}
function applyFilters() {
  let shown = 0;
  for (const card of cards) {
    const visible = selects.every((select) => select.value === 'all' || card.dataset[select.dataset.key] === select.value);
    card.hidden = !visible;
    if (visible) shown += 1;
  }
  shownCount.textContent = shown + ' of ' + cards.length + ' samples shown';
  const fragment = selects.filter((select) => select.value !== 'all').map((select) => select.dataset.key + '=' + encodeURIComponent(select.value)).join('&');
  try { history.replaceState(null, '', fragment ? '#' + fragment : location.pathname + location.search); } catch (error) { /* some browsers reject this on file:// URLs */ }
}
for (const select of selects) select.addEventListener('change', applyFilters);
applyFilters();

const images = Array.from(document.querySelectorAll('img'));
const loadStatus = document.getElementById('load-status');
let loaded = 0;
let failed = 0;
function record(image) {
  if (image.naturalWidth > 0) {
    image.dataset.naturalWidth = String(image.naturalWidth);
    loaded += 1;
  } else {
    image.dataset.failed = 'true';
    failed += 1;
  }
  loadStatus.textContent = loaded + ' of ' + images.length + ' images loaded' + (failed ? ', ' + failed + ' missing' : '');
  if (loaded + failed === images.length) loadStatus.dataset.done = 'true';
}
for (const image of images) {
  if (image.complete) record(image);
  else {
    image.addEventListener('load', () => record(image), { once: true });
    image.addEventListener('error', () => record(image), { once: true });
  }
}
`;

/** Builds the gallery page: a header with filters and counts, then one card per sample. */
export function buildGalleryHtml(samples: readonly GallerySample[], options: GalleryOptions): string {
  const title = escapeHtml(options.title);
  const filters = [select('shape-filter', 'shape', SHAPE_NAMES), select('xpos-filter', 'x position', XPOS_NAMES), select('ypos-filter', 'y position', YPOS_NAMES)].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<span>first ${samples.length} of ${options.total} samples</span>
${filters}
<span id="shown-count"></span>
<span id="load-status"></span>
</header>
<main class="grid">
${samples.map(card).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
