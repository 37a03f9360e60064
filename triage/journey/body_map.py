"""The body map's drawing: two whole figures, seen from behind and from the front, and where each
choice of the body-map question sits on them.

The drawing is WIDTH x HEIGHT units; on a 390 px phone it is drawn about 338 CSS px wide, so a
unit is about a pixel there (never less than 0.99 px). Every region's tap target, an invisible
rectangle under the shape you see, is at least MIN_TARGET units each way, so at least 44 x 44
CSS px; targets of different choices never overlap. A choice an editor adds later simply has no
region: its checkbox works all the same.

Shapes are given for the left half of a figure as (dx, y), dx the distance from the figure's
centre line; the right half is the mirror image.
"""

WIDTH = 340
HEIGHT = 478
BACK, FRONT = 83, 257  # the centre lines of the two figures
CAPTION_Y = 16
MIN_TARGET = 46


def _number(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _point(point):
    return f"{_number(point[0])} {_number(point[1])}"


def _midpoint(a, b):
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _smooth(points):
    """A closed smooth path through the midpoints of a polygon's sides, pulled to its corners."""
    mids = [_midpoint(points[i - 1], points[i]) for i in range(len(points))]
    path = [f"M{_point(mids[0])}"]
    for i in range(len(points)):
        path.append(f"Q{_point(points[i])} {_point(mids[(i + 1) % len(points)])}")
    return " ".join(path) + " Z"


def _rounded(points, radius):
    """A closed path along a polygon, its corners rounded off by `radius`."""
    path = []
    count = len(points)
    for i, (x, y) in enumerate(points):
        before, after = points[i - 1], points[(i + 1) % count]
        ends = []
        for px, py in (before, after):
            length = ((px - x) ** 2 + (py - y) ** 2) ** 0.5
            cut = min(radius, length / 2) / length
            ends.append((x + (px - x) * cut, y + (py - y) * cut))
        path.append(
            f"{'M' if not path else 'L'}{_point(ends[0])} Q{_point((x, y))} {_point(ends[1])}"
        )
    return " ".join(path) + " Z"


def _box(x, y, width, height):
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]


def _ellipse(cx, cy, rx, ry):
    left, right = _point((cx - rx, cy)), _point((cx + rx, cy))
    radii = f"{_number(rx)} {_number(ry)}"
    return f"M{left} A{radii} 0 1 0 {right} A{radii} 0 1 0 {left} Z"


def _place(points, cx, mirrored=False):
    sign = -1 if mirrored else 1
    placed = [(cx + sign * dx, y) for dx, y in points]
    return placed[::-1] if mirrored else placed


def _bounds(points):
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


# --- The figures: flat shapes, the same for both views ----------------------------------------

TORSO = [
    (-9, 70),
    (-24, 73),
    (-52, 75),
    (-62, 80),
    (-64, 96),
    (-60, 150),
    (-60, 196),
    (-64, 250),
    (-64, 298),
    (-40, 302),
]
ARM = [
    (-56, 77),
    (-70, 79),
    (-79, 90),
    (-80, 140),
    (-81, 200),
    (-81, 250),
    (-80, 266),
    (-74, 272),
    (-68, 266),
    (-67, 250),
    (-67, 200),
    (-67, 140),
    (-64, 108),
]
LEG = [
    (-64, 250),
    (-64, 300),
    (-63, 320),
    (-57, 372),
    (-56, 388),
    (-57, 410),
    (-50, 446),
    (-49, 458),
    (-52, 466),
    (-48, 472),
    (-22, 472),
    (-18, 466),
    (-20, 458),
    (-19, 446),
    (-9, 410),
    (-7, 388),
    (-6, 372),
    (-3, 320),
    (-2, 290),
    (-2, 260),
]


def _figure(cx):
    torso = _place(TORSO, cx) + _place(TORSO, cx, mirrored=True)
    return [
        _ellipse(cx, 44, 19, 19),
        _rounded(_box(cx - 9, 56, 18, 22), 2),
        _smooth(torso),
        _smooth(_place(ARM, cx)),
        _smooth(_place(ARM, cx, mirrored=True)),
        _smooth(_place(LEG, cx)),
        _smooth(_place(LEG, cx, mirrored=True)),
    ]


BODY_MAP_FIGURES = [
    {"view": "back", "x": BACK, "caption_y": CAPTION_Y, "paths": _figure(BACK)},
    {"view": "front", "x": FRONT, "caption_y": CAPTION_Y, "paths": _figure(FRONT)},
]


# --- The regions ---------------------------------------------------------------------------


def _shape(d, hit, mark=None):
    x, y, width, height = hit
    assert width >= MIN_TARGET and height >= MIN_TARGET, (d, hit)
    return {"d": d, "hit": hit, "mark": mark or (x + width / 2, y + height / 2)}


def _block(cx, box, radius, hit=None, mirrored=False):
    """A rounded block at `box` (dx, y, width, height), on its invisible tap target `hit`."""
    points = _place(_box(*box), cx, mirrored)
    target = _bounds(_place(_box(*(hit or box)), cx, mirrored))
    x, y, width, height = _bounds(points)
    return _shape(_rounded(points, radius), target, (x + width / 2, y + height / 2))


def _outline(cx, points, radius, mirrored=False):
    """A rounded polygon (dx, y) whose tap target is its bounding box."""
    placed = _place(points, cx, mirrored)
    return _shape(_rounded(placed, radius), _bounds(placed))


def _both(make):
    return [make(mirrored=False), make(mirrored=True)]


THIGH = [(-60, 306), (-6, 306), (-9, 374), (-55, 374)]
CALF = [(-55, 392), (-9, 392), (-18, 450), (-47, 450)]
GROIN = [(-62, 236), (-44, 236), (-6, 278), (-6, 294), (-22, 294), (-62, 258)]


def _dimple(mirrored):
    sign = -1 if mirrored else 1
    cx = BACK - sign * 25
    hit = (BACK - 48, 200, 46, 46) if not mirrored else (BACK + 2, 200, 46, 46)
    return _shape(_ellipse(cx, 223, 18, 18), hit, (cx, 223))


def _buttock(mirrored):
    sign = -1 if mirrored else 1
    cx = BACK - sign * 32.5
    hit = (BACK - 63, 250, 61, 50) if not mirrored else (BACK + 2, 250, 61, 50)
    return _shape(_ellipse(cx, 275, 29.5, 25), hit, (cx, 275))


# Where each body-map choice sits: its shapes (path, tap target, where its number goes).
BODY_MAP_REGIONS = {
    # From behind.
    "between_shoulder_blades": [_block(BACK, (-23, 86, 46, 50), 12)],
    "low_back_centre": [_block(BACK, (-23, 148, 46, 48), 10)],
    "low_back_one_side": _both(
        lambda mirrored: _block(BACK, (-57, 148, 31, 48), 10, (-71, 148, 46, 48), mirrored)
    ),
    "pelvic_dimple": _both(_dimple),
    "buttock": _both(_buttock),
    "back_of_thigh": _both(lambda mirrored: _outline(BACK, THIGH, 10, mirrored)),
    "below_knee": _both(lambda mirrored: _outline(BACK, CALF, 10, mirrored)),
    # From the front.
    "side_under_ribs": _both(
        lambda mirrored: _block(FRONT, (-57, 134, 30, 50), 10, (-71, 134, 46, 50), mirrored)
    ),
    "tummy": [_block(FRONT, (-23, 160, 46, 56), 14)],
    "groin_or_front_hip": _both(lambda mirrored: _outline(FRONT, GROIN, 6, mirrored)),
}


def body_map_shapes(choice):
    """A choice's shapes as the template draws them (numbers as text, never localised)."""
    shapes = []
    for shape in BODY_MAP_REGIONS.get(choice, []):
        x, y, width, height = (_number(value) for value in shape["hit"])
        mark_x, mark_y = (_number(value) for value in shape["mark"])
        hit = {"x": x, "y": y, "width": width, "height": height}
        shapes.append({"d": shape["d"], "hit": hit, "mark": {"x": mark_x, "y": mark_y}})
    return shapes
