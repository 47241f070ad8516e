/**
 * Save → restore keeps the images a learner built: a share link or a reload replays `docker build` against the
 * files it read when it ran, so the derived image comes back with the same ID even after the Dockerfile changed
 * (Docker's build cache keys on file contents: another Dockerfile would give another image).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../shell/session';
import { memoryFs } from '../shell/memoryFs';
import { SimHost } from './simHost';
import type { SessionModule } from './session';
import { decodeSandbox, encodeSandbox } from './share';

const mod: SessionModule = { createSession };

describe('derived images across save and restore', () => {
  it('replays builds against the files they read, not the files of today', () => {
    const fs = memoryFs();
    fs.write?.('Dockerfile', 'FROM nginx:1.25\nRUN echo one > /x\n');
    const h = new SimHost(mod, { wallNow: () => 0, fs });
    h.exec('docker build -t myapp:1 .');
    fs.write?.('Dockerfile', 'FROM nginx:1.25\nRUN echo two > /x\n');
    h.exec('docker build -t myapp:2 .');
    h.exec('docker tag myapp:1 localhost:5000/myapp:1');
    h.exec('docker push localhost:5000/myapp:1');
    const before = h.exec('docker images').output;
    expect(before).toMatch(/^myapp\s+1\s/m);
    expect(before).toMatch(/^myapp\s+2\s/m);

    // the link travels; the learner's folder now holds another Dockerfile
    const link = encodeSandbox(h.toSandbox([]));
    const decoded = decodeSandbox(link);
    if (!decoded.ok) throw new Error(decoded.error);
    const other = memoryFs();
    other.write?.('Dockerfile', 'FROM busybox\n');
    const h2 = new SimHost(mod, { wallNow: () => 0, fs: other });
    h2.load(decoded.sandbox);
    expect(h2.exec('docker images').output).toBe(before);
    expect(h2.exec('docker image inspect myapp:2 --format "{{.Id}}"').output).toBe(
      h.exec('docker image inspect myapp:2 --format "{{.Id}}"').output,
    );
  });

  it('records nothing for commands that read no file', () => {
    const h = new SimHost(mod, { wallNow: () => 0, fs: memoryFs() });
    h.exec('kubectl create deployment web --image=nginx');
    expect(h.commands[0]).toEqual({ t: 0, text: 'kubectl create deployment web --image=nginx' });
  });
});
