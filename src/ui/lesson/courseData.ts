/**
 * The bundled course: every lessons/** YAML file, loaded by the shared loader when the site is built
 * (scripts/vite/coursePlugin.ts) and shipped as JSON, so the browser parses no lesson YAML at start.
 */
import type { LoadResult } from '../../lessons/load';
import course from 'virtual:kubelab-course';

export function bundledCourse(): LoadResult {
  return course;
}
