import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** How a body is made safe to show: whether remote images may load, and the words for a blocked one. */
export interface SanitiseOptions {
  /** The agent clicked "Show images" for this message: http(s) images load (without a referrer). */
  allowRemoteImages: boolean;
  /** The placeholder text of an image that is not shown; `alt` is the image's own description (may be empty). */
  blockedImageText: (alt: string) => string;
}

/** A body as HTML safe to insert, and how many remote images it holds back. */
export interface SanitisedBody {
  html: string;
  /** Remote images replaced by a placeholder (0 when they were allowed, or there were none). */
  blockedImages: number;
}

// Elements that would act rather than show (forms, frames, plug-ins, media that fetches),
// restyle the app (style, link) or change how the page resolves URLs (base, meta).
const FORBID_TAGS = [
  'style', 'link', 'meta', 'base', 'title', 'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea',
  'fieldset', 'label', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'video', 'audio', 'source',
  'track', 'picture', 'dialog', 'template', 'noscript', 'portal', 'svg', 'math', 'marquee',
];
// `id`/`name` could clobber the app's ids (aria-labelledby) and globals; `class` could borrow the
// app's styles (a "visually-hidden" or absolutely placed row); the rest load or act.
const FORBID_ATTR = [
  'id', 'name', 'class', 'srcset', 'sizes', 'background', 'action', 'formaction', 'ping', 'poster', 'download',
  'autofocus', 'tabindex', 'accesskey', 'contenteditable', 'draggable', 'popover', 'popovertarget', 'target', 'rel',
  'usemap', 'ismap', 'longdesc', 'lowsrc', 'dynsrc',
];

/**
 * CSS properties an email may keep: colour, type and boxes inside its own area; nothing that
 * positions, transforms, hides or loads. The browser hands us longhands (`border-top-width`), so
 * families are matched by prefix.
 */
const ALLOWED_STYLE = /^(?:color|background-color|font-(?:weight|style|size|family|variant)|text-(?:align|decoration(?:-line|-color|-style)?|transform|indent)|vertical-align|white-space|line-height|letter-spacing|word-spacing|padding(?:-(?:top|right|bottom|left|block|inline)(?:-start|-end)?)?|border(?:-(?:top|right|bottom|left|block|inline)(?:-start|-end)?)?(?:-(?:width|style|color))?|border-(?:collapse|spacing)|border-(?:top|bottom)-(?:left|right)-radius|(?:min-|max-)?(?:width|height)|list-style-type)$/;
// Loads (url, image-set), runs (expression), reads the app's variables, or sizes against the window
// rather than the message (viewport units).
const UNSAFE_STYLE_VALUE = /url\s*\(|expression\s*\(|image-set|var\s*\(|attr\s*\(|@import|\\|\d\s*(?:[dsl]?v[hw]|vmin|vmax|vi|vb)\b/i;
const SAFE_LINK = /^(?:https?:|mailto:|tel:)/i;
const REMOTE_IMAGE = /^(?:https?:)?\/\//i;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** One DOMPurify instance of our own, so its settings never leak into (or from) another user of the library. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  purifier ??= DOMPurify(window);
  return purifier;
}

function cleanStyle(element: Element): void {
  const style = (element as HTMLElement).style;
  if (!style) {
    element.removeAttribute('style');
    return;
  }
  const unwanted: string[] = [];
  for (let i = 0; i < style.length; i++) {
    const property = style.item(i);
    if (!ALLOWED_STYLE.test(property) || UNSAFE_STYLE_VALUE.test(style.getPropertyValue(property))) unwanted.push(property);
  }
  for (const property of unwanted) style.removeProperty(property);
  // The browser writes what is left back, in shorthand where it can.
  const kept = style.cssText;
  if (kept.trim() === '') element.removeAttribute('style');
  else element.setAttribute('style', kept);
}

function placeholder(document: Document, text: string): HTMLElement {
  const span = document.createElement('span');
  span.className = 'blocked-image';
  span.textContent = text;
  return span;
}

/** Makes the already-purified fragment safe in the ways DOMPurify leaves to us: links, images, styles. */
function finish(fragment: DocumentFragment, options: SanitiseOptions): number {
  const document = fragment.ownerDocument;
  let blocked = 0;
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    const href = link.getAttribute('href')?.trim() ?? '';
    if (!SAFE_LINK.test(href)) {
      link.removeAttribute('href');
      continue;
    }
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
    link.setAttribute('referrerpolicy', 'no-referrer');
  }
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const src = image.getAttribute('src')?.trim() ?? '';
    const alt = image.getAttribute('alt')?.trim() ?? '';
    if (DATA_IMAGE.test(src)) continue;
    if (REMOTE_IMAGE.test(src)) {
      if (options.allowRemoteImages) {
        image.setAttribute('referrerpolicy', 'no-referrer');
        image.setAttribute('loading', 'lazy');
        continue;
      }
      blocked++;
    }
    // Remote (blocked), inline cid: parts whose bytes we do not have, or anything else: a placeholder.
    image.replaceWith(placeholder(document, options.blockedImageText(alt)));
  }
  for (const element of Array.from(fragment.querySelectorAll('[style]'))) cleanStyle(element);
  return blocked;
}

/**
 * Makes HTML (a customer's email, or rendered markdown) safe to insert into the workspace: no
 * scripts, event handlers, javascript: or other odd links, forms, frames, plug-ins, style sheets
 * or styles that leave the message's box; links open in a new window without an opener or a
 * referrer; remote images are replaced by a placeholder unless allowed.
 */
export function sanitiseHtml(dirty: string, options: SanitiseOptions): SanitisedBody {
  const fragment = getPurifier().sanitize(dirty, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    SAFE_FOR_TEMPLATES: false,
    WHOLE_DOCUMENT: false,
    RETURN_DOM_FRAGMENT: true,
  });
  const blockedImages = finish(fragment, options);
  const container = fragment.ownerDocument.createElement('div');
  container.appendChild(fragment);
  return { html: container.innerHTML, blockedImages };
}

/** Renders markdown (GitHub flavour, single newlines kept) to sanitised HTML. */
export function renderMarkdown(markdown: string, options: SanitiseOptions): SanitisedBody {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  return sanitiseHtml(html, options);
}
