/**
 * Moodle GIFT export and import. GIFT has one language per question, so export picks one. Ordering questions
 * become matching (item → position); cluster challenges cannot be expressed and are written as comments.
 * Import accepts multiple choice (= / ~ and ~%w%), true/false, short answer and matching.
 */
import type { Lang, Question, Text } from './types';

const esc = (s: string): string => s.replace(/([~=#{}:\\])/g, '\\$1').replace(/\n/g, '\\n');

function fb(t: Text | undefined, lang: Lang): string {
  const s = t?.[lang]?.trim();
  return s ? ` #${esc(s)}` : '';
}

/** Writes questions as GIFT in one language. */
export function exportGift(questions: Question[], lang: Lang, prefix = 'kubelab'): string {
  const out: string[] = [
    `// Kubelab quiz export (${lang}). Import in Moodle: Question bank → Import → GIFT.`,
    '',
  ];
  for (const q of questions) {
    const head = `::${esc(`${prefix}/${q.id}`)}::[markdown]${esc(q.prompt[lang])}`;
    const general = q.explain ? `\n####${esc(q.explain[lang])}` : '';
    switch (q.type) {
      case 'single':
        out.push(
          `${head} {\n${q.options.map((o) => `\t${o.correct ? '=' : '~'}${esc(o.text[lang])}${fb(o.explain, lang)}`).join('\n')}${general}\n}`,
        );
        break;
      case 'multiple': {
        const right = q.options.filter((o) => o.correct).length;
        const wrong = q.options.length - right;
        const w = (x: number) => String(Math.round((x + Number.EPSILON) * 100000) / 100000);
        out.push(
          `${head} {\n${q.options
            .map(
              (o) =>
                `\t~%${o.correct ? w(100 / right) : wrong ? w(-100 / wrong) : '0'}%${esc(o.text[lang])}${fb(o.explain, lang)}`,
            )
            .join('\n')}${general}\n}`,
        );
        break;
      }
      case 'order':
        out.push(
          `${head} {\n${q.items.map((it, i) => `\t=${esc(it.text[lang])} -> ${i + 1}`).join('\n')}${general}\n}`,
        );
        break;
      case 'match':
        out.push(
          `${head} {\n${q.pairs.map((p) => `\t=${esc(p.left[lang])} -> ${esc(p.right[lang])}`).join('\n')}${general}\n}`,
        );
        break;
      case 'command':
        out.push(`${head} {\n${q.answers.map((a) => `\t=${esc(a)}`).join('\n')}${general}\n}`);
        break;
      case 'cluster':
        out.push(
          `// ${q.id}: cluster challenge, not expressible in GIFT (solution: ${q.solution.trim().split('\n').join(' ; ')})`,
        );
        break;
    }
    out.push('');
  }
  return out.join('\n');
}

export interface GiftIssue {
  question: number;
  message: string;
}

/** Splits on an unescaped character. */
function splitUnescaped(s: string, re: RegExp): { sep: string; text: string }[] {
  const out: { sep: string; text: string }[] = [];
  let cur = '';
  let sep = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
      continue;
    }
    if (re.test(ch)) {
      out.push({ sep, text: cur });
      cur = '';
      sep = ch;
      continue;
    }
    cur += ch;
  }
  out.push({ sep, text: cur });
  return out;
}

const unesc = (s: string): string => s.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1').trim();

function indexUnescaped(s: string, ch: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

const both = (s: string): Text => ({ en: s, zh: s });
const none: Text = { en: '', zh: '' };

/** Reads GIFT text into questions (the same text in both languages). */
export function importGift(text: string): { questions: Question[]; issues: GiftIssue[] } {
  const questions: Question[] = [];
  const issues: GiftIssue[] = [];
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  blocks.forEach((block, n) => {
    let body = block;
    let title = `q${n + 1}`;
    const t = /^::((?:\\.|[^:])*)::/.exec(body);
    if (t) {
      title = unesc(t[1]!);
      body = body.slice(t[0].length);
    }
    body = body.replace(/^\[(markdown|html|plain|moodle)\]/, '');
    const open = indexUnescaped(body, '{');
    const close = open >= 0 ? indexUnescaped(body, '}', open) : -1;
    if (open < 0 || close < 0) {
      issues.push({ question: n + 1, message: 'no answer block { … }' });
      return;
    }
    const prompt = unesc(body.slice(0, open) + ' ' + body.slice(close + 1));
    let inner = body.slice(open + 1, close).trim();
    const id =
      title
        .split('/')
        .pop()!
        .replace(/[^\w-]+/g, '-') || `q${n + 1}`;
    let explain: Text | undefined;
    const gen = inner.indexOf('####');
    if (gen >= 0) {
      explain = both(unesc(inner.slice(gen + 4)));
      inner = inner.slice(0, gen);
    }
    const base = { id, prompt: both(prompt), points: 1, ...(explain ? { explain } : {}) };
    if (/^(T|TRUE|F|FALSE)\b/i.test(inner)) {
      const truth = /^T/i.test(inner);
      const opt = (label: string, correct: boolean) => ({ text: both(label), correct, explain: none });
      questions.push({ ...base, type: 'single', options: [opt('True', truth), opt('False', !truth)] });
      return;
    }
    const parts = splitUnescaped(inner, /[=~]/).filter((p) => p.sep);
    if (!parts.length) {
      issues.push({ question: n + 1, message: 'no answers' });
      return;
    }
    const answers = parts.map((p) => {
      let s = p.text;
      let weight: number | undefined;
      const w = /^%(-?[\d.]+)%/.exec(s);
      if (w) {
        weight = Number(w[1]);
        s = s.slice(w[0].length);
      }
      const h = indexUnescaped(s, '#');
      const feedback = h >= 0 ? unesc(s.slice(h + 1)) : '';
      if (h >= 0) s = s.slice(0, h);
      return { sep: p.sep, text: s, weight, feedback };
    });
    if (answers.every((a) => a.sep === '=' && a.text.includes('->'))) {
      const pairs = answers.map((a) => {
        const [l, r] = a.text.split('->');
        return { left: both(unesc(l ?? '')), right: both(unesc(r ?? '')), explain: both(a.feedback) };
      });
      questions.push({ ...base, type: 'match', pairs });
    } else if (answers.every((a) => a.sep === '=' && a.weight === undefined)) {
      if (answers.length === 1 || !inner.includes('~')) {
        questions.push({
          ...base,
          type: 'command',
          answers: answers.map((a) => unesc(a.text)),
          explain: explain ?? none,
        });
      }
    } else if (answers.some((a) => a.weight !== undefined)) {
      const options = answers.map((a) => ({
        text: both(unesc(a.text)),
        correct: (a.weight ?? (a.sep === '=' ? 100 : 0)) > 0,
        explain: both(a.feedback),
      }));
      questions.push({ ...base, type: 'multiple', options });
    } else {
      const options = answers.map((a) => ({
        text: both(unesc(a.text)),
        correct: a.sep === '=',
        explain: both(a.feedback),
      }));
      if (options.filter((o) => o.correct).length !== 1) {
        issues.push({ question: n + 1, message: 'a choice question needs exactly one "=" answer' });
        return;
      }
      questions.push({ ...base, type: 'single', options });
    }
  });
  return { questions, issues };
}
