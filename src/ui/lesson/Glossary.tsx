/** Every term in both languages, with the lessons that teach it. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Course, Lang } from '../../lessons/types';

export function Glossary({
  course,
  lang,
  focus,
  onOpen,
}: {
  course: Course;
  lang: Lang;
  focus?: string | undefined;
  onOpen(lesson: string): void;
}) {
  const { t } = useTranslation('lesson');
  const [q, setQ] = useState('');
  const focused = useRef<HTMLDivElement>(null);
  useEffect(() => focused.current?.scrollIntoView({ block: 'center' }), [focus]);
  const needle = q.trim().toLowerCase();
  const terms = course.glossary
    .filter(
      (g) =>
        !needle || [g.term.en, g.term.zh, g.def.en, g.def.zh].some((s) => s.toLowerCase().includes(needle)),
    )
    .sort((a, b) => a.term.en.localeCompare(b.term.en));
  return (
    <section className="glossary" aria-label={t('glossary')}>
      <h2>{t('glossary')}</h2>
      <input
        type="search"
        placeholder={t('searchTerms')}
        aria-label={t('searchTerms')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <dl>
        {terms.map((g) => (
          <div
            key={g.id}
            id={`term-${g.id}`}
            className={g.id === focus ? 'term focused' : 'term'}
            ref={g.id === focus ? focused : undefined}
          >
            <dt>
              {g.term[lang]} <span className="term-other">{lang === 'en' ? g.term.zh : g.term.en}</span>
            </dt>
            <dd>
              {g.def[lang]}
              {g.lessons.length > 0 && (
                <span className="taught-in">
                  {' '}
                  {t('taughtIn')}:{' '}
                  {g.lessons.map((id) => {
                    const l = course.lessons.find((x) => x.id === id);
                    return l ? (
                      <button key={id} type="button" className="link" onClick={() => onOpen(id)}>
                        {l.title[lang]}
                      </button>
                    ) : null;
                  })}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
