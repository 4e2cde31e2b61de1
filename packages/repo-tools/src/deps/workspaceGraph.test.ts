import { workspaceGraphDot, renderSvg } from './workspaceGraph';
import { WorkspacePackage } from './workspacePackages';

const pkg = (
  name: string,
  location: string,
  role: string,
  dependencies: string[] = [],
  devDependencies: string[] = [],
): WorkspacePackage => ({
  name,
  location,
  role,
  entries: [],
  dependencies: new Set(dependencies),
  devDependencies: new Set(devDependencies),
  declared: new Set([...dependencies, ...devDependencies]),
});

describe('workspaceGraphDot', () => {
  const packages = [
    pkg('@t/web', 'plugins/web', 'frontend-plugin', ['@t/common', 'react']),
    pkg(
      '@t/api',
      'plugins/api',
      'backend-plugin',
      ['@t/common'],
      ['@t/support'],
    ),
    pkg('@t/common', 'plugins/common', 'common-library'),
    pkg('@t/support', 'packages/support', 'node-library'),
  ];

  it('draws declared workspace dependencies, dashed for dev ones, and no npm packages', () => {
    const dot = workspaceGraphDot(packages);
    expect(dot).toContain('"plugins/web" -> "plugins/common";');
    expect(dot).toContain('"plugins/api" -> "plugins/common";');
    expect(dot).toContain(
      '"plugins/api" -> "packages/support" [style=dashed];',
    );
    expect(dot).not.toContain('react');
  });

  it('names a package every other one depends on in the caption, not with an arrow from each', () => {
    const withConfig = [
      ...packages.map(p => ({
        ...p,
        declared: new Set([...p.declared, '@t/config']),
        devDependencies: new Set([...p.devDependencies, '@t/config']),
      })),
      pkg('@t/config', 'packages/config', 'config'),
    ];
    const dot = workspaceGraphDot(withConfig);
    expect(dot).not.toContain('"packages/config"');
    expect(dot).toContain('Every package also depends on @t/config');
    expect(dot).toContain('"plugins/web" -> "plugins/common";');
  });

  it('renders to SVG', async () => {
    const svg = await renderSvg(workspaceGraphDot(packages));
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('@t/common');
  });
});
