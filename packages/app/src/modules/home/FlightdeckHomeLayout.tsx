import { Content, Header, Page } from '@backstage/core-components';
import {
  HomePageDefaultConfigItem,
  HomePageLayoutProps,
  HomePageWidgetData,
} from '@backstage/plugin-home-react/alpha';
import { Grid } from '@material-ui/core';

type Placed = { widget: HomePageWidgetData; width: number };

/**
 * Orders widgets by their row and column in the configured layout and gives
 * each the configured width (full or a share of 12 columns) on wide screens;
 * on narrow screens every widget takes the full width. Widgets missing from
 * the configuration follow at half width.
 */
export function placeWidgets(
  widgets: HomePageWidgetData[],
  defaultConfig: HomePageDefaultConfigItem[] = [],
): Placed[] {
  const configured = new Map(defaultConfig.map(item => [item.component, item]));
  const position = (widget: HomePageWidgetData) => {
    const item = widget.name ? configured.get(widget.name) : undefined;
    return item ? item.row * 100 + item.column : Number.MAX_SAFE_INTEGER;
  };
  return [...widgets]
    .sort((a, b) => position(a) - position(b))
    .map(widget => {
      const item = widget.name ? configured.get(widget.name) : undefined;
      return { widget, width: Math.min(12, Math.max(3, item?.width ?? 6)) };
    });
}

export function FlightdeckHomeLayout({
  widgets,
  defaultConfig,
}: HomePageLayoutProps) {
  return (
    <Page themeId="home">
      <Header
        title="Flightdeck"
        subtitle="Skyhop's services, their owners, and how they are doing"
      />
      <Content>
        <Grid container spacing={3} alignItems="stretch">
          {placeWidgets(widgets, defaultConfig).map(({ widget, width }, i) => (
            <Grid
              item
              xs={12}
              md={width as 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}
              key={widget.name ?? i}
            >
              {widget.component}
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
