/** A quiz (a lesson's or the final exam): answer, submit, see the score and every explanation. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../../state/store';
import { gradeQuiz, hashString, shuffled, type Answer, type QuizResult } from '../../lessons/quiz';
import type { Lang, Question } from '../../lessons/types';
import { checkNow, prepareChallenge } from '../lesson/player';
import { QuestionView } from './QuestionView';

export interface QuizViewProps {
  id: string;
  title: string;
  questions: Question[];
  lang: Lang;
  files?: Record<string, string>;
  onSubmit?(result: QuizResult): void;
  /** Presenter mode: reveal answers without submitting. */
  reveal?: boolean;
  /** Opens the next lesson (offered once the quiz is graded). */
  onNext?(): void;
}

export function QuizView({
  id,
  title,
  questions,
  lang,
  files = {},
  onSubmit,
  reveal,
  onNext,
}: QuizViewProps) {
  const { t } = useTranslation('lesson');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [result, setResult] = useState<QuizResult | undefined>();
  // a cluster question grades the learner's own work: only after its own preparation (not what a lesson left)
  const [prepared, setPrepared] = useState<ReadonlySet<string>>(new Set());
  const version = useStudio((s) => s.sim.version);
  const challenges = questions.filter((q) => q.type === 'cluster');
  const live = useMemo(
    () =>
      Object.fromEntries(
        challenges.map((q) => [q.id, checkNow(q.type === 'cluster' ? q.goals : [], `challenge:${q.id}`)]),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-check when the simulation changes
    [questions, version],
  );

  const submit = () => {
    const withCluster = { ...answers };
    // An ordering left untouched is answered as shown.
    for (const q of questions) {
      if (q.type === 'order' && !withCluster[q.id])
        withCluster[q.id] = { type: 'order', order: shuffled(q.items.length, hashString(q.id)) };
    }
    for (const q of challenges)
      withCluster[q.id] = {
        type: 'cluster',
        goalsMet: (live[q.id] ?? []).map((r) => prepared.has(q.id) && r.met),
      };
    const r = gradeQuiz(questions, withCluster);
    setResult(r);
    onSubmit?.(r);
  };

  const shown = result ?? (reveal ? gradeQuiz(questions, answers) : undefined);

  if (!questions.length) return <p>{t('noQuiz')}</p>;
  return (
    <section className="quiz" aria-label={title} data-quiz={id}>
      <h2>{title}</h2>
      {result && (
        <p className="score" role="status">
          {t('score', { score: result.score, total: result.total })}
        </p>
      )}
      {questions.map((q, i) => (
        <QuestionView
          key={q.id}
          q={q}
          n={i + 1}
          lang={lang}
          answer={answers[q.id]}
          onAnswer={(a) => setAnswers((s) => ({ ...s, [q.id]: a }))}
          result={shown?.results[i]}
          goals={prepared.has(q.id) ? live[q.id] : undefined}
          onPrepare={
            q.type === 'cluster'
              ? () => {
                  prepareChallenge(q.id, q, files);
                  setPrepared((s) => new Set(s).add(q.id));
                }
              : undefined
          }
        />
      ))}
      {result ? (
        <div className="quiz-after">
          <button
            type="button"
            onClick={() => {
              setResult(undefined);
              setAnswers({});
              setPrepared(new Set());
            }}
          >
            {t('retry')}
          </button>
          {onNext && (
            <button type="button" className="primary" data-testid="next-lesson" onClick={onNext}>
              {t('nextLesson')}
            </button>
          )}
        </div>
      ) : (
        <button type="button" className="primary" onClick={submit}>
          {t('submit')}
        </button>
      )}
    </section>
  );
}
