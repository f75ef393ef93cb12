import argon2 from 'argon2';

/**
 * argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane). Tests use a cheap cost so a suite
 * of sign-ups runs in seconds; the stored hash records its parameters, so both verify anywhere.
 */
export class Passwords {
  private readonly options: { type: 0 | 1 | 2; memoryCost: number; timeCost: number; parallelism: number };

  constructor(cheap: boolean) {
    this.options = cheap
      ? { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 }
      : { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** A hash of nothing, verified against when the email is unknown so both paths take as long. */
  private decoy?: Promise<string>;
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('kinship-decoy-password');
    await this.verify(await this.decoy, password);
    return false;
  }
}
