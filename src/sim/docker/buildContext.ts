/** The build context and filesystems a build copies from (globs, folders, `ADD <url>`), and the content-addressed layers it makes. */
import { digestOf } from '../runtime/digest';
import * as ufs from '../runtime/unionFs';
import type { LayerData } from '../runtime/types';
import type { DockerDaemon } from './daemon';

import type { StageState } from './buildTypes';

/** Glob for COPY sources (`*.json`, `src/*`). */
export function globToRe(p: string): RegExp {
  return new RegExp(
    '^' +
      p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*') +
      '$',
  );
}

/** What an outside web server returns for ADD <url> (deterministic, as the runtime's external hosts). */
export function externalFile(host: string, path: string): string {
  return `# ${host}${path} (fetched by the simulated daemon)\n`;
}

/** A content-addressed layer: `null` values are folders. */
export function makeLayer(
  entries: Record<string, string | null>,
  whiteouts: string[],
  createdBy: string,
  size: number,
): LayerData {
  const files: Record<string, string> = {};
  const dirs: string[] = [];
  for (const [p, c] of Object.entries(entries)) {
    if (c === null) dirs.push(p);
    else files[p] = c;
  }
  const digest = digestOf(
    `built|${JSON.stringify([Object.entries(files).sort(), dirs.sort(), [...whiteouts].sort(), size])}`,
  );
  return { digest, size, files, dirs, whiteouts: whiteouts.length ? [...whiteouts] : undefined, createdBy };
}

export function isDirIn(st: StageState, path: string, rt: DockerDaemon['rt']): boolean {
  const layers = st.layers.map((d) => rt.layer(d)).filter((l): l is LayerData => !!l);
  return ufs.isDir({ layers, writable: ufs.emptyWritable(), mounts: [], volume: () => undefined }, path);
}

/** Files of the build context matching a COPY source: a file → {'': content}; a folder → its files by relative path. */
export function collectFromContext(
  ctx: Record<string, string>,
  src: string,
): Record<string, string> | undefined {
  const p = src.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '.') return { ...ctx };
  if (p.includes('*')) {
    const re = globToRe(p);
    const out: Record<string, string> = {};
    for (const [k, c] of Object.entries(ctx)) if (re.test(k)) out[k.split('/').pop()!] = c;
    return out;
  }
  if (p in ctx) return { '': ctx[p]! };
  const out: Record<string, string> = {};
  for (const [k, c] of Object.entries(ctx)) if (k.startsWith(p + '/')) out[k.slice(p.length + 1)] = c;
  return Object.keys(out).length ? out : undefined;
}

export function collectFromFs(view: ufs.FsView, src: string): Record<string, string> | undefined {
  const p = ufs.normPath(src);
  const f = ufs.readFile(view, p);
  if (f !== undefined) return { '': f };
  if (!ufs.isDir(view, p)) return undefined;
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const n of ufs.listDir(view, dir) ?? []) {
      const full = dir === '/' ? `/${n}` : `${dir}/${n}`;
      const c = ufs.readFile(view, full);
      if (c !== undefined) out[rel ? `${rel}/${n}` : n] = c;
      else walk(full, rel ? `${rel}/${n}` : n);
    }
  };
  walk(p, '');
  return out;
}
