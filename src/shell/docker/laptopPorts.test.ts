/**
 * One owner of the laptop's loopback ports (src/sim/runtime/laptopPorts.ts): `kubectl port-forward` and the
 * ports `docker run -p` publishes compete for them, each failing as the real tool does when the other holds the
 * port — client-go's portforward.go (`Unable to listen on port …` when both the 127.0.0.1 and [::1] listeners
 * fail, silence when one of them binds) and moby's docker-proxy (`Error starting userland proxy: listen tcp4 …`,
 * the container left Created).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../session';
import { memoryFs } from '../memoryFs';

function shell() {
  const s = createSession({ mode: 'script', seed: 4, fs: memoryFs({}) });
  const sh = (line: string) => {
    const r = s.exec(line);
    return { out: r.output, code: r.exitCode };
  };
  sh('kubectl run web --image=nginx');
  sh('sim advance 30s');
  return sh;
}

describe('laptop ports', () => {
  it('a port-forward holds the port: docker run -p on it creates the container but cannot start it', () => {
    const sh = shell();
    expect(sh('kubectl port-forward pod/web 8080:80').out).toBe(
      'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
    );
    const r = sh('docker run -d -p 8080:80 --name dweb nginx');
    expect(r.code).toBe(125);
    const lines = r.out.split('\n').filter((l) => /^[0-9a-f]{64}$|^docker:/.test(l));
    expect(lines[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[1]).toBe(
      `docker: Error response from daemon: driver failed programming external connectivity on endpoint dweb (${lines[0]}): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use.`,
    );
    expect(sh('docker ps -a --format "{{.Names}} {{.Status}}"').out).toBe('dweb Created\n');
    // the laptop's localhost:8080 is still the pod's
    expect(sh('curl -s localhost:8080').out).toContain('Welcome to nginx!');
    // -P: the ephemeral allocator skips a port a forward holds
    sh('kubectl port-forward pod/web 32768:80');
    sh('docker run -d -P --name eph nginx');
    expect(sh('docker port eph').out).toBe('80/tcp -> 0.0.0.0:32769\n80/tcp -> [::]:32769\n');
  });

  it('a published port holds it: port-forward fails on both listeners, or keeps [::1] beside a 127.0.0.1 publish', () => {
    const sh = shell();
    sh('docker run -d -p 9090:80 --name d2 nginx');
    const r = sh('kubectl port-forward pod/web 9090:80');
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'Unable to listen on port 9090: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:9090: bind: address already in use unable to create listener: Error listen tcp6 [::1]:9090: bind: address already in use]\n' +
        'error: unable to listen on any of the requested ports: [{9090 80}]\n',
    );
    sh('docker run -d -p 127.0.0.1:9191:80 --name d3 nginx');
    expect(sh('kubectl port-forward pod/web 9191:80').out).toBe('Forwarding from [::1]:9191 -> 80\n');
    // once the container stops, the port is free again
    sh('docker stop d2');
    expect(sh('kubectl port-forward pod/web 9090:80').out).toBe(
      'Forwarding from 127.0.0.1:9090 -> 80\nForwarding from [::1]:9090 -> 80\n',
    );
  });
});
