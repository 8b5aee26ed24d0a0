import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OBJECT_URL_LIFETIME_MS, downloadTextFile, portfolioFile } from './download';

describe('portfolioFile', () => {
  it('names the file after the snapshot version with the extension and MIME type of its format', () => {
    const version = '20260315_101500_2';
    expect(portfolioFile({ format: 'MARKDOWN', version, content: '# Portfolio' })).toEqual({ name: 'portfolio-20260315_101500_2.md', type: 'text/markdown;charset=utf-8', content: '# Portfolio' });
    expect(portfolioFile({ format: 'JSON', version, content: '{}' })).toEqual({ name: 'portfolio-20260315_101500_2.json', type: 'application/json;charset=utf-8', content: '{}' });
    expect(portfolioFile({ format: 'HTML', version, content: '<!doctype html>' })).toEqual({ name: 'portfolio-20260315_101500_2.html', type: 'text/html;charset=utf-8', content: '<!doctype html>' });
  });
});

/** A Blob's text (jsdom's Blob has no `text()`). */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable blob'));
    reader.readAsText(blob);
  });
}

describe('downloadTextFile', () => {
  const created: Blob[] = [];
  const revoked: string[] = [];
  const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    created.length = 0;
    revoked.length = 0;
    // jsdom has no object URLs.
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return `blob:test/${created.length}`;
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    });
  });

  afterEach(() => {
    vi.useRealTimers();
    Object.assign(URL, original);
  });

  it('clicks a temporary download link to a Blob of the content, then revokes its URL', async () => {
    const clicked: Array<{ href: string; download: string; attached: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    downloadTextFile({ name: 'portfolio-1.md', type: 'text/markdown;charset=utf-8', content: '# Shipped ✓' });

    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'portfolio-1.md', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(created).toHaveLength(1);
    expect(created[0]?.type).toBe('text/markdown;charset=utf-8');
    expect(await blobText(created[0]!)).toBe('# Shipped ✓');

    vi.advanceTimersByTime(OBJECT_URL_LIFETIME_MS - 1);
    expect(revoked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(revoked).toEqual(['blob:test/1']);
  });
});
