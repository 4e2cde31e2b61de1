import { brand } from '../theme/flightdeckThemes';

/** The Flightdeck mark: a delta wing climbing over a runway line. */
export const FlightdeckMark = ({ size = 30 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
    <path d="M3 20 L29 6 L18 26 L15 18 Z" fill={brand.amber} />
    <path d="M15 18 L29 6 L12 16 Z" fill="#ffd27a" />
    <rect x="3" y="27" width="26" height="2" rx="1" fill={brand.sky} />
  </svg>
);

export const FlightdeckLogo = () => (
  <span
    style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}
    aria-label="Flightdeck"
  >
    <FlightdeckMark />
    <span
      style={{
        color: '#ffffff',
        fontSize: 22,
        fontWeight: 700,
        letterSpacing: 0.5,
      }}
    >
      Flightdeck
    </span>
  </span>
);
