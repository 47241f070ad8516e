import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStudio } from '../state/store';
import { Splitter } from './layout/Splitter';
import { TopBar } from './layout/TopBar';
import { EditorPane } from './editor/EditorPane';
import { Timeline } from './time/Timeline';
import { Narrator } from './diagram/Narrator';
import { NoticeBar } from './layout/NoticeBar';
import { LessonSlot } from './layout/LessonSlot';
import { MaximizeButton } from './layout/MaximizeButton';
import { useFontKeys } from './layout/useFontKeys';
import { afterPaint, diagramDrawn, useReached, whenIdle } from './layout/startOrder';
import { useLessonStore } from './lesson/lessonStore';

// The start order (layout/startOrder.ts). The terminal's chunk (xterm) is requested as this module loads, in
// parallel with the simulation's (index.html modulepreloads both): it takes keys before the simulation runs.
const terminalChunk = import('./terminal/TerminalPane');
const TerminalPane = lazy(() => terminalChunk);
// React Flow and the diagrams mount once the simulation runs (index.html modulepreloads the cluster diagram's
// chunks at low priority); the editor's tabs once the diagram has drawn; Monaco once the page is idle after that
// (EditorPane).
const clusterDiagramChunk = () => import('./diagram/ClusterDiagram');
const ClusterDiagram = lazy(() => clusterDiagramChunk().then((m) => ({ default: m.ClusterDiagram })));
// Its code runs at an idle moment once the terminal has painted (the page waits for the simulation then), so the
// diagram's mount does not wait for React Flow's module to run.
void terminalChunk.then(() => afterPaint(() => afterPaint(() => whenIdle(() => void clusterDiagramChunk()))));
const DockerDiagram = lazy(() => import('./docker/DockerDiagram'));
const Inspector = lazy(() => import('./inspector/Inspector'));
const ShareDialog = lazy(() => import('./share/ShareDialog'));

/** Mounts with the diagram (inside its Suspense): tells the start order once React Flow has painted its nodes. */
function DrawnSignal() {
  useEffect(() => {
    // the commit mounts React Flow; it measures the nodes in the next frame and shows them in the one after
    let id = requestAnimationFrame(() => (id = requestAnimationFrame(diagramDrawn)));
    return () => cancelAnimationFrame(id);
  }, []);
  return null;
}

function useViewport() {
  const [size, setSize] = useState({ w: window.innerWidth, h: window.innerHeight });
  useEffect(() => {
    const on = () => setSize({ w: window.innerWidth, h: window.innerHeight });
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return size;
}

export function App() {
  const { t } = useTranslation();
  const theme = useStudio((s) => s.ui.theme);
  const view = useStudio((s) => s.ui.view);
  const panes = useStudio((s) => s.ui.panes);
  const setPane = useStudio((s) => s.setPane);
  const selected = useStudio((s) => s.ui.selected);
  const shareOpen = useStudio((s) => s.ui.shareOpen);
  const vp = useViewport();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const maximized = useStudio((s) => s.ui.maximized);
  const presenter = useLessonStore((s) => s.presenter);
  const lessonW = Math.max(200, Math.min(panes.lesson, vp.w * 0.4));
  const rightW = Math.max(260, Math.min(panes.right, vp.w * 0.45));
  const termH = Math.max(120, Math.min(panes.terminal, vp.h - 220));
  useFontKeys();

  // the panes that need the running simulation mount once it runs (a frame after the terminal's first answer)
  const live = useReached('live');
  const drawn = useReached('drawn');
  const ready = useStudio((s) => s.ready);
  if (ready === 'missing')
    return (
      <main className="fatal" role="alert">
        <h1>{t('app.title')}</h1>
        <p>{t('app.coreMissing')}</p>
      </main>
    );
  const loading = <p className="loading">{t('app.loading')}</p>;

  return (
    <div className="app" data-theme={theme}>
      <a className="skip" href="#terminal-pane">
        {t('app.skipToTerminal')}
      </a>
      <TopBar />
      <NoticeBar />
      {/* The terminal spans the diagram and editor columns: kubectl's wide tables need ~110 columns. */}
      <div
        className={`main${maximized ? ` max-${maximized}` : ''}`}
        style={
          presenter
            ? undefined
            : {
                gridTemplateColumns: `${lessonW}px 6px minmax(0,1fr) 6px ${rightW}px`,
                gridTemplateRows: `minmax(0,1fr) 6px ${termH}px`,
              }
        }
      >
        <section id="lesson-pane" className="pane lesson" aria-label={t('pane.lesson')}>
          <LessonSlot />
        </section>
        <Splitter
          axis="x"
          value={lessonW}
          min={200}
          max={Math.round(vp.w * 0.4)}
          onChange={(v) => setPane({ lesson: v })}
          controls="lesson-pane"
          className="split-lesson"
        />
        <section
          id="diagram-pane"
          className="pane diagram"
          aria-label={view === 'docker' ? t('app.viewDocker') : t('pane.diagram')}
        >
          <div className="diagram-area">
            {!live ? (
              loading
            ) : (
              <Suspense fallback={loading}>
                {view === 'cluster' ? <ClusterDiagram /> : <DockerDiagram />}
                <DrawnSignal />
              </Suspense>
            )}
            {live && selected && (
              <Suspense fallback={null}>
                <Inspector />
              </Suspense>
            )}
            <div className="diagram-max">
              <MaximizeButton pane="diagram" />
            </div>
          </div>
          <div id="timeline-pane" className="timeline-area">
            {/* with the diagram: the timeline's height is the diagram's to give up (no shift after it drew) */}
            {live && <Timeline />}
          </div>
        </section>
        <Splitter
          axis="x"
          value={rightW}
          min={260}
          max={Math.round(vp.w * 0.45)}
          sign={-1}
          onChange={(v) => setPane({ right: v })}
          controls="work-pane"
          className="split-editor"
        />
        <section id="work-pane" className="pane work" aria-label={t('pane.editor')}>
          {drawn ? <EditorPane /> : loading}
        </section>
        <Splitter
          axis="y"
          value={termH}
          min={120}
          max={Math.round(vp.h - 220)}
          sign={-1}
          onChange={(v) => setPane({ terminal: v })}
          controls="terminal-pane"
          className="split-terminal"
        />
        <Suspense
          fallback={<section id="terminal-pane" className="pane terminal" aria-label={t('pane.terminal')} />}
        >
          <TerminalPane />
        </Suspense>
      </div>
      {drawn && <Narrator />}
      {shareOpen && (
        <Suspense fallback={null}>
          <ShareDialog />
        </Suspense>
      )}
    </div>
  );
}
