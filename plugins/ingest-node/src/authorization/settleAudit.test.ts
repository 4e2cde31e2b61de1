import { settleAudit } from './settleAudit';

const auditEvent = () => ({ success: jest.fn(), fail: jest.fn() });

describe('settleAudit', () => {
  it('closes the event as done, with what the outcome says', async () => {
    const audit = auditEvent();
    await expect(
      settleAudit(
        audit,
        async () => ({ id: 'd-1' }),
        outcome => ({
          deploymentId: outcome.id,
        }),
      ),
    ).resolves.toEqual({ id: 'd-1' });
    expect(audit.success).toHaveBeenCalledWith({
      meta: { deploymentId: 'd-1' },
    });
    expect(audit.fail).not.toHaveBeenCalled();
  });

  it('closes the event as failed and throws the error on', async () => {
    const audit = auditEvent();
    const error = new Error('the provider refused');
    await expect(
      settleAudit(audit, async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(audit.fail).toHaveBeenCalledWith({ error });
    expect(audit.success).not.toHaveBeenCalled();
  });
});
