#!/usr/bin/env python3
"""Writes an rpki-client style VRP export (`{"metadata": …, "roas": […]}`) with N entries, about the size of a
full validator export, plus the ROAs the generated benchmark inventory needs."""
import json, random, sys

path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(6811)
roas = []
for index in range(count):
    if index % 4 == 0:
        prefix = f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.0/24"
        roas.append({"asn": rng.randrange(1, 400000), "prefix": prefix, "maxLength": 24, "ta": "ripe",
                     "expires": 1767225600})
    else:
        length = rng.choice([32, 36, 40, 44, 48])
        words = [0x2000 | rng.randrange(0x1000), rng.randrange(0x10000), rng.randrange(0x10000)]
        network = ":".join(f"{w:x}" for w in words[: (length + 15) // 16]) + "::"
        mask_words = (length + 15) // 16
        value = 0
        for w in words[:mask_words]:
            value = value << 16 | w
        value >>= (16 * mask_words - length)
        value <<= (16 * mask_words - length)
        parts = [(value >> (16 * (mask_words - 1 - i))) & 0xFFFF for i in range(mask_words)]
        network = ":".join(f"{p:x}" for p in parts) + "::"
        roas.append({"asn": f"AS{rng.randrange(1, 400000)}", "prefix": f"{network}/{length}",
                     "maxLength": min(48, length + 8), "ta": rng.choice(["ripe", "arin", "apnic"]),
                     "expires": 1767225600})
for n in range(10):
    roas.append({"asn": "AS65001", "prefix": f"2001:db8:{n * 256:x}::/40", "maxLength": 64, "ta": "bench",
                 "expires": 1767225600})
with open(path, "w") as f:
    json.dump({"metadata": {"buildmachine": "bench", "vrps": len(roas)}, "roas": roas}, f, indent=1)
print(f"{len(roas)} VRPs in {path}")
