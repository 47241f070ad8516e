/**
 * Docker 27 behaviour off the lesson path (issue 14): an attached `docker run --rm` client prints everything the
 * container wrote (it streams the output, so nothing printed before the exit is lost to the removal); busybox
 * and alpine ship `ping` (busybox's output format), Debian-based images do not; containers on a user network
 * find each other by name, on the default bridge they do not.
 */
import { describe, expect, it } from 'vitest';
import { newSession, sh } from './testing/harness';

describe('docker run --rm', () => {
  it('prints the output that came after time passed', () => {
    const s = newSession();
    sh(s, 'docker pull busybox:1.36');
    expect(sh(s, 'docker run --rm busybox:1.36 sh -c "echo a; sleep 1; echo b"')).toBe('a\nb\n');
    expect(sh(s, 'docker ps -a')).not.toContain('busybox');
  });
});

describe('ping', () => {
  it('reaches a container by name on a user network, with busybox statistics', () => {
    const s = newSession();
    sh(s, 'docker network create appnet');
    sh(s, 'docker run -d --name web --network appnet nginx:1.27');
    sh(s, 'docker pull busybox:1.36');
    const out = sh(s, 'docker run --rm --network appnet busybox:1.36 ping -c 2 web');
    expect(out).toMatch(
      /^PING web \(172\.18\.0\.\d+\): 56 data bytes\n64 bytes from 172\.18\.0\.\d+: seq=0 ttl=64 time=\d\.\d{3} ms\n/,
    );
    expect(out).toContain(
      '\n--- web ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\n',
    );
    expect(out).toMatch(/round-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/);
  });

  it('pings an address as written and localhost as 127.0.0.1 (from /etc/hosts), near at hand', () => {
    // busybox 1.36: `PING 127.0.0.1 (127.0.0.1): 56 data bytes`, loopback replies with ttl=64 in well under 1 ms
    const s = newSession();
    sh(s, 'docker pull busybox:1.36');
    for (const [host, ip] of [
      ['127.0.0.1', '127.0.0.1'],
      ['localhost', '127.0.0.1'],
      ['172.17.0.9', '172.17.0.9'],
    ] as const)
      expect(sh(s, `docker run --rm busybox:1.36 ping -c 1 ${host}`)).toMatch(
        new RegExp(
          `^PING ${host} \\(${ip.replace(/\./g, '\\.')}\\): 56 data bytes\n64 bytes from ${ip.replace(/\./g, '\\.')}: seq=0 ttl=64 time=0\\.\\d{3} ms\n`,
        ),
      );
  });

  it('does not resolve names on the default bridge, and is missing from Debian images', () => {
    const s = newSession();
    sh(s, 'docker run -d --name web nginx:1.27');
    sh(s, 'docker pull alpine:3.20');
    expect(sh(s, 'docker run --rm alpine:3.20 ping -c 1 web')).toBe("ping: bad address 'web'\n");
    expect(sh(s, 'docker exec web ping -c 1 web')).toContain('executable file not found in $PATH');
  });
});
