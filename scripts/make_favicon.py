"""Write src/urbanforum/static/favicon.ico (16 and 32 px) from the same shape as favicon.svg:
a white "U" (stroke 4, round caps) on a #12324f rounded square. Pure Python, no image library:
each pixel is supersampled 4×4 against the shape's geometry. Run: python scripts/make_favicon.py"""

from __future__ import annotations

import math
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "urbanforum" / "static" / "favicon.ico"
BG = (0x12, 0x32, 0x4F)
FG = (0xFF, 0xFF, 0xFF)


def _in_rounded_square(x: float, y: float, r: float = 6.0) -> bool:
    cx = min(max(x, r), 32 - r)
    cy = min(max(y, r), 32 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _distance_to_u(x: float, y: float) -> float:
    # Path: M9 8 v9 a7 7 0 0 0 14 0 V8 — two vertical strokes joined by the lower half circle.
    if y <= 17:
        d_left = math.hypot(x - 9, y - min(max(y, 8), 17))
        d_right = math.hypot(x - 23, y - min(max(y, 8), 17))
        return min(d_left, d_right)
    return abs(math.hypot(x - 16, y - 17) - 7)


def _pixels(size: int) -> list[tuple[int, int, int, int]]:
    scale = 32 / size
    rows = []
    for py in range(size):
        for px in range(size):
            bg = fg = 0
            for sy in range(4):
                for sx in range(4):
                    x = (px + (sx + 0.5) / 4) * scale
                    y = (py + (sy + 0.5) / 4) * scale
                    if _in_rounded_square(x, y):
                        if _distance_to_u(x, y) <= 2:
                            fg += 1
                        else:
                            bg += 1
            cover = bg + fg
            if cover == 0:
                rows.append((0, 0, 0, 0))
                continue
            rgb = tuple(round((b * bg + f * fg) / cover) for b, f in zip(BG, FG, strict=True))
            rows.append((rgb[0], rgb[1], rgb[2], round(255 * cover / 16)))
    return rows


def _bmp(size: int) -> bytes:
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = _pixels(size)
    body = bytearray()
    for row in reversed(range(size)):  # BMP rows go bottom-up, BGRA
        for r, g, b, a in pixels[row * size : (row + 1) * size]:
            body += bytes((b, g, r, a))
    mask_row = ((size + 31) // 32) * 4
    return header + bytes(body) + bytes(mask_row * size)


def main() -> None:
    images = [(s, _bmp(s)) for s in (16, 32)]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in images:
        out += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    OUT.write_bytes(out + b"".join(data for _s, data in images))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
