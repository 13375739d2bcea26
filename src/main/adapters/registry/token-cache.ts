/** Bearer tokens by scope, each kept until shortly before it expires. Lives in memory only. */
export class TokenCache {
  private readonly tokens = new Map<string, { readonly token: string; readonly expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(scope: string): string | null {
    const entry = this.tokens.get(scope);
    if (entry === undefined) return null;
    if (entry.expiresAt <= this.now()) {
      this.tokens.delete(scope);
      return null;
    }
    return entry.token;
  }

  /**
   * `expiresInSeconds` is the token server's `expires_in` (the spec's default is 60 s). The token is
   * dropped a little early — 10 % of its life, at most 30 s — so a request never leaves with a token that
   * expires on its way.
   */
  set(scope: string, token: string, expiresInSeconds: number): void {
    const lifeMs = Math.max(0, expiresInSeconds) * 1000;
    const margin = Math.min(30_000, lifeMs / 10);
    this.tokens.set(scope, { token, expiresAt: this.now() + lifeMs - margin });
  }

  forget(scope: string): void {
    this.tokens.delete(scope);
  }
}
