import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';

/**
 * A labelled drop-down that filters a view: an "all" choice (the empty
 * value) followed by the options.
 */
export const FilterSelect = ({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
  minWidth = 180,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  minWidth?: number;
}) => (
  <FormControl variant="outlined" size="small" style={{ minWidth }}>
    <InputLabel id={id} shrink>
      {label}
    </InputLabel>
    <Select
      displayEmpty
      labelId={id}
      label={label}
      value={value}
      onChange={e => onChange(e.target.value as string)}
    >
      <MenuItem value="">{allLabel}</MenuItem>
      {options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);
