// Encryption at rest for secrets the engine must read back (TOTP seeds): AES-256-GCM
// from node:crypto, the key derived with HKDF-SHA256 from TOTP_ENCRYPTION_KEY or a
// key generated once and kept in the store. A sealed value is bound to its owner
// (the user id is the additional authenticated data), so a copied ciphertext does
// not open under another account. Values written before encryption existed are
// plain base32 and are recognised by the missing prefix, so they can be migrated.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc1:';

export interface SecretBox {
  seal(plain: string, owner: string): string;
  /** The plain value; a value stored before encryption is returned as it is. Throws on a tampered value. */
  open(stored: string, owner: string): string;
  isSealed(stored: string): boolean;
}

export function createSecretBox(keyMaterial: string, purpose: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'jinxiaocun-secret-box', purpose, 32));
  return {
    seal(plain, owner) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(owner, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')}`;
    },
    open(stored, owner) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, tag, body] = stored
        .slice(PREFIX.length)
        .split('.')
        .map((part) => Buffer.from(part, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(owner, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}
