/**
 * The kinds the API server serves. Adding a kind is one file under src/sim/kinds/ exporting a {@link KindDef},
 * listed in src/sim/kinds/index.ts.
 */
import type { FieldError } from './errors';
import type { ObjectSchema } from './schema';
import type { KObject } from './types';
import type { Store } from './store';
import type { Rng } from '../engine/rng';

/**
 * What a kind's hooks may use of the cluster: its generator (uids, allocations), its store (the allocators'
 * indexes) and reads through the API. The API server passes the cluster itself, which has all three.
 */
export interface KindHost {
  rng: Rng;
  store: Store;
  api: { list(kind: string, namespace?: string): KObject[] };
  /** The simulation clock as an RFC 3339 time (a NoExecute taint's timeAdded). */
  iso(): string;
}

export interface KindContext {
  cluster: KindHost;
  /** The stored object on update; undefined on create. */
  old?: KObject;
}

export interface KindDef {
  kind: string;
  /** `v1`, `apps/v1`, … */
  apiVersion: string;
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** kubectl categories (`all`). */
  categories?: string[];
  /** Name rule: DNS subdomain (most kinds) or DNS label (Namespace, Service…). */
  nameRule: 'subdomain' | 'label' | 'none';
  /** Root schema: apiVersion, kind, metadata, spec, status… */
  schema: ObjectSchema;
  /** Whether `status` is a subresource (spec writes ignore it; status writes ignore the rest). */
  hasStatus: boolean;
  /** Whether a spec change bumps metadata.generation. */
  tracksGeneration?: boolean;
  /** Fills defaults in place (create and update). */
  defaults?(obj: KObject, ctx: KindContext): void;
  /** Field errors on create and update. */
  validate?(obj: KObject, ctx: KindContext): FieldError[];
  /** Extra field errors on update only (immutable fields). */
  validateUpdate?(obj: KObject, old: KObject, ctx: KindContext): FieldError[];
  /** Initial status on create. */
  initialStatus?(obj: KObject, ctx: KindContext): unknown;
}

export class KindRegistry {
  private defs: KindDef[] = [];
  private byName = new Map<string, KindDef>();

  register(def: KindDef): void {
    this.defs.push(def);
    this.defs.sort((a, b) =>
      a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1,
    );
    const names = [def.kind.toLowerCase(), def.plural, def.singular, ...def.shortNames];
    for (const n of names) {
      this.byName.set(n, def);
      if (def.group) this.byName.set(`${n}.${def.group}`, def);
      this.byName.set(`${n}.${def.version}.${def.group}`.replace(/\.$/, ''), def);
    }
  }

  all(): readonly KindDef[] {
    return this.defs;
  }

  /** By resource name, singular, short name or kind, optionally qualified by group (`deployments.apps`). */
  resolve(name: string): KindDef | undefined {
    return this.byName.get(name.toLowerCase()) ?? this.defs.find((d) => d.kind === name);
  }

  /** By kind (and apiVersion when given). */
  byKind(kind: string, apiVersion?: string): KindDef | undefined {
    return this.defs.find(
      (d) => d.kind === kind && (apiVersion === undefined || d.apiVersion === apiVersion),
    );
  }
}
