import * as assert from 'node:assert/strict';
import { MCP_CLIENTS, mcpConfigSnippet } from '../../../../src/core/terminalAgents/mcpConfig';

const target = { url: 'http://127.0.0.1:4567/mcp', token: 'ab12', launcher: '/home/u/.config/Code/globalStorage/redline/hooks/redline-mcp' };

describe('terminalAgents/mcpConfigSnippet', () => {
  it('Claude Code: an mcpServers entry of type http with the bearer header, or of type stdio running the launcher', () => {
    assert.deepEqual(JSON.parse(mcpConfigSnippet('claude-code', 'http', target)), {
      mcpServers: { redline: { type: 'http', url: target.url, headers: { Authorization: 'Bearer ab12' } } },
    });
    assert.deepEqual(JSON.parse(mcpConfigSnippet('claude-code', 'stdio', target)), {
      mcpServers: { redline: { type: 'stdio', command: target.launcher, args: [] } },
    });
  });

  it('Gemini CLI uses httpUrl for streamable HTTP; Cursor url, and its workspace folder for the launcher', () => {
    assert.deepEqual(JSON.parse(mcpConfigSnippet('gemini-cli', 'http', target)), {
      mcpServers: { redline: { httpUrl: target.url, headers: { Authorization: 'Bearer ab12' } } },
    });
    assert.deepEqual(JSON.parse(mcpConfigSnippet('gemini-cli', 'stdio', target)), { mcpServers: { redline: { command: target.launcher, args: [] } } });
    assert.deepEqual(JSON.parse(mcpConfigSnippet('cursor', 'http', target)), {
      mcpServers: { redline: { url: target.url, headers: { Authorization: 'Bearer ab12' } } },
    });
    assert.deepEqual(JSON.parse(mcpConfigSnippet('cursor', 'stdio', target)), {
      mcpServers: { redline: { command: target.launcher, args: ['${workspaceFolder}'] } },
    });
  });

  it('Codex: a TOML table, with http_headers for the token and strings escaped', () => {
    assert.equal(
      mcpConfigSnippet('codex', 'http', target),
      '[mcp_servers.redline]\nurl = "http://127.0.0.1:4567/mcp"\nhttp_headers = { "Authorization" = "Bearer ab12" }\n',
    );
    assert.equal(
      mcpConfigSnippet('codex', 'stdio', { ...target, launcher: 'C:\\a "b"\n' }),
      '[mcp_servers.redline]\ncommand = "C:\\\\a \\"b\\"\\u000a"\nargs = []\n',
    );
  });

  it('offers the four clients', () => {
    assert.deepEqual(
      MCP_CLIENTS.map((c) => c.label),
      ['Claude Code', 'Codex', 'Gemini CLI', 'Cursor'],
    );
  });
});
