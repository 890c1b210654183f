import type { ModuleDef } from '../../platform/module';
import { installAuthHook } from './identity.auth';
import { identityRoutes } from './identity.routes';

export { IdentityService } from './identity.service';

export const identityModule: ModuleDef = {
  name: 'identity',
  routes(app, ctx) {
    installAuthHook(app, ctx.services.identity);
    identityRoutes(app, ctx.services.identity, ctx.config);
  },
};
