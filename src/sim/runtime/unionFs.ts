/**
 * A container's filesystem: the union of its image's read-only layers, its copy-on-write writable layer and
 * its mounts (volumes, bind mounts, ConfigMap/Secret files), as overlayfs presents them. Pure functions over
 * JSON state, so `ls`, `cat`, `touch` and `rm` inside a container, `docker diff` and `kubectl exec` all see one
 * model.
 */
import type { LayerData, MountSpec, WritableLayer } from './types';

export interface VolumeData {
  files: Record<string, string>;
  dirs: string[];
}

/** What a filesystem operation needs: the layers bottom first, the writable layer, the mounts and volumes. */
export interface FsView {
  layers: LayerData[];
  writable: WritableLayer;
  /** Whose writable layer it is: a frozen (shared, empty) layer is replaced there on the first write. */
  owner?: { writable: WritableLayer };
  mounts: MountSpec[];
  volume(id: string): VolumeData | undefined;
}

const DIR: { kind: 'dir' } = Object.freeze({ kind: 'dir' });

/** Normalises a path: absolute, no `.`/`..`/double slashes, no trailing slash. */
export function normPath(path: string, cwd = '/'): string {
  return isNormal(path) ? path : normalizeSegments(path, cwd);
}

/** Normalises segment by segment (what {@link normPath} does for any path not already normal). */
export function normalizeSegments(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Already absolute and normal: no empty, `.` or `..` segment, no trailing slash (most paths are). */
function isNormal(path: string): boolean {
  const n = path.length;
  if (n === 0 || path.charCodeAt(0) !== 47) return false;
  if (n === 1) return true;
  if (path.charCodeAt(n - 1) === 47) return false;
  for (let i = 0; i < n; i++) {
    if (path.charCodeAt(i) !== 47) continue;
    // a segment starts at i + 1: reject '', '.', '..'
    const a = path.charCodeAt(i + 1);
    if (a === 47) return false;
    if (a === 46) {
      const b = i + 2 < n ? path.charCodeAt(i + 2) : 47;
      if (b === 47) return false;
      if (b === 46 && (i + 3 >= n || path.charCodeAt(i + 3) === 47)) return false;
    }
  }
  return true;
}

/** Proper ancestors of every file and directory of a layer (layers are immutable, so computed once). */
const layerAncestors = new WeakMap<LayerData, Set<string>>();
function ancestorsOf(l: LayerData): Set<string> {
  let set = layerAncestors.get(l);
  if (!set) {
    set = new Set<string>();
    const add = (p: string) => {
      for (let i = p.lastIndexOf('/'); i >= 0; i = p.lastIndexOf('/', i - 1)) {
        const dir = i === 0 ? '/' : p.slice(0, i);
        if (set!.has(dir)) break;
        set!.add(dir);
        if (i === 0) break;
      }
    };
    for (const f in l.files) add(f);
    for (const d of l.dirs) add(d);
    layerAncestors.set(l, set);
  }
  return set;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function under(path: string, dir: string): boolean {
  return dir === '/' ? path !== '/' : path.startsWith(dir + '/');
}

function isSelfOrUnder(path: string, dir: string): boolean {
  return path === dir || under(path, dir);
}

interface MountHit {
  mount: MountSpec;
  /** Path inside the volume ('' for the mount point itself). */
  rel: string;
}

/** The mount covering `path` (the deepest mount point wins). */
function mountFor(view: FsView, path: string): MountHit | undefined {
  let best: MountHit | undefined;
  let bestLen = -1;
  for (const m of view.mounts) {
    const mp = normPath(m.mountPath);
    if (isSelfOrUnder(path, mp) && mp.length > bestLen) {
      const rest = path === mp ? '' : path.slice(mp === '/' ? 1 : mp.length + 1);
      const sub = m.subPath ? m.subPath.replace(/^\/+|\/+$/g, '') : '';
      best = { mount: m, rel: [sub, rest].filter(Boolean).join('/') };
      bestLen = mp.length;
    }
  }
  return best;
}

function volumeFiles(view: FsView, m: MountSpec): VolumeData | undefined {
  if (m.volume.kind === 'files') return { files: m.volume.files, dirs: [] };
  return view.volume(m.volume.id);
}

/** A single-file mount (`/etc/hostname`, a subPath key) keeps its content under the key ''. */
function volRead(vol: VolumeData, rel: string): string | undefined {
  return vol.files[rel];
}

function volIsDir(vol: VolumeData, rel: string): boolean {
  if (!rel) return vol.files[''] === undefined;
  if (vol.dirs.includes(rel)) return true;
  const pre = rel + '/';
  for (const f of Object.keys(vol.files)) if (f.startsWith(pre)) return true;
  for (const d of vol.dirs) if (d.startsWith(pre)) return true;
  return false;
}

function volList(vol: VolumeData, rel: string): string[] {
  const pre = rel ? rel + '/' : '';
  const names = new Set<string>();
  for (const p of [...Object.keys(vol.files), ...vol.dirs]) {
    if (!p.startsWith(pre)) continue;
    const name = p.slice(pre.length).split('/')[0];
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Whether the lower layers (image) hide `path` because of a whiteout at or above it in `layers[from…]`. */
function lowerLookup(
  view: FsView,
  path: string,
): { kind: 'file'; content: string } | { kind: 'dir' } | undefined {
  for (let i = view.layers.length - 1; i >= 0; i--) {
    const l = view.layers[i]!;
    if (path in l.files) return { kind: 'file', content: l.files[path]! };
    if (l.dirs.includes(path)) return { kind: 'dir' };
    if (l.whiteouts?.some((w) => isSelfOrUnder(path, w))) return undefined;
    if (ancestorsOf(l).has(path)) return DIR;
  }
  return path === '/' ? { kind: 'dir' } : undefined;
}

function deletedInWritable(w: WritableLayer, path: string): boolean {
  return w.deleted.some((d) => isSelfOrUnder(path, d));
}

function writableLookup(
  w: WritableLayer,
  path: string,
): { kind: 'file'; content: string } | { kind: 'dir' } | undefined {
  if (path in w.files) return { kind: 'file', content: w.files[path]! };
  if (w.dirs.includes(path)) return DIR;
  const pre = path + '/';
  for (const f in w.files) if (f.startsWith(pre)) return DIR;
  for (const d of w.dirs) if (d.startsWith(pre)) return DIR;
  return undefined;
}

function lookup(view: FsView, path: string): { kind: 'file'; content: string } | { kind: 'dir' } | undefined {
  const hit = mountFor(view, path);
  if (hit) {
    const vol = volumeFiles(view, hit.mount);
    if (!vol) return hit.rel ? undefined : { kind: 'dir' };
    const f = volRead(vol, hit.rel);
    if (f !== undefined) return { kind: 'file', content: f };
    return volIsDir(vol, hit.rel) ? { kind: 'dir' } : undefined;
  }
  const up = writableLookup(view.writable, path);
  if (up) return up;
  if (deletedInWritable(view.writable, path)) return undefined;
  // A mount point's parents exist even when no layer created them.
  for (const m of view.mounts) if (under(normPath(m.mountPath), path)) return { kind: 'dir' };
  return lowerLookup(view, path);
}

export function readFile(view: FsView, path: string): string | undefined {
  const r = lookup(view, normPath(path));
  return r?.kind === 'file' ? r.content : undefined;
}

export function exists(view: FsView, path: string): boolean {
  return lookup(view, normPath(path)) !== undefined;
}

export function isDir(view: FsView, path: string): boolean {
  return lookup(view, normPath(path))?.kind === 'dir';
}

export function listDir(view: FsView, path: string): string[] | undefined {
  const p = normPath(path);
  const r = lookup(view, p);
  if (r?.kind !== 'dir') return undefined;
  const hit = mountFor(view, p);
  const names = new Set<string>();
  if (hit) {
    const vol = volumeFiles(view, hit.mount);
    if (vol) for (const n of volList(vol, hit.rel)) names.add(n);
  } else {
    const pre = p === '/' ? '/' : p + '/';
    const add = (full: string) => {
      if (!full.startsWith(pre)) return;
      const name = full.slice(pre.length).split('/')[0];
      if (name) names.add(name);
    };
    for (const l of view.layers) {
      for (const f of Object.keys(l.files)) add(f);
      for (const d of l.dirs) add(d);
    }
    for (const f of Object.keys(view.writable.files)) add(f);
    for (const d of view.writable.dirs) add(d);
    for (const m of view.mounts) add(normPath(m.mountPath));
  }
  return [...names].filter((n) => lookup(view, p === '/' ? `/${n}` : `${p}/${n}`) !== undefined).sort();
}

function mountWritable(view: FsView, hit: MountHit): VolumeData | undefined {
  if (hit.mount.readOnly || hit.mount.volume.kind === 'files') return undefined;
  return view.volume(hit.mount.volume.id);
}

/** A new, empty writable layer. */
export function emptyWritable(): WritableLayer {
  return { files: {}, dirs: [], deleted: [] };
}

/** The view's writable layer, ready to change (a shared frozen one is replaced in its owner first). */
function ownWritable(view: FsView): WritableLayer {
  if (view.owner && Object.isFrozen(view.writable)) {
    view.owner.writable = emptyWritable();
    view.writable = view.owner.writable;
  }
  return view.writable;
}

/** Writes a file: into a writable volume under a mount, else into the container's writable layer. */
export function writeFile(view: FsView, path: string, content: string): boolean {
  const p = normPath(path);
  if (p === '/' || isDir(view, p)) return false;
  if (!isDir(view, parentOf(p))) return false;
  const hit = mountFor(view, p);
  if (hit) {
    const vol = mountWritable(view, hit);
    if (!vol) return false;
    vol.files[hit.rel] = content;
    return true;
  }
  const w = ownWritable(view);
  w.files[p] = content;
  w.deleted = w.deleted.filter((d) => d !== p);
  return true;
}

export function mkdir(view: FsView, path: string): boolean {
  const p = normPath(path);
  if (exists(view, p)) return isDir(view, p);
  if (!isDir(view, parentOf(p))) return false;
  const hit = mountFor(view, p);
  if (hit) {
    const vol = mountWritable(view, hit);
    if (!vol || !hit.rel) return false;
    if (!vol.dirs.includes(hit.rel)) vol.dirs.push(hit.rel);
    return true;
  }
  const w = ownWritable(view);
  w.deleted = w.deleted.filter((d) => d !== p);
  w.dirs.push(p);
  return true;
}

/** Removes a file (or, with `recursive`, a folder): upper-layer entries go, lower-layer ones get a whiteout. */
export function removeFile(view: FsView, path: string, recursive = false): boolean {
  const p = normPath(path);
  const r = lookup(view, p);
  if (!r || p === '/') return false;
  if (r.kind === 'dir' && !recursive) return false;
  const hit = mountFor(view, p);
  if (hit) {
    const vol = mountWritable(view, hit);
    if (!vol || !hit.rel) return false;
    for (const f of Object.keys(vol.files))
      if (f === hit.rel || f.startsWith(hit.rel + '/')) delete vol.files[f];
    vol.dirs = vol.dirs.filter((d) => d !== hit.rel && !d.startsWith(hit.rel + '/'));
    return true;
  }
  const w = ownWritable(view);
  for (const f of Object.keys(w.files)) if (isSelfOrUnder(f, p)) delete w.files[f];
  w.dirs = w.dirs.filter((d) => !isSelfOrUnder(d, p));
  if (lowerLookup(view, p)) {
    w.deleted = w.deleted.filter((d) => !under(d, p));
    if (!w.deleted.includes(p)) w.deleted.push(p);
  }
  return true;
}

/** `docker diff`: A(dded), C(hanged), D(eleted) paths of the writable layer, parents of changes as C. */
export function diffWritable(view: FsView): { kind: 'A' | 'C' | 'D'; path: string }[] {
  const out = new Map<string, 'A' | 'C' | 'D'>();
  const lowerView: FsView = { ...view, writable: emptyWritable(), mounts: [] };
  const markParents = (p: string) => {
    for (let q = parentOf(p); q !== '/'; q = parentOf(q))
      if (!out.has(q)) out.set(q, lowerLookup(lowerView, q) ? 'C' : 'A');
  };
  const w = view.writable;
  for (const f of Object.keys(w.files)) {
    out.set(f, lowerLookup(lowerView, f) ? 'C' : 'A');
    markParents(f);
  }
  for (const d of w.dirs) {
    if (!out.has(d)) out.set(d, lowerLookup(lowerView, d) ? 'C' : 'A');
    markParents(d);
  }
  for (const d of w.deleted) {
    out.set(d, 'D');
    markParents(d);
  }
  return [...out.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([path, kind]) => ({ kind, path }));
}

/** Bytes held by the writable layer. */
export function writableBytes(w: WritableLayer): number {
  let n = 0;
  for (const c of Object.values(w.files)) n += c.length;
  return n;
}

/** Finds an executable the way execve + $PATH does; undefined when not found. */
export function whichExecutable(view: FsView, name: string, pathVar: string, cwd = '/'): string | undefined {
  if (name.includes('/')) {
    const p = normPath(name, cwd);
    return readFile(view, p) !== undefined ? p : undefined;
  }
  for (const dir of pathVar.split(':')) {
    if (!dir) continue;
    const p = normPath(`${dir}/${name}`);
    if (readFile(view, p) !== undefined) return p;
  }
  return undefined;
}
