/**
 * Small texts of kubectl, each as the real client prints it (kubectl 1.32: expose.go prints "exposed",
 * apply --server-side "serverside-applied", label.go `label %q not found.` and its modify-and-remove refusal,
 * generators' -o json in Go struct order, YAML quoting of sigs.k8s.io/yaml).
 */
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../memoryFs';
import { kubectlRun, labCluster } from './testHarness';
import { toJson, toYaml } from './printers/output';

describe('small texts as kubectl prints them', () => {
  it('expose says exposed; apply --server-side says serverside-applied and keeps no last-applied', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx');
    expect(kubectlRun(c, 'expose deployment web --port=80').out).toBe('service/web exposed\n');
    const fs = memoryFs({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: "1"\n',
    });
    expect(kubectlRun(c, 'apply --server-side -f cm.yaml', { fs }).out).toBe(
      'configmap/cm serverside-applied\n',
    );
    expect(kubectlRun(c, 'apply --server-side -f cm.yaml', { fs }).out).toBe(
      'configmap/cm serverside-applied\n',
    );
    expect(c.api.get('ConfigMap', 'default', 'cm')?.metadata.annotations).toBeUndefined();
  });

  it('label: a missing key to remove is named; modify and remove of one key is refused', () => {
    const c = labCluster();
    kubectlRun(c, 'create deployment web --image=nginx');
    expect(kubectlRun(c, 'label deploy web nope-').out).toBe(
      'label "nope" not found.\ndeployment.apps/web not labeled\n',
    );
    const both = kubectlRun(c, 'label deploy web a=1 a-');
    expect([both.code, both.err]).toEqual([
      1,
      'error: can not both modify and remove a label in the same command\n',
    ]);
    expect(kubectlRun(c, 'label deploy web tier=fe').out).toBe('deployment.apps/web labeled\n');
    expect(kubectlRun(c, 'label deploy web tier-').out).toBe('deployment.apps/web unlabeled\n');
  });

  it('generated objects print -o json in Go struct order, read objects sorted', () => {
    const gen = kubectlRun(
      labCluster(),
      'create service clusterip web --tcp=80:8080 --dry-run=client -o json',
    ).out;
    // kubectl 1.32: kind before apiVersion; ServicePort is name, protocol, port, targetPort.
    expect(gen.indexOf('"kind"')).toBeLessThan(gen.indexOf('"apiVersion"'));
    expect(gen).toContain(
      '"name": "80-8080",\n                "protocol": "TCP",\n                "port": 80,',
    );
    expect(toJson({ kind: 'Service', apiVersion: 'v1' })).toBe(
      '{\n    "apiVersion": "v1",\n    "kind": "Service"\n}\n',
    );
    expect(toJson({ kind: 'Service', apiVersion: 'v1', metadata: { name: 'x', uid: 'u' } }, true)).toBe(
      '{\n    "kind": "Service",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x",\n        "uid": "u"\n    }\n}\n',
    );
  });

  it('YAML: strings that read as other types in double quotes, other unplain strings in single', () => {
    expect(toYaml({ a: '*/5 * * * *', b: '@hourly', c: '80', d: 'yes', e: 'a: b', f: 'plain', g: '' })).toBe(
      `a: '*/5 * * * *'\nb: '@hourly'\nc: "80"\nd: "yes"\ne: 'a: b'\nf: plain\ng: ""\n`,
    );
  });
});
