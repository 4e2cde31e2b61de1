import { DORA_LEVELS, DoraLevel } from '@flightdeck/plugin-deployments-common';

const HOUR = 1;
const DAY = 24 * HOUR;

/**
 * Performance levels after the State of DevOps reports (2023 clusters):
 * - deployment frequency: elite daily or more, high weekly, medium monthly;
 * - lead time: elite under a day, high under a week, medium under a month;
 * - change failure rate: elite up to 5 %, high 10 %, medium 15 %;
 * - time to restore: elite under an hour, high under a day, medium under a week.
 */
export function deploymentFrequencyLevel(
  perDay: number,
  total: number,
): DoraLevel | null {
  if (total === 0) return null;
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

export function leadTimeLevel(medianHours: number | null): DoraLevel | null {
  if (medianHours === null) return null;
  if (medianHours < DAY) return 'elite';
  if (medianHours < 7 * DAY) return 'high';
  if (medianHours < 30 * DAY) return 'medium';
  return 'low';
}

export function changeFailureRateLevel(rate: number | null): DoraLevel | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

export function timeToRestoreLevel(
  medianHours: number | null,
): DoraLevel | null {
  if (medianHours === null) return null;
  if (medianHours < HOUR) return 'elite';
  if (medianHours < DAY) return 'high';
  if (medianHours < 7 * DAY) return 'medium';
  return 'low';
}

/** The weakest measured level: a team is as fast as its slowest key. */
export function overallLevel(
  levels: Array<DoraLevel | null>,
): DoraLevel | null {
  const measured = levels.filter((l): l is DoraLevel => l !== null);
  if (measured.length === 0) return null;
  return measured.reduce((worst, l) =>
    DORA_LEVELS.indexOf(l) > DORA_LEVELS.indexOf(worst) ? l : worst,
  );
}
