import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Message, TextBlock } from '../../core/agent/conversation';
import type { ModelPort } from '../../core/agent/ports';
import type { Credentials } from '../../model/anthropicModel';
import { redactJson } from './redaction';

type ModelModule = typeof import('../../node/modelEntry');

let loaded: ModelModule | undefined;

/**
 * Loads the model bundle on first use. A computed path keeps esbuild from pulling the SDK into
 * the activation bundle; `createRequire` because the bundle is CommonJS either way.
 */
export function loadModelModule(extensionPath: string): ModelModule {
  if (loaded === undefined) {
    const load = createRequire(__filename);
    loaded = load(path.join(extensionPath, 'dist', 'model.js')) as ModelModule;
  }
  return loaded;
}

export function createModel(extensionPath: string, credentials: () => Promise<Credentials>): ModelPort {
  return loadModelModule(extensionPath).createAnthropicModel({ credentials });
}

/**
 * Redacts secret-looking strings in everything sent to the model (tool results, the plan, the
 * project instructions, feedback), so a secret the deny list did not catch still stays home.
 * Deterministic, so the cached prefix stays byte-identical; each message is redacted once.
 */
export function redactingModel(inner: ModelPort, redact: (text: string) => string): ModelPort {
  const done = new WeakMap<Message, Message>();
  const message = (m: Message): Message => {
    let out = done.get(m);
    if (out === undefined) {
      out = m.role === 'user'
        ? { role: 'user', content: m.content.map((b) => (b.type === 'text' ? { ...b, text: redact(b.text) } : { ...b, content: redact(b.content) })) }
        : { role: 'assistant', content: m.content.map((b) => (b.type === 'text' ? { ...b, text: redact(b.text) } : { ...b, input: redactJson(b.input, redact) })) };
      done.set(m, out);
    }
    return out;
  };
  // System blocks are copied per request (cache marks), so they are remembered by text.
  const systemTexts = new Map<string, string>();
  const systemText = (text: string): string => {
    let out = systemTexts.get(text);
    if (out === undefined) {
      if (systemTexts.size > 32) systemTexts.clear();
      out = redact(text);
      systemTexts.set(text, out);
    }
    return out;
  };
  const system = (blocks: TextBlock[]): TextBlock[] => blocks.map((b) => ({ ...b, text: systemText(b.text) }));
  return {
    send: (request, options) => inner.send({ ...request, system: system(request.system), messages: request.messages.map(message) }, options),
  };
}
