import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';
import { themeModule } from './modules/theme';
import { homeModule } from './modules/home';

// Plugins come from `app.packages: all`; these modules brand and arrange them.
export default createApp({
  features: [navModule, signInModule, themeModule, homeModule],
});
