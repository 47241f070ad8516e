/** One quiz question: the input for its type and, after submitting, what was right with every explanation. */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hashString, shuffled, type Answer, type QuestionResult } from '../../lessons/quiz';
import type { Lang, Question } from '../../lessons/types';
import type { GoalResult } from '../../lessons/goals';

export interface QuestionViewProps {
  q: Question;
  n: number;
  lang: Lang;
  answer: Answer | undefined;
  onAnswer(a: Answer): void;
  result?: QuestionResult | undefined;
  /** Cluster challenges: live goal results and a button to prepare the cluster. */
  goals?: GoalResult[] | undefined;
  onPrepare?(): void;
}

export function QuestionView({ q, n, lang, answer, onAnswer, result, goals, onPrepare }: QuestionViewProps) {
  // Chinese text takes full-width punctuation
  const colon = lang === 'zh' ? '：' : ': ';
  const stop = lang === 'zh' ? '。' : '. ';
  const { t } = useTranslation('lesson');
  const done = !!result;
  const name = `q-${q.id}`;
  const perm = useMemo(() => {
    const len = q.type === 'order' ? q.items.length : q.type === 'match' ? q.pairs.length : 0;
    return shuffled(len, hashString(q.id));
  }, [q]);

  let body: ReactNode = null;
  let instruction = '';
  switch (q.type) {
    case 'single':
    case 'multiple': {
      instruction = q.type === 'single' ? t('chooseOne') : t('chooseMany');
      const chosen =
        answer?.type === 'single' ? [answer.choice] : answer?.type === 'multiple' ? answer.choices : [];
      body = (
        <ul className="options">
          {q.options.map((o, i) => {
            const on = chosen.includes(i);
            return (
              <li key={i} className={done ? (o.correct ? 'right' : on ? 'wrong' : '') : ''}>
                <label>
                  <input
                    type={q.type === 'single' ? 'radio' : 'checkbox'}
                    name={name}
                    checked={on}
                    disabled={done}
                    onChange={() => {
                      if (q.type === 'single') onAnswer({ type: 'single', choice: i });
                      else
                        onAnswer({
                          type: 'multiple',
                          choices: on
                            ? chosen.filter((c): c is number => c !== i && c !== null)
                            : [...(chosen as number[]), i],
                        });
                    }}
                  />{' '}
                  {o.text[lang]}
                </label>
                {done && (on || o.correct) && <p className="explain">{o.explain[lang]}</p>}
              </li>
            );
          })}
        </ul>
      );
      break;
    }
    case 'order': {
      instruction = t('putInOrder');
      const order = answer?.type === 'order' ? answer.order : perm;
      const move = (i: number, d: number) => {
        const next = [...order];
        const j = i + d;
        if (j < 0 || j >= next.length) return;
        [next[i], next[j]] = [next[j]!, next[i]!];
        onAnswer({ type: 'order', order: next });
      };
      body = (
        <ol className="order">
          {order.map((item, i) => (
            <li key={item} className={done ? (item === i ? 'right' : 'wrong') : ''}>
              <span>{q.items[item]!.text[lang]}</span>
              {!done && (
                <span className="order-buttons">
                  <button
                    type="button"
                    aria-label={`${t('moveUp')}${colon}${q.items[item]!.text[lang]}`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`${t('moveDown')}${colon}${q.items[item]!.text[lang]}`}
                    disabled={i === order.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
              {done && item !== i && (
                <p className="explain">
                  {t('rightAnswer')}
                  {colon}
                  {i + 1}. {q.items[i]!.text[lang]}
                </p>
              )}
              {done && <p className="explain">{q.items[item]!.explain[lang]}</p>}
            </li>
          ))}
        </ol>
      );
      break;
    }
    case 'match': {
      instruction = t('matchThem');
      const picks = answer?.type === 'match' ? answer.picks : q.pairs.map(() => -1);
      body = (
        <table className="match">
          <tbody>
            {q.pairs.map((pair, i) => (
              <tr key={i} className={done ? (picks[i] === i ? 'right' : 'wrong') : ''}>
                <th scope="row">{pair.left[lang]}</th>
                <td>
                  <select
                    aria-label={pair.left[lang]}
                    value={picks[i] ?? -1}
                    disabled={done}
                    onChange={(e) => {
                      const next = [...picks];
                      next[i] = Number(e.target.value);
                      onAnswer({ type: 'match', picks: next });
                    }}
                  >
                    <option value={-1}>{t('pick')}</option>
                    {perm.map((j) => (
                      <option key={j} value={j}>
                        {q.pairs[j]!.right[lang]}
                      </option>
                    ))}
                  </select>
                  {done && (
                    <p className="explain">
                      {picks[i] !== i && (
                        <>
                          {t('rightAnswer')}
                          {colon}
                          {pair.right[lang]}
                          {stop}
                        </>
                      )}
                      {pair.explain[lang]}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
      break;
    }
    case 'command': {
      instruction = t('typeCommand');
      body = (
        <div className="command-answer">
          <input
            type="text"
            spellCheck={false}
            aria-label={t('typeCommand')}
            value={answer?.type === 'command' ? answer.text : ''}
            disabled={done}
            onChange={(e) => onAnswer({ type: 'command', text: e.target.value })}
          />
          {done && (
            <p className="explain">
              {t('rightAnswer')}
              {colon}
              <code>{q.answers[0]}</code>
            </p>
          )}
        </div>
      );
      break;
    }
    case 'cluster': {
      instruction = t('clusterTask');
      body = (
        <div className="cluster-task">
          {!done && onPrepare && (
            <button type="button" onClick={onPrepare}>
              {t('startChallenge')}
            </button>
          )}
          <ul>
            {q.goals.map((g, i) => {
              const met = result ? result.parts[i] : goals?.[i]?.met;
              return (
                <li key={i} className={met ? 'goal met' : 'goal unmet'}>
                  {met ? '✔' : '○'} {g.text[lang]}
                  {!met && goals?.[i]?.reason[lang] && (
                    <div className="goal-reason">{goals[i]!.reason[lang]}</div>
                  )}
                </li>
              );
            })}
          </ul>
          {done && !result?.correct && (
            <pre className="explain" tabIndex={0}>
              <code>{q.solution.trim()}</code>
            </pre>
          )}
        </div>
      );
      break;
    }
  }

  return (
    <fieldset
      className={`question q-${q.type}${done ? (result!.correct ? ' is-right' : ' is-wrong') : ''}`}
      data-question={q.id}
    >
      <legend>
        {n}. {q.prompt[lang]}
      </legend>
      <p className="instruction">{instruction}</p>
      {body}
      {done && (
        <p className={result!.correct ? 'verdict right' : 'verdict wrong'}>
          {result!.correct ? t('correct') : t('wrong')}
          {q.explain && <> — {q.explain[lang]}</>}
        </p>
      )}
    </fieldset>
  );
}
