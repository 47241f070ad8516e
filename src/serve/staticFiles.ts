/**
 * The built studio (dist/) as `kubelab serve --relay` serves it at `/`: the tab then comes from 127.0.0.1, the
 * same machine as the relay, so the browser asks no local-network permission for its WebSocket. Node only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Answers a GET for a file of `dir` (`/` is index.html); false when there is no such file. */
export function serveStatic(dir: string, path: string, res: ServerResponse): boolean {
  let rel: string;
  try {
    rel = decodeURIComponent(path === '/' ? '/index.html' : path);
  } catch {
    return false;
  }
  const file = normalize(join(dir, rel));
  if (!file.startsWith(normalize(dir) + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const body = readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': 'no-cache',
  });
  res.end(body);
  return true;
}
