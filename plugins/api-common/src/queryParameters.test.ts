import { z } from 'zod';
import { entityRefParameter, ownerParameter } from './queryParameters';

const problemOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0].message;
};

describe('query parameters', () => {
  it('answer an entity ref in full form, a bare name as a component', () => {
    expect(entityRefParameter.parse('payments-api')).toBe(
      'component:default/payments-api',
    );
    expect(entityRefParameter.parse('api:billing/ledger')).toBe(
      'api:billing/ledger',
    );
    expect(problemOf(entityRefParameter, 'component:')).toBe(
      "'component:' is not an entity ref",
    );
  });

  it('answer an owner as a group ref', () => {
    expect(ownerParameter.parse('payments')).toBe('group:default/payments');
    expect(ownerParameter.parse('group:ops/sre')).toBe('group:ops/sre');
    expect(problemOf(ownerParameter, 'group:default/')).toBe(
      "'group:default/' is not a group reference",
    );
  });
});
