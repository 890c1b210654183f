import type { ModuleDef } from '../../platform/module';
import { wilayahRoutes } from './wilayah.routes';
import { wilayahSeeds } from './wilayah.seed';

export { WilayahService } from './wilayah.service';

export const wilayahModule: ModuleDef = {
  name: 'wilayah',
  seeds: wilayahSeeds,
  routes(app, ctx) {
    wilayahRoutes(app, ctx.services.wilayah);
  },
};
