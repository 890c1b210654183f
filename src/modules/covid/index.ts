import type { AppContext, ModuleDef } from '../../platform/module';
import { CovidService } from './covid.service';
import { covidReportRoutes } from './covid.routes';
import { covidPublicRoutes } from './covid.public.routes';
import { covidSeeds } from './covid.seed';
import { registerPublicEventPrefix } from '../../platform/events/sse.routes';

// Covid events carry region codes and dates only (no figures, no people): anyone may watch them.
registerPublicEventPrefix('covid.');

export { CovidService } from './covid.service';

// One service per app context; it needs the other modules' services, so it is built on first use
// rather than in buildServices.
const services = new WeakMap<AppContext, CovidService>();

/** The covid service of an app context (created on first use). */
export function covidService(ctx: AppContext): CovidService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new CovidService(ctx)));
  return s;
}

export const covidModule: ModuleDef = {
  name: 'covid',
  seeds: covidSeeds,
  routes(app, ctx) {
    const svc = covidService(ctx);
    const unsubscribe = svc.subscribe();
    app.addHook('onClose', async () => unsubscribe());
    covidReportRoutes(app, svc);
    covidPublicRoutes(app, svc);
  },
};
