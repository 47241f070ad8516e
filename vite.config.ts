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
    // the first screen's chunks, fetched with the entry (README "Speed"): terminal, simulation, lesson text
    startOrderPlugin([
      /\/ui\/terminal\/TerminalPane\.tsx$/,
      /\/shell\/session\.ts$/,
      /\/ui\/lesson\/LessonPane\.tsx$/,
    ]),
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
