import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { coursePlugin } from './scripts/vite/coursePlugin.js';
import { startOrderPlugin } from './scripts/vite/startOrderPlugin.js';
import { swPlugin } from './scripts/vite/swPlugin.js';

// Relative base: the built site works from any static host under any path.
export default defineConfig({
  base: './',
  plugins: [
    react(),
    coursePlugin(),
    // README "Speed": the simulation's worker starts from index.html; the first screen's chunks (terminal, lesson
    // text) are fetched with the entry, the diagram's at low priority (the page's own copy of the simulation,
    // for ?sim=main, is not announced: the worker has its own)
    startOrderPlugin({
      first: [/\/ui\/terminal\/TerminalPane\.tsx$/, /\/ui\/lesson\/LessonPane\.tsx$/],
      next: [/\/ui\/diagram\/ClusterDiagram\.tsx$/],
      worker: 'simWorker',
    }),
    swPlugin(),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
  },
});
