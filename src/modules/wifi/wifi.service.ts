import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { EventBus } from '../../platform/events/bus';
import type { WilayahService } from '../wilayah';
import { loadWifiConfig, type WifiConfig } from './wifi.config';
import { WifiHealth } from './wifi.health.service';
import { WifiOps } from './wifi.ops.service';
import { WifiPublic } from './wifi.public.service';
import { WifiRegistry } from './wifi.registry.service';
import { WifiTelemetry } from './wifi.telemetry.service';
import type { MqttStats } from './wifi.mqtt';

/** The wifi module's services, one object per use case, sharing caches and configuration. */
export class WifiService {
  readonly cfg: WifiConfig;
  readonly registry: WifiRegistry;
  readonly telemetry: WifiTelemetry;
  readonly health: WifiHealth;
  readonly ops: WifiOps;
  readonly public: WifiPublic;
  /** Set while the MQTT subscription runs (MQTT_URL configured and the module started). */
  mqtt?: { stats: MqttStats; topic: string };

  constructor(database: Database, events: EventBus, wilayah: WilayahService, log: Logger) {
    this.cfg = loadWifiConfig();
    this.public = new WifiPublic(database, wilayah);
    this.telemetry = new WifiTelemetry(database, this.cfg, log);
    const onRegistryChange = () => {
      this.public.invalidate();
      this.telemetry.resetMacIndex();
    };
    this.registry = new WifiRegistry(database, events, wilayah, onRegistryChange);
    this.health = new WifiHealth(database, events, this.cfg, log, () => this.public.invalidate());
    this.ops = new WifiOps(database, events, wilayah, this.cfg);
    // Other instances' changes arrive as events: drop the caches they make stale.
    events.subscribe((e) => {
      // platform.events.resync: the LISTEN connection was lost, so events may have been missed.
      if (e.type === 'wifi.hotspot.changed' || e.type === 'wifi.ap.changed' || e.type === 'platform.events.resync') onRegistryChange();
      else if (e.type === 'wifi.health.evaluated') {
        const d = e.data as { aps_changed?: number; hotspots_changed?: number };
        if (d.aps_changed || d.hotspots_changed) this.public.invalidate();
      }
    });
  }
}
