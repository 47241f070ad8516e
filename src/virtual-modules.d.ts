/** Modules that the build's own plugins make (vite.config.ts). */
declare module 'virtual:kubelab-course' {
  import type { LoadResult } from './lessons/load';
  const course: LoadResult;
  export default course;
}
