/**
 * Mailpit's SMTP chaos: each trigger makes the embedded SMTP server answer a stage of the
 * session (MAIL FROM, RCPT TO, AUTH) with an error code, with a given probability. It exists
 * so a user can make the sandbox's own request emails fail and watch the mailer retry. Off
 * unless the sandbox was started with `--smtp-chaos`, as Mailpit needs `--enable-chaos`.
 */

export interface ChaosTrigger {
  ErrorCode: number;
  Probability: number;
}

export interface ChaosTriggers {
  Sender: ChaosTrigger;
  Recipient: ChaosTrigger;
  Authentication: ChaosTrigger;
}

export type ChaosStage = keyof ChaosTriggers;

const DEFAULT_CODES: Record<ChaosStage, number> = { Sender: 451, Recipient: 451, Authentication: 535 };

export class ChaosError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChaosError';
  }
}

export const CHAOS_DISABLED = 'Chaos is not enabled (start passfort-sandbox with --smtp-chaos)';

export class Chaos {
  readonly enabled: boolean;
  #triggers: ChaosTriggers = Chaos.defaults();
  readonly #random: () => number;

  constructor(enabled: boolean, random: () => number = Math.random) {
    this.enabled = enabled;
    this.#random = random;
  }

  static defaults(): ChaosTriggers {
    return {
      Sender: { ErrorCode: DEFAULT_CODES.Sender, Probability: 0 },
      Recipient: { ErrorCode: DEFAULT_CODES.Recipient, Probability: 0 },
      Authentication: { ErrorCode: DEFAULT_CODES.Authentication, Probability: 0 },
    };
  }

  get triggers(): ChaosTriggers {
    return structuredClone(this.#triggers);
  }

  /** Replaces every trigger; omitted ones go back to 0 %. Throws ChaosError on bad values. */
  set(input: unknown): ChaosTriggers {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ChaosError('the body must be a JSON object');
    const next = Chaos.defaults();
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      const stage = (['Sender', 'Recipient', 'Authentication'] as const).find((s) => s.toLowerCase() === key.toLowerCase());
      if (!stage) throw new ChaosError(`unknown key ${key}`);
      if (value === null || typeof value !== 'object') throw new ChaosError(`${stage} must be an object with ErrorCode and Probability`);
      const v = value as Record<string, unknown>;
      const code = v.ErrorCode === undefined || v.ErrorCode === 0 ? DEFAULT_CODES[stage] : v.ErrorCode;
      const probability = v.Probability ?? 0;
      if (typeof code !== 'number' || !Number.isInteger(code) || code < 400 || code > 599) {
        throw new ChaosError('error code must be between 400 and 599');
      }
      if (typeof probability !== 'number' || !Number.isInteger(probability) || probability < 0 || probability > 100) {
        throw new ChaosError('probability must be between 0 and 100');
      }
      next[stage] = { ErrorCode: code, Probability: probability };
    }
    this.#triggers = next;
    return this.triggers;
  }

  /** The error code to answer with at this stage, or null to carry on. */
  fire(stage: ChaosStage): number | null {
    if (!this.enabled) return null;
    const t = this.#triggers[stage];
    if (t.Probability <= 0) return null;
    return Math.floor(this.#random() * 100) < t.Probability ? t.ErrorCode : null;
  }
}
