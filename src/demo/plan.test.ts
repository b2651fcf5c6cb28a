import { describe, expect, it } from 'vitest';
import { decideOutcome } from '../domain/checks/demo-outcomes.js';
import { demoPlan, plannedName, profileBody, type Planned } from './plan.js';

describe('the demo plan', () => {
  it('is the same for the same seed and different for another', () => {
    expect(demoPlan(7)).toEqual(demoPlan(7));
    expect(demoPlan(7).map(plannedName)).not.toEqual(demoPlan(8).map(plannedName));
  });

  it('has about 30 individuals and companies in every state worth showing, oldest first', () => {
    const plan = demoPlan(1);
    expect(plan.length).toBeGreaterThanOrEqual(28);
    expect(plan.filter((p) => p.entity === 'COMPANY').length).toBeGreaterThanOrEqual(8);
    const stories = new Set(plan.map((p) => p.story));
    for (const s of ['approved', 'in_review', 'applied', 'rejected', 'forms_sent', 'forms_part_done', 'forms_completed', 'forms_expired', 'flow_sent', 'flow_part_done', 'flow_completed', 'flow_expired']) {
      expect(stories, s).toContain(s);
    }
    expect(plan.map((p) => p.daysAgo)).toEqual([...plan.map((p) => p.daysAgo)].sort((a, b) => b - a));
    // Requests meant to expire are older than the 90-day expiry; the others are younger.
    for (const p of plan) {
      if (p.story.endsWith('_expired')) expect(p.daysAgo).toBeGreaterThan(90);
      else if (p.story.startsWith('forms_') || p.story.startsWith('flow_')) expect(p.daysAgo === 98 || p.daysAgo < 90).toBe(true);
    }
  });

  it('names force the outcomes the stories need, and no other name triggers one by accident', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      for (const p of demoPlan(seed)) {
        const body = profileBody(p) as { collected_data: Parameters<typeof decideOutcome>[1] };
        const screening = decideOutcome(p.entity === 'INDIVIDUAL' ? 'PEPS_AND_SANCTIONS_SCREEN' : 'COMPANY_PEPS_AND_SANCTIONS_SCREEN', body.collected_data);
        const keyword = /-(fail|pep|sanction|media|refer|partial)$/.exec(p.key)?.[1];
        if (!keyword) expect(screening.keywords, `${plannedName(p)} (seed ${seed})`).toEqual([]);
        else expect(screening.keywords).toEqual([keyword]);
      }
    }
  });

  it('writes valid profile bodies: full data for profiles, stubs without products for flows', () => {
    const plan = demoPlan(1);
    const person = plan.find((p): p is Extract<Planned, { entity: 'INDIVIDUAL' }> => p.entity === 'INDIVIDUAL' && p.story === 'approved')!;
    expect(profileBody(person)).toMatchObject({
      role: 'INDIVIDUAL_CUSTOMER',
      collected_data: { personal_details: { name: { given_names: person.given_names, family_name: person.family_name }, dob: person.dob }, contact_details: { email: person.email } },
    });
    const flow = plan.find((p) => p.story === 'flow_sent')!;
    expect(profileBody(flow)).toMatchObject({ role: 'COMPANY_CUSTOMER', applications: [] });
    expect(new Set(plan.map((p) => p.email)).size).toBe(plan.length);
  });
});
