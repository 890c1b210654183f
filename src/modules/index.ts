import type { AppContext, ModuleDef } from '../platform/module';
import { identityModule, IdentityService } from './identity';
import { wilayahModule, WilayahService } from './wilayah';

/** Every module, in dependency order (seeds run in this order too). Identity first: its hook sets req.user. */
export const MODULES: ModuleDef[] = [identityModule, wilayahModule];

/** The services modules expose to each other (a module never touches another's tables). */
export interface Services {
  identity: IdentityService;
  wilayah: WilayahService;
}

export function buildServices(ctx: Omit<AppContext, 'services'>): Services {
  return {
    identity: new IdentityService(ctx.database, ctx.config.SESSION_TTL_HOURS),
    wilayah: new WilayahService(ctx.database),
  };
}
