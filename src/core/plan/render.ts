/**
 * The open plan as HTML for the panel (issue 5), made on the host so that the host keeps the table
 * of link targets: a rendered link carries only `data-link="<index>"`, and the webview asks to
 * open a link by that index; the URL itself never comes back from the webview (issue 10). The HTML
 * is still untrusted and is sanitized by DOMPurify in the webview.
 *
 * Pure: no `vscode` import, unit-tested in plain mocha.
 */
import { Marked, Lexer, type Token, type Tokens } from 'marked';
import { LARGE_PLAN_CHARS, serializePlan } from './parsePlan';
import type { ParsedPlan, PlanStep } from './types';

export interface RenderedPlan {
  /** Undefined when the plan is too large to render: the panel shows its text instead. */
  readonly html: string | undefined;
  /** Link targets by index, as written in the plan. */
  readonly links: readonly string[];
}

/** Raster images inline as data: URLs; everything else (remote, SVG, files) is not loaded. */
const SAFE_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/=\s]+$/i;

export function renderPlan(plan: ParsedPlan): RenderedPlan {
  const text = serializePlan(plan);
  if (text.length > LARGE_PLAN_CHARS) return { html: undefined, links: [] };
  const bodyStart = plan.bom.length + (plan.frontMatter?.raw.length ?? 0);
  const bodyLine = lineCount(text.slice(0, bodyStart));
  // Every step is written as a GitHub task ("[ ]") for the lexer, so "[/]" and "[-]" steps are list
  // items with a checkbox too; same length, so offsets and lines do not move. Their status comes
  // from the plan model, not from the box.
  const chars = text.split('');
  for (const step of plan.steps) chars[step.markOffset] = ' ';
  const body = chars.join('').slice(bodyStart).replace(/\r\n?/g, '\n');

  const stepsByLine = new Map<number, PlanStep>(plan.steps.map((step) => [step.line, step]));
  const lines = new WeakMap<Token, number>();
  const tokens = new Lexer({ gfm: true }).lex(body);
  let line = bodyLine;
  for (const token of tokens) {
    lines.set(token, line);
    if (token.type === 'list') {
      let itemLine = line;
      for (const item of (token as Tokens.List).items) {
        lines.set(item, itemLine);
        itemLine += newlines(item.raw);
      }
    }
    line += newlines(token.raw);
  }

  const links: string[] = [];
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      link({ href, tokens: inner }) {
        const index = links.push(href) - 1;
        return `<a data-link="${index}" title="${escapeAttr(href)}">${this.parser.parseInline(inner)}</a>`;
      },
      image({ href, text: alt }) {
        if (SAFE_IMAGE.test(href)) return `<img src="${escapeAttr(href)}" alt="${escapeAttr(alt)}">`;
        return `<span class="blocked-image" title="Only images embedded in the plan are shown">${escapeText(`[image: ${alt || 'untitled'}]`)}</span>`;
      },
      html({ text: raw }) {
        // Step id markers and hints are comments; they render as nothing.
        return /^\s*<!--[\s\S]*-->\s*$/.test(raw) ? '' : raw;
      },
      checkbox({ checked }) {
        return `<span class="task codicon codicon-${checked ? 'pass-filled' : 'circle-large-outline'}" aria-label="${checked ? 'done' : 'not done'}"></span> `;
      },
      listitem(item) {
        const at = lines.get(item);
        const step = at === undefined ? undefined : stepsByLine.get(at);
        const lineAttr = at === undefined ? '' : ` data-line="${at}"`;
        if (step === undefined) return `<li${lineAttr}>${this.parser.parse(item.tokens)}</li>\n`;
        const content = this.parser.parse(item.tokens.filter((token) => token.type !== 'checkbox'));
        return `<li class="step"${lineAttr} data-step="${escapeAttr(step.id)}" data-status="${escapeAttr(step.status)}"><span class="step-mark codicon" role="img" aria-label="${escapeAttr(step.status)}"></span><div class="step-text">${content}</div></li>\n`;
      },
    },
  });

  let html = '';
  let open = false;
  for (const token of tokens) {
    if (token.type === 'space') continue;
    const at = lines.get(token) ?? bodyLine;
    const rendered = marked.parser([token]);
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 2) {
      if (open) html += '</section>\n';
      const name = (token as Tokens.Heading).text.trim();
      html += `<section data-section="${escapeAttr(name)}" data-line="${at}">\n<div class="blk heading" data-line="${at}" data-section="${escapeAttr(name)}">${rendered}</div>\n`;
      open = true;
      continue;
    }
    if (token.type === 'html' && rendered.trim() === '') continue;
    html += `<div class="blk" data-line="${at}">${rendered}</div>\n`;
  }
  if (open) html += '</section>\n';
  return { html, links };
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function lineCount(text: string): number {
  return newlines(text);
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}
