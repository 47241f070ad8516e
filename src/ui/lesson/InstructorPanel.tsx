/**
 * Instructor tools: share links to a step (with seed and presenter view), custom lessons from a file or URL
 * (validated; nothing runs on load), the lesson builder, and Moodle GIFT export / import.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { getHost } from '../../state/host';
import { useStudio } from '../../state/store';
import { loadCustomLesson } from '../../lessons/load';
import { formatLink } from '../../lessons/link';
import { exportGift, importGift } from '../../lessons/gift';
import { inferGoals, lessonYaml, signature, type RecordedStep, type Signature } from '../../lessons/builder';
import type { Course, Lang, LoadIssue } from '../../lessons/types';
import { useLessonStore } from './lessonStore';
import { download } from './download';

/** A chosen file or fetched body as a file map: a .zip is unpacked, anything else is one lesson.yaml. */
export function filesFromBytes(name: string, bytes: Uint8Array): Record<string, string> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) return { 'lesson.yaml': strFromU8(bytes) };
  const out: Record<string, string> = {};
  const entries = unzipSync(bytes, {
    filter: (f) => /\.(ya?ml|md)$/i.test(f.name) && f.originalSize < 2_000_000,
  });
  for (const [path, data] of Object.entries(entries)) out[path] = strFromU8(data);
  if (!Object.keys(out).length) out[name] = '';
  return out;
}

export function InstructorPanel({
  course,
  lang,
  onOpenCustom,
}: {
  course: Course;
  lang: Lang;
  onOpenCustom(): void;
}) {
  const { t } = useTranslation('lesson');
  const setCustom = useLessonStore((s) => s.setCustom);
  const setCustomQuiz = useLessonStore((s) => s.setCustomQuiz);
  const setView = useLessonStore((s) => s.setView);
  const [lessonId, setLessonId] = useState(course.start || course.lessons[0]?.id || '');
  const lesson = course.lessons.find((l) => l.id === lessonId);
  const [step, setStep] = useState(0);
  const [seed, setSeed] = useState('1');
  const [present, setPresent] = useState(true);
  const [copied, setCopied] = useState(false);
  const [url, setUrl] = useState('');
  const [issues, setIssues] = useState<LoadIssue[]>([]);
  const [error, setError] = useState('');
  const [pending, setPending] = useState<ReturnType<typeof loadCustomLesson> | undefined>();
  const [giftMsg, setGiftMsg] = useState('');
  const lessonFile = useRef<HTMLInputElement>(null);
  const giftFile = useRef<HTMLInputElement>(null);

  const link = `${location.origin}${location.pathname}${formatLink({
    lesson: lessonId,
    step: lesson?.steps[step]?.id ?? '',
    ...(/^\d+$/.test(seed) ? { seed: Number(seed) } : {}),
    present,
  })}`;

  const accept = (files: Record<string, string>, name: string) => {
    const r = loadCustomLesson(files, name);
    setIssues(r.issues);
    setError('');
    if (r.lesson && !r.issues.length) {
      setCustom(r.lesson);
      onOpenCustom();
    } else setPending(r.lesson ? r : undefined);
  };

  const fromFile = async (f: File | undefined) => {
    if (!f) return;
    accept(filesFromBytes(f.name, new Uint8Array(await f.arrayBuffer())), f.name);
  };

  const fromUrl = async () => {
    try {
      const u = new URL(url, location.href);
      if (!/^https?:$/.test(u.protocol)) throw new Error('http(s) only');
      const res = await fetch(u.href);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      accept(
        filesFromBytes(u.pathname.split('/').pop() || 'lesson.yaml', new Uint8Array(await res.arrayBuffer())),
        u.pathname.split('/').pop() || 'url',
      );
    } catch (e) {
      setError(t('loadFailed', { error: (e as Error).message }));
    }
  };

  // --- lesson builder ---
  const [rec, setRec] = useState<{ histStart: number; base: Signature; reset: string } | undefined>();
  const [steps, setSteps] = useState<RecordedStep[]>([]);
  const [meta, setMeta] = useState({ id: '99-my-lesson', en: '', zh: '' });
  const [draft, setDraft] = useState({ titleEn: '', titleZh: '', textEn: '', textZh: '' });

  const startRecording = () => {
    const host = getHost();
    if (!host) return;
    const o = host.cluster.options;
    const reset = `--workers ${o.workers} --seed ${o.seed}`;
    setSteps([]);
    void host
      .exec(`sim reset ${reset}`)
      .then(() => setRec({ histStart: host.session.history.length, base: signature(host.cluster), reset }));
  };

  const markStep = () => {
    const host = getHost();
    if (!host || !rec) return;
    const commands = host.session.history.slice(rec.histStart).filter((l) => l.trim());
    const goals = inferGoals(host.cluster, rec.base);
    setSteps((s) => [
      ...s,
      {
        title: { en: draft.titleEn || `Step ${s.length + 1}`, zh: draft.titleZh || `第 ${s.length + 1} 步` },
        text: {
          en: draft.textEn || 'Run the commands of this step and watch the cluster.',
          zh: draft.textZh || '运行本步骤的命令，观察集群的变化。',
        },
        commands,
        goals,
      },
    ]);
    setDraft({ titleEn: '', titleZh: '', textEn: '', textZh: '' });
    setRec({ ...rec, histStart: host.session.history.length, base: signature(host.cluster) });
  };

  const exportLesson = () => {
    const id = meta.id.replace(/[^a-z0-9-]/g, '-');
    const yaml = lessonYaml({
      id,
      track: 'kubernetes',
      order: 99,
      title: { en: meta.en || id, zh: meta.zh || id },
      summary: { en: meta.en || id, zh: meta.zh || id },
      ...(rec ? { reset: rec.reset } : {}),
      steps,
    });
    // Files the recorded commands read (`kubectl apply -f web.yaml`) travel with the lesson.
    const entries: Record<string, Uint8Array> = { [`${id}/lesson.yaml`]: strToU8(yaml) };
    const editorFiles = useStudio.getState().editor.files;
    for (const cmd of steps.flatMap((st) => st.commands)) {
      for (const m of cmd.matchAll(/(?:-f|--filename)(?:=|\s+)(\S+)/g)) {
        const f = editorFiles.find((x) => x.name === m[1]!.replace(/^\.\//, ''));
        if (f && /^[\w.-]+\.ya?ml$/.test(f.name) && f.name !== 'lesson.yaml' && f.name !== 'quiz.yaml') {
          entries[`${id}/${f.name}`] = strToU8(f.content);
        }
      }
    }
    download(`${id}.zip`, zipSync(entries), 'application/zip');
  };

  const onGift = async (f: File | undefined) => {
    if (!f) return;
    const r = importGift(await f.text());
    setGiftMsg(r.issues.length ? t('giftIssues', { count: r.issues.length }) : '');
    if (r.questions.length) {
      setCustomQuiz(r.questions);
      setView({ kind: 'custom-quiz' });
    }
  };

  return (
    <section className="instructor" aria-label={t('instructor')}>
      <h2>{t('instructor')}</h2>

      <section aria-label={t('shareLink')}>
        <h3>{t('shareLink')}</h3>
        <label>
          {t('chooseLesson')}{' '}
          <select
            value={lessonId}
            onChange={(e) => {
              setLessonId(e.target.value);
              setStep(0);
            }}
          >
            {course.lessons.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title[lang]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('step', { n: step + 1, total: lesson?.steps.length ?? 0 })}{' '}
          <select value={step} onChange={(e) => setStep(Number(e.target.value))}>
            {lesson?.steps.map((s, i) => (
              <option key={s.id} value={i}>
                {i + 1}. {s.title[lang]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('seed')}{' '}
          <input
            type="text"
            inputMode="numeric"
            size={6}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        </label>{' '}
        <label>
          <input type="checkbox" checked={present} onChange={(e) => setPresent(e.target.checked)} />{' '}
          {t('presenter')}
        </label>
        <div className="share-row">
          <input type="text" readOnly value={link} aria-label={t('shareLink')} className="share-url" />
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(link).then(() => setCopied(true));
            }}
          >
            {copied ? t('copied') : t('copy')}
          </button>
        </div>
      </section>

      <section aria-label={t('customLesson')}>
        <h3>{t('customLesson')}</h3>
        <button type="button" onClick={() => lessonFile.current?.click()}>
          {t('loadFile')}
        </button>
        <input
          ref={lessonFile}
          data-testid="custom-lesson-file"
          type="file"
          accept=".yaml,.yml,.zip"
          hidden
          onChange={(e) => void fromFile(e.target.files?.[0])}
        />
        <div className="share-row">
          <input
            type="url"
            placeholder="https://…/lesson.yaml"
            aria-label={t('loadUrl')}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="button" onClick={() => void fromUrl()}>
            {t('load')}
          </button>
        </div>
        {error && <p role="alert">{error}</p>}
        {issues.length > 0 && (
          <div className="issues" role="alert">
            <p>{t('issuesFound', { count: issues.length })}</p>
            <ul>
              {issues.map((i, k) => (
                <li key={k}>
                  <code>{i.file}</code> · <code>{i.field}</code>: {i.message}
                </li>
              ))}
            </ul>
            {pending?.lesson && (
              <button
                type="button"
                onClick={() => {
                  setCustom(pending.lesson);
                  onOpenCustom();
                }}
              >
                {t('open')}
              </button>
            )}
          </div>
        )}
      </section>

      <section aria-label={t('builder')}>
        <h3>{t('builder')}</h3>
        <p>{t('builderHelp')}</p>
        <label>
          {t('lessonIdLabel')}{' '}
          <input type="text" value={meta.id} onChange={(e) => setMeta({ ...meta, id: e.target.value })} />
        </label>
        <label>
          {t('lessonTitleEn')}{' '}
          <input type="text" value={meta.en} onChange={(e) => setMeta({ ...meta, en: e.target.value })} />
        </label>
        <label>
          {t('lessonTitleZh')}{' '}
          <input type="text" value={meta.zh} onChange={(e) => setMeta({ ...meta, zh: e.target.value })} />
        </label>
        <button type="button" onClick={startRecording}>
          ● {t('startRecording')}
        </button>
        {rec && (
          <div className="builder-step">
            <label>
              {t('stepTitleEn')}{' '}
              <input
                type="text"
                value={draft.titleEn}
                onChange={(e) => setDraft({ ...draft, titleEn: e.target.value })}
              />
            </label>
            <label>
              {t('stepTitleZh')}{' '}
              <input
                type="text"
                value={draft.titleZh}
                onChange={(e) => setDraft({ ...draft, titleZh: e.target.value })}
              />
            </label>
            <label>
              {t('stepTextEn')}{' '}
              <textarea
                value={draft.textEn}
                onChange={(e) => setDraft({ ...draft, textEn: e.target.value })}
              />
            </label>
            <label>
              {t('stepTextZh')}{' '}
              <textarea
                value={draft.textZh}
                onChange={(e) => setDraft({ ...draft, textZh: e.target.value })}
              />
            </label>
            <button type="button" onClick={markStep}>
              {t('markStep')}
            </button>
            <p role="status">{t('recordedSteps', { count: steps.length })}</p>
            {steps.length > 0 && (
              <button type="button" onClick={exportLesson}>
                {t('exportLesson')}
              </button>
            )}
          </div>
        )}
      </section>

      <section aria-label={t('gift')}>
        <h3>{t('gift')}</h3>
        <button
          type="button"
          disabled={!lesson?.quiz.length}
          onClick={() =>
            lesson && download(`${lesson.id}-${lang}.gift.txt`, exportGift(lesson.quiz, lang, lesson.id))
          }
        >
          {t('exportGift')}
        </button>{' '}
        <button type="button" onClick={() => giftFile.current?.click()}>
          {t('importGift')}
        </button>
        <input
          ref={giftFile}
          data-testid="gift-file"
          type="file"
          accept=".txt,.gift"
          hidden
          onChange={(e) => void onGift(e.target.files?.[0])}
        />
        {giftMsg && <p role="status">{giftMsg}</p>}
      </section>
    </section>
  );
}
