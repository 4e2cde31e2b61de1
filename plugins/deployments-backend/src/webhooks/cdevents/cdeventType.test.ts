import { predicateOf, versionOfArtifact } from './cdeventType';

describe('versionOfArtifact', () => {
  it.each([
    ['pkg:oci/payments-api@v2.5.0', 'v2.5.0'],
    [
      'pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427',
      'sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427',
    ],
    ['pkg:npm/%40skyhop/web@1.4.2?arch=x64#dist', '1.4.2'],
    [
      'pkg:golang/mygit.com/myorg/myapp@234fd47e07d1004f0aed9c',
      '234fd47e07d1004f0aed9c',
    ],
    ['six-1.14.0-py2.py3-none-any.whl', 'six-1.14.0-py2.py3-none-any.whl'],
    ['pkg:oci/no-version', 'pkg:oci/no-version'],
  ])('%s gives %s', (artifactId, version) => {
    expect(versionOfArtifact(artifactId)).toBe(version);
  });
});

describe('predicateOf', () => {
  it.each([
    ['dev.cdevents.service.deployed.0.3.0', 'deployed'],
    ['dev.cdevents.service.upgraded.0.2.0', 'upgraded'],
    ['dev.cdevents.service.rolledback.0.1.1', 'rolledback'],
    ['dev.cdevents.service.removed.0.2.0-draft', 'removed'],
    ['dev.cdevents.service.published.0.3.0', undefined],
    ['dev.cdevents.pipelinerun.finished.0.2.0', undefined],
    ['dev.cdevents.service.deployed', undefined],
  ])('%s is %s', (type, predicate) => {
    expect(predicateOf(type)).toBe(predicate);
  });
});
