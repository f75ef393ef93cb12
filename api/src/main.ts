import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app.factory';
import { stopOnSignals } from './common/shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  stopOnSignals(app);
  console.log(JSON.stringify({ level: 30, service: 'api', msg: `api listening on http://${config.host}:${config.port}` }));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
