/**
 * Monaco with monaco-yaml, loaded lazily (this module is its own chunk). One model per editor file, kept across
 * tab switches; the JSON Schema comes from the simulation's kinds, in the current language.
 */
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import { configureMonacoYaml, type JSONSchema, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import type { Problem } from './yamlMarkers';
import { useStudio } from '../../state/store';
import { kindsToJsonSchema, type KindLike, type SchemaLang } from './toJsonSchema';

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

/**
 * monaco-editor 0.54's `editor.createWebWorker` wants a ready `worker`, while monaco-worker-manager (used by
 * monaco-yaml) still passes `{ moduleId, label, createData }`. Bridge the two the way 0.54's own JSON mode does:
 * create the worker, send the two bootstrap messages, hand it over.
 */
type CreateWebWorker = typeof monaco.editor.createWebWorker;
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: ((opts: {
      worker?: unknown;
      label?: string;
      createData?: unknown;
      host?: unknown;
      keepIdleModels?: boolean;
    }) => {
      if (opts.worker) return monaco.editor.createWebWorker(opts as Parameters<CreateWebWorker>[0]);
      const w = opts.label === 'yaml' ? new YamlWorker() : new EditorWorker();
      w.postMessage('ignore');
      w.postMessage(opts.createData);
      return monaco.editor.createWebWorker({
        worker: w,
        ...(opts.host ? { host: opts.host } : {}),
        keepIdleModels: opts.keepIdleModels,
      } as unknown as Parameters<CreateWebWorker>[0]);
    }) as unknown as CreateWebWorker,
  },
} as typeof monaco;

let yamlSupport: MonacoYaml | undefined;
function schemaOptions(kinds: readonly KindLike[], lang: SchemaLang): MonacoYamlOptions {
  return {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,

    schemas: [
      {
        uri: 'kubelab://schemas/objects.json',
        fileMatch: ['*.yaml', '*.yml'],
        schema: kindsToJsonSchema(kinds, lang) as JSONSchema,
      },
    ],
  };
}

export interface YamlEditorProps {
  fileName: string;
  content: string;
  kinds: readonly KindLike[];
  lang: SchemaLang;
  theme: 'light' | 'dark';
  problems: Problem[];
  onChange(content: string): void;
  label: string;
}

const uriOf = (name: string) => monaco.Uri.parse(`file:///${encodeURIComponent(name)}`);
/** YAML for manifests; Dockerfiles and other files of a build context get their own (or no) language. */
export function languageOf(name: string): string {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/(^|\.)dockerfile$|^Dockerfile(\.|$)/i.test(name)) return 'dockerfile';
  if (/\.sh$/.test(name)) return 'shell';
  return 'plaintext';
}

export default function YamlEditor({
  fileName,
  content,
  kinds,
  lang,
  theme,
  problems,
  onChange,
  label,
}: YamlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // create the editor once
  useEffect(() => {
    if (!hostRef.current) return;
    if (!yamlSupport) yamlSupport = configureMonacoYaml(monacoForYaml, schemaOptions(kinds, lang));
    const ed = monaco.editor.create(hostRef.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: useStudio.getState().ui.fontSize,
      tabSize: 2,
      scrollBeyondLastLine: false,
      ariaLabel: label,
      quickSuggestions: { other: true, strings: true, comments: false },
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
      wordWrap: 'off',
      fixedOverflowWidgets: true,
    });
    editorRef.current = ed;
    const sub = ed.onDidChangeModelContent(() => {
      const m = ed.getModel();
      if (m) onChangeRef.current(m.getValue());
    });
    (window as unknown as { __kubelabMonaco?: unknown }).__kubelabMonaco = { monaco, editor: ed };
    return () => {
      sub.dispose();
      ed.dispose();
      editorRef.current = undefined;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // switch models with the active file (reuse: StrictMode mounts twice)
  useEffect(() => {
    const ed = editorRef.current;
    if (!ed) return;
    const uri = uriOf(fileName);
    let model = monaco.editor.getModel(uri);
    if (!model) model = monaco.editor.createModel(content, languageOf(fileName), uri);
    else if (model.getValue() !== content) model.setValue(content);
    if (ed.getModel() !== model) ed.setModel(model);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fileName]);

  // content replaced from outside (snippet, share link)
  useEffect(() => {
    const m = editorRef.current?.getModel();
    if (m && m.getValue() !== content) m.setValue(content);
  }, [content]);

  useEffect(() => {
    yamlSupport?.update(schemaOptions(kinds, lang));
  }, [kinds, lang]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label });
  }, [label]);

  // Ctrl+= / Ctrl+- size the editor's text with the terminal's
  const fontSize = useStudio((s) => s.ui.fontSize);
  useEffect(() => {
    editorRef.current?.updateOptions({ fontSize });
  }, [fontSize]);

  useEffect(() => {
    const m = editorRef.current?.getModel();
    if (!m) return;
    monaco.editor.setModelMarkers(
      m,
      'kubelab',
      problems.map((p) => ({
        startLineNumber: p.line,
        startColumn: p.col,
        endLineNumber: p.endLine,
        endColumn: p.endCol,
        message: p.message,
        severity: p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
  }, [problems, fileName]);

  return <div className="monaco-host" ref={hostRef} data-testid="monaco" />;
}
