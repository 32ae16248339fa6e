/**
 * crc32(bytea) and crc32c(bytea), as PostgreSQL 18 has them: the CRC-32 of the bytes (the
 * reflected polynomial 0xEDB88320 of zlib and Ethernet) and CRC-32C (Castagnoli, 0x82F63B78),
 * each as a bigint between 0 and 2^32 − 1.
 */
import { BIGINT, BYTEA } from '../../types/index.ts';
import { fn, type FunctionSignature } from '../function-signature.ts';

function table(polynomial: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
}

const CRC32 = table(0xedb88320);
const CRC32C = table(0x82f63b78);

function crc(t: Uint32Array, bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const crc32 = (bytes: Uint8Array): number => crc(CRC32, bytes);
export const crc32c = (bytes: Uint8Array): number => crc(CRC32C, bytes);

export const CRC_FUNCTIONS: readonly FunctionSignature[] = [
  fn('crc32', [BYTEA], BIGINT, ([b]) => crc32(b as Uint8Array)),
  fn('crc32c', [BYTEA], BIGINT, ([b]) => crc32c(b as Uint8Array)),
];
