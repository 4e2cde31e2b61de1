import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const layout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () =>
      (await import('./FlightdeckHomeLayout')).FlightdeckHomeLayout,
  },
});

const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'FlightdeckWelcome',
    title: 'Welcome to Flightdeck',
    description: 'What the portal offers and where to start',
    components: async () => ({
      Content: (await import('./WelcomeCard')).WelcomeCard,
    }),
  },
});

const myServicesWidget = HomePageWidgetBlueprint.make({
  name: 'my-services',
  params: {
    name: 'FlightdeckMyServices',
    title: "Your teams' services",
    description: 'Components owned by you or your teams',
    components: async () => ({
      Content: (await import('./MyServicesCard')).MyServicesCard,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [layout, welcomeWidget, myServicesWidget],
});
