import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  const policy = directives(buildContentSecurityPolicy('https://dvc.phunhuan.example.gov.vn/api/v1/'));

  it('lets the page talk to itself and the sync server origin only', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://dvc.phunhuan.example.gov.vn']);
  });

  it('runs only the bundled scripts: no inline code, no eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain('*');
  });

  it('forbids plugins, frames, base rewriting and form posts', () => {
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) {
      expect(policy.get(name)).toEqual(["'none'"]);
    }
  });

  it('allows camera captures to be shown as blob: images', () => {
    expect(policy.get('img-src')).toContain('blob:');
  });

  it('keeps a non-default port and a loopback dev server', () => {
    expect(directives(buildContentSecurityPolicy('http://127.0.0.1:8787')).get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:8787',
    ]);
  });

  it('cannot be injected through the server URL', () => {
    const built = buildContentSecurityPolicy("https://dvc.example.vn/; script-src 'unsafe-inline'");
    expect(directives(built).get('script-src')).toEqual(["'self'"]);
    expect(directives(built).get('connect-src')).toEqual(["'self'", 'https://dvc.example.vn']);
  });

  it('refuses something that is not an http(s) URL', () => {
    expect(() => buildContentSecurityPolicy('dvc.example.vn')).toThrow(/not a URL/);
    expect(() => buildContentSecurityPolicy('javascript:alert(1)')).toThrow(/http\(s\)/);
  });
});
