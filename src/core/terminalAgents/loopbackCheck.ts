/**
 * Against DNS rebinding: a page in a browser can make a name it controls point at 127.0.0.1, and
 * its requests then reach a loopback server with that name in `Host` and its own `Origin`. So a
 * request is served only when `Host` names the loopback address and this port, and an `Origin`
 * (browsers send one; agents' HTTP clients do not) is a loopback one. Returns why not, or undefined.
 */
export function loopbackProblem(host: string | undefined, origin: string | undefined, port: number): string | undefined {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (host === undefined || !hosts.has(host.toLowerCase())) return `the Host header must be 127.0.0.1:${port} or localhost:${port}`;
  if (origin === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'the Origin header is not a URL';
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return loopback && (url.protocol === 'http:' || url.protocol === 'https:') ? undefined : `requests from ${url.origin} are not served`;
}
