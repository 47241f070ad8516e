import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCourse, loadCustomLesson } from './load';

const course = `tracks:\n  - { id: kubernetes, title: { en: K, zh: K }, summary: { en: s, zh: s } }\nstart: 01-a\n`;
const lesson = `id: 01-a
track: kubernetes
order: 1
title: { en: A, zh: 甲 }
summary: { en: S, zh: 概 }
steps:
  - id: one
    title: { en: One, zh: 一 }
    text: { en: "See [[pod]] and web.yaml", zh: 看 }
    goals:
      - text: { en: g, zh: 目标 }
        kind: Pod
        selector: app=web
        count: 3
    solution: kubectl apply -f web.yaml
`;

describe('loadCourse', () => {
  it('loads a valid lesson with its files and quiz', () => {
    const r = loadCourse({
      'lessons/course.yaml': course,
      'lessons/01-a/lesson.yaml': lesson,
      'lessons/01-a/web.yaml': 'kind: Deployment',
      'lessons/01-a/quiz.yaml':
        'questions:\n  - id: q\n    type: command\n    prompt: { en: p, zh: 题 }\n    answers: [kubectl get pods]\n    explain: { en: e, zh: 解 }\n',
      'lessons/README.md': '# guide',
    });
    // a course lesson needs 3 to 8 steps: the only problem of this one-step lesson
    expect(r.issues).toEqual([
      {
        file: 'lessons/01-a/lesson.yaml',
        field: 'steps',
        message: 'a course lesson has 3 to 8 steps, this one has 1',
      },
    ]);
    expect(r.course.lessons).toHaveLength(1);
    const l = r.course.lessons[0]!;
    expect(l.files).toEqual({ 'web.yaml': 'kind: Deployment' });
    expect(l.quiz[0]).toMatchObject({ type: 'command', answers: ['kubectl get pods'] });
    expect(l.steps[0]!.goals[0]).toMatchObject({ kind: 'Pod', selector: 'app=web', count: 3 });
  });

  it('names the file and field of every mistake', () => {
    const bad = lesson
      .replace('kind: Pod', 'kind: Pods')
      .replace('count: 3', 'count: 3\n        colour: red')
      .replace('zh: 一 }', 'zh: "" }')
      .replace('selector: app=web', "selector: 'app in (web'");
    const r = loadCourse({
      'lessons/course.yaml': course,
      'lessons/01-a/lesson.yaml': bad,
      'lessons/01-a/quiz.yaml':
        'questions:\n  - id: q\n    type: single\n    prompt: { en: p }\n    options:\n      - { text: { en: a, zh: 甲 }, explain: { en: x, zh: 乙 } }\n',
    });
    const got = r.issues.map((i) => `${i.file} ${i.field}`);
    expect(got).toContain('lessons/01-a/lesson.yaml steps[0].goals[0].kind');
    expect(got).toContain('lessons/01-a/lesson.yaml steps[0].goals[0].colour');
    expect(got).toContain('lessons/01-a/lesson.yaml steps[0].title.zh');
    expect(got).toContain('lessons/01-a/lesson.yaml steps[0].goals[0].selector');
    expect(got).toContain('lessons/01-a/quiz.yaml questions[0].prompt.zh');
    expect(got).toContain('lessons/01-a/quiz.yaml questions[0].options');
    expect(r.stats.missingZh).toBe(2);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = loadCourse({ 'lessons/course.yaml': course, 'lessons/01-a/lesson.yaml': 'id: [unclosed\n' });
    expect(r.issues[0]).toMatchObject({ file: 'lessons/01-a/lesson.yaml' });
    expect(r.issues[0]!.field).toMatch(/^line \d+/);
  });

  it('loads a single-file custom lesson and keeps markup as data', () => {
    const text =
      lesson.replace('"See [[pod]] and web.yaml"', '"<script>alert(1)</script>"') +
      'files:\n  web.yaml: "kind: Pod"\nquiz:\n  - id: q\n    type: command\n    prompt: { en: p, zh: 题 }\n    answers: [x]\n    explain: { en: e, zh: 解 }\n';
    const r = loadCustomLesson({ 'evil.yaml': text });
    expect(r.issues).toEqual([]);
    expect(r.lesson!.steps[0]!.text.en).toBe('<script>alert(1)</script>');
    expect(r.lesson!.files['web.yaml']).toBe('kind: Pod');
    expect(r.lesson!.quiz).toHaveLength(1);
  });
});

describe('the bundled course', () => {
  it('loads without issues and with both languages', () => {
    const root = join(__dirname, '../../lessons');
    const files: Record<string, string> = {};
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|md)$/.test(n))
          files[p.slice(root.length - 'lessons'.length)] = readFileSync(p, 'utf8');
      }
    };
    walk(root);
    const r = loadCourse(files);
    expect(r.issues).toEqual([]);
    expect(r.stats.missingEn + r.stats.missingZh).toBe(0);
    expect(r.course.lessons.map((l) => l.id)).toContain(r.course.start);
    expect(r.course.tracks.map((t) => t.id).sort()).toEqual(['containers', 'kubernetes']);
    for (const l of r.course.lessons) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
    }
  });
});
