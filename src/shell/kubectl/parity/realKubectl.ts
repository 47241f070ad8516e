/**
 * Test-only: finds the real kubectl client on this machine and runs it offline. Node APIs (child_process,
 * http, fs) are fine here: this file is imported by the parity test alone, never by the app.
 *
 * The reference is upstream kubectl 1.32: `kubectl.1.32` beside the real path of `kubectl` when present
 * (the `kubectl` on the PATH may be a vendor dispatcher whose error output differs), else `kubectl` itself.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { KindDef } from '../../../sim/api/kinds';

export interface RealClient {
  path: string;
  version: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** The real kubectl of the wanted minor version (`1.32`), or undefined when the machine has none. */
export function findRealKubectl(minor = '1.32'): RealClient | undefined {
  const onPathKubectl = onPath('kubectl');
  if (!onPathKubectl) return undefined;
  const versioned = join(dirname(realpathSync(onPathKubectl)), `kubectl.${minor}`);
  if (existsSync(versioned)) return { path: versioned, version: minor };
  return { path: onPathKubectl, version: 'PATH' };
}

export interface RunResult {
  out: string;
  err: string;
  code: number;
}

/** A working directory with the given files and a kubeconfig pointing at `server`. */
export function workDir(files: Record<string, string>, servers: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-parity-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  for (const [name, server] of Object.entries(servers)) {
    writeFileSync(
      join(dir, name),
      `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: ${server}\n  name: lab\ncontexts:\n- context:\n    cluster: lab\n    user: lab\n  name: lab\ncurrent-context: lab\nusers:\n- name: lab\n  user:\n    token: parity\n`,
    );
  }
  return dir;
}

/** Runs the real client with `argv` in `cwd`, its HOME (and discovery cache) inside `cwd`. */
export function runReal(
  client: RealClient,
  argv: string[],
  cwd: string,
  kubeconfig: string,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      client.path,
      argv,
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: cwd, KUBECONFIG: join(cwd, kubeconfig) },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ out: stdout, err: stderr, code });
      },
    );
  });
}

/**
 * A discovery-only API server (legacy `/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`) listing the
 * kinds the simulation serves. Some client-side commands (`run`, `create role`) map resources through
 * discovery before printing; everything else answers 404, so a command that tries more than discovery fails
 * visibly.
 */
export function discoveryServer(kinds: readonly KindDef[]): Promise<{ url: string; server: Server }> {
  const groups = new Map<string, KindDef[]>();
  for (const k of kinds) {
    const gv = k.group ? `${k.group}/${k.version}` : k.version;
    groups.set(gv, [...(groups.get(gv) ?? []), k]);
  }
  const resourceList = (gv: string, defs: KindDef[]) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: defs.map((d) => ({
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      ...(d.shortNames.length ? { shortNames: d.shortNames } : {}),
    })),
  });
  const named = [...groups.keys()].filter((gv) => gv.includes('/'));
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    let body: unknown;
    if (path === '/api') body = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    else if (path === '/apis')
      body = {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...new Set(named.map((gv) => gv.split('/')[0]!))].map((name) => {
          const versions = named
            .filter((gv) => gv.split('/')[0] === name)
            .map((gv) => ({ groupVersion: gv, version: gv.split('/')[1]! }));
          return { name, versions, preferredVersion: versions[0] };
        }),
      };
    else if (path === '/api/v1') body = resourceList('v1', groups.get('v1') ?? []);
    else if (path.startsWith('/apis/') && groups.has(path.slice(6)))
      body = resourceList(path.slice(6), groups.get(path.slice(6))!);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify(
        body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404, reason: 'NotFound' },
      ),
    );
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, server });
    });
  });
}
