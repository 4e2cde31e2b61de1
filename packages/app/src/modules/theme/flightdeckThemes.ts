import {
  createUnifiedTheme,
  genPageTheme,
  palettes,
  shapes,
} from '@backstage/theme';

/** Flightdeck's brand colours: night-sky navy and runway-light amber. */
export const brand = {
  navy: '#0b1f3a',
  blue: '#1f5fae',
  sky: '#4a90d9',
  amber: '#f5a623',
};

const pageTheme = {
  home: genPageTheme({ colors: [brand.navy, brand.blue], shape: shapes.wave }),
  service: genPageTheme({
    colors: [brand.navy, brand.sky],
    shape: shapes.wave2,
  }),
  website: genPageTheme({
    colors: [brand.navy, brand.sky],
    shape: shapes.round,
  }),
  library: genPageTheme({
    colors: [brand.blue, brand.sky],
    shape: shapes.round,
  }),
  documentation: genPageTheme({
    colors: [brand.navy, brand.blue],
    shape: shapes.wave2,
  }),
  tool: genPageTheme({
    colors: [brand.navy, brand.amber],
    shape: shapes.round,
  }),
  other: genPageTheme({ colors: [brand.navy, brand.blue], shape: shapes.wave }),
};

const navigation = {
  background: brand.navy,
  indicator: brand.amber,
  color: '#b8c7dc',
  selectedColor: '#ffffff',
  navItem: { hoverBackground: '#16335c' },
  submenu: { background: '#102a4c' },
};

function flightdeckTheme(
  base: typeof palettes.light | typeof palettes.dark,
  primary: string,
) {
  return createUnifiedTheme({
    palette: {
      ...base,
      primary: { main: primary },
      secondary: { main: brand.amber },
      navigation,
    },
    defaultPageTheme: 'home',
    pageTheme,
  });
}

export const flightdeckLightTheme = flightdeckTheme(palettes.light, brand.blue);
export const flightdeckDarkTheme = flightdeckTheme(palettes.dark, brand.sky);
