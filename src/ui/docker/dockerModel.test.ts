import { describe, expect, it } from 'vitest';
import type { ContainerRecord, HostState, ImageRecord, LayerData } from '../../sim/runtime/types';
import { buildSteps, dockerModel, layerHue } from './dockerModel';

const img = (id: string, layers: string[]): ImageRecord =>
  ({
    id,
    architecture: 'amd64',
    os: 'linux',
    created: '',
    config: {} as ImageRecord['config'],
    layers,
    history: [],
  }) as ImageRecord;
const layer = (digest: string, size: number): LayerData => ({
  digest,
  size,
  files: {},
  dirs: [],
  createdBy: `RUN ${digest}`,
});

describe('dockerModel', () => {
  it('counts layers shared between images and lists containers with their writable layer', () => {
    const host: HostState = {
      arch: 'amd64',
      kind: 'docker',
      layers: ['sha256:a', 'sha256:b', 'sha256:c'],
      images: {
        'sha256:img1': { repoTags: ['app:v1'], repoDigests: [], pulledAt: 0 },
        'sha256:img2': { repoTags: ['app:v2'], repoDigests: [], pulledAt: 0 },
      },
    };
    const images: Record<string, ImageRecord> = {
      'sha256:img1': img('sha256:img1', ['sha256:a', 'sha256:b']),
      'sha256:img2': img('sha256:img2', ['sha256:a', 'sha256:c']),
    };
    const layers: Record<string, LayerData> = {
      'sha256:a': layer('sha256:a', 100),
      'sha256:b': layer('sha256:b', 5),
      'sha256:c': layer('sha256:c', 7),
    };
    const ctr = {
      id: 'c1',
      name: '/web',
      image: 'app:v1',
      imageId: 'sha256:img1',
      state: 'running',
      createdAt: 1,
      writable: { files: { '/tmp/x': 'y' }, dirs: [], deleted: ['/etc/z'] },
    } as unknown as ContainerRecord;
    const buildCtr = { ...ctr, id: 'b1', build: true } as ContainerRecord;
    const m = dockerModel({
      host,
      containers: [buildCtr, ctr],
      image: (id) => images[id],
      layer: (d) => layers[d],
    });
    expect(m.images.map((i) => i.layers.map((l) => [l.digest, l.sharedBy]))).toEqual([
      [
        ['sha256:a', 2],
        ['sha256:b', 1],
      ],
      [
        ['sha256:a', 2],
        ['sha256:c', 1],
      ],
    ]);
    expect(m.containers).toEqual([
      { id: 'c1', name: 'web', image: 'app:v1', imageId: 'sha256:img1', state: 'running', writableFiles: 2 },
    ]);
    expect(m.build).toBeUndefined();
  });

  it('reads build reports with cache hits', () => {
    expect(
      buildSteps({
        tag: 'app:v1',
        steps: [
          { instruction: 'FROM alpine', cached: false },
          { instruction: 'RUN apk add curl', cached: true },
        ],
      }),
    ).toEqual({
      tag: 'app:v1',
      steps: [
        { text: 'FROM alpine', cached: false },
        { text: 'RUN apk add curl', cached: true },
      ],
    });
    expect(buildSteps(undefined)).toBeUndefined();
  });

  it('gives the same layer the same colour', () => {
    expect(layerHue('sha256:0123456789abcdef')).toBe(layerHue('sha256:0123456789abcdef'));
    expect(layerHue('sha256:0123456789abcdef')).not.toBe(layerHue('sha256:0123456789abcdee'));
  });
});

describe('fromHostView', () => {
  it('maps the Docker host view: shared layers, writable changes, build cache hits', async () => {
    const { fromHostView } = await import('./dockerModel');
    const m = fromHostView(
      {
        images: [
          {
            id: 'sha256:1',
            names: ['app:v1'],
            layers: [{ digest: 'sha256:a', size: 10, createdBy: 'ADD rootfs', sharedWith: ['app:v2'] }],
          },
          {
            id: 'sha256:2',
            names: ['app:v2'],
            layers: [{ digest: 'sha256:a', size: 10, createdBy: 'ADD rootfs', sharedWith: ['app:v1'] }],
          },
        ],
        containers: [
          { id: 'c1', name: 'web', image: 'app:v1', state: 'running', changes: [{ kind: 'A', path: '/x' }] },
        ],
        lastBuild: {
          tags: ['app:v2'],
          steps: [
            { name: '[1/2] FROM alpine', instruction: 'FROM alpine', cached: true },
            { name: '[2/2] RUN x', instruction: 'RUN x', cached: false },
          ],
        },
      },
      () => 'sha256:1',
    );
    expect(m.images[0]!.layers[0]!.sharedBy).toBe(2);
    expect(m.containers[0]).toMatchObject({ imageId: 'sha256:1', writableFiles: 1 });
    expect(m.build).toEqual({
      tag: 'app:v2',
      steps: [
        { text: '[1/2] FROM alpine', cached: true },
        { text: '[2/2] RUN x', cached: false },
      ],
    });
  });
});
