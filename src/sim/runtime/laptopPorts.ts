/**
 * The laptop's loopback TCP ports, the one place that says who holds one. Two parts listen there and compete for
 * the same numbers: the Docker host's published ports (`docker run -p 8080:80`, forwarded to the laptop) and
 * `kubectl port-forward` (which listens on 127.0.0.1 and [::1]). Each part registers, when its module installs,
 * a function answering "do you hold this port, on which families?" from its own state, so snapshots need nothing
 * extra; before binding, each asks here and fails as the real tool does when the other holds the port.
 */
import type { Cluster } from '../cluster';

/** Who holds a laptop port, and on which address families. */
export interface LaptopPortHolder {
  /** `docker` (a published container port) or `port-forward` (a kubectl listener). */
  kind: 'docker' | 'port-forward';
  /** The container or pod behind it. */
  name: string;
  ipv4: boolean;
  ipv6: boolean;
}

/** A part's answer for one port (undefined when it does not hold it). */
export type LaptopPortClaims = (port: number) => LaptopPortHolder | undefined;

const claimants = new WeakMap<Cluster, Map<LaptopPortHolder['kind'], LaptopPortClaims>>();

/** Registers a part's claims (once per cluster and kind; a later call replaces the earlier). */
export function claimLaptopPorts(c: Cluster, kind: LaptopPortHolder['kind'], claims: LaptopPortClaims): void {
  let m = claimants.get(c);
  if (!m) claimants.set(c, (m = new Map()));
  m.set(kind, claims);
}

/** Who holds a TCP port on the laptop's loopback, if anyone. */
export function laptopPortHolder(c: Cluster, port: number): LaptopPortHolder | undefined {
  for (const claims of claimants.get(c)?.values() ?? []) {
    const h = claims(port);
    if (h) return h;
  }
  return undefined;
}
