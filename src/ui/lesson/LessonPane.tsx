/**
 * The lesson player: course map, lesson steps with live goals, quizzes, final exam, glossary, instructor tools
 * and presenter view.
 *
 * For the studio engineer — props (all optional; the defaults use the page's SimHost and the studio store):
 *   session       the shell session (unused directly: the player works through getHost(), so `sim reset`
 *                 and step preparation stay on the host's timeline)
 *   onRunCommand  run a command visibly in the terminal (default: host.exec(cmd, { echo: true }))
 *   onOpenYaml    open a file in the editor (default: adds/updates it in the studio's editor files)
 *   highlight     called with the diagram component ids the current step highlights
 *                 (also readable as `useLessonStore((s) => s.highlight)` from ./lessonStore)
 * Presenter view sets `kubelab-presenter` on <html>; lesson.css hides the learner chrome and enlarges type.
 * Links: `#lesson=<id>&step=<id|n>&seed=<n>&present=1` open a lesson step with its cluster prepared.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang } from '../i18n';
import { parseLink, stepIndex } from '../../lessons/link';
import { recordExam, recordQuiz, setCurrent } from '../../lessons/progress';
import type { Lang, Lesson } from '../../lessons/types';
import { QuizView } from '../quiz/QuizView';
import { bundledCourse } from './courseData';
import { CourseMap } from './CourseMap';
import { Glossary } from './Glossary';
import { registerLessonStrings } from './i18n';
import { useLessonStore } from './lessonStore';
import { prepareStep, resumeContext, whenHostReady } from './player';
import { StepView } from './StepView';
import './lesson.css';

// The instructor's tools (zip import and export, the lesson builder, the YAML library) are not on the first
// screen: their chunk loads when the instructor opens them.
const InstructorPanel = lazy(() => import('./InstructorPanel').then((m) => ({ default: m.InstructorPanel })));

registerLessonStrings();

export const CUSTOM_ID = '(custom)';

/** The first open happens once per page, even when React mounts the pane twice (StrictMode). */
let firstOpened = false;

export interface LessonPaneProps {
  session?: unknown;
  host?: unknown;
  onRunCommand?(cmd: string): void;
  onOpenYaml?(name: string, text: string): void;
  highlight?(componentIds: string[]): void;
}

export function LessonPane(props: LessonPaneProps) {
  const { t, i18n } = useTranslation('lesson');
  const lang: Lang = i18n.language?.startsWith('zh') ? 'zh' : 'en';
  const { course, issues } = useMemo(() => bundledCourse(), []);
  const view = useLessonStore((s) => s.view);
  const setView = useLessonStore((s) => s.setView);
  const presenter = useLessonStore((s) => s.presenter);
  const setPresenter = useLessonStore((s) => s.setPresenter);
  const highlight = useLessonStore((s) => s.highlight);
  useLessonStore((s) => s.custom);
  const customQuiz = useLessonStore((s) => s.customQuiz);
  const setProgress = useLessonStore((s) => s.setProgress);
  const progress = useLessonStore((s) => s.progress);
  const { highlight: onHighlight } = props;
  const [reveal, setReveal] = useState(false);
  // each view opens at its top (not at the scroll position the previous one left); only when the body was
  // scrolled: scrollTo lays the page out there and then, which at start cost the first screen an extra layout
  const bodyRef = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  const viewKey = JSON.stringify(view);
  useEffect(() => {
    if (!scrolled.current) return;
    scrolled.current = false;
    bodyRef.current?.scrollTo({ top: 0 });
  }, [viewKey]);
  // where the learner was in each lesson, so the quiz's Back returns there (not to step 1)
  const lastStep = useRef<Record<string, number>>({});
  if (view.kind === 'lesson') lastStep.current[view.lesson] = view.step;

  // Presenter remote on a quiz: `a` shows or hides the answers.
  useEffect(() => {
    if (!presenter || view.kind !== 'quiz') return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el?.closest('input, textarea, select, .xterm, .monaco-editor')) return;
      if (e.key === 'a') setReveal((v) => !v);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenter, view.kind]);

  // Reads the custom lesson from the store, not from this render: it may have been set a moment ago.
  const findLesson = useCallback(
    (id: string): Lesson | undefined =>
      id === CUSTOM_ID ? useLessonStore.getState().custom : course.lessons.find((l) => l.id === id),
    [course],
  );

  const go = useCallback(
    (lessonId: string, step: number, prepare: boolean) => {
      const l = findLesson(lessonId);
      if (!l) return;
      const st = useLessonStore.getState();
      st.setView({ kind: 'lesson', lesson: lessonId, step });
      if (lessonId !== CUSTOM_ID) st.setProgress(setCurrent(st.progress, lessonId, step));
      if (prepare && lessonId !== CUSTOM_ID) prepareStep(l, step, st.seed);
      else resumeContext(`${l.id}#${step}`);
    },
    [findLesson],
  );

  // First open: a lesson link, else where the learner was, else the course's first lesson.
  useEffect(() => {
    const onHash = () => {
      const link = parseLink(location.hash);
      if (link.lesson) openFirst();
    };
    const openFirst = () => {
      const link = parseLink(location.hash);
      const st = useLessonStore.getState();
      if (link.lang) setLang(link.lang);
      if (link.lesson && course.lessons.some((l) => l.id === link.lesson)) {
        const l = course.lessons.find((x) => x.id === link.lesson)!;
        st.setSeed(link.seed);
        st.setPresenter(!!link.present);
        go(l.id, stepIndex(l, link.step), true);
        return;
      }
      const cur = st.progress.current;
      const l =
        (cur && course.lessons.find((x) => x.id === cur.lesson)) ||
        course.lessons.find((x) => x.id === course.start);
      if (l) go(l.id, cur && cur.lesson === l.id ? Math.min(cur.step, l.steps.length - 1) : 0, false);
    };
    // The lesson's text shows at once, before the simulation runs; its preparation waits for it (player.ts),
    // and where the step began is marked as it starts, before anything typed meanwhile runs.
    if (!firstOpened) {
      firstOpened = true;
      openFirst();
      window.addEventListener('hashchange', onHash);
      void whenHostReady().then(
        () => {
          const v = useLessonStore.getState().view;
          if (v.kind === 'lesson') resumeContext(`${v.lesson}#${v.step}`);
        },
        () => undefined,
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle('kubelab-presenter', presenter);
    return () => document.documentElement.classList.remove('kubelab-presenter');
  }, [presenter]);

  useEffect(() => {
    onHighlight?.(highlight);
    document.documentElement.dataset.lessonHighlight = highlight.join(' ');
  }, [highlight, onHighlight]);

  const openLesson = (id: string) => go(id, 0, true);
  // after a lesson's quiz: the next lesson of the course, one click away
  const nextLessonProps = (id: string): { onNext?: () => void } => {
    const i = course.lessons.findIndex((x) => x.id === id);
    const next = i >= 0 ? course.lessons[i + 1] : undefined;
    return next ? { onNext: () => openLesson(next.id) } : {};
  };
  const onTerm = (id: string) => setView({ kind: 'glossary', term: id });

  let body: ReactNode;
  if (view.kind === 'lesson') {
    const l = findLesson(view.lesson);
    body = l ? (
      <>
        <header className="lesson-head">
          <h1 className="lesson-name">{l.title[lang]}</h1>
          {view.lesson === CUSTOM_ID && <p className="custom-notice">{t('customNotice')}</p>}
          <ol className="step-strip" aria-label={t('steps')}>
            {l.steps.map((s, i) => {
              const done = progress.lessons[l.id]?.steps.includes(s.id);
              return (
                <li key={s.id}>
                  <button
                    type="button"
                    className={done ? 'done' : undefined}
                    aria-current={i === view.step ? 'step' : undefined}
                    title={s.title[lang]}
                    aria-label={`${i + 1}. ${s.title[lang]}${done ? ` (${t('statusDone')})` : ''}`}
                    onClick={() => go(view.lesson, i, view.lesson !== CUSTOM_ID)}
                  >
                    {done ? '✔' : i + 1}
                  </button>
                </li>
              );
            })}
          </ol>
        </header>
        <StepView
          key={`${l.id}#${view.step}`}
          lesson={l}
          index={Math.min(view.step, l.steps.length - 1)}
          lang={lang}
          glossary={course.glossary}
          custom={view.lesson === CUSTOM_ID}
          {...(props.onRunCommand ? { onRunCommand: props.onRunCommand } : {})}
          {...(props.onOpenYaml ? { onOpenYaml: props.onOpenYaml } : {})}
          onTerm={onTerm}
          onGo={(i) => go(view.lesson, i, true)}
          onQuiz={() => setView({ kind: 'quiz', lesson: view.lesson })}
        />
      </>
    ) : null;
  } else if (view.kind === 'quiz') {
    const l = findLesson(view.lesson);
    body = l ? (
      <QuizView
        key={l.id}
        id={l.id}
        title={t('quizFor', { title: l.title[lang] })}
        questions={l.quiz}
        lang={lang}
        files={l.files}
        reveal={presenter && reveal}
        {...nextLessonProps(l.id)}
        onSubmit={(r) => {
          if (view.lesson !== CUSTOM_ID)
            setProgress(recordQuiz(useLessonStore.getState().progress, l.id, r.score, r.total));
        }}
      />
    ) : null;
  } else if (view.kind === 'exam') {
    body = (
      <QuizView
        id="exam"
        title={t('exam')}
        questions={course.exam}
        lang={lang}
        onSubmit={(r) => setProgress(recordExam(useLessonStore.getState().progress, r.score, r.total))}
      />
    );
  } else if (view.kind === 'custom-quiz') {
    body = <QuizView id="custom-quiz" title={t('quiz')} questions={customQuiz ?? []} lang={lang} />;
  } else if (view.kind === 'glossary') {
    body = <Glossary course={course} lang={lang} focus={view.term} onOpen={openLesson} />;
  } else if (view.kind === 'instructor') {
    body = (
      <Suspense fallback={null}>
        <InstructorPanel course={course} lang={lang} onOpenCustom={() => go(CUSTOM_ID, 0, false)} />
      </Suspense>
    );
  } else {
    body = <CourseMap course={course} lang={lang} onOpen={openLesson} />;
  }

  return (
    <div
      className={presenter ? 'lesson-pane presenter' : 'lesson-pane'}
      lang={lang === 'zh' ? 'zh-CN' : 'en'}
    >
      <nav className="lesson-bar" aria-label={t('course')}>
        <button
          type="button"
          onClick={() => setView({ kind: 'map' })}
          aria-current={view.kind === 'map' ? 'page' : undefined}
        >
          ☰ {t('courseMap')}
        </button>
        {(view.kind === 'lesson' || view.kind === 'quiz') && findLesson(view.lesson)?.quiz.length ? (
          <button
            type="button"
            onClick={() => setView({ kind: 'quiz', lesson: view.lesson })}
            aria-current={view.kind === 'quiz' ? 'page' : undefined}
          >
            {t('quiz')}
          </button>
        ) : null}
        {view.kind === 'quiz' && (
          <button type="button" onClick={() => go(view.lesson, lastStep.current[view.lesson] ?? 0, false)}>
            {t('back')}
          </button>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="lang-toggle"
          onClick={() => setLang(lang === 'en' ? 'zh' : 'en')}
          title={t('language')}
        >
          {lang === 'en' ? '中文' : 'EN'}
        </button>
        {presenter && view.kind === 'quiz' && (
          <button type="button" onClick={() => setReveal(!reveal)} aria-pressed={reveal}>
            {reveal ? t('hideAnswers') : t('showAnswers')}
          </button>
        )}
        <button type="button" onClick={() => setPresenter(!presenter)} aria-pressed={presenter}>
          {presenter ? t('leavePresenter') : t('presenter')}
        </button>
      </nav>
      {presenter && <p className="presenter-keys">{t('presenterKeys')}</p>}
      {issues.length > 0 && view.kind === 'map' && (
        <details className="load-issues">
          <summary>
            {t('loadErrorsTitle')} ({issues.length})
          </summary>
          <ul>
            {issues.map((i, k) => (
              <li key={k}>
                <code>{i.file}</code> · <code>{i.field}</code>: {i.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="lesson-body" ref={bodyRef} onScroll={() => (scrolled.current = true)}>
        {body}
      </div>
    </div>
  );
}
