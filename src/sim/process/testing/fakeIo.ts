/**
 * In-memory {@link ProcessIO} for tests: a file tree per container, a log, exits, memory with an optional
 * OOM limit, and a tiny network (hosts → handlers) so wget/curl/nslookup can be exercised without the runtime.
 */
import type { ProcessIO, ProcessModelApi } from '../processModel';
import { externalPage } from '../netCommands';

export interface FakeHttpHandler {
  (
    path: string,
  ): { status: number; body: string; latencyMs?: number } | { error: string; latencyMs?: number };
}

export interface FakeContainer {
  files: Map<string, string>;
  dirs: Set<string>;
  readOnly: Set<string>;
  logs: string[];
  exits: { code: number; reason?: string; at: number }[];
  memory: number;
  cpu: number;
  ports: number[];
  env: Record<string, string>;
  hostname: string;
  /** Bytes; setMemory above it OOM-kills through the model (as the runtime does). */
  memoryLimit?: number;
}

export interface FakeIo extends ProcessIO {
  containers: Map<string, FakeContainer>;
  /** Host name → handler (`web` → …); IPs for nslookup. */
  hosts: Map<string, { ip: string; http?: FakeHttpHandler; tcpPorts?: number[] }>;
  requests: string[];
  container(cid: string): FakeContainer;
  /** Connects the OOM killer to the model (set after install). */
  model?: ProcessModelApi;
  now?: () => number;
}

function parent(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function createFakeIo(defaults: { env?: Record<string, string>; hostname?: string } = {}): FakeIo {
  const containers = new Map<string, FakeContainer>();
  const hosts = new Map<string, { ip: string; http?: FakeHttpHandler; tcpPorts?: number[] }>();
  const requests: string[] = [];
  const container = (cid: string): FakeContainer => {
    let c = containers.get(cid);
    if (!c) {
      c = {
        files: new Map([
          [
            '/etc/resolv.conf',
            'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
          ],
        ]),
        dirs: new Set(['/', '/tmp', '/etc', '/root', '/bin', '/usr', '/var', '/usr/share', '/home']),
        readOnly: new Set(),
        logs: [],
        exits: [],
        memory: 0,
        cpu: 0,
        ports: [],
        env: { ...(defaults.env ?? {}) },
        hostname: defaults.hostname ?? cid,
      };
      containers.set(cid, c);
    }
    return c;
  };
  const lookupHost = (name: string) => {
    const short = name.replace(/\.(default\.)?(svc\.)?(cluster\.local)?$/, '').replace(/\.default$/, '');
    return hosts.get(name) ?? hosts.get(short);
  };
  const io: FakeIo = {
    containers,
    hosts,
    requests,
    container,
    readFile: (cid, p) => container(cid).files.get(p),
    writeFile: (cid, p, content) => {
      const c = container(cid);
      if (!c.dirs.has(parent(p)) || c.readOnly.has(parent(p))) return false;
      c.files.set(p, content);
      return true;
    },
    removeFile: (cid, p, recursive) => {
      const c = container(cid);
      if (c.files.delete(p)) return true;
      if (c.dirs.has(p)) {
        if (!recursive) return false;
        for (const k of [...c.files.keys()]) if (k.startsWith(p + '/')) c.files.delete(k);
        for (const d of [...c.dirs]) if (d === p || d.startsWith(p + '/')) c.dirs.delete(d);
        return true;
      }
      return false;
    },
    isDir: (cid, p) => container(cid).dirs.has(p),
    listDir: (cid, p) => {
      const c = container(cid);
      if (!c.dirs.has(p)) return undefined;
      const prefix = p === '/' ? '/' : p + '/';
      const names = new Set<string>();
      for (const k of [...c.files.keys(), ...c.dirs]) {
        if (k !== p && k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      }
      return [...names].sort();
    },
    mkdir: (cid, p) => {
      const c = container(cid);
      if (!c.dirs.has(parent(p))) return false;
      c.dirs.add(p);
      return true;
    },
    stdout: (cid, text) => {
      container(cid).logs.push(text);
    },
    exited: (cid, code, reason) => {
      container(cid).exits.push({ code, ...(reason ? { reason } : {}), at: io.now?.() ?? 0 });
    },
    setMemory: (cid, bytes) => {
      const c = container(cid);
      c.memory = bytes;
      if (c.memoryLimit !== undefined && bytes > c.memoryLimit && io.model) {
        io.model.kill(cid, 'SIGKILL');
        c.exits[c.exits.length - 1]!.reason = 'OOMKilled';
      }
    },
    setCpu: (cid, m) => {
      container(cid).cpu = m;
    },
    listen: (cid, port) => {
      container(cid).ports.push(port);
    },
    http: (_cid, url, _timeout) => {
      requests.push(url);
      const m = /^[a-z]+:\/\/([^/:]+)(?::\d+)?(\/.*)?$/.exec(url);
      const host = m?.[1] ?? '';
      const path = m?.[2] ?? '/';
      const h = lookupHost(host);
      if (!h) {
        if (host.includes('.') && !host.endsWith('.local')) return externalPage(url);
        return { error: 'bad address', latencyMs: 1 };
      }
      if (!h.http) return { error: 'connection refused', latencyMs: 1 };
      const r = h.http(path);
      return { ...r, latencyMs: r.latencyMs ?? 3 };
    },
    resolve: (_cid, name) => {
      const h = lookupHost(name);
      if (!h) return undefined;
      const fq = name.includes('.') ? name : `${name}.default.svc.cluster.local`;
      return { name: fq, addresses: [h.ip], server: '10.96.0.10' };
    },
    tcp: (_cid, host, port) => {
      const h = lookupHost(host);
      return !!h && (h.tcpPorts?.includes(port) ?? !!h.http);
    },
    env: (cid) => container(cid).env,
    hostname: (cid) => container(cid).hostname,
  };
  return io;
}
