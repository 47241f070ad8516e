/**
 * The runtime's view of the network: which container answers on an address and port (pod IPs routed between
 * nodes, a Docker host's bridge, localhost inside a network namespace, names through the Docker daemon's
 * resolver), the cluster's network provider first, and a small fixed outside world. The fourth layer.
 */
import { hex64 } from './digest';
import type { ContainerRecord, NetworkProvider } from './types';
import { RuntimeExits } from './exits';

/** Hook through which the Docker daemon resolves container names on user-defined networks. */
export type NameResolver = (fromCid: string, name: string) => string | undefined;

/** Hosts outside the lab answer a small fixed page; info.cern.ch (the init-container tutorial) its real one. */
const EXTERNAL_PAGE = (host: string) =>
  host === 'info.cern.ch'
    ? '<html><head></head><body><header>\n<title>http://info.cern.ch</title>\n</header>\n\n' +
      '<h1>http://info.cern.ch - home of the first website</h1>\n<p>From here you can:</p>\n<ul>\n' +
      '<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>\n' +
      '<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>\n' +
      '</ul>\n</body></html>\n'
    : `<html><head><title>${host}</title></head><body><h1>${host}</h1><p>A page from outside the lab (simulated).</p></body></html>\n`;

/** Connections between the containers below. */
export abstract class RuntimeNetwork extends RuntimeExits {
  private network: NetworkProvider | undefined;
  private nameResolver: NameResolver | undefined;

  setNetwork(net: NetworkProvider): void {
    this.network = net;
  }

  setNameResolver(r: NameResolver): void {
    this.nameResolver = r;
  }

  // ---- network ------------------------------------------------------------------------------------------

  private sharesNet(a: ContainerRecord, b: ContainerRecord): boolean {
    return a.host === b.host && a.namespaces.net === b.namespaces.net;
  }

  /** The running container answering on `ip:port` (same host), or sharing the caller's network namespace. */
  /**
   * Whether `to` is reachable from `from` by IP: pod IPs are routed between all nodes of the cluster; a Docker
   * host's bridge addresses only on that host.
   */
  private reachable(from: ContainerRecord, to: ContainerRecord): boolean {
    if (from.host === to.host) return true;
    return this.st.hosts[from.host]?.kind === 'node' && this.st.hosts[to.host]?.kind === 'node';
  }

  private hasIp(c: ContainerRecord, ip: string): boolean {
    return c.ip === ip || !!c.ips?.includes(ip);
  }

  /** The running container answering on `ip:port`, or sharing the caller's network namespace for localhost. */
  private targetFor(from: ContainerRecord, host: string, port: number): ContainerRecord | undefined {
    const cands = Object.values(this.st.containers).filter((c) => c.state === 'running' && !c.sandbox);
    if (host === 'localhost' || host === '127.0.0.1') {
      return cands.find((c) => this.sharesNet(c, from) && this.process.listening(c.id, port));
    }
    let ip = host;
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
      ip = this.nameResolver?.(from.id, host) ?? '';
      if (!ip) return undefined;
    }
    return cands.find(
      (c) => this.hasIp(c, ip) && this.reachable(from, c) && this.process.listening(c.id, port),
    );
  }

  private knownIp(from: ContainerRecord, ip: string): boolean {
    return Object.values(this.st.containers).some(
      (c) => this.hasIp(c, ip) && this.reachable(from, c) && c.state === 'running',
    );
  }

  netHttp(
    cid: string,
    url: string,
    timeoutMs: number,
  ): { status: number; body: string; latencyMs: number } | { error: string; latencyMs: number } {
    const fromNet = this.network?.http(cid, url, timeoutMs);
    if (fromNet) return fromNet;
    const from = this.st.containers[cid];
    const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
    if (!from || !m) return { error: `bad address '${url}'`, latencyMs: 1 };
    const scheme = m[1] ?? 'http';
    const host = m[2]!;
    const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
    const path = m[4] ?? '/';
    const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    const local = host === 'localhost' || host === '127.0.0.1';
    const named = !isIp && !local && !!this.nameResolver?.(cid, host);
    if (local || isIp || named) {
      const t = this.targetFor(from, host, port);
      if (t) {
        const r = this.process.httpRequest(t.id, port, path, from.ip);
        if (r) return { status: r.status, body: r.body, latencyMs: 2 };
      }
      if (isIp && !local && !this.knownIp(from, host))
        return { error: 'download timed out', latencyMs: timeoutMs };
      return {
        error: `can't connect to remote host (${isIp ? host : local ? '127.0.0.1' : this.nameResolver?.(cid, host)}): Connection refused`,
        latencyMs: 1,
      };
    }
    if (!host.includes('.')) return { error: `bad address '${host}'`, latencyMs: 5 };
    return { status: 200, body: EXTERNAL_PAGE(host), latencyMs: 40 };
  }

  netResolve(cid: string, name: string): { name: string; addresses: string[]; server: string } | undefined {
    const fromNet = this.network?.resolve(cid, name);
    if (fromNet) return fromNet;
    const ip = this.nameResolver?.(cid, name);
    if (ip) return { name, addresses: [ip], server: '127.0.0.11' };
    if (name === 'localhost') return { name, addresses: ['127.0.0.1'], server: '8.8.8.8' };
    if (name.includes('.'))
      return {
        name,
        addresses: [
          `93.184.${(hex64(name).charCodeAt(0) % 200) + 1}.${(hex64(name).charCodeAt(1) % 200) + 1}`,
        ],
        server: '8.8.8.8',
      };
    return undefined;
  }

  netTcp(cid: string, host: string, port: number): boolean {
    const fromNet = this.network?.tcp(cid, host, port);
    if (fromNet !== undefined) return fromNet;
    const from = this.st.containers[cid];
    if (!from) return false;
    return !!this.targetFor(from, host, port);
  }
}
