/** The RUN instruction of `docker build`: package managers (apk, apt-get, npm, pip …) are modelled, other commands run in the step's container. */
import { DEFAULT_PATH, imageIdFor } from '../runtime/catalog';
import { digestOf } from '../runtime/digest';
import * as ufs from '../runtime/unionFs';
import type { ImageRecord, LayerData } from '../runtime/types';
import { splitWords } from './dockerfile';

import type { StageState } from './buildTypes';
import { envMap, expand } from './buildInstructions';
import { makeLayer } from './buildContext';
import type { BuilderCore } from './dockerTypes';

export const PACKAGE_TOOLS: Record<
  string,
  {
    size: number;
    out: (args: string[]) => string[];
    files: (args: string[], cwd: string) => Record<string, string>;
  }
> = {
  'apt-get': {
    size: 6_500_000,
    out: (a) =>
      a[0] === 'update'
        ? [
            'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]',
            'Fetched 9,072 kB in 1s (8,240 kB/s)',
            'Reading package lists...',
          ]
        : a[0] === 'install'
          ? [
              'Reading package lists...',
              'Building dependency tree...',
              `The following NEW packages will be installed:`,
              `  ${pkgs(a).join(' ')}`,
              `Setting up ${pkgs(a)[0] ?? 'packages'} ...`,
            ]
          : [],
    files: (a) => Object.fromEntries(pkgs(a).map((p) => [`/usr/bin/${p}`, '\u007fELF (binary)'])),
  },
  apk: {
    size: 2_400_000,
    out: (a) =>
      a[0] === 'add'
        ? [
            `fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz`,
            `(1/${pkgs(a).length || 1}) Installing ${pkgs(a)[0] ?? 'package'}`,
            'OK: 12 MiB in 20 packages',
          ]
        : [],
    files: (a) => Object.fromEntries(pkgs(a).map((p) => [`/usr/bin/${p}`, '\u007fELF (binary)'])),
  },
  npm: {
    size: 18_000_000,
    out: (a) =>
      ['install', 'i', 'ci'].includes(a[0] ?? '')
        ? ['', 'added 57 packages, and audited 58 packages in 2s', '', 'found 0 vulnerabilities']
        : [],
    files: (_a, cwd) => ({
      [`${cwd === '/' ? '' : cwd}/node_modules/.package-lock.json`]: '{"lockfileVersion": 3}\n',
    }),
  },
  yarn: {
    size: 18_000_000,
    out: () => ['yarn install v1.22.22', 'success Saved lockfile.', 'Done in 2.31s.'],
    files: (_a, cwd) => ({ [`${cwd === '/' ? '' : cwd}/node_modules/.yarn-integrity`]: '{}\n' }),
  },
  pip: {
    size: 12_000_000,
    out: () => ['Collecting packages', 'Installing collected packages', 'Successfully installed packages'],
    files: () => ({ '/usr/local/lib/python3.12/site-packages/installed.txt': 'installed by pip\n' }),
  },
};
PACKAGE_TOOLS.apt = PACKAGE_TOOLS['apt-get']!;
PACKAGE_TOOLS.pip3 = PACKAGE_TOOLS.pip!;

export function pkgs(args: string[]): string[] {
  return args.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='));
}

/** Splits a RUN command on top-level `&&` (outside quotes). */
export function splitAnd(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (q) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === '&' && cmd[i + 1] === '&') {
      out.push(cur.trim());
      cur = '';
      i++;
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
/** RUN: package managers are modelled here; every other command runs in the step's container. */
export function runStep(
  builder: BuilderCore,
  st: StageState,
  cmd: string,
  vars: Record<string, string>,
  v: number,
): { ok: true; layer: LayerData } | { ok: false; error: string; output: string[] } {
  const rt = builder.rt;
  const tmp: Omit<ImageRecord, 'id'> = {
    architecture: st.arch,
    os: 'linux',
    created: '',
    config: st.config,
    layers: st.layers,
    history: [],
  };
  const tmpImg: ImageRecord = { id: imageIdFor(tmp), ...tmp };
  const env: Record<string, string> = { ...envMap(st.config) };
  for (const [k, val] of Object.entries(st.args)) env[k] ??= val;
  const cid = rt.createBuildContainer(
    builder.d.host,
    tmpImg,
    env,
    st.config.WorkingDir || '/',
    st.config.User,
    st.baseName,
  );
  const output: string[] = [];
  let extra = 0;
  const fail = (code: number) => {
    rt.dropBuildContainer(cid);
    rt.dropImage(tmpImg.id);
    return {
      ok: false as const,
      error: `process "/bin/sh -c ${cmd}" did not complete successfully: exit code: ${code}`,
      output,
    };
  };
  const rec = rt.record(cid)!;
  const view = rt.fsView(rec);
  if (!ufs.whichExecutable(view, '/bin/sh', DEFAULT_PATH)) {
    rt.dropBuildContainer(cid);
    rt.dropImage(tmpImg.id);
    return {
      ok: false,
      error: `failed to solve: process "/bin/sh -c ${cmd}" did not complete successfully: runc run failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory`,
      output,
    };
  }
  let elapsed = 0;
  for (const seg of splitAnd(cmd)) {
    const words = splitWords(expand(seg, { ...vars, ...env }));
    const tool = words[0] ?? '';
    const pm = PACKAGE_TOOLS[tool];
    if (pm) {
      if (!ufs.whichExecutable(view, tool, env.PATH ?? DEFAULT_PATH, rec.workingDir)) {
        output.push(`#${v} 0.${(elapsed / 100) | 0}12 /bin/sh: 1: ${tool}: not found`);
        return fail(127);
      }
      for (const l of pm.out(words.slice(1))) output.push(`#${v} ${(elapsed / 1000 + 0.4).toFixed(3)} ${l}`);
      for (const [p, c] of Object.entries(pm.files(words.slice(1), rec.workingDir))) {
        ufs.mkdir(view, p.split('/').slice(0, -1).join('/') || '/');
        for (let dir = '', parts = p.split('/').slice(1, -1), k = 0; k < parts.length; k++) {
          dir += '/' + parts[k];
          ufs.mkdir(view, dir);
        }
        ufs.writeFile(view, p, c);
      }
      const pkgCount = Math.max(1, pkgs(words.slice(1)).length);
      extra +=
        words[1] === 'update' ? 18_000_000 : pm.size * (tool === 'npm' || tool === 'yarn' ? 1 : pkgCount);
      elapsed += 2500;
      continue;
    }
    const r = rt.exec(cid, ['/bin/sh', '-c', seg]);
    for (const l of `${r.stdout}${r.stderr}`.split('\n'))
      if (l) output.push(`#${v} ${(elapsed / 1000 + 0.3).toFixed(3)} ${l}`);
    elapsed += 200;
    if (r.exitCode !== 0) {
      builder.out(...output);
      builder.tick(elapsed);
      return fail(r.exitCode);
    }
  }
  builder.out(...output);
  builder.tick(elapsed);
  const w = rec.writable;
  const files: Record<string, string | null> = { ...w.files };
  for (const d of w.dirs) files[d] = null;
  const size = Object.values(w.files).reduce((a, c) => a + c.length, 0) + extra;
  let layer = makeLayer(files, w.deleted, `RUN /bin/sh -c ${cmd} # buildkit`, size);
  // A RUN that executes again (`--no-cache`, a pruned cache) writes its files anew: the tar holds new mtimes,
  // so BuildKit gets a new diff ID even for the same content (unlike COPY, whose files keep the context's).
  if (rt.layer(layer.digest))
    layer = { ...layer, digest: digestOf(`${layer.digest}|rerun|${builder.d.cluster.iso()}`) };
  rt.dropBuildContainer(cid);
  rt.dropImage(tmpImg.id);
  return { ok: true, layer };
}
