/**
 * A mistake in configuration or usage (bad pipeline file, unknown option): reported to the
 * user with exit code 2, never as a content diagnostic.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
