import type { ModuleDef } from '../../platform/module';
import { registerPublicEventPrefix } from '../../platform/events/sse.routes';
import { startDemoFeed } from './wifi.demo.feed';
import { startMqttIngest } from './wifi.mqtt';
import { ngsiRoutes } from './wifi.ngsi';
import { wifiOpsRoutes } from './wifi.ops.routes';
import { wifiRoutes } from './wifi.routes';
import { wifiSeeds } from './wifi.seed';

export { WifiService } from './wifi.service';

// Wifi events carry device and place ids only (no personal data), so pages may watch them signed out.
registerPublicEventPrefix('wifi.');

export const wifiModule: ModuleDef = {
  name: 'wifi',
  seeds: wifiSeeds,
  routes(app, ctx) {
    wifiRoutes(app, ctx.services.wifi);
    wifiOpsRoutes(app, ctx.services.wifi);
    ngsiRoutes(app, ctx.services.wifi.public, ctx.services.wilayah);
  },
  async start(ctx) {
    const wifi = ctx.services.wifi;
    ctx.jobs.register({
      name: 'wifi.health.evaluate',
      everyMs: wifi.cfg.evaluateEveryS * 1000,
      run: async () => void (await wifi.health.evaluate()),
    });
    ctx.jobs.register({ name: 'wifi.rollup', everyMs: wifi.cfg.rollupEveryS * 1000, run: async () => void (await wifi.health.rollup()) });
    const stopFeed = await startDemoFeed(ctx);
    if (!ctx.config.MQTT_URL) return stopFeed;
    const mqtt = await startMqttIngest(ctx.config.MQTT_URL, wifi.cfg, wifi.telemetry, ctx.log);
    wifi.mqtt = mqtt;
    return async () => {
      await stopFeed?.();
      wifi.mqtt = undefined;
      await mqtt.stop();
    };
  },
};
