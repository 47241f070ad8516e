/** The course map: both tracks with each lesson's status, overall progress, and progress export / import / reset. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  courseFraction,
  emptyProgress,
  lessonStatus,
  parseProgress,
  serializeProgress,
} from '../../lessons/progress';
import type { Course, Lang } from '../../lessons/types';
import { useLessonStore } from './lessonStore';
import { download } from './download';

export function CourseMap({
  course,
  lang,
  onOpen,
}: {
  course: Course;
  lang: Lang;
  onOpen(lesson: string): void;
}) {
  const { t } = useTranslation('lesson');
  const progress = useLessonStore((s) => s.progress);
  const setProgress = useLessonStore((s) => s.setProgress);
  const setView = useLessonStore((s) => s.setView);
  const [msg, setMsg] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const percent = Math.round(courseFraction(progress, course) * 100);
  const statusText = { new: t('statusNew'), started: t('statusStarted'), done: t('statusDone') };

  const onImport = async (f: File | undefined) => {
    if (!f) return;
    const r = parseProgress(await f.text());
    if (r.ok) {
      setProgress(r.progress);
      setMsg(t('imported'));
    } else setMsg(t('importFailed', { error: r.error }));
  };

  return (
    <section className="course-map" aria-label={t('courseMap')}>
      <h2>{course.title[lang]}</h2>
      <div
        className="progress-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('progress')}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-text">{t('progressDone', { percent })}</p>
      {course.tracks.map((track) => {
        const lessons = course.lessons.filter((l) => l.track === track.id);
        return (
          <section key={track.id} className="track" aria-label={track.title[lang]}>
            <h3>{track.title[lang]}</h3>
            <p className="track-summary">{track.summary[lang]}</p>
            {lessons.length === 0 && <p className="track-empty">{t('trackComingSoon')}</p>}
            <ol className="lesson-list">
              {lessons.map((l) => {
                const st = lessonStatus(progress, l);
                const q = progress.lessons[l.id]?.quiz;
                return (
                  <li key={l.id} className={`lesson-item status-${st}`} data-lesson={l.id}>
                    <button type="button" onClick={() => onOpen(l.id)}>
                      <span className="lesson-title">{l.title[lang]}</span>
                      {l.id === course.start && st === 'new' && (
                        <span className="badge">{t('startHere')}</span>
                      )}
                      <span className={`status status-${st}`}>{statusText[st]}</span>
                    </button>
                    <span className="lesson-summary">{l.summary[lang]}</span>
                    <span className="lesson-meta">
                      {l.minutes ? t('minutes', { count: l.minutes }) : ''}
                      {q ? ` · ${t('score', { score: q.best, total: q.total })}` : ''}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        );
      })}
      <nav className="map-links">
        <button type="button" onClick={() => setView({ kind: 'glossary' })}>
          {t('glossary')}
        </button>
        {course.exam.length > 0 && (
          <button type="button" onClick={() => setView({ kind: 'exam' })}>
            {t('exam')}
            {progress.exam
              ? ` (${t('score', { score: progress.exam.best, total: progress.exam.total })})`
              : ''}
          </button>
        )}
        <button type="button" onClick={() => setView({ kind: 'instructor' })}>
          {t('instructor')}
        </button>
      </nav>
      <section className="progress-tools" aria-label={t('progress')}>
        <button
          type="button"
          onClick={() => download('kubelab-progress.json', serializeProgress(progress), 'application/json')}
        >
          {t('exportProgress')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('importProgress')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => void onImport(e.target.files?.[0])}
        />
        <button
          type="button"
          onClick={() => {
            if (window.confirm(t('confirmReset'))) setProgress(emptyProgress());
          }}
        >
          {t('resetProgress')}
        </button>
        {msg && <p role="status">{msg}</p>}
      </section>
    </section>
  );
}
