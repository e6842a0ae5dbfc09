import path from 'node:path';

/** Runtime configuration, read once from the environment (and CLI flags) and validated. */
export interface KoersConfig {
  /** PostgreSQL URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | null;
  /** Folder for the embedded database, the pseudonymisation key and other local state. */
  dataDir: string;
  host: string;
  port: number;
  /** Path of the file holding the pseudonymisation key (created with 0600 rights when missing). */
  keyFile: string;
  /** Folder with the official iWmo/iJw XSDs (optional): when set, messages are also validated against them. */
  xsdDir: string | null;
  /** Demo mode: the login page shows how to log in. */
  demo: boolean;
  /** Secure cookies (set when served behind HTTPS). */
  secureCookies: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ConfigOverrides {
  dataDir?: string;
  databaseUrl?: string | null;
  port?: number;
  host?: string;
  demo?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): KoersConfig {
  const problems: string[] = [];
  const dataDir = path.resolve(overrides.dataDir ?? env.KOERS_DATA_DIR ?? 'data');
  const portRaw = overrides.port ?? (env.PORT ? Number(env.PORT) : 3000);
  if (!Number.isInteger(portRaw) || portRaw < 0 || portRaw > 65535) problems.push(`PORT must be a number from 0 to 65535 (got "${env.PORT}")`);
  const databaseUrl = overrides.databaseUrl !== undefined ? overrides.databaseUrl : env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const xsdDir = env.KOERS_ISTANDAARDEN_XSD_DIR ? path.resolve(env.KOERS_ISTANDAARDEN_XSD_DIR) : null;
  if (problems.length) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return {
    databaseUrl,
    dataDir,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    port: portRaw,
    keyFile: path.resolve(env.KOERS_KEY_FILE ?? path.join(dataDir, 'pseudonym.key')),
    xsdDir,
    demo: overrides.demo ?? env.KOERS_DEMO === '1',
    secureCookies: env.KOERS_SECURE_COOKIES === '1',
  };
}
