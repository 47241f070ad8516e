import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, memoryFs } from '../shell/session';
import { loadCourse } from './load';
import { replayLesson } from './replay';

// The authors' guide must not lie: its complete example lesson loads without issues and its solutions replay.
describe('lessons/README.md example', () => {
  it('loads and replays', () => {
    const readme = readFileSync(join(__dirname, '../../lessons/README.md'), 'utf8');
    const files: Record<string, string> = {
      'lessons/course.yaml':
        'start: 90-hello-pod\ntracks:\n  - { id: kubernetes, title: { en: K, zh: K }, summary: { en: K, zh: K } }\n',
      'lessons/glossary.yaml':
        'terms:\n  - { id: pod, term: { en: Pod, zh: Pod }, def: { en: d, zh: 定义 } }\n',
    };
    for (const m of readme.matchAll(
      /`lessons\/90-hello-pod\/(\w+\.yaml)`:\n\n(`{3,4})yaml\n([\s\S]*?)\n\2\n/g,
    )) {
      files[`lessons/90-hello-pod/${m[1]}`] = m[3]!;
    }
    expect(Object.keys(files)).toContain('lessons/90-hello-pod/lesson.yaml');
    expect(Object.keys(files)).toContain('lessons/90-hello-pod/quiz.yaml');
    const r = loadCourse(files);
    expect(r.issues).toEqual([]);
    const replay = replayLesson(r.course.lessons[0]!, (fs) =>
      createSession({ mode: 'script', fs: memoryFs(fs) }),
    );
    expect(replay.filter((s) => !s.ok)).toEqual([]);
  });
});
