/**
 * The offline demo's scripted model: `npx tsx test/double/main.ts <script.json> [port]`.
 * Prints `listening on http://127.0.0.1:PORT`; point `redline.anthropic.baseUrl` at it.
 */
import { readFileSync } from 'node:fs';
import { compileJsonScript, parseJsonScript } from './jsonScript';
import { MessagesDouble } from './server';

async function main(argv: string[]): Promise<number> {
  const [file, portText] = argv;
  if (file === undefined) {
    process.stderr.write('usage: tsx test/double/main.ts <script.json> [port]\n');
    return 2;
  }
  const parsed = parseJsonScript(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    process.stderr.write(`${file}: ${parsed.message}\n`);
    return 2;
  }
  const double = await MessagesDouble.start({ script: compileJsonScript(parsed.script) }, Number(portText ?? 0));
  process.stdout.write(`listening on ${double.url}\n`);
  const stop = (): void => void double.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

void main(process.argv.slice(2)).then((code) => {
  if (code !== 0) process.exit(code);
});
