/**
 * Renders the safe Markdown tree (src/lessons/markdown.ts) as React elements. Text is always a text node, never
 * HTML; links are http(s) only and open in a new tab without an opener.
 */
import { memo, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMarkdown, type Block, type Inline } from '../../lessons/markdown';
import type { GlossaryEntry, Lang } from '../../lessons/types';

export interface MarkdownProps {
  source: string;
  lang: Lang;
  files?: Record<string, string>;
  glossary?: GlossaryEntry[];
  onRun?(cmd: string): void;
  onOpenYaml?(name: string, text: string): void;
  onTerm?(id: string): void;
}

function renderInline(nodes: Inline[], p: MarkdownProps, key = ''): ReactNode[] {
  return nodes.map((n, i) => {
    const k = `${key}${i}`;
    switch (n.t) {
      case 'text':
        return n.v;
      case 'code':
        return <code key={k}>{n.v}</code>;
      case 'strong':
        return <strong key={k}>{renderInline(n.c, p, k)}</strong>;
      case 'em':
        return <em key={k}>{renderInline(n.c, p, k)}</em>;
      case 'link':
        return (
          <a key={k} href={n.href} target="_blank" rel="noopener noreferrer">
            {renderInline(n.c, p, k)}
          </a>
        );
      case 'term': {
        const entry = p.glossary?.find((g) => g.id === n.id);
        const label = n.label ?? entry?.term[p.lang] ?? n.id;
        return (
          <button
            key={k}
            type="button"
            className="term-link"
            title={entry ? entry.def[p.lang] : undefined}
            onClick={() => p.onTerm?.(n.id)}
          >
            {label}
          </button>
        );
      }
    }
  });
}

function CodeBlock({ b, p }: { b: Extract<Block, { t: 'code' }>; p: MarkdownProps }) {
  const { t } = useTranslation('lesson');
  const fileText = b.file ? (p.files?.[b.file] ?? '') : '';
  const text = b.text.trim() ? b.text : fileText;
  return (
    <div className={`md-code md-code-${b.lang || 'plain'}`}>
      {b.file && <div className="md-code-file">{b.file}</div>}
      <pre tabIndex={0}>
        <code>{text}</code>
      </pre>
      {b.lang === 'run' && p.onRun && (
        <button type="button" className="run-this" onClick={() => p.onRun!(b.text)}>
          ▶ {t('runThis')}
        </button>
      )}
      {b.file && p.onOpenYaml && (
        <button type="button" className="open-yaml" onClick={() => p.onOpenYaml!(b.file!, text)}>
          ✎ {t('openInEditor')}
        </button>
      )}
    </div>
  );
}

export const Markdown = memo(function Markdown(p: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(p.source), [p.source]);
  return (
    <div className="md">
      {blocks.map((b, i) => {
        switch (b.t) {
          case 'heading': {
            const H = (['h3', 'h4', 'h5'] as const)[b.level - 1]!;
            return <H key={i}>{renderInline(b.c, p)}</H>;
          }
          case 'para':
            return <p key={i}>{renderInline(b.c, p)}</p>;
          case 'quote':
            return <blockquote key={i}>{renderInline(b.c, p)}</blockquote>;
          case 'list': {
            const L = b.ordered ? 'ol' : 'ul';
            return (
              <L key={i}>
                {b.items.map((it, j) => (
                  <li key={j}>{renderInline(it, p, `${j}-`)}</li>
                ))}
              </L>
            );
          }
          case 'code':
            return <CodeBlock key={i} b={b} p={p} />;
        }
      })}
    </div>
  );
});
