/**
 * The plan's HTML comes from the host's Markdown renderer but carries the plan's (and the model's)
 * text, so it is untrusted: DOMPurify with the markdown preview's extras (issue 10). No link has
 * an `href` — links are opened by the host after the user confirms — and only embedded raster
 * images stay; remote images would be an exfiltration channel even if the CSP blocks them today.
 */
import DOMPurify from 'dompurify';

const SAFE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,/i;

let hooked = false;

export function sanitizePlanHtml(html: string): DocumentFragment {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node instanceof HTMLImageElement && !SAFE_IMAGE.test(node.getAttribute('src') ?? '')) {
        node.replaceWith(document.createTextNode(`[image: ${node.alt || 'untitled'}]`));
      }
    });
  }
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: [
      'style',
      'link',
      'meta',
      'base',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'svg',
      'math',
      'audio',
      'video',
      'source',
      'template',
    ],
    FORBID_ATTR: ['style', 'href', 'xlink:href', 'action', 'formaction', 'srcdoc', 'srcset', 'ping', 'target', 'background', 'poster'],
    ALLOW_DATA_ATTR: true,
  });
}
