import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/options';
import { issueAdminInvite } from '../modules/accounts/admin-invite';

/**
 * `npm run create-admin -- <email>`: prints a single-use ADMIN invite code for `email` as the last
 * line of output. Works on any migrated database, seeded or not.
 */
async function main(): Promise<void> {
  const email = process.argv[2]?.trim() ?? '';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    console.error('Usage: npm run create-admin -- <email>   (the address the first admin will register with)');
    process.exit(2);
  }
  const dataSource = new DataSource(dataSourceOptions(loadConfig()));
  await dataSource.initialize();
  try {
    const code = await issueAdminInvite(dataSource, email);
    console.log('Single-use ADMIN invite created. It expires in 7 days and works only with that email address.');
    console.log('Register at http://localhost:3000/register with this code:');
    console.log(code);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
