/**
 * describe serviceaccount in kubectl's layout: the three secret lists under fixed-width headers (sorted by the
 * header text), token Secrets found by their service-account annotations, missing ones marked `(not found)`.
 */
import type { KObject } from '../../../sim/api/types';
import { DescribeWriter, type PrintContext } from './common';
import { printerFor, registerPrinter } from './registry';
import './small';

const EMPTY = '                   ';
const HEADERS = ['Image pull secrets:', 'Mountable secrets: ', 'Tokens:            '] as const;

export function describeServiceAccount(o: KObject, pc: PrintContext): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${o.metadata.name}`);
  w.line(0, `Namespace:\t${o.metadata.namespace ?? ''}`);
  w.map(0, 'Labels', o.metadata.labels);
  w.annotations(0, o.metadata.annotations);
  const secrets = pc.list('Secret', o.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets
    .filter(
      (s) =>
        s.type === 'kubernetes.io/service-account-token' &&
        s.metadata.annotations?.['kubernetes.io/service-account.name'] === o.metadata.name &&
        (s.metadata.annotations?.['kubernetes.io/service-account.uid'] ?? '') === (o.metadata.uid ?? ''),
    )
    .map((s) => s.metadata.name);
  const names = (refs: unknown) => ((refs as { name?: string }[] | undefined) ?? []).map((r) => r.name ?? '');
  const lists = [names(o.imagePullSecrets), names(o.secrets), tokens];
  const missing = new Set([...lists[0]!, ...lists[1]!].filter((n) => !existing.has(n)));
  HEADERS.forEach((header, i) => {
    const list = lists[i]!;
    if (!list.length) return w.line(0, `${header}\t<none>`);
    list.forEach((n, j) => w.line(0, `${j ? EMPTY : header}\t${n}${missing.has(n) ? ' (not found)' : ''}`));
  });
  return w.events(pc, o).toString();
}

const base = printerFor('ServiceAccount');
if (base) registerPrinter({ ...base, describe: describeServiceAccount });
