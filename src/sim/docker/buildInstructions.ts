/** The Dockerfile instructions of `docker build` (FROM, COPY, ADD, ENV, WORKDIR, …) as BuildKit steps with Docker's cache rules. */
import { hex64 } from '../runtime/digest';
import * as ufs from '../runtime/unionFs';
import type { ImageConfig, LayerData } from '../runtime/types';
import type { BuildCacheEntry } from './dockerTypes';
import { parseKeyValues, type Instruction } from './dockerfile';

import type { BuildStep, StageState } from './buildTypes';
import { fmtSec } from './buildProgress';
import { collectFromContext, collectFromFs, externalFile, isDirIn, makeLayer } from './buildContext';
import type { BuilderCore } from './dockerTypes';

export function expand(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, a: string, def: string, b: string) => {
      const k = a ?? b;
      return vars[k] ?? def ?? '';
    },
  );
}

export function envMap(config: ImageConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of config.Env) {
    const i = e.indexOf('=');
    out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}

export function setEnv(config: ImageConfig, k: string, v: string): void {
  config.Env = [...config.Env.filter((e) => !e.startsWith(k + '=')), `${k}=${v}`];
}
export function step(
  builder: BuilderCore,
  st: StageState,
  x: Instruction,
  vars: Record<string, string>,
  ctx: Record<string, string>,
  built: StageState[],
  stageIndex: (ref: string) => number,
  nextLabel: () => string,
  beforeCopy: () => void,
): { ok: true } | { ok: false; error: string } {
  const cfg = st.config;
  const cluster = builder.d.cluster;
  const configOnly = (createdBy: string) => {
    st.history.push({
      created: cluster.iso(),
      createdBy: `${createdBy}`,
      emptyLayer: true,
      comment: 'buildkit.dockerfile.v0',
    });
    st.key = hex64(`${st.key}|${createdBy}`);
  };
  switch (x.cmd) {
    case 'ENV':
      for (const [k, v] of parseKeyValues(x)) setEnv(cfg, k, expand(v, vars));
      configOnly(`ENV ${x.raw}`);
      return { ok: true };
    case 'ARG':
      for (const [k, v] of parseKeyValues(x)) st.args[k] = builder.req.buildArgs[k] ?? v;
      configOnly(`ARG ${x.raw}`);
      return { ok: true };
    case 'LABEL':
    case 'MAINTAINER':
      cfg.Labels = { ...(cfg.Labels ?? {}) };
      if (x.cmd === 'MAINTAINER') cfg.Labels.maintainer = x.raw;
      else for (const [k, v] of parseKeyValues(x)) cfg.Labels[k] = expand(v, vars);
      configOnly(`LABEL ${x.raw}`);
      return { ok: true };
    case 'EXPOSE':
      cfg.ExposedPorts = { ...(cfg.ExposedPorts ?? {}) };
      for (const p of x.args) cfg.ExposedPorts[p.includes('/') ? p : `${expand(p, vars)}/tcp`] = {};
      configOnly(
        `EXPOSE map[${Object.keys(cfg.ExposedPorts)
          .map((p) => `${p}:{}`)
          .join(' ')}]`,
      );
      return { ok: true };
    case 'CMD':
      cfg.Cmd = x.json ? x.args : ['/bin/sh', '-c', x.raw];
      configOnly(`CMD ${JSON.stringify(cfg.Cmd)}`);
      return { ok: true };
    case 'ENTRYPOINT':
      cfg.Entrypoint = x.json ? x.args : ['/bin/sh', '-c', x.raw];
      if (!x.json) cfg.Cmd = null;
      configOnly(`ENTRYPOINT ${JSON.stringify(cfg.Entrypoint)}`);
      return { ok: true };
    case 'USER':
      cfg.User = expand(x.raw, vars);
      configOnly(`USER ${cfg.User}`);
      return { ok: true };
    case 'VOLUME':
      cfg.Volumes = { ...(cfg.Volumes ?? {}) };
      for (const v of x.args) cfg.Volumes[v] = {};
      configOnly(`VOLUME ${JSON.stringify(x.args)}`);
      return { ok: true };
    case 'STOPSIGNAL':
      cfg.StopSignal = x.raw;
      configOnly(`STOPSIGNAL ${x.raw}`);
      return { ok: true };
    case 'SHELL':
    case 'HEALTHCHECK':
    case 'ONBUILD':
      configOnly(`${x.cmd} ${x.raw}`);
      return { ok: true };
  }

  // Filesystem-changing steps: WORKDIR, COPY, ADD, RUN.
  if (x.cmd === 'COPY' || x.cmd === 'ADD') beforeCopy();
  const label = nextLabel();
  builder.vertex++;
  const v = builder.vertex;
  const shown = `${label} ${x.cmd} ${x.flags.from ? `--from=${x.flags.from} ` : ''}${x.cmd === 'RUN' ? x.raw : x.raw}`;
  const step: BuildStep = { vertex: v, name: shown, instruction: x.text, cached: false, durationMs: 0 };
  builder.steps.push(step);

  // The files a COPY/ADD takes, and their checksum (part of the cache key).
  let copyFiles: Record<string, string> | undefined;
  let checksum = '';
  if (x.cmd === 'COPY' || x.cmd === 'ADD') {
    const words = x.args;
    if (words.length < 2)
      return {
        ok: false,
        error: `dockerfile parse error on line ${x.line}: ${x.cmd} requires at least two arguments, but only one was provided. Destination could not be determined`,
      };
    const srcs = words.slice(0, -1).map((w) => expand(w, vars));
    const dest = expand(words[words.length - 1]!, vars);
    let source: (path: string) => Record<string, string> | undefined;
    if (x.flags.from) {
      const si = stageIndex(x.flags.from);
      let from: StageState | undefined = si >= 0 ? built[si] : undefined;
      if (!from) {
        const img =
          builder.rt.localImage(builder.d.host, x.flags.from) ??
          (builder.d.pull(x.flags.from).ok ? builder.rt.localImage(builder.d.host, x.flags.from) : undefined);
        if (!img) return { ok: false, error: `failed to resolve source metadata for ${x.flags.from}` };
        from = { layers: img.layers, config: img.config } as StageState;
      }
      const layers = from.layers.map((d) => builder.rt.layer(d)).filter((l): l is LayerData => !!l);
      const view: ufs.FsView = {
        layers,
        writable: ufs.emptyWritable(),
        mounts: [],
        volume: () => undefined,
      };
      source = (p) => collectFromFs(view, p);
    } else {
      source = (p) => collectFromContext(ctx, p);
    }
    copyFiles = {};
    const destIsDir = dest.endsWith('/') || srcs.length > 1 || srcs.some((s) => s.includes('*'));
    const base = ufs.normPath(dest, cfg.WorkingDir || '/');
    for (const src of srcs) {
      // ADD also fetches a URL (the daemon downloads it; an outside host answers a small fixed page).
      const url = x.cmd === 'ADD' ? /^https?:\/\/([^/]+)(\/.*)?$/.exec(src) : null;
      const found = url ? { '': externalFile(url[1]!, url[2] ?? '/') } : source(src);
      if (!found || !Object.keys(found).length) {
        builder.out(
          `#${v} ${shown}`,
          `#${v} ERROR: failed to calculate checksum of ref ${hex64('ref' + src).slice(0, 25)}::${hex64(src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`,
          '',
        );
        step.error = 'not found';
        return {
          ok: false,
          error: `failed to compute cache key: failed to calculate checksum of ref ${hex64('ref' + src).slice(0, 25)}::${hex64(src).slice(0, 25)}: "/${src.replace(/^\.?\//, '')}": not found`,
        };
      }
      const single = Object.keys(found).length === 1 && '' in found;
      for (const [rel, content] of Object.entries(found)) {
        let target: string;
        if (single) {
          const name = src.split('/').pop()!;
          target = destIsDir || isDirIn(st, base, builder.rt) ? `${base}/${name}` : base;
        } else target = `${base}/${rel}`;
        copyFiles[ufs.normPath(target)] = content;
      }
    }
    checksum = hex64(JSON.stringify(Object.entries(copyFiles).sort()));
  }
  const runCmd = x.cmd === 'RUN' ? (x.json ? x.args.join(' ') : x.raw) : '';
  const key = hex64(
    `${st.key}|${x.cmd} ${x.flags.from ?? ''} ${x.raw}|${checksum}|${x.cmd === 'RUN' ? JSON.stringify(st.args) : ''}`,
  );
  const cached = !st.missed && !builder.req.noCache ? builder.d.st.buildCache[key] : undefined;
  if (cached) {
    builder.out(`#${v} ${shown}`, `#${v} CACHED`, '');
    builder.d.hop('dockerd', `runtime/${builder.d.host}`, 'build', `${shown}: CACHED`);
    step.cached = true;
    step.layer = cached.layers[cached.layers.length - 1];
    st.layers = [...cached.layers];
    st.config = structuredClone(cached.config);
    st.history = structuredClone(cached.history);
    st.key = key;
    cached.lastUsed = cluster.now;
    return { ok: true };
  }
  st.missed = true;
  builder.out(`#${v} ${shown}`);
  builder.d.hop('dockerd', `runtime/${builder.d.host}`, 'build', `${shown}: running`);
  const t0 = cluster.now;
  let layer: LayerData | undefined;
  if (x.cmd === 'WORKDIR') {
    const dir = ufs.normPath(expand(x.raw, vars), cfg.WorkingDir || '/');
    cfg.WorkingDir = dir;
    if (!isDirIn(st, dir, builder.rt)) layer = makeLayer({ [dir]: null }, [], `WORKDIR ${dir}`, 0);
    builder.tick(50);
  } else if (x.cmd === 'COPY' || x.cmd === 'ADD') {
    const size = Object.values(copyFiles!).reduce((a, c) => a + c.length, 0);
    layer = makeLayer(copyFiles!, [], `${x.cmd} ${x.raw} # buildkit`, size);
    builder.tick(100);
  } else {
    const r = builder.runStep(st, runCmd, vars, v);
    if (!r.ok) {
      step.error = r.error;
      builder.out(
        `#${v} ERROR: ${r.error}`,
        '------',
        ` > ${shown}:`,
        ...r.output.map((l) => `${l}`),
        '------',
      );
      return { ok: false, error: r.error };
    }
    layer = r.layer;
  }
  step.durationMs = cluster.now - t0;
  builder.out(`#${v} DONE ${fmtSec(step.durationMs)}`, '');
  if (layer) {
    builder.rt.addLayer(layer);
    st.layers.push(layer.digest);
    step.layer = layer.digest;
    step.layerSize = layer.size;
    st.history.push({
      created: cluster.iso(),
      createdBy: layer.createdBy,
      comment: 'buildkit.dockerfile.v0',
    });
  } else {
    st.history.push({
      created: cluster.iso(),
      createdBy: `${x.cmd} ${x.raw}`,
      emptyLayer: true,
      comment: 'buildkit.dockerfile.v0',
    });
  }
  st.key = key;
  const entry: BuildCacheEntry = {
    layers: [...st.layers],
    config: structuredClone(st.config),
    history: structuredClone(st.history),
    size: layer?.size ?? 0,
    lastUsed: cluster.now,
  };
  builder.d.st.buildCache[key] = entry;
  return { ok: true };
}
