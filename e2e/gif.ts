// A tiny GIF encoder for tests: grey pixels from a 4-colour palette (0, 85, 170, 255), written
// as LZW with a clear code before every pair of pixels, so every code stays 3 bits wide (no
// compression, but a file any GIF decoder reads). The decoder under test is the browser's.
export function greyGif(
  width: number,
  height: number,
  level: (x: number, y: number) => 0 | 1 | 2 | 3,
) {
  const codes: number[] = [];
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.push(level(x, y));
  for (let i = 0; i < pixels.length; i += 2) codes.push(4, ...pixels.slice(i, i + 2)); // 4 = clear
  codes.push(5); // end of information
  const data: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of codes) {
    acc |= c << bits;
    bits += 3;
    while (bits >= 8) {
      data.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) data.push(acc);
  const blocks: number[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const part = data.slice(i, i + 255);
    blocks.push(part.length, ...part);
  }
  const u16 = (v: number) => [v & 0xff, v >> 8];
  return Uint8Array.from([
    ...[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], // GIF89a
    ...u16(width),
    ...u16(height),
    0xf1, // global colour table, 8 bits per channel, 4 entries
    0,
    0,
    ...[0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255],
    0x2c, // image descriptor
    ...u16(0),
    ...u16(0),
    ...u16(width),
    ...u16(height),
    0,
    2, // LZW minimum code size
    ...blocks,
    0,
    0x3b, // trailer
  ]);
}
