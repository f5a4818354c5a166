import { describe, expect, it } from 'vitest';
import { HLC_PATTERN } from '#shared/clock/hlc';
import { ENROLLMENT_CODE_PATTERN, EnrollResponse } from '#shared/protocol/enroll';
import { hashSecret, newDeviceId, newEnrollmentCode, newToken } from './secrets';

describe('secrets', () => {
  it('makes enrollment codes the shared schema accepts, all different', () => {
    const codes = Array.from({ length: 500 }, newEnrollmentCode);
    for (const c of codes) expect(c).toMatch(ENROLLMENT_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes device ids usable inside an HLC and tokens the enroll response accepts', () => {
    const deviceId = newDeviceId();
    expect(`1700000000000:0000:${deviceId}`).toMatch(HLC_PATTERN);
    const parsed = EnrollResponse.safeParse({
      deviceId,
      token: newToken(),
      point: { id: 'p', name: 'n' },
      published: [],
      serverTime: 1,
    });
    expect(parsed.success).toBe(true);
  });

  it('hashes to 64 hex characters, never the secret itself', () => {
    const token = newToken();
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(token)).not.toContain(token);
  });
});
