import { describe, expect, it } from 'vitest';
import { newNode, newPod } from '../../testing/builders';
import { runScore, setup } from '../testHelpers';
import {
  calculatePriority,
  imageLocality,
  MAX_CONTAINER_THRESHOLD,
  MIN_THRESHOLD,
  scaledImageScore,
} from './imageLocality';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  it.each([
    { sum: 0, containers: 1, want: 0 },
    { sum: MIN_THRESHOLD, containers: 1, want: 0 },
    { sum: 500 * MB, containers: 1, want: 48 }, // 100 × 477 / 977
    { sum: MAX_CONTAINER_THRESHOLD, containers: 1, want: 100 },
    { sum: 5000 * MB, containers: 1, want: 100 },
    { sum: 1000 * MB, containers: 2, want: 49 }, // 100 × 977 / 1977
  ])('calculatePriority($sum, $containers) = $want', ({ sum, containers, want }) =>
    expect(calculatePriority(sum, containers)).toBe(want),
  );

  it('scales image size by spread', () => expect(scaledImageScore(800, 1, 4)).toBe(200));

  it('favours nodes with the image; spread lowers the score', () => {
    const img = {
      names: ['docker.io/library/redis:7', 'docker.io/library/redis@sha256:abc'],
      sizeBytes: 600 * MB,
    };
    const nodes = [newNode('has', { images: [img] }), newNode('lacks'), newNode('also-lacks')];
    const { ctx } = setup(newPod('p', { image: 'redis:7' }), nodes);
    // 600MB × 1/3 = 200MB → 100 × (200 − 23) / 977 = 18
    expect(runScore(imageLocality, ctx)).toEqual({ has: 18, lacks: 0, 'also-lacks': 0 });
  });

  it('matches short and full image names, :latest by default', () => {
    const img = { names: ['docker.io/library/nginx:latest'], sizeBytes: 1000 * MB };
    const { ctx } = setup(newPod('p', { image: 'nginx' }), [newNode('a', { images: [img] })]);
    expect(runScore(imageLocality, ctx)).toEqual({ a: 100 });
    const { ctx: other } = setup(newPod('p', { image: 'nginx:1.25' }), [newNode('a', { images: [img] })]);
    expect(runScore(imageLocality, other)).toEqual({ a: 0 });
  });
});
