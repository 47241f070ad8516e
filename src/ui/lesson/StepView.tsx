/** One step of a lesson: its text, live goal checks, hints, solution, reset and instructor autoplay. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { getHost } from '../../state/host';
import { autoplayScript } from '../../lessons/autoplay';
import { markStepDone } from '../../lessons/progress';
import type { GlossaryEntry, Lang, Lesson } from '../../lessons/types';
import { Markdown } from './Markdown';
import { checkNow, openYaml, prepareStep, runCommand, whenHostReady } from './player';
import { useLessonStore } from './lessonStore';
import { useAutoplay } from './useAutoplay';

export interface StepViewProps {
  lesson: Lesson;
  index: number;
  lang: Lang;
  glossary: GlossaryEntry[];
  custom?: boolean;
  onRunCommand?(cmd: string): void;
  onOpenYaml?(name: string, text: string): void;
  onTerm(id: string): void;
  onGo(index: number): void;
  onQuiz(): void;
}

export function StepView(p: StepViewProps) {
  const { t } = useTranslation('lesson');
  const { lesson, index, lang } = p;
  const step = lesson.steps[index]!;
  const key = `${lesson.id}#${index}`;
  const version = useStudio((s) => s.sim.version);
  const presenter = useLessonStore((s) => s.presenter);
  const seed = useLessonStore((s) => s.seed);
  const progress = useLessonStore((s) => s.progress);
  const setProgress = useLessonStore((s) => s.setProgress);
  const setHighlight = useLessonStore((s) => s.setHighlight);
  const [hints, setHints] = useState(0);
  const [showSolution, setShowSolution] = useState(false);
  const [notice, setNotice] = useState('');
  const run = p.onRunCommand ?? runCommand;
  const open = p.onOpenYaml ?? openYaml;

  useEffect(() => {
    setHints(0);
    setShowSolution(false);
    setNotice('');
    setHighlight(step.highlight);
  }, [key, step.highlight, setHighlight]);

  // a step that opens on the control-plane story: the caption introduces it, and the clock runs at a speed
  // where messages fly one at a time (1× or slower)
  useEffect(() => {
    if (!step.story) return;
    useLessonStore.getState().setStory(true);
    // the lesson may show before the simulation runs (and its start restores the last visit's speed): wait for it
    let live = true;
    whenHostReady().then(
      (host) => {
        if (live && host.speed > 1) host.setSpeed(1);
      },
      () => undefined,
    );
    return () => {
      live = false;
      useLessonStore.getState().setStory(false);
    };
  }, [key, step.story]);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- re-check whenever the simulation changes
  const results = useMemo(() => checkNow(step.goals, key), [step.goals, key, version]);
  const allMet = step.goals.length > 0 && results.every((r) => r.met);
  const playing = useStudio((s) => s.sim.playing);
  useEffect(() => {
    if (allMet && !p.custom)
      setProgress(markStepDone(useLessonStore.getState().progress, lesson.id, step.id));
  }, [allMet, lesson.id, step.id, p.custom, setProgress]);

  const script = useMemo(() => autoplayScript(step), [step]);
  const auto = useAutoplay(script);

  const reset = () => {
    setNotice(t('resetting'));
    setTimeout(() => {
      prepareStep(lesson, index, seed);
      setNotice(t('prepared'));
    }, 0);
  };

  const next = () => {
    if (!step.goals.length && !p.custom) setProgress(markStepDone(progress, lesson.id, step.id));
    if (index + 1 < lesson.steps.length) p.onGo(index + 1);
    else p.onQuiz();
  };

  // Presenter remote: → / PageDown next, ← / PageUp back, a answers, p play.
  useEffect(() => {
    if (!presenter) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.closest('input, textarea, select, .xterm, .monaco-editor') || el.isContentEditable))
        return;
      if (e.key === 'ArrowRight' || e.key === 'PageDown') next();
      else if ((e.key === 'ArrowLeft' || e.key === 'PageUp') && index > 0) p.onGo(index - 1);
      else if (e.key === 'a') setShowSolution((v) => !v);
      else if (e.key === 'p') (auto.playing ? auto.stop : auto.play)();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <article className="step" aria-labelledby="step-title">
      <p className="step-count">{t('step', { n: index + 1, total: lesson.steps.length })}</p>
      <h2 id="step-title">{step.title[lang]}</h2>
      <Markdown
        source={step.text[lang]}
        lang={lang}
        files={lesson.files}
        glossary={p.glossary}
        onRun={run}
        onOpenYaml={open}
        onTerm={p.onTerm}
      />

      {step.goals.length > 0 && (
        <section className="goals" aria-label={t('goals')}>
          <h3>{t('goals')}</h3>
          <ul>
            {step.goals.map((g, i) => {
              const r = results[i];
              return (
                <li
                  key={i}
                  className={r?.met ? 'goal met' : 'goal unmet'}
                  data-met={r?.met ? 'true' : 'false'}
                >
                  <span className="goal-mark" aria-label={r?.met ? t('goalMet') : t('goalUnmet')}>
                    {r?.met ? '✔' : '○'}
                  </span>{' '}
                  {g.text[lang]}
                  {!r?.met && r?.reason[lang] && <div className="goal-reason">{r.reason[lang]}</div>}
                </li>
              );
            })}
          </ul>
          {!allMet && !playing && (
            // a goal that waits on time never comes while the clock stands still: say so, one click away
            <div className="paused-goal" role="status" data-testid="paused-goal">
              <span>{t('pausedGoal')}</span>
              <button
                type="button"
                className="btn primary"
                data-testid="paused-goal-play"
                onClick={() => getHost()?.setPlaying(true)}
              >
                ▶ {t('playClock')}
              </button>
            </div>
          )}
          {allMet && (
            <p className="all-met" role="status">
              {t('allGoalsMet')}
            </p>
          )}
        </section>
      )}

      {step.hints.slice(0, hints).map((h, i) => (
        <p key={i} className="hint">
          <strong>{t('hint')}:</strong> {h[lang]}
        </p>
      ))}

      {showSolution && step.solution && (
        <section className="solution" aria-label={t('solution')}>
          <pre tabIndex={0}>
            <code>{step.solution.trim()}</code>
          </pre>
          <button type="button" onClick={() => run(step.solution!)}>
            ▶ {t('runSolution')}
          </button>
        </section>
      )}

      {auto.typing !== undefined && (
        <pre className="typing" aria-live="polite">
          <code>$ {auto.typing}</code>
          <span className="caret">▌</span>
        </pre>
      )}
      {auto.saying && (
        <div className="say" role="status">
          <p>{auto.saying[lang]}</p>
          <button type="button" onClick={auto.resume}>
            {t('continue')}
          </button>
        </div>
      )}

      <div className="step-tools">
        {hints < step.hints.length && (
          <button type="button" onClick={() => setHints(hints + 1)}>
            {t('showHint')}
          </button>
        )}
        {step.solution && (
          <button type="button" onClick={() => setShowSolution(!showSolution)}>
            {showSolution ? t('hideSolution') : t('revealSolution')}
          </button>
        )}
        <button type="button" onClick={reset}>
          ↺ {t('resetStep')}
        </button>
        {script.length > 0 && (
          <button type="button" className="play" onClick={auto.playing ? auto.stop : auto.play}>
            {auto.playing ? `■ ${t('stop')}` : `▶ ${t('play')}`}
          </button>
        )}
      </div>
      {notice && <p className="step-notice">{notice}</p>}

      <nav className="step-nav">
        <button type="button" disabled={index === 0} onClick={() => p.onGo(index - 1)}>
          ← {t('prev')}
        </button>
        <button type="button" className="primary" onClick={next}>
          {index + 1 < lesson.steps.length ? `${t('next')} →` : t('finish')}
        </button>
      </nav>
    </article>
  );
}
