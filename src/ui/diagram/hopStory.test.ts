import { describe, expect, it } from 'vitest';
import { storyLine } from './hopStory';
import type { Flight } from './hopQueue';

const flight = (source: string, target: string, verb: string, summary: string): Flight =>
  ({
    seq: 1,
    source,
    target,
    kind: 'pull',
    verb,
    label: verb,
    summary,
    start: 0,
    duration: 0,
    dwell: 0,
  }) as Flight;

describe('storyLine: pulls', () => {
  it("tells the Docker daemon's pull: asked, a layer, refused (not a node's runtime)", () => {
    expect(storyLine(flight('dockerd', 'registry', 'GET', 'resolve nginx:9.9'))).toMatchObject({
      key: 'dockerPull',
      values: { image: 'nginx:9.9', from: 'dockerd', to: 'registry' },
    });
    expect(storyLine(flight('registry', 'dockerd', 'blob', 'abc: 3MB')).key).toBe('dockerLayer');
    expect(storyLine(flight('registry', 'dockerd', 'not found', 'nginx:9.9'))).toMatchObject({
      key: 'dockerRefused',
      values: { image: 'nginx:9.9', verb: 'not found' },
    });
  });
  it("keeps a node's runtime pulls as they were", () => {
    expect(storyLine(flight('runtime/worker-1', 'registry', 'pull', 'pull nginx:1.27')).values).toMatchObject(
      {
        node: 'worker-1',
        image: 'nginx:1.27',
      },
    );
    expect(storyLine(flight('registry', 'runtime/worker-1', 'pull', 'nginx:1.27: 3 of 6')).key).toBe(
      'pulled',
    );
  });
});
