import { describe, expect, it } from 'vitest';
import { pngFileName, svgDataUrl } from './png-export';

describe('PNG export', () => {
  it('names the file after the release and the metric, in safe characters', () => {
    expect(pngFileName(['shipdeck', 'release', 12, 'latency-p95'])).toBe('shipdeck-release-12-latency-p95.png');
    expect(pngFileName(['Shipdeck', 'shop/api', 'Error rate (5xx)'])).toBe('shipdeck-shop-api-error-rate-5xx.png');
    expect(pngFileName(['', '***'])).toBe('chart.png');
  });

  it('makes the SVG a data: URL, the one image source the CSP allows besides the app itself', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><text>5 % & #1</text></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.slice('data:image/svg+xml;charset=utf-8,'.length))).toBe('<svg xmlns="http://www.w3.org/2000/svg"><text>5 % & #1</text></svg>');
    // '#' would end the URL at a fragment and '%' would be read as an escape: both must be encoded.
    expect(url).not.toMatch(/[#%](?![0-9A-F]{2})/);
  });
});
