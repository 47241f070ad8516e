import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import type { Problem } from './yamlMarkers';
import { insertSnippet, SNIPPETS } from './snippets';
import type { KindLike } from './toJsonSchema';
import { useReached } from '../layout/startOrder';

// Monaco (~1 MB gzipped, a third of a second of parsing) loads at the first idle moment after the start
// (layout/startOrder.ts): never before the terminal has answered.
const YamlEditor = lazy(() => import('./YamlEditor'));

function nextName(existing: string[]): string {
  for (let i = 1; ; i++) {
    const n = `file-${i}.yaml`;
    if (!existing.includes(n)) return n;
  }
}

/** `repo:tag` of every image pushed to the simulated registry, as one comparable string (the Docker host's view). */
function pushedImages(): string {
  const view = getHost()?.cluster.dockerView();
  return (view?.registry ?? [])
    .filter((r) => r.pushed)
    .flatMap((r) => r.tags.map((tag) => `${r.repository}:${tag}`))
    .join(' ');
}

/**
 * Warnings for the file's container images beyond the catalogue, kept current as the learner types (and as they
 * push images). The marker code and the catalogue load on first use.
 */
function useImageWarnings(content: string | undefined, t: (k: string, v: Record<string, string>) => string) {
  const [pushed, setPushed] = useState(pushedImages);
  useEffect(
    () =>
      useStudio.subscribe((s, prev) => {
        if (s.sim.version !== prev.sim.version) setPushed(pushedImages());
      }),
    [],
  );
  const [warnings, setWarnings] = useState<Problem[]>([]);
  useEffect(() => {
    if (!content || !/^\s*-?\s*image:/m.test(content)) return setWarnings((w) => (w.length ? [] : w));
    let alive = true;
    const timer = setTimeout(() => {
      void Promise.all([
        import('./imageMarkers'),
        import('../../sim/runtime/catalog'),
        import('../../sim/runtime/imageRef'),
      ]).then(([m, cat, ref]) => {
        if (!alive) return;
        const refs = new Set(pushed.split(' '));
        const isPushed = (key: string) => {
          const i = key.lastIndexOf(':');
          return refs.has(`${ref.familiarRepo(key.slice(0, i))}:${key.slice(i + 1)}`);
        };
        setWarnings(m.imageProblems(content, (image) => cat.catalogStatus(image, isPushed), t));
      });
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [content, pushed, t]);
  return warnings;
}

/** Files in tabs, Apply / Delete / Dry run (as kubectl commands in the terminal), examples, problem markers. */
export const EditorPane = memo(function EditorPane() {
  const { t, i18n } = useTranslation();
  const files = useStudio((s) => s.editor.files);
  const active = useStudio((s) => s.editor.active);
  const theme = useStudio((s) => s.ui.theme);
  const { updateFile, setActive, setFiles } = useStudio.getState();
  const [problems, setProblems] = useState<Record<string, Problem[]>>({});
  const file = files.find((f) => f.name === active) ?? files[0];
  const seed = useStudio((s) => s.sim.seed);
  const kinds = useMemo<readonly KindLike[]>(() => {
    void seed;
    const h = getHost();
    return h ? (h.cluster.api.kinds.all() as readonly KindLike[]) : [];
  }, [seed]);
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const idle = useReached('idle');

  const run = useCallback(
    (verb: 'apply' | 'delete' | 'dry') => {
      const host = getHost();
      if (!host || !file) return;
      const cmd =
        verb === 'apply'
          ? `kubectl apply -f ${file.name}`
          : verb === 'delete'
            ? `kubectl delete -f ${file.name}`
            : `kubectl apply -f ${file.name} --dry-run=server`;
      // the marker code (and its YAML parser) loads on first use
      void Promise.all([host.exec(cmd, { echo: true }), import('./yamlMarkers')]).then(([r, m]) => {
        const { apiErrorsToProblems, parseApplyErrors, yamlSyntaxProblems } = m;
        const syntax = yamlSyntaxProblems(file.content, lang).filter((p) => p.severity === 'error');
        const failed = r.exitCode !== 0 || /invalid|unknown field|cannot unmarshal/.test(r.output);
        const api = failed ? apiErrorsToProblems(file.content, parseApplyErrors(r.output)) : [];
        setProblems((p) => ({ ...p, [file.name]: [...syntax, ...api] }));
      });
    },
    [file, lang],
  );

  const onChange = useCallback(
    (content: string) => {
      if (!file) return;
      updateFile(file.name, content);
      setProblems((p) => (p[file.name]?.length ? { ...p, [file.name]: [] } : p));
    },
    [file, updateFile],
  );

  const imageWarnings = useImageWarnings(file?.content, t);
  const current = useMemo(
    () => [...((file && problems[file.name]) ?? []), ...imageWarnings],
    [file, problems, imageWarnings],
  );
  const errors = current.filter((p) => p.severity === 'error').length;

  return (
    <section className="pane editor" aria-label={t('pane.editor')}>
      <div className="editor-bar">
        <div className="tabs" role="toolbar" aria-label={t('editor.files')}>
          {files.map((f) => (
            <div key={f.name} className={`tab${f.name === file?.name ? ' active' : ''}`}>
              <button
                type="button"
                aria-pressed={f.name === file?.name}
                onClick={() => setActive(f.name)}
                data-testid={`tab-${f.name}`}
              >
                {f.name}
              </button>
              {files.length > 1 && (
                <button
                  type="button"
                  className="tab-close"
                  aria-label={t('editor.closeFile', { name: f.name })}
                  onClick={() =>
                    setFiles(
                      files.filter((x) => x.name !== f.name),
                      f.name === active ? undefined : active,
                    )
                  }
                >
                  ×
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="tab-new"
            aria-label={t('editor.newFile')}
            title={t('editor.newFile')}
            data-testid="new-file"
            onClick={() => {
              const name = nextName(files.map((f) => f.name));
              setFiles([...files, { name, content: '' }], name);
            }}
          >
            +
          </button>
        </div>
      </div>
      <div className="editor-actions">
        <button type="button" className="btn primary" data-testid="apply" onClick={() => run('apply')}>
          {t('editor.apply')}
        </button>
        <button type="button" className="btn" data-testid="dry-run" onClick={() => run('dry')}>
          {t('editor.dryRun')}
        </button>
        <button type="button" className="btn danger" data-testid="delete" onClick={() => run('delete')}>
          {t('editor.delete')}
        </button>
        <label className="field">
          <span className="sr-only">{t('editor.snippets')}</span>
          <select
            data-testid="snippets"
            aria-label={t('editor.snippets')}
            value=""
            onChange={(e) => {
              const s = SNIPPETS.find((x) => x.id === e.target.value);
              if (s && file) updateFile(file.name, insertSnippet(file.content, s.content));
            }}
          >
            <option value="">{t('editor.snippets')}…</option>
            {SNIPPETS.map((s) => (
              <option key={s.id} value={s.id}>
                {t(s.labelKey)}
              </option>
            ))}
          </select>
        </label>
        <span
          className={`problems ${errors ? 'bad' : current.length ? 'warn' : ''}`}
          data-testid="problems"
          role="status"
        >
          {current.length ? t('editor.problems', { count: current.length }) : ''}
        </span>
      </div>
      {current.length > 0 && (
        <ul className="problem-list" data-testid="problem-list">
          {current.map((p, i) => (
            <li key={i} className={p.severity}>
              <span className="line">L{p.line}</span> {p.message}
            </li>
          ))}
        </ul>
      )}
      <div className="editor-body">
        {file && !idle && <p className="loading">{t('editor.loading')}</p>}
        {file && idle && (
          <Suspense fallback={<p className="loading">{t('editor.loading')}</p>}>
            <YamlEditor
              fileName={file.name}
              content={file.content}
              kinds={kinds}
              lang={lang}
              theme={theme}
              problems={current}
              onChange={onChange}
              label={`${t('pane.editor')}: ${file.name}`}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
});
