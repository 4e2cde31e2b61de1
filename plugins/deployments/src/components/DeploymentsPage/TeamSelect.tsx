import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';

export const teamTitle = (team: Entity) =>
  team.metadata.title ??
  (team.spec?.profile as { displayName?: string } | undefined)?.displayName ??
  team.metadata.name;

/** Chooses a team, or everyone. */
export const TeamSelect = ({
  teams,
  value,
  onChange,
}: {
  teams: Entity[];
  value: string;
  onChange: (owner: string) => void;
}) => (
  <FormControl variant="outlined" size="small" style={{ minWidth: 220 }}>
    <InputLabel id="deployments-team" shrink>
      Team
    </InputLabel>
    <Select
      displayEmpty
      labelId="deployments-team"
      label="Team"
      value={value}
      onChange={e => onChange(e.target.value as string)}
    >
      <MenuItem value="">All teams</MenuItem>
      {value && !teams.some(team => stringifyEntityRef(team) === value) && (
        // A group from a shared link that is not a team still shows.
        <MenuItem value={value}>{value}</MenuItem>
      )}
      {teams.map(team => {
        const ref = stringifyEntityRef(team);
        return (
          <MenuItem key={ref} value={ref}>
            {teamTitle(team)}
          </MenuItem>
        );
      })}
    </Select>
  </FormControl>
);
