import { describe, expect, it } from 'vitest';
import { failedImage } from './useCatalogNotice';

describe('failedImage', () => {
  it("reads the image from the kubelet's pull failure events, and nothing else", () => {
    expect(
      failedImage(
        'Warning Failed: Failed to pull image "nginx:9.9.9": rpc error: code = NotFound desc = failed to pull and unpack image',
      ),
    ).toBe('nginx:9.9.9');
    expect(
      failedImage(
        'Warning InspectFailed: Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx"',
      ),
    ).toBe('Nginx');
    expect(failedImage('Warning Failed: Error: ImagePullBackOff')).toBeUndefined();
    expect(failedImage('Normal Pulling: Pulling image "nginx"')).toBeUndefined();
  });
});
