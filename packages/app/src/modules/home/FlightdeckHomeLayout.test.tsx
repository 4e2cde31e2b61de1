import { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';
import { placeWidgets } from './FlightdeckHomeLayout';

const widget = (name: string) =>
  ({ name, component: <div>{name}</div> } as unknown as HomePageWidgetData);

describe('placeWidgets', () => {
  it('orders widgets by row, then column, with their configured widths', () => {
    const placed = placeWidgets(
      [widget('Toolkit'), widget('Welcome'), widget('Search'), widget('Mine')],
      [
        { component: 'Search', row: 0, column: 0, width: 12, height: 2 },
        { component: 'Welcome', row: 2, column: 0, width: 6, height: 8 },
        { component: 'Mine', row: 2, column: 6, width: 6, height: 8 },
        { component: 'Toolkit', row: 10, column: 6, width: 4, height: 4 },
      ],
    );
    expect(placed.map(p => [p.widget.name, p.width])).toEqual([
      ['Search', 12],
      ['Welcome', 6],
      ['Mine', 6],
      ['Toolkit', 4],
    ]);
  });

  it('puts widgets the layout does not mention last, at half width', () => {
    const placed = placeWidgets(
      [widget('NewCard'), widget('Search')],
      [{ component: 'Search', row: 0, column: 0, width: 12, height: 2 }],
    );
    expect(placed.map(p => [p.widget.name, p.width])).toEqual([
      ['Search', 12],
      ['NewCard', 6],
    ]);
  });
});
