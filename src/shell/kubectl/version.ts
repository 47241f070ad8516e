/** kubectl version: client and server v1.31.4 everywhere in Kubelab. */
import { fail } from './errors';
import { toYaml } from './printers/output';
import { boolFlag, flag, has, str, type VerbDef } from './verb';

export const KUBERNETES_VERSION = 'v1.31.4';
export const KUSTOMIZE_VERSION = 'v5.4.2';

function info(): Record<string, string> {
  return {
    buildDate: '2024-12-10T11:43:21Z',
    compiler: 'gc',
    gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
    gitTreeState: 'clean',
    gitVersion: KUBERNETES_VERSION,
    goVersion: 'go1.22.10',
    major: '1',
    minor: '31',
    platform: 'linux/amd64',
  };
}

export const version: VerbDef = {
  name: 'version',
  summary: { en: 'Print the client and server version information', zh: '打印客户端和服务器的版本信息' },
  usage: 'kubectl version [flags] [options]',
  long: 'Print the client and server version information for the current context.',
  examples: '  # Print the client and server versions for the current context\n  kubectl version',
  flags: [
    boolFlag('client', 'If true, shows client version only (no server required).'),
    flag('output', "One of 'yaml' or 'json'.", { short: 'o', complete: ['yaml', 'json'] }),
  ],
  run(k, p) {
    const client = has(p, 'client');
    const o = str(p, 'output');
    if (o !== undefined && o !== 'yaml' && o !== 'json') fail(`--output must be 'yaml' or 'json'`);
    if (o) {
      const v: Record<string, unknown> = { clientVersion: info(), kustomizeVersion: KUSTOMIZE_VERSION };
      if (!client) v.serverVersion = info();
      k.out(o === 'yaml' ? toYaml(v) : JSON.stringify(v, null, 2) + '\n');
      return 0;
    }
    k.out(
      `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${client ? '' : `Server Version: ${KUBERNETES_VERSION}\n`}`,
    );
    return 0;
  },
};
