import * as vscode from 'vscode';

/**
 * Text from a model or an agent (a fix's answer, a proposal's lines, a question, a changeset's
 * title, an error the endpoint sent) made safe for the surface that shows it. The one place a
 * `MarkdownString` is made (a lint rule forbids one anywhere else): VS Code renders Markdown in
 * hovers and comment threads with remote raster images loaded on sight, so `![x](https://…?d=…)`
 * in a model's answer would send data out with no click (the EchoLeak / CamoLeak class).
 */

/**
 * C0 and C1 controls (tab and newline kept), bidirectional overrides and isolates, zero-width
 * characters: they reorder or hide what a reader sees (CVE-2021-42574, "Trojan Source").
 */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Plain text for any surface: hidden characters shown as `<U+202E>`, clipped to `max` characters. */
export function plainText(text: string, max = 4000): string {
  const visible = text.replace(/\r\n?/g, '\n').replace(HIDDEN, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/** One line of plain text: tree labels and descriptions, quick pick items, prompts. */
export function oneLine(text: string, max = 200): string {
  return plainText(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * A notification's message or an input box prompt: plain text, and no `[label](target)` link (notifications turn those
 * into links, `command:` ones included), so a model's text cannot plant a one-click action.
 */
export function linklessText(text: string, max = 1000): string {
  return plainText(text, max).replace(/\]\s*\(/g, '] (');
}

/** Untrusted text inside `markdown(...)`: escaped, every character shown as written. */
export interface Untrusted {
  readonly text: string;
}

/** Untrusted text shown as a code block (a proposal's lines), fenced so no line inside can close it. */
export interface UntrustedCode {
  readonly code: string;
  readonly language: string;
}

/** Our own Markdown (a string), or untrusted text escaped or fenced. */
export type MarkdownPart = string | Untrusted | UntrustedCode;

export interface MarkdownOptions {
  /** `$(icon)` in our own parts; escaped in untrusted ones. */
  readonly icons?: boolean;
  /** The `command:` links our own parts may use; none by default. */
  readonly commands?: readonly string[];
}

/**
 * The one way to build a `MarkdownString`: HTML off, untrusted unless named commands are allowed,
 * untrusted parts escaped (`appendText`) or fenced. Escaped, `![x](url)` is text, not an image.
 */
export function markdown(parts: readonly MarkdownPart[], options: MarkdownOptions = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', options.icons === true);
  md.supportHtml = false;
  md.isTrusted = options.commands === undefined ? false : { enabledCommands: [...options.commands] };
  for (const part of parts) {
    if (typeof part === 'string') md.appendMarkdown(part);
    else if ('text' in part) md.appendText(plainText(part.text));
    else md.appendMarkdown(fenced(plainText(part.code), part.language));
  }
  return md;
}

/** A fenced code block whose fence is longer than any run of backticks in `code`. */
export function fenced(code: string, language: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `\n${fence}${language.replace(/[^\w-]/g, '')}\n${code}\n${fence}\n`;
}
