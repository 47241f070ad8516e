/** The bundled course: every lessons/** YAML file, loaded once through the shared loader. */
import { loadCourse, type LoadResult } from '../../lessons/load';

const files = import.meta.glob('/lessons/**/*.{yaml,md}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

let cached: LoadResult | undefined;

export function bundledCourse(): LoadResult {
  cached ??= loadCourse(files);
  return cached;
}
