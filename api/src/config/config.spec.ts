import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe('postgres://kinship:kinship@127.0.0.1:5432/kinship');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.graphql.maxDepth).toBe(10);
    expect(config.graphql.introspection).toBe(true);
  });

  it('turns introspection off in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).graphql.introspection).toBe(false);
  });

  it('requires APP_SECRET in production, and email only when SMTP_URL is set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/APP_SECRET/);
    expect(loadConfig({}).email).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587' }).email).toMatchObject({ delayMs: 600_000 });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_PREFIX: 'a b' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('API_PORT');
      expect(problems).toContain('DATABASE_URL');
      expect(problems).toContain('REDIS_PREFIX');
    }
  });
});
