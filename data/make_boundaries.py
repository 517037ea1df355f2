"""Build ``data/boundaries.geojson``: country borders around the corridor, for the offline map.

Source: Natural Earth 1:50m admin-0 countries (public domain, https://www.naturalearthdata.com), as shipped in
TopoJSON by the npm package ``world-atlas`` 2.0.2 (``countries-50m.json``; package code ISC, © Mike Bostock).
Run once, by hand, with the unpacked package (``cd /tmp && npm pack world-atlas@2.0.2 && tar xzf
world-atlas-2.0.2.tgz``)::

    python data/make_boundaries.py /tmp/package/countries-50m.json

The TopoJSON arcs are decoded (quantised, delta-encoded), every ring is clipped to the corridor's box
(:data:`BOX`), simplified (Douglas–Peucker, :data:`TOLERANCE` degrees) and rounded to 0.01°, so the file
stays small (about 60 KB) and the dashboard reads it with no network at run time. Nothing here runs in the app.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Corridor box: west, south, east, north (degrees); Moscow region to Xi'an with a margin.
BOX = (28.0, 28.0, 118.0, 62.0)
TOLERANCE = 0.04
OUT = Path(__file__).resolve().parent / "boundaries.geojson"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat of every arc of a quantised TopoJSON topology."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from arc indices (``~i`` = arc ``i`` reversed); shared end points kept once."""
    out: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def clip(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman clip of a closed ring to :data:`BOX`."""
    w, s, e, n = BOX
    edges = [
        (lambda p: p[0] >= w, lambda a, b: _x(a, b, w)),
        (lambda p: p[0] <= e, lambda a, b: _x(a, b, e)),
        (lambda p: p[1] >= s, lambda a, b: _y(a, b, s)),
        (lambda p: p[1] <= n, lambda a, b: _y(a, b, n)),
    ]
    for inside, cut in edges:
        if not pts:
            break
        src, pts = pts, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    pts.append(cut(prev, cur))
                pts.append(cur)
            elif inside(prev):
                pts.append(cut(prev, cur))
            prev = cur
    return pts


def _x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on an open polyline (iterative)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (x1, y1), (x2, y2) = pts[i], pts[j]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for k in range(i + 1, j):
            px, py = pts[k]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(pts, keep) if k]


def build(topo_path: Path) -> dict:
    topo = json.loads(topo_path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    features = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = {"Polygon": [g.get("arcs", [])], "MultiPolygon": g.get("arcs", [])}.get(g["type"], [])
        rings = []
        for poly in polys:
            for r in poly[:1]:  # outer rings only: no holes of interest in this box
                pts = clip(ring(r, arcs))
                if len(pts) < 3:
                    continue
                pts = simplify(pts + [pts[0]], TOLERANCE)
                pts = [(round(x, 2), round(y, 2)) for x, y in pts]
                if len(pts) >= 4:
                    rings.append([[list(p) for p in pts]])
        if rings:
            features.append(
                {
                    "type": "Feature",
                    "id": g.get("id"),
                    "properties": {"name": g["properties"]["name"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": rings},
                }
            )
    return {
        "type": "FeatureCollection",
        "bbox": list(BOX),
        "source": "Natural Earth 1:50m admin-0 countries (public domain) via npm world-atlas 2.0.2, "
        "clipped to the corridor box and simplified by data/make_boundaries.py",
        "features": features,
    }


if __name__ == "__main__":
    geo = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(geo, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"{OUT}: {len(geo['features'])} countries, {OUT.stat().st_size / 1024:.0f} KB")
