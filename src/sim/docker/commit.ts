/**
 * `docker commit`: a new image from a container — its image's layers plus the container's upper (read-write) layer
 * as one more layer, and the container's config with `--change` instructions applied, as moby's
 * daemon.CreateImageFromContainer does (BuildFromConfig for the changes, then merge with the container's config).
 * The history entry's CREATED BY is the container's Cmd joined by spaces; its comment is `-m`.
 */
import { imageIdFor } from '../runtime/catalog';
import { parseImageRef } from '../runtime/imageRef';
import type { ImageConfig, ImageRecord } from '../runtime/types';
import { makeLayer } from './buildContext';
import { expand, envMap, setEnv } from './buildInstructions';
import { parseDockerfile, parseKeyValues } from './dockerfile';
import type { DaemonCore, Result } from './dockerTypes';

/** The instructions the commit endpoint accepts (moby builder/dockerfile validCommitCommands). */
const VALID = new Set([
  'cmd',
  'entrypoint',
  'healthcheck',
  'env',
  'expose',
  'label',
  'onbuild',
  'stopsignal',
  'user',
  'volume',
  'workdir',
]);

export interface CommitOptions {
  /** `REPOSITORY[:TAG]`; untagged (`<none>`) without it. */
  reference?: string;
  author?: string;
  message?: string;
  /** `-c` values: Dockerfile instructions. */
  changes?: string[];
}

/** The config the container runs with: its image's, with what `docker run` set over it. */
function containerConfig(d: DaemonCore, cid: string): { config: ImageConfig; cmd: string[] } {
  const rec = d.rt.record(cid)!;
  const meta = d.st.containers[cid]!;
  const img = d.rt.image(rec.imageId);
  const base = img?.config;
  const ep = base?.Entrypoint ?? [];
  const fromImageEp = ep.length > 0 && ep.every((w, i) => rec.argv[i] === w);
  // `--entrypoint` replaced the image's: the first word is the entrypoint, the rest the command.
  const entrypoint = fromImageEp ? ep : ep.length ? rec.argv.slice(0, 1) : [];
  const cmd = rec.argv.slice(entrypoint.length);
  const exposed: Record<string, Record<string, never>> = { ...(base?.ExposedPorts ?? {}) };
  for (const b of meta.ports) exposed[`${b.containerPort}/${b.proto}`] = {};
  const env = Object.entries(rec.env)
    .filter(([k]) => k !== 'HOSTNAME')
    .map(([k, v]) => `${k}=${v}`);
  const labels = { ...(base?.Labels ?? {}), ...rec.labels };
  return {
    cmd,
    config: {
      User: rec.user,
      ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
      Env: env,
      Entrypoint: entrypoint.length ? entrypoint : null,
      Cmd: cmd.length ? cmd : null,
      Volumes: base?.Volumes ?? null,
      WorkingDir: rec.workingDir === '/' ? '' : rec.workingDir,
      Labels: Object.keys(labels).length ? labels : null,
      ...(base?.StopSignal ? { StopSignal: base.StopSignal } : {}),
    },
  };
}

/** Applies `--change` instructions as the builder would dispatch them; an error text on a bad one. */
function applyChanges(cfg: ImageConfig, changes: string[]): string | undefined {
  if (!changes.length) return undefined;
  const parsed = parseDockerfile(`FROM scratch\n${changes.join('\n')}`);
  if (!parsed.ok) return parsed.message;
  let cmdSet = false;
  for (const x of parsed.instructions.slice(1)) {
    if (!VALID.has(x.cmd.toLowerCase())) return `${x.cmd.toLowerCase()} is not a valid change command`;
    const vars = envMap(cfg);
    switch (x.cmd) {
      case 'ENV':
        for (const [k, v] of parseKeyValues(x)) setEnv(cfg, k, expand(v, vars));
        break;
      case 'LABEL':
        cfg.Labels = { ...(cfg.Labels ?? {}) };
        for (const [k, v] of parseKeyValues(x)) cfg.Labels[k] = expand(v, vars);
        break;
      case 'EXPOSE':
        cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) };
        for (const p of x.args) cfg.ExposedPorts[p.includes('/') ? p : `${expand(p, vars)}/tcp`] = {};
        break;
      case 'CMD':
        cfg.Cmd = x.json ? x.args : ['/bin/sh', '-c', x.raw];
        cmdSet = true;
        break;
      case 'ENTRYPOINT':
        cfg.Entrypoint = x.json ? x.args : ['/bin/sh', '-c', x.raw];
        // (dispatchEntrypoint: a CMD not set by these changes is dropped)
        if (!cmdSet) cfg.Cmd = null;
        break;
      case 'USER':
        cfg.User = expand(x.raw, vars);
        break;
      case 'WORKDIR': {
        const w = expand(x.raw, vars);
        cfg.WorkingDir = w.startsWith('/') ? w : `${(cfg.WorkingDir || '/').replace(/\/$/, '')}/${w}`;
        break;
      }
      case 'VOLUME':
        cfg.Volumes = { ...(cfg.Volumes ?? {}) };
        for (const v of x.args) cfg.Volumes[v] = {};
        break;
      case 'STOPSIGNAL':
        cfg.StopSignal = x.raw;
        break;
      // HEALTHCHECK and ONBUILD are valid changes; the simulated image config does not carry them.
    }
  }
  return undefined;
}

/** `docker commit CONTAINER [REPOSITORY[:TAG]]`: the new image's ID. */
export function commit(d: DaemonCore, ref: string, o: CommitOptions = {}): Result<{ id: string }> {
  const meta = d.find(ref);
  if (!meta) return d.noSuchContainer(ref);
  const rec = d.rt.record(meta.id)!;
  let tag: string | undefined;
  if (o.reference) {
    const p = parseImageRef(o.reference);
    if (!p.ok) return { ok: false, error: p.message };
    if (p.ref.digest) return { ok: false, error: 'refusing to create a tag with a digest reference' };
    tag = p.ref.familiar;
  }
  const parent = d.rt.image(rec.imageId);
  const { config, cmd } = containerConfig(d, meta.id);
  const bad = applyChanges(config, o.changes ?? []);
  if (bad) return { ok: false, error: `Error response from daemon: ${bad}` };
  d.hop('docker-cli', 'dockerd', 'POST', `/commit?container=${meta.name}`, 20);
  const w = rec.writable;
  const entries: Record<string, string | null> = { ...w.files };
  for (const dir of w.dirs) entries[dir] = null;
  const size = Object.values(w.files).reduce((a, c) => a + c.length, 0);
  const empty = !Object.keys(entries).length && !w.deleted.length;
  const createdBy = cmd.join(' ');
  const layer = empty ? undefined : makeLayer(entries, w.deleted, createdBy, size);
  if (layer) d.rt.addLayer(layer);
  const created = d.cluster.iso();
  const body: Omit<ImageRecord, 'id'> = {
    architecture: parent?.architecture ?? d.arch,
    os: 'linux',
    created,
    config,
    layers: [...(parent?.layers ?? []), ...(layer ? [layer.digest] : [])],
    history: [
      ...(parent?.history ?? []),
      {
        created,
        createdBy,
        ...(empty ? { emptyLayer: true } : {}),
        ...(o.message ? { comment: o.message } : {}),
      },
    ],
    builtOn: d.host,
    ...((parent?.baseImage ?? meta.image) ? { baseImage: parent?.baseImage ?? meta.image } : {}),
    comment: '',
    ...(o.author ? { author: o.author } : {}),
  };
  const img: ImageRecord = { id: imageIdFor({ ...body, created: `${created}|${meta.id}` }), ...body };
  d.rt.addImage(img);
  d.rt.storeOnHost(d.host, img, tag ? [tag] : []);
  d.hop('dockerd', `runtime/${d.host}`, 'commit', `${meta.name}: upper layer → image ${img.id.slice(7, 19)}`);
  return { ok: true, id: img.id };
}
