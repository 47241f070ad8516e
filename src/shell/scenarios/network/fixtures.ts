/**
 * Helpers and manifests shared by the scenario tests of this folder.
 */
import { runScript } from '../../session';
import { memoryFs } from '../../memoryFs';
import { deploymentYaml } from '../../testing/harness';

export const DEPLOY = (name: string, replicas: number, extra = '') =>
  deploymentYaml(name, {
    replicas,
    container: 'hello',
    image: 'gcr.io/google-samples/hello-app:1.0',
    containerLines: 'ports:\n- name: http\n  containerPort: 8080',
    extra,
  });

export const SERVICE = (name: string, spec = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: http
${spec}`;

export const files = {
  'web.yaml': `${DEPLOY('web', 3)}---\n${SERVICE('web')}`,
  'client.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    run: client
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
`,
};

export function run(script: string, seed = 1, extra: Record<string, string> = {}) {
  return runScript(script, { seed, fs: memoryFs({ ...files, ...extra }) });
}

/** The sections of a transcript, by command. */
export function outputOf(transcript: string, command: string): string {
  const start = transcript.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`no command ${command}`);
  const rest = transcript.slice(start + command.length + 3);
  const end = rest.indexOf('\n$ ');
  return end < 0 ? rest : rest.slice(0, end + 1);
}

export const hostnames = (text: string) => [...text.matchAll(/Hostname: (\S+)/g)].map((m) => m[1]!);
