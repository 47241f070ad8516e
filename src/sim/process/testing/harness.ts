/**
 * A bare cluster (no modules) with the process model installed over a fake IO: the clock, snapshots and
 * timers are the real ones.
 */
import { Cluster } from '../../cluster';
import { installProcessModel, type ProcessModelApi } from '../processModel';
import { createFakeIo, type FakeIo } from './fakeIo';

export interface ProcessHarness {
  cluster: Cluster;
  io: FakeIo;
  api: ProcessModelApi;
  /** Starts a container and returns its id. */
  run(
    cid: string,
    image: string,
    argv: string[],
    opts?: { env?: Record<string, string>; memoryLimit?: number; workingDir?: string },
  ): string;
  logs(cid: string): string[];
}

export function processHarness(): ProcessHarness {
  const cluster = new Cluster({}, []);
  const io = createFakeIo();
  io.now = () => cluster.now;
  const api = installProcessModel(cluster, io);
  io.model = api;
  return {
    cluster,
    io,
    api,
    run(cid, image, argv, opts = {}) {
      const c = io.container(cid);
      if (opts.env) Object.assign(c.env, opts.env);
      if (opts.memoryLimit !== undefined) c.memoryLimit = opts.memoryLimit;
      api.start(cid, { image, argv, ...(opts.workingDir ? { workingDir: opts.workingDir } : {}) });
      cluster.settle();
      return cid;
    },
    logs: (cid) => io.container(cid).logs,
  };
}
