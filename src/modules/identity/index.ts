import type { ModuleDef } from '../../platform/module';
import { auditRoutes } from '../../platform/audit/audit.routes';
import { installAuthHook } from './identity.auth';
import { identityRoutes } from './identity.routes';
import { identitySeeds } from './identity.seed';
import { userRoutes } from './identity.users.routes';

export { IdentityService } from './identity.service';

export const identityModule: ModuleDef = {
  name: 'identity',
  seeds: identitySeeds,
  // The auth hook goes first: every later route sees req.user.
  routes(app, ctx) {
    installAuthHook(app, ctx.services.identity);
    identityRoutes(app, ctx.services.identity, ctx.config);
    userRoutes(app, ctx.services.identity);
    auditRoutes(app, ctx.database.db);
  },
  async start(ctx) {
    ctx.jobs.register({
      name: 'identity.purge-expired-sessions',
      everyMs: 3600_000,
      run: async () => {
        await ctx.services.identity.purgeExpiredSessions();
      },
    });
  },
};
