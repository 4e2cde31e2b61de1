import { requestPath } from './requestPath';

describe('requestPath', () => {
  it('fills and encodes path parameters', () => {
    expect(
      requestPath({ path: '/deployments/{id}/rollback' }, { id: 'a/b c' }),
    ).toBe('/deployments/a%2Fb%20c/rollback');
  });

  it('refuses a missing path parameter', () => {
    expect(() => requestPath({ path: '/deployments/{id}' }, {})).toThrow(
      "/deployments/{id}: no value for 'id'",
    );
  });

  it('writes the query, repeating lists and leaving out empty values', () => {
    expect(
      requestPath(
        { path: '/dora' },
        {},
        {
          owner: ['group:default/a', 'group:default/b'],
          limit: 5,
          from: undefined,
          environment: '',
          flag: false,
        },
      ),
    ).toBe(
      '/dora?owner=group%3Adefault%2Fa&owner=group%3Adefault%2Fb&limit=5&flag=false',
    );
  });
});
