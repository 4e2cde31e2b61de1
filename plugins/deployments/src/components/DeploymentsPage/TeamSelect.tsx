import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FilterSelect } from '../shared/FilterSelect';

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
}) => {
  const options = teams.map(team => ({
    value: stringifyEntityRef(team),
    label: teamTitle(team),
  }));
  // A group from a shared link that is not a team still shows.
  if (value && !options.some(option => option.value === value)) {
    options.unshift({ value, label: value });
  }
  return (
    <FilterSelect
      id="deployments-team"
      label="Team"
      allLabel="All teams"
      value={value}
      options={options}
      onChange={onChange}
      minWidth={220}
    />
  );
};
