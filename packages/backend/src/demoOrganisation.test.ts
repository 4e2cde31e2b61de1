import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  KindValidator,
  locationEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const repoRoot = path.resolve(__dirname, '../../..');

function loadEntities(): Entity[] {
  const files = [
    path.join(repoRoot, 'catalog-info.yaml'),
    ...fs
      .readdirSync(path.join(repoRoot, 'catalog'))
      .filter(file => file.endsWith('.yaml'))
      .map(file => path.join(repoRoot, 'catalog', file)),
  ];
  return files.flatMap(file =>
    yaml.loadAll(fs.readFileSync(file, 'utf8')).map(doc => doc as Entity),
  );
}

const entities = loadEntities();
const refs = new Set(entities.map(e => stringifyEntityRef(e)));
const ofKind = (kind: string) => entities.filter(e => e.kind === kind);

const validators: Record<string, KindValidator> = {
  API: apiEntityV1alpha1Validator,
  Component: componentEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  Location: locationEntityV1alpha1Validator,
  Resource: resourceEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
};
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

function referencesOf(entity: Entity): Array<[string, string]> {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const pairs: Array<[string, string]> = [];
  const add = (field: string, defaultKind: string) => {
    const value = spec[field];
    if (!value) return;
    for (const ref of [value].flat() as string[]) {
      pairs.push([
        field,
        stringifyEntityRef(
          parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
        ),
      ]);
    }
  };
  add('owner', 'group');
  add('system', 'system');
  add('providesApis', 'api');
  add('consumesApis', 'api');
  add('dependsOn', 'component');
  add('memberOf', 'group');
  add('parent', 'group');
  add('children', 'group');
  return pairs;
}

describe('the demo organisation in catalog/', () => {
  it('is a plausible company: teams with people, systems, services, APIs and databases', () => {
    const teams = ofKind('Group').filter(g => g.spec?.type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(3);
    expect(teams.length).toBeLessThanOrEqual(4);
    for (const team of teams) {
      const members = ofKind('User').filter(u =>
        (u.spec?.memberOf as string[]).includes(team.metadata.name),
      );
      expect(members.length).toBeGreaterThanOrEqual(2);
    }
    expect(ofKind('System')).toHaveLength(3);
    const components = ofKind('Component');
    expect(components.length).toBeGreaterThanOrEqual(10);
    expect(components.length).toBeLessThanOrEqual(15);
    expect(new Set(components.map(c => c.spec?.type))).toEqual(
      new Set(['service', 'website', 'library']),
    );
    expect(ofKind('API').length).toBeGreaterThanOrEqual(3);
    expect(
      ofKind('Resource').filter(r => r.spec?.type === 'database').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it.each(entities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s is a valid entity',
    async (_, entity) => {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      await expect(validators[entity.kind].check(entity)).resolves.toBe(true);
    },
  );

  it('refers only to entities that exist', () => {
    const dangling = entities.flatMap(entity =>
      referencesOf(entity)
        .filter(([, ref]) => !refs.has(ref))
        .map(
          ([field, ref]) => `${stringifyEntityRef(entity)} ${field} -> ${ref}`,
        ),
    );
    expect(dangling).toEqual([]);
  });

  it.each(ofKind('Component').map(c => [c.metadata.name, c] as const))(
    '%s names its GitHub repository',
    (_, component) => {
      expect(
        component.metadata.annotations?.['github.com/project-slug'],
      ).toMatch(/^[\w-]+\/[\w-]+$/);
    },
  );

  it.each(
    ofKind('Component')
      .filter(c => c.spec?.type !== 'library')
      .map(c => [c.metadata.name, c] as const),
  )('%s carries what the feature plugins read', (_, component) => {
    expect(component.metadata.annotations).toEqual(
      expect.objectContaining({
        'flightdeck.io/deploy-provider': expect.stringMatching(
          /^(github-actions|webhook)$/,
        ),
        'flightdeck.io/health-url': expect.stringMatching(/^https?:\/\//),
        'flightdeck.io/cost-center': expect.stringMatching(/^CC-\d+$/),
      }),
    );
  });
});
