/**
 * Parity with the real kubectl client: every line of PARITY_CASES runs through the real kubectl 1.32 found
 * on this machine and through ours, and stdout, stderr and exit status must be the same bytes. Without a
 * real client the test says so and is reported skipped (failed under CI), never passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubeconfigObject } from '../kubeconfig';
import { toYaml } from '../printers/output';
import { kubectlArgv, labCluster, splitArgs } from '../testHarness';
import { memoryFs } from '../../memoryFs';
import { PARITY_CASES, PARITY_FILES } from './cases';
import { discoveryServer, findRealKubectl, runReal, workDir } from './realKubectl';

const client = findRealKubectl('1.32');

describe('parity with the real kubectl client', () => {
  let dir = '';
  let server: Server | undefined;

  beforeAll(async () => {
    if (!client) return;
    const d = await discoveryServer(labCluster().api.kinds.all());
    server = d.server;
    // Port 1 on loopback is closed: a line that needs the server fails against `offline`.
    dir = workDir(PARITY_FILES, { offline: 'http://127.0.0.1:1', discovery: d.url });
    // The lab's own kubeconfig, for `kubectl config …` lines.
    writeFileSync(join(dir, 'lab'), toYaml(kubeconfigObject(labCluster(), true)));
  });
  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a real kubectl client to compare with', (ctx) => {
    if (!client) {
      const msg = 'no kubectl on the PATH: the parity test compared nothing';
      if (process.env.CI) expect.fail(msg);
      ctx.skip(msg);
    }
    expect(client!.version).toBe('1.32');
  });

  it('has at least 40 lines, each unique', () => {
    expect(PARITY_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(PARITY_CASES.map((c) => c.line)).size).toBe(PARITY_CASES.length);
  });

  for (const c of PARITY_CASES) {
    it(`kubectl ${c.line}`, async (ctx) => {
      if (!client) {
        if (process.env.CI) expect.fail('no kubectl on the PATH');
        ctx.skip('no kubectl on the PATH');
      }
      const argv = splitArgs(c.line);
      const real = await runReal(client!, argv, dir, c.kubeconfig ?? (c.discovery ? 'discovery' : 'offline'));
      const ours = kubectlArgv(labCluster(), argv, memoryFs(PARITY_FILES));
      expect({ out: ours.out, err: ours.err, code: ours.code }).toEqual(real);
      if (c.discovery) {
        // The reason given is true: offline, the real client cannot print this line.
        const offline = await runReal(client!, argv, dir, 'offline');
        expect(offline.code).not.toBe(0);
      }
    }, 30_000);
  }
});
