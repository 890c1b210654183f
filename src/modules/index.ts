import type { AppContext, ModuleDef } from '../platform/module';
import { identityModule, IdentityService } from './identity';
import { wilayahModule, WilayahService } from './wilayah';
import { wifiModule, WifiService } from './wifi';
import { covidModule } from './covid';

/** Every module, in dependency order (seeds run in this order too). Identity first: its hook sets req.user. */
export const MODULES: ModuleDef[] = [identityModule, wilayahModule, wifiModule, covidModule];

/** The services modules expose to each other (a module never touches another's tables). */
export interface Services {
  identity: IdentityService;
  wilayah: WilayahService;
  wifi: WifiService;
}

export function buildServices(ctx: Omit<AppContext, 'services'>): Services {
  const wilayah = new WilayahService(ctx.database);
  return {
    identity: new IdentityService(ctx.database, ctx.config.SESSION_TTL_HOURS, wilayah),
    wilayah,
    wifi: new WifiService(ctx.database, ctx.events, wilayah, ctx.log),
  };
}
