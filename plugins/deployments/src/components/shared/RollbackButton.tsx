import { assertError, ResponseError } from '@backstage/errors';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Deployment } from '@flightdeck/plugin-deployments-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Tooltip,
} from '@material-ui/core';
import { useState } from 'react';
import { RollbackSupport, deploymentsApiRef } from '../../api/DeploymentsApi';

/** The backend's own words when it answered with an error, else the error's. */
function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) return error.body.error.message;
  assertError(error);
  return error.message;
}

/** "Roll back to this version", with the reason it asks for. */
export const RollbackButton = ({
  deployment,
  support,
}: {
  deployment: Deployment;
  support?: RollbackSupport;
}) => {
  const api = useApi(deploymentsApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  let blocked: string | undefined;
  if (!support) blocked = 'Checking whether you may roll back…';
  else if (!support.allowed)
    blocked = "Only the service's owners and admins may roll back";
  else if (support.missing) blocked = support.missing;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.rollback(deployment.id, reason);
      alertApi.post({
        message: `Rollback to ${result.version} in ${result.environment} requested through ${result.provider}`,
        severity: 'success',
        display: 'transient',
      });
      setOpen(false);
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Tooltip
        title={
          blocked ??
          `Redeploy ${deployment.version} to ${deployment.environment}`
        }
      >
        <span>
          <Button
            size="small"
            variant="outlined"
            disabled={!!blocked}
            onClick={() => setOpen(true)}
          >
            Roll back
          </Button>
        </span>
      </Tooltip>
      <Dialog
        open={open}
        onClose={() => !busy && setOpen(false)}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle>
          Roll back {deployment.environment} to {deployment.version}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Flightdeck asks your CD system to redeploy {deployment.version}. The
            request and your reason are recorded in the audit log.
          </DialogContentText>
          <TextField
            fullWidth
            multiline
            minRows={2}
            id="rollback-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: 1000 }}
          />
          {error && (
            <DialogContentText
              color="error"
              role="alert"
              style={{ marginTop: 16 }}
            >
              {error}
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={busy || reason.trim().length < 3}
            onClick={submit}
          >
            Roll back
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
