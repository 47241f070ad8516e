import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { stringify } from 'yaml';
import { useStudio, type InspectorTab } from '../../state/store';
import { getHost } from '../../state/host';
import type { KObject } from '../../sim/api/types';
import { formatBytes, formatCpu } from '../../sim/api/quantity';
import { actionsFor, parseKey } from './actions';
import { ActionList } from './ActionList';
import { podContainerDetails } from './runtimeInfo';
import { useAnswer } from './useAnswer';
import type { KEvent } from '../../sim/api/types';
import type { RuntimeParts } from '../../state/worker/protocol';

const TABS: { id: InspectorTab; labelKey: string; podOnly?: boolean }[] = [
  { id: 'describe', labelKey: 'inspector.describe' },
  { id: 'yaml', labelKey: 'inspector.yaml' },
  { id: 'events', labelKey: 'inspector.events' },
  { id: 'logs', labelKey: 'inspector.logs', podOnly: true },
  { id: 'why', labelKey: 'inspector.why', podOnly: true },
  { id: 'layers', labelKey: 'inspector.layers', podOnly: true },
  { id: 'isolation', labelKey: 'inspector.isolation', podOnly: true },
];

function nsArgs(kind: string, ns: string | undefined): string {
  return kind === 'Node' || !ns ? '' : ` -n ${ns}`;
}

/** Describe, live YAML, events, logs, "why this node?", image layers, namespaces and cgroups, and actions. */
export const Inspector = memo(function Inspector() {
  const { t } = useTranslation();
  const selected = useStudio((s) => s.ui.selected)!;
  const tab = useStudio((s) => s.ui.inspectorTab);
  const version = useStudio((s) => s.sim.version);
  const select = useStudio((s) => s.select);
  const host = getHost()!;
  const { kind, namespace, name } = parseKey(selected);
  const isPod = kind === 'Pod';
  const tabs = TABS.filter((x) => !x.podOnly || isPod);
  const current = tabs.some((x) => x.id === tab) ? tab : 'describe';

  const obj = useMemo(() => {
    void version;
    return host.cluster.api.get<KObject>(kind, namespace, name);
  }, [host, kind, namespace, name, version]);

  // what needs the whole simulation is asked of the worker (again whenever the object changes)
  const ask = useMemo((): (() => Promise<unknown>) | undefined => {
    if (!obj) return undefined;
    const res = kind.toLowerCase();
    const ns = nsArgs(kind, namespace);
    switch (current) {
      case 'describe':
        return () => host.query(`kubectl describe ${res} ${name}${ns}`);
      case 'logs':
        return () => host.query(`kubectl logs ${name}${ns} --all-containers`);
      case 'why':
        return () => host.query(`sim why ${name}${ns}`);
      case 'events':
        return () => host.eventsFor(obj);
      case 'layers':
      case 'isolation':
        return () => host.runtimeFor(namespace ?? 'default', name);
      default:
        return undefined;
    }
  }, [current, obj, host, kind, name, namespace]);
  const answer = useAnswer(`${current}|${selected}`, ask);

  const body = useMemo(() => {
    if (!obj) return <p>{t('inspector.notFound', { kind, name })}</p>;
    switch (current) {
      case 'describe':
        return <pre data-testid="describe">{answer as string | undefined}</pre>;
      case 'yaml':
        return <pre data-testid="live-yaml">{stringify(obj)}</pre>;
      case 'events': {
        const evs = answer as KEvent[] | undefined;
        if (!evs) return null;
        if (!evs.length) return <p>{t('inspector.noEvents')}</p>;
        return (
          <table className="events-table">
            <tbody>
              {evs.map((e, i) => (
                <tr key={i} className={e.type === 'Warning' ? 'warn' : ''}>
                  <td>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>{e.source?.component}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }
      case 'logs':
        return (
          <pre data-testid="logs" className="wrap">
            {answer as string | undefined}
          </pre>
        );
      case 'why':
        return (
          <pre data-testid="why" className="wrap">
            {answer as string | undefined}
          </pre>
        );
      case 'layers':
      case 'isolation': {
        const parts = answer as RuntimeParts | undefined;
        if (!parts) return null;
        const details = podContainerDetails(
          {
            state: { ext: { runtime: parts } },
            runtime: { container: (id) => ({ cgroup: parts.cgroups[id] ?? '' }) },
          },
          namespace ?? 'default',
          name,
        );
        if (!details.length) return <p>{t('inspector.noEvents')}</p>;
        return (
          <div className="runtime-info" data-testid={current}>
            {details.map((d) => (
              <section key={d.id} className="ctr-detail">
                <h4>
                  {d.pause ? 'pause' : d.name} <small>{d.image}</small> <small>({d.state})</small>
                </h4>
                {current === 'layers' ? (
                  <ol className="layer-stack" reversed>
                    <li className="writable">
                      {t('docker.writable')} · {d.writableFiles} files
                    </li>
                    {[...d.layers].reverse().map((l) => (
                      <li key={l.digest} className={l.sharedBy > 1 ? 'shared' : ''}>
                        <code>{l.digest.replace('sha256:', '').slice(0, 12)}</code> {formatBytes(l.size)}{' '}
                        {l.sharedBy > 1 && <em>{t('docker.shared', { count: l.sharedBy })}</em>}
                        <div className="created-by">{l.createdBy}</div>
                      </li>
                    ))}
                  </ol>
                ) : (
                  <dl className="iso">
                    {Object.entries(d.namespaces).map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                    <div>
                      <dt>cgroup</dt>
                      <dd>{d.cgroup}</dd>
                    </div>
                    <div>
                      <dt>memory.max</dt>
                      <dd>{d.memoryLimit ? formatBytes(d.memoryLimit) : 'max'}</dd>
                    </div>
                    <div>
                      <dt>cpu.max</dt>
                      <dd>{d.cpuLimitMillis ? formatCpu(d.cpuLimitMillis) : 'max'}</dd>
                    </div>
                    <div>
                      <dt>cpu.weight (request)</dt>
                      <dd>{d.cpuRequestMillis ? formatCpu(d.cpuRequestMillis) : '-'}</dd>
                    </div>
                  </dl>
                )}
              </section>
            ))}
          </div>
        );
      }
    }
  }, [current, obj, kind, name, namespace, t, answer]);

  return (
    <aside className="inspector" aria-label={t('pane.inspector')} data-testid="inspector">
      <header>
        <h3>
          {kind}{' '}
          <span className="obj-name">
            {namespace ? `${namespace}/` : ''}
            {name}
          </span>
        </h3>
        <button
          type="button"
          className="icon-btn"
          aria-label={t('inspector.close')}
          onClick={() => select(undefined)}
          data-testid="inspector-close"
        >
          ×
        </button>
      </header>
      <div className="tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={x.id === current}
            data-testid={`itab-${x.id}`}
            onClick={() => select(selected, x.id)}
          >
            {t(x.labelKey)}
          </button>
        ))}
      </div>
      <div
        className="inspector-body"
        role="tabpanel"
        tabIndex={0}
        aria-label={t(TABS.find((x) => x.id === current)!.labelKey)}
      >
        {body}
      </div>
      {obj && (
        <div className="inspector-actions">
          <h4>{t('inspector.actions')}</h4>
          <ActionList actions={actionsFor(host.cluster, selected)} name={name} />
        </div>
      )}
    </aside>
  );
});

export default Inspector;
