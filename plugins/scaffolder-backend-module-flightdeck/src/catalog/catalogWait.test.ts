import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { catalogProcessingAfter } from '../__testUtils__/catalogProcessingAfter';
import { localHostComponent } from '../__testUtils__/entities';
import { exampleInput } from '../__testUtils__/exampleInput';
import { fakeSleep } from '../__testUtils__/fakeSleep';
import { createCatalogWaitAction } from './catalogWait';
import { examples } from './catalogWait.examples';

describe('flightdeck:catalog:wait', () => {
  const auth = mockServices.auth();
  const { pauses, sleep } = fakeSleep();
  /** The catalog makes the entity on its look after `looks` looks. */
  const processingAfter = (looks: number) =>
    catalogProcessingAfter(looks, localHostComponent('payments-ledger'));
  const neverProcessing = () =>
    catalogServiceMock.mock({ getEntityByRef: async () => undefined });

  const run = async (
    catalog: ReturnType<typeof catalogServiceMock.mock>,
    input: Record<string, any>,
    options: { signal?: AbortSignal; realSleep?: boolean } = {},
  ) => {
    const action = createCatalogWaitAction({
      catalog,
      auth,
      ...(!options.realSleep && { sleep }),
    });
    const ctx = {
      ...createMockActionContext({
        input,
        // The action never reads the workspace.
        workspacePath: '/nowhere',
        logger: mockServices.logger.mock(),
      }),
      signal: options.signal,
    };
    await action.handler(ctx as any);
    return ctx;
  };

  it('looks with its own credentials, and passes at once when the entity is there', async () => {
    const catalog = processingAfter(0);
    const ctx = await run(catalog, { entityRef: 'payments-ledger' });
    expect(jest.mocked(ctx.output).mock.calls).toEqual([
      ['entityRef', 'component:default/payments-ledger'],
    ]);
    expect(pauses).toEqual([]);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'payments-ledger' },
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'component:default/payments-ledger is in the catalog',
    );
  });

  it('looks more and more rarely, up to every 2 seconds', async () => {
    const ctx = await run(processingAfter(6), {
      entityRef: 'component:default/payments-ledger',
    });
    expect(pauses).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Waiting for the catalog to process component:default/payments-ledger',
    );
  });

  it('gives up after a minute unless told otherwise, naming the entity', async () => {
    await expect(
      run(neverProcessing(), { entityRef: 'payments-ledger' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'component:default/payments-ledger is not in the catalog after 60 seconds: the catalog has not processed the location it was registered from yet, or could not (its processing errors tell why)',
    });
    expect(pauses.reduce((sum, ms) => sum + ms, 0)).toBe(60_000);
  });

  it('stops when the task is cancelled', async () => {
    jest.useRealTimers();
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    const started = Date.now();
    await expect(
      run(
        neverProcessing(),
        { entityRef: 'payments-ledger' },
        { signal: cancel.signal, realSleep: true },
      ),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('passes on a failing catalog with its cause', async () => {
    const outage = new ServiceUnavailableError('the catalog is restarting');
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => {
        throw outage;
      },
    });
    await expect(
      run(catalog, { entityRef: 'payments-ledger' }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'Could not look for component:default/payments-ledger in the catalog; caused by ServiceUnavailableError: the catalog is restarting',
      cause: outage,
    });
  });

  it('refuses an entity ref it cannot read', async () => {
    await expect(
      run(neverProcessing(), { entityRef: 'component:' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^Invalid entityRef 'component:'/),
    });
  });

  describe('examples', () => {
    it('has an example for each test below', () => {
      expect(examples.map(e => e.description)).toEqual([
        'Register a new service, and wait until its catalog page can be opened',
        'Wait up to two minutes for a service in a namespace of its own',
      ]);
    });

    it('waits until the catalog has processed the service catalog:register registered', async () => {
      const catalog = processingAfter(2);
      const ctx = await run(
        catalog,
        exampleInput(examples[0], 'flightdeck:catalog:wait', {
          'steps.register.output.entityRef':
            'component:default/payments-ledger',
        }),
      );
      expect(jest.mocked(ctx.output).mock.calls).toEqual([
        ['entityRef', 'component:default/payments-ledger'],
      ]);
      expect(pauses).toEqual([250, 500]);
      expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    });

    it('gives up after two minutes, naming the service', async () => {
      await expect(
        run(
          neverProcessing(),
          exampleInput(examples[1], 'flightdeck:catalog:wait'),
        ),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringMatching(
          /^component:payments\/payments-ledger is not in the catalog after 120 seconds/,
        ),
      });
      expect(pauses.reduce((sum, ms) => sum + ms, 0)).toBe(120_000);
    });
  });
});
