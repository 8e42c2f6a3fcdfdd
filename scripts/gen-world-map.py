#!/usr/bin/env python3
"""Writes Schemas/world_110m.tsv: one SVG path per country, from Natural Earth's 1:110m countries.

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (https://www.naturalearthdata.com/),
public domain ("All versions of Natural Earth raster + vector map data found on this website are in the
public domain"), as shipped in the geopandas 0.14.4 wheel (geopandas/datasets/naturalearth_lowres):

    pip download --no-deps geopandas==0.14.4 && unzip geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    python3 scripts/gen-world-map.py geopandas/datasets/naturalearth_lowres/naturalearth_lowres

The shapefile (.shp polygons, .dbf attributes) is read with the standard library only. Each country is
projected with the Equal Earth projection into a 1000-unit-wide frame, simplified (Douglas-Peucker, 0.6
units), rings smaller than 2 square units are dropped, and coordinates are rounded to 0.1. Antarctica is
left out. ISO alpha-3 codes become alpha-2 through Schemas/iso3166_alpha3.tsv; the few features without an
ISO code in the file (France, Norway, Kosovo) are named by hand, and the rest without one
(Northern Cyprus, Somaliland) are left out.
"""
import math
import pathlib
import struct
import sys

root = pathlib.Path(__file__).resolve().parent.parent
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
SCALE = 1000 / (2 * 2.7064)
HANDMADE = {"France": "FR", "Norway": "NO", "Kosovo": "XK"}


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(math.sqrt(3) / 2 * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = A4 * t6 * t2 * theta + A3 * t6 * theta + A2 * t2 * theta + A1 * theta
    return 500 + x * SCALE, 1.3173 * SCALE - y * SCALE


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1e-12
    index, distance = 0, -1.0
    for i in range(1, len(points) - 1):
        px, py = points[i]
        d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if math.hypot(dx, dy) > 1e-12 else math.hypot(px - x1, py - y1)
        if d > distance:
            index, distance = i, d
    if distance <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def area(points):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def read_dbf(path):
    data = path.read_bytes()
    cpg = path.with_suffix(".cpg")
    encoding = cpg.read_text().strip() if cpg.exists() else "latin-1"
    encoding = "latin-1" if encoding.upper() in ("ISO-8859-1", "ISO88591", "1252") else encoding
    count, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode()
        fields.append((name, data[offset + 16]))
        offset += 32
    records = []
    for i in range(count):
        start = header_size + i * record_size + 1
        record = {}
        for name, size in fields:
            record[name] = data[start:start + size].decode(encoding).strip()
            start += size
        records.append(record)
    return records


def read_shp(path):
    data = path.read_bytes()
    offset, shapes = 100, []
    while offset < len(data):
        length = struct.unpack(">I", data[offset + 4:offset + 8])[0] * 2
        content = data[offset + 8:offset + 8 + length]
        shape_type = struct.unpack("<i", content[:4])[0]
        rings = []
        if shape_type == 5:
            parts, count = struct.unpack("<ii", content[36:44])
            starts = list(struct.unpack(f"<{parts}i", content[44:44 + 4 * parts])) + [count]
            base = 44 + 4 * parts
            points = [struct.unpack("<dd", content[base + 16 * i:base + 16 * i + 16]) for i in range(count)]
            rings = [points[starts[i]:starts[i + 1]] for i in range(parts)]
        shapes.append(rings)
        offset += 8 + length
    return shapes


def main():
    stem = pathlib.Path(sys.argv[1])
    alpha3 = {}
    for line in (root / "Schemas/iso3166_alpha3.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            three, two = line.split("\t")[:2]
            alpha3[three] = two
    out = [
        "# Country outlines for the world map charts: ISO alpha-2, name, SVG path in a 1000 x 487 Equal Earth frame.",
        "# Natural Earth 1:110m Admin 0 Countries (public domain, naturalearthdata.com), simplified by scripts/gen-world-map.py.",
    ]
    for record, rings in zip(read_dbf(stem.with_suffix(".dbf")), read_shp(stem.with_suffix(".shp"))):
        name, code = record["name"], alpha3.get(record["iso_a3"]) or HANDMADE.get(record["name"])
        if not code or record["continent"] == "Antarctica":
            continue
        path = []
        for ring in rings:
            projected = simplify([equal_earth(lon, lat) for lon, lat in ring], 0.6)
            if len(projected) < 4 or area(projected) < 2:
                continue
            projected = projected[:-1] if projected[0] == projected[-1] else projected
            path.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in projected) + "Z")
        if path:
            out.append(f"{code}\t{name}\t{''.join(path)}")
    (root / "Schemas/world_110m.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")


main()
