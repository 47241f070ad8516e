import { describe, expect, it } from 'vitest';
import { nodeAddresses } from './nodeModule';

const validIp = (ip: string) => ip.split('.').every((o) => Number(o) >= 0 && Number(o) <= 255);

describe('node addresses', () => {
  it('are minikube-like for small clusters', () => {
    expect(nodeAddresses(0)).toEqual({ podCIDR: '10.244.0.0/24', internalIP: '192.168.49.2' });
    expect(nodeAddresses(2)).toEqual({ podCIDR: '10.244.2.0/24', internalIP: '192.168.49.4' });
  });
  it('stay valid and distinct for a 1,000-node cluster', () => {
    const cidrs = new Set<string>();
    const ips = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const a = nodeAddresses(i);
      expect(validIp(a.podCIDR.replace('/24', ''))).toBe(true);
      expect(validIp(a.internalIP)).toBe(true);
      expect(
        a.internalIP.endsWith('.0') || a.internalIP.endsWith('.1') || a.internalIP.endsWith('.255'),
      ).toBe(false);
      cidrs.add(a.podCIDR);
      ips.add(a.internalIP);
    }
    expect(cidrs.size).toBe(1000);
    expect(ips.size).toBe(1000);
  });
});
