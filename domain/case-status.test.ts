import { describe, expect, it } from 'vitest';
import { caseActionSchema, caseStatusSchema, caseStatuses, caseTimelineActionSchema } from './case-status';

describe('case statuses', () => {
  it('knows every status a case passes through, and nothing else', () => {
    expect(caseStatuses).toContain('submitted');
    expect(caseStatuses).toContain('ready-for-pickup');
    expect(new Set(caseStatuses).size).toBe(caseStatuses.length);
    expect(caseStatusSchema.safeParse('lost').success).toBe(false);
  });

  it('lets a timeline name the submission and the automatic routing, which no one may ask for', () => {
    expect(caseTimelineActionSchema.safeParse('submit').success).toBe(true);
    expect(caseTimelineActionSchema.safeParse('auto-route').success).toBe(true);
    expect(caseActionSchema.safeParse('submit').success).toBe(false);
    expect(caseActionSchema.safeParse('auto-route').success).toBe(false);
  });
});
