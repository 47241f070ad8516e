import { describe, expect, it } from 'vitest';
import * as ufs from './unionFs';
import type { LayerData } from './types';
import fc from 'fast-check';

function layer(files: Record<string, string>, dirs: string[] = [], whiteouts?: string[]): LayerData {
  return { digest: 'sha256:x', size: 0, files, dirs, whiteouts, createdBy: '' };
}

function view(): ufs.FsView {
  const vols: Record<string, ufs.VolumeData> = { data: { files: { 'keep.txt': 'kept' }, dirs: [] } };
  return {
    layers: [
      layer({ '/etc/os-release': 'base', '/bin/sh': 'ELF', '/etc/motd': 'hi' }, ['/tmp', '/etc', '/bin']),
      layer({ '/etc/os-release': 'upper' }, [], ['/etc/motd']),
    ],
    writable: { files: {}, dirs: [], deleted: [] },
    mounts: [
      { mountPath: '/data', volume: { kind: 'dir', id: 'data' } },
      { mountPath: '/config', readOnly: true, volume: { kind: 'files', files: { 'app.conf': 'x=1' } } },
      { mountPath: '/etc/hostname', volume: { kind: 'files', files: { '': 'web\n' } } },
    ],
    volume: (id) => vols[id],
  };
}

describe('union filesystem', () => {
  it('reads the topmost layer and honours whiteouts', () => {
    const v = view();
    expect(ufs.readFile(v, '/etc/os-release')).toBe('upper');
    expect(ufs.readFile(v, '/etc/motd')).toBeUndefined();
    expect(ufs.listDir(v, '/')).toEqual(['bin', 'config', 'data', 'etc', 'tmp']);
    expect(ufs.readFile(v, '/etc/hostname')).toBe('web\n');
  });

  it('copies on write into the writable layer and diffs it', () => {
    const v = view();
    expect(ufs.writeFile(v, '/etc/os-release', 'changed')).toBe(true);
    expect(ufs.writeFile(v, '/tmp/new', 'n')).toBe(true);
    expect(ufs.removeFile(v, '/bin/sh')).toBe(true);
    expect(ufs.readFile(v, '/etc/os-release')).toBe('changed');
    expect(ufs.readFile(v, '/bin/sh')).toBeUndefined();
    expect(v.writable.deleted).toEqual(['/bin/sh']);
    expect(ufs.diffWritable(v)).toEqual([
      { kind: 'C', path: '/bin' },
      { kind: 'D', path: '/bin/sh' },
      { kind: 'C', path: '/etc' },
      { kind: 'C', path: '/etc/os-release' },
      { kind: 'C', path: '/tmp' },
      { kind: 'A', path: '/tmp/new' },
    ]);
  });

  it('writes under a volume mount to the volume, refuses read-only mounts and missing folders', () => {
    const v = view();
    expect(ufs.writeFile(v, '/data/new.txt', 'v')).toBe(true);
    expect(v.volume('data')!.files['new.txt']).toBe('v');
    expect(v.writable.files).toEqual({});
    expect(ufs.writeFile(v, '/config/app.conf', 'y')).toBe(false);
    expect(ufs.writeFile(v, '/nope/file', 'y')).toBe(false);
    expect(ufs.listDir(v, '/data')).toEqual(['keep.txt', 'new.txt']);
  });

  it('re-creating a deleted file removes the whiteout; mkdir needs a parent', () => {
    const v = view();
    ufs.removeFile(v, '/etc/os-release');
    expect(ufs.exists(v, '/etc/os-release')).toBe(false);
    ufs.writeFile(v, '/etc/os-release', 'again');
    expect(ufs.readFile(v, '/etc/os-release')).toBe('again');
    expect(ufs.mkdir(v, '/a/b')).toBe(false);
    expect(ufs.mkdir(v, '/a')).toBe(true);
    expect(ufs.isDir(v, '/a')).toBe(true);
    expect(ufs.removeFile(v, '/etc')).toBe(false);
    expect(ufs.removeFile(v, '/etc', true)).toBe(true);
    expect(ufs.exists(v, '/etc/os-release')).toBe(false);
  });

  it('finds executables through $PATH', () => {
    const v = view();
    expect(ufs.whichExecutable(v, 'sh', '/usr/bin:/bin')).toBe('/bin/sh');
    expect(ufs.whichExecutable(v, 'nginx', '/usr/bin:/bin')).toBeUndefined();
    expect(ufs.whichExecutable(v, '/bin/sh', '')).toBe('/bin/sh');
  });
});

describe('normPath', () => {
  it('equals the segment-by-segment normalisation for any mix of odd segments', () => {
    const seg = fc.constantFrom('', '.', '..', '...', 'a', 'b.', '.c', '..d', 'etc');
    fc.assert(
      fc.property(fc.array(seg, { maxLength: 6 }), fc.boolean(), (parts, rooted) => {
        const p = (rooted ? '/' : '') + parts.join('/');
        // the normal-path shortcut must agree with the full walk, which must yield a normal path
        expect(ufs.normalizeSegments(ufs.normalizeSegments(p, '/w'), '/x')).toBe(
          ufs.normalizeSegments(p, '/w'),
        );
        expect(ufs.normPath(p, '/work/dir')).toBe(ufs.normalizeSegments(p, '/work/dir'));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});
