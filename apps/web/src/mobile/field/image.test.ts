import { describe, expect, it } from 'vitest';
import { fitWithin, jpegName } from './image.ts';

describe('fitWithin', () => {
  it('scales a 4000×3000 phone photo to 1600 on its longer side, keeping the ratio', () => {
    expect(fitWithin({ width: 4000, height: 3000 }, 1600)).toEqual({ width: 1600, height: 1200 });
  });

  it('scales portrait photos by their height', () => {
    expect(fitWithin({ width: 3024, height: 4032 }, 1600)).toEqual({ width: 1200, height: 1600 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin({ width: 1600, height: 1600 }, 1600)).toEqual({ width: 1600, height: 1600 });
  });

  it('keeps a panorama at least one pixel high', () => {
    expect(fitWithin({ width: 100_000, height: 20 }, 1600)).toEqual({ width: 1600, height: 1 });
  });

  it('answers nothing for an empty picture', () => {
    expect(fitWithin({ width: 0, height: 300 }, 1600)).toEqual({ width: 0, height: 0 });
  });
});

describe('jpegName', () => {
  it('renames the compressed copy', () => {
    expect(jpegName('IMG_2041.HEIC')).toBe('IMG_2041.jpg');
    expect(jpegName('leak.photo.png')).toBe('leak.photo.jpg');
    expect(jpegName('camera')).toBe('camera.jpg');
    expect(jpegName('.png')).toBe('photo.jpg');
  });
});
