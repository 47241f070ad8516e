import { describe, expect, it } from 'vitest';
import { collectRefs, isSafeHref, parseInline, parseMarkdown, runBlocks } from './markdown';

describe('parseMarkdown', () => {
  it('reads headings, lists, code blocks and Kubelab extras', () => {
    const b = parseMarkdown(
      '# Title\n\nA [[pod]] runs.\n\n- one\n- two **b**\n\n```run\nkubectl get pods\n```\n\n```yaml file=web.yaml\nkind: Pod\n```',
    );
    expect(b.map((x) => x.t)).toEqual(['heading', 'para', 'list', 'code', 'code']);
    expect(runBlocks(b)).toEqual(['kubectl get pods']);
    expect(collectRefs(b)).toEqual({ terms: ['pod'], files: ['web.yaml'] });
  });

  it('keeps HTML as text and drops unsafe link targets', () => {
    const inl = parseInline(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://kubernetes.io)',
    );
    const text = inl
      .filter((n) => n.t === 'text')
      .map((n) => (n as { v: string }).v)
      .join('');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('onerror=alert(1)');
    const links = inl.filter((n) => n.t === 'link');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ href: 'https://kubernetes.io' });
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,<b>')).toBe(false);
    expect(isSafeHref('http://example.com/a')).toBe(true);
  });

  it('reads emphasis, code and glossary labels', () => {
    expect(parseInline('**bold** *it* `c` [[etcd|the store]]')).toEqual([
      { t: 'strong', c: [{ t: 'text', v: 'bold' }] },
      { t: 'text', v: ' ' },
      { t: 'em', c: [{ t: 'text', v: 'it' }] },
      { t: 'text', v: ' ' },
      { t: 'code', v: 'c' },
      { t: 'text', v: ' ' },
      { t: 'term', id: 'etcd', label: 'the store' },
    ]);
    expect(parseInline('snake_case_name')).toEqual([{ t: 'text', v: 'snake_case_name' }]);
  });
});
