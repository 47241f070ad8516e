import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { getHost } from '../../state/host';

// The lesson player belongs to the lessons engineer (src/ui/lesson/LessonPane.tsx); mount it when it exists.
const found = import.meta.glob<{ LessonPane?: ComponentType<Record<string, unknown>> }>(
  '../lesson/LessonPane.tsx',
);
const loader = Object.values(found)[0];
const LessonPane = loader
  ? lazy(async () => {
      const m = await loader();
      return { default: (m.LessonPane ?? Placeholder) as ComponentType<Record<string, unknown>> };
    })
  : undefined;

function Placeholder() {
  const { t } = useTranslation();
  return (
    <div className="lesson-placeholder">
      <h2>{t('pane.lesson')}</h2>
      <p>{t('lesson.placeholder')}</p>
    </div>
  );
}

export function LessonSlot() {
  const { t } = useTranslation();
  if (!LessonPane) return <Placeholder />;
  const host = getHost();
  return (
    <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
      <LessonPane host={host} session={host?.session} />
    </Suspense>
  );
}
