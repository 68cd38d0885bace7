import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** What a page may run: its own scripts, nothing inline, no `eval` or `new Function`. */
export const CONTENT_SECURITY_POLICY = "script-src 'self'; object-src 'none'; base-uri 'none'";

export interface StaticServer {
  readonly origin: string;
  /** Every CSP violation report the browser posted to `/csp-report`. */
  readonly violations: unknown[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

/**
 * Serves `root` on 127.0.0.1 (a free port) with `Content-Security-Policy` on every page, and
 * collects the reports of what the policy blocked.
 */
export async function serveStatic(root: string): Promise<StaticServer> {
  const violations: unknown[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname === '/csp-report') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        violations.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
        response.writeHead(204).end();
      });
      return;
    }
    const file = join(root, normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': `${CONTENT_SECURITY_POLICY}; report-uri /csp-report`,
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    violations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
