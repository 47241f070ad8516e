import { describe, expect, it } from 'vitest';
import {
  endpointChain,
  printIptablesSave,
  probabilityText,
  serviceChain,
  servicePortName,
  type ProxyServicePort,
} from './iptables';
import { base32, sha256, toHex } from './sha256';

function port(eps: string[], extra: Partial<ProxyServicePort> = {}): ProxyServicePort {
  const spn = servicePortName('default', 'web', '');
  return {
    namespace: 'default',
    service: 'web',
    portName: '',
    protocol: 'TCP',
    clusterIP: '10.96.12.34',
    port: 80,
    loadBalancerIPs: [],
    externalIPs: [],
    externalLocal: false,
    internalLocal: false,
    chain: serviceChain(spn, 'TCP'),
    extChain: 'KUBE-EXT-X',
    localChain: 'KUBE-SVL-X',
    endpoints: eps.map((e) => ({
      ip: e.split(':')[0]!,
      port: Number(e.split(':')[1]),
      chain: endpointChain(spn, 'TCP', e),
    })),
    ...extra,
  };
}

describe('sha256 and chain names', () => {
  it('computes SHA-256', () => {
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256('a'.repeat(200)))).toBe(
      'c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5',
    );
  });
  it('encodes base32 as RFC 4648', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
  });
  it('names chains like kube-proxy', () => {
    expect(serviceChain('default/kubernetes:https', 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(serviceChain('kube-system/kube-dns:dns', 'UDP')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(serviceChain('kube-system/kube-dns:dns-tcp', 'TCP')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
  });
});

describe('iptables-save printer', () => {
  it('prints probabilities 1/(n-i) as iptables-save reads them back', () => {
    expect(probabilityText(3)).toBe('0.33333333349');
    expect(probabilityText(2)).toBe('0.50000000000');
    expect(probabilityText(4)).toBe('0.25000000000');
    expect(probabilityText(10)).toBe('0.10000000009');
  });

  it('writes one rule per endpoint, the last without a statistic match', () => {
    const text = printIptablesSave(
      {
        node: 'worker-1',
        nodeIP: '192.168.49.3',
        ports: [port(['10.244.1.2:80', '10.244.1.3:80', '10.244.2.2:80'])],
      },
      'Thu Jan  1 00:00:00 2026',
    );
    const chain = serviceChain('default/web', 'TCP');
    const svcLines = text.split('\n').filter((l) => l.startsWith(`-A ${chain} `));
    expect(svcLines).toHaveLength(4);
    expect(svcLines[0]).toBe(
      `-A ${chain} ! -s 10.244.0.0/16 -d 10.96.12.34/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    );
    expect(svcLines[1]).toContain(
      '--comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-',
    );
    expect(svcLines[2]).toContain(
      '--comment "default/web -> 10.244.1.3:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-',
    );
    expect(svcLines[3]).toMatch(/--comment "default\/web -> 10\.244\.2\.2:80" -j KUBE-SEP-[A-Z2-7]{16}$/);
    expect(text).toContain(
      `-A KUBE-SERVICES -d 10.96.12.34/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${chain}`,
    );
    expect(text).toMatch(
      /-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default\/web" -m tcp -j DNAT --to-destination 10\.244\.2\.2:80/,
    );
    expect(text.indexOf('*filter')).toBeLessThan(text.indexOf('*nat'));
    expect(text.trimEnd().endsWith('# Completed on Thu Jan  1 00:00:00 2026')).toBe(true);
  });

  it('rejects in the filter table when a Service has no endpoints, and routes NodePorts through KUBE-EXT', () => {
    const empty = printIptablesSave(
      { node: 'n', nodeIP: '1.2.3.4', ports: [port([], { nodePort: 30080 })] },
      'x',
    );
    expect(empty).toContain(
      '-A KUBE-SERVICES -d 10.96.12.34/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(empty).toContain(
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j REJECT',
    );
    const np = printIptablesSave(
      { node: 'n', nodeIP: '1.2.3.4', ports: [port(['10.244.1.2:80'], { nodePort: 30080 })] },
      'x',
    );
    expect(np).toContain(
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-EXT-X',
    );
    expect(np).toContain(
      '-A KUBE-EXT-X -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ',
    );
    expect(np).toContain('-A KUBE-EXT-X -j ' + serviceChain('default/web', 'TCP'));
  });
});
