import * as vscode from 'vscode';
import { fail, ok, type Result } from '../../core/result';

/** The question before the key first goes to an endpoint; true when the user confirms it. */
export type ConfirmEndpoint = (url: string, remote: string) => Promise<boolean>;

const confirmedKey = 'redline.confirmedEndpoints';

/**
 * Whether the API key may go to `redline.anthropic.baseUrl`. The setting has machine scope, so a
 * cloned folder's settings cannot set it; but in a remote window (a dev container, SSH, WSL) the
 * machine settings are the remote's, and a dev container's definition writes them
 * (`customizations.vscode.settings`): there the endpoint is workspace-provided until the user
 * confirms it. A confirmation is kept per URL in global state, which lives with the user's VS Code
 * (not on the remote), so a container cannot plant one; so is `redline.anthropic.confirmedEndpoints`,
 * an application setting, which VS Code reads from the local user settings only, never from a
 * remote's. Anywhere, the key never travels in clear text: an `http:` endpoint must be loopback.
 */
export class EndpointGate {
  constructor(
    private readonly state: vscode.Memento,
    private readonly confirm: ConfirmEndpoint = modalConfirmEndpoint,
    private readonly remote: () => string | undefined = () => vscode.env.remoteName,
  ) {}

  async check(baseUrl: string): Promise<Result<void>> {
    if (baseUrl === '') return ok(undefined);
    const shape = endpointShape(baseUrl);
    if (shape !== undefined) return fail('E_ENDPOINT', shape);
    const remote = this.remote();
    if (remote === undefined || listedByUser().includes(baseUrl)) return ok(undefined);
    const confirmed = this.state.get<string[]>(confirmedKey) ?? [];
    if (confirmed.includes(baseUrl)) return ok(undefined);
    if (!(await this.confirm(baseUrl, remote))) {
      return fail(
        'E_ENDPOINT',
        `Your API key was not sent: the endpoint ${baseUrl} (redline.anthropic.baseUrl, set in the settings of the remote "${remote}") was not confirmed. A dev container's definition can set it; confirm it when asked, or remove it to use Anthropic's endpoint.`,
      );
    }
    await this.state.update(confirmedKey, [...confirmed, baseUrl]);
    return ok(undefined);
  }
}

/** Why a URL may not receive the key, or undefined when it may: https anywhere, http only to loopback. */
function endpointShape(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return `Your API key was not sent: redline.anthropic.baseUrl (${baseUrl}) is not a URL.`;
  }
  if (url.protocol === 'https:') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (url.protocol === 'http:' && loopback) return undefined;
  return `Your API key was not sent: redline.anthropic.baseUrl (${baseUrl}) is not https, and only this machine's loopback may be reached without it.`;
}

const modalConfirmEndpoint: ConfirmEndpoint = async (url, remote) => {
  const use = 'Send My Key There';
  const answer = await vscode.window.showWarningMessage(
    `Send your Anthropic API key to ${url}?`,
    {
      modal: true,
      detail: `redline.anthropic.baseUrl is set in the settings of the remote "${remote}". A dev container's definition can write those settings, so Redline asks once for each endpoint before your key goes there.`,
    },
    use,
  );
  return answer === use;
};

/** The endpoints the user confirmed in their own settings (the user value only, whatever the scope says). */
function listedByUser(): string[] {
  const value = vscode.workspace.getConfiguration('redline').inspect<unknown>('anthropic.confirmedEndpoints')?.globalValue;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
