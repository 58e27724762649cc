"""core.contours: marching squares against analytic surfaces, and the colour span.

Expected values come from the analytic functions themselves (a paraboloid, a
cone, a plane, a saddle), never from the function under test: an end of a
segment must lie on a grid line, where the straight-line interpolation of the
function between the two neighbouring grid points equals the level.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.contours import colour_span, contour_segments

pytestmark = pytest.mark.filterwarnings("error")


def paraboloid(x, y):
    return x**2 + y**2


def cone(x, y):
    return np.hypot(x, y)


def plane(x, y):
    return 2.0 * x - 3.0 * y + 1.0


def grid(f, xs, ys):
    return f(xs[:, None], ys[None, :])


def interpolated_on_grid_lines(f, points, xs, ys) -> np.ndarray:
    """f interpolated linearly along the grid line each point lies on (from the analytic f
    at the two grid points either side), for every point."""
    out = np.empty(len(points))
    for k, (px, py) in enumerate(points):
        on_x = np.nonzero(xs == px)[0]
        on_y = np.nonzero(ys == py)[0]
        assert on_x.size or on_y.size, f"({px}, {py}) is on no grid line"
        if on_x.size:  # a vertical edge x = xs[m]
            n = min(np.searchsorted(ys, py, side="right") - 1, ys.size - 2)
            a, b = ys[n], ys[n + 1]
            t = (py - a) / (b - a)
            out[k] = (1 - t) * f(px, a) + t * f(px, b)
        else:  # a horizontal edge y = ys[n]
            m = min(np.searchsorted(xs, px, side="right") - 1, xs.size - 2)
            a, b = xs[m], xs[m + 1]
            t = (px - a) / (b - a)
            out[k] = (1 - t) * f(a, py) + t * f(b, py)
    return out


# Uneven grids that do not contain the origin: no level passes a grid point by accident.
XS = np.linspace(-3.0, 3.1, 47)
YS = np.concatenate([np.linspace(-2.9, 0.0, 20, endpoint=False), np.linspace(0.013, 3.2, 31)])


@pytest.mark.parametrize("f", [paraboloid, cone, plane], ids=lambda f: f.__name__)
@pytest.mark.parametrize("level", [0.3, 1.0, 2.5, 4.0])
def test_segment_ends_lie_on_the_level(f, level):
    values = grid(f, XS, YS)
    segments = contour_segments(values, XS, YS, [level])
    assert segments.ndim == 2 and segments.shape[1] == 2 and segments.shape[0] % 2 == 0
    assert segments.shape[0] > 0
    np.testing.assert_allclose(
        interpolated_on_grid_lines(f, segments, XS, YS), level, rtol=0, atol=1e-9
    )
    # On the true surface, within linear interpolation's error over one cell.
    h = max(np.diff(XS).max(), np.diff(YS).max())
    error = np.abs(f(segments[:, 0], segments[:, 1]) - level)
    if f is plane:
        assert error.max() < 1e-9  # linear along every grid line: exact
    elif f is paraboloid:
        assert error.max() <= h**2 / 4 + 1e-12  # max (u − a)(b − u)·f″/2 with f″ = 2
    # Each segment lies inside one cell: no longer than its diagonal.
    lengths = np.hypot(*(segments[1::2] - segments[0::2]).T)
    assert lengths.max() <= math.hypot(np.diff(XS).max(), np.diff(YS).max()) + 1e-12


@pytest.mark.parametrize("radius", [0.5, 1.7, 2.6])
def test_a_circle_has_its_radius_and_closes(radius):
    xs = ys = np.linspace(-3.0, 3.0, 241) + 1e-3  # the centre off the grid points
    segments = contour_segments(grid(cone, xs, ys), xs, ys, radius)
    r = np.hypot(segments[:, 0], segments[:, 1])
    h = xs[1] - xs[0]
    assert np.abs(r - radius).max() < h**2 / radius  # the cone's interpolation error
    # One closed curve: every end is shared by exactly two segments.
    _, counts = np.unique(np.round(segments, 12), axis=0, return_counts=True)
    assert (counts == 2).all()
    length = np.hypot(*(segments[1::2] - segments[0::2]).T).sum()
    assert length == pytest.approx(2 * math.pi * radius, rel=2e-4)


def test_levels_outside_the_range_give_no_segments():
    values = grid(paraboloid, XS, YS)
    for levels in ([-1.0], [values.max() + 1.0], [], [values.min() - 1e-9]):
        out = contour_segments(values, XS, YS, levels)
        assert out.shape == (0, 2)
    # Several levels: their segments one after the other.
    both = contour_segments(values, XS, YS, [1.0, 2.0])
    one = contour_segments(values, XS, YS, [1.0])
    two = contour_segments(values, XS, YS, 2.0)
    np.testing.assert_array_equal(both, np.concatenate([one, two]))


def test_a_flat_surface_at_the_level_draws_nothing():
    xs = ys = np.linspace(0.0, 1.0, 5)
    assert contour_segments(np.ones((5, 5)), xs, ys, [1.0]).shape == (0, 2)


def test_saddle_cells_join_the_corners_on_the_centres_side():
    xs = ys = np.array([0.0, 1.0])
    # f(0,0) = f(1,1) = 1, f(1,0) = f(0,1) = −1: the centre (mean 0) is between.
    values = np.array([[1.0, -1.0], [-1.0, 1.0]])

    def pairs(out):
        return {frozenset(map(tuple, out[i : i + 2].tolist())) for i in range(0, len(out), 2)}

    # Level 0.5: the centre is below, the high corners are cut off on their own.
    assert pairs(contour_segments(values, xs, ys, [0.5])) == {
        frozenset({(0.25, 0.0), (0.0, 0.25)}),
        frozenset({(1.0, 0.75), (0.75, 1.0)}),
    }
    # Level −0.5: the centre is above, the low corners are cut off.
    assert pairs(contour_segments(values, xs, ys, [-0.5])) == {
        frozenset({(0.75, 0.0), (1.0, 0.25)}),
        frozenset({(0.0, 0.75), (0.25, 1.0)}),
    }


def test_every_case_matches_a_cell_by_cell_reference():
    """Random values on a small grid: the vectorised result equals a plain loop over cells
    that finds each cell's crossings (a segment's ends are two crossings of its cell)."""
    rng = np.random.default_rng(7)
    xs, ys = np.cumsum(rng.uniform(0.5, 1.5, 9)), np.cumsum(rng.uniform(0.5, 1.5, 8))
    values = rng.normal(size=(9, 8))
    for level in (-0.7, 0.0, 0.4, 1.1):
        out = contour_segments(values, xs, ys, [level])
        expected_ends = 0
        for m in range(8):
            for n in range(7):
                corners = [values[m, n], values[m + 1, n], values[m + 1, n + 1], values[m, n + 1]]
                above = [c > level for c in corners]
                expected_ends += sum(above[i] != above[(i + 1) % 4] for i in range(4))
        assert out.shape == (expected_ends, 2)
        np.testing.assert_allclose(
            interpolated_on_grid_lines(
                lambda a, b: values[np.searchsorted(xs, a), np.searchsorted(ys, b)], out, xs, ys
            ),
            level,
            atol=1e-12,
        )


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_cells_with_a_non_finite_corner_are_skipped(bad):
    xs = ys = np.linspace(-2.0, 2.0, 41)
    values = grid(paraboloid, xs, ys)
    values[10, 30] = bad  # at (−1, 1), on the circle of level 2
    out = contour_segments(values, xs, ys, [2.0])
    inside = (
        (out[:, 0] > xs[9]) & (out[:, 0] < xs[11]) & (out[:, 1] > ys[29]) & (out[:, 1] < ys[31])
    )
    assert not inside.any()
    full = contour_segments(grid(paraboloid, xs, ys), xs, ys, [2.0])
    assert 0 < full.shape[0] - out.shape[0] <= 8  # at most the four cells' segments
    assert np.isfinite(out).all()
    # Nothing is drawn where no value is finite.
    assert contour_segments(np.full((3, 3), bad), xs[:3], ys[:3], [0.0]).shape == (0, 2)


def test_float32_stays_float32():
    xs = ys = np.linspace(-1.0, 1.0, 11, dtype=np.float32)
    out = contour_segments(grid(paraboloid, xs, ys), xs, ys, np.float32(0.5))
    assert out.dtype == np.float32 and out.shape[0] > 0
    assert contour_segments(grid(paraboloid, xs, ys), xs, ys, [9.0]).dtype == np.float32


@pytest.mark.parametrize(
    ("values", "x", "y", "levels", "name"),
    [
        (np.zeros(4), np.arange(4.0), np.arange(1.0), [0.0], "values"),
        (np.zeros((1, 4)), np.arange(1.0), np.arange(4.0), [0.0], "values"),
        (np.zeros((2, 2, 2)), np.arange(2.0), np.arange(2.0), [0.0], "values"),
        ([["a", "b"], ["c", "d"]], np.arange(2.0), np.arange(2.0), [0.0], "values"),
        (np.zeros((3, 4)), np.arange(4.0), np.arange(4.0), [0.0], "x"),
        (np.zeros((3, 4)), np.arange(3.0), np.arange(3.0), [0.0], "y"),
        (np.zeros((3, 4)), np.arange(3.0), np.zeros((4, 1)), [0.0], "y"),
        (np.zeros((3, 4)), [0.0, np.nan, 2.0], np.arange(4.0), [0.0], "x"),
        (np.zeros((3, 4)), np.arange(3.0), [0.0, 1.0, np.inf, 3.0], [0.0], "y"),
        (np.zeros((3, 4)), np.arange(3.0), np.arange(4.0), [np.nan], "levels"),
        (np.zeros((3, 4)), np.arange(3.0), np.arange(4.0), [[0.0, 1.0]], "levels"),
        (np.zeros((3, 4)), np.arange(3.0), np.arange(4.0), ["low"], "levels"),
    ],
)
def test_bad_arguments_raise_value_errors_naming_them(values, x, y, levels, name):
    with pytest.raises(ValueError, match=rf"^{name}\b"):
        contour_segments(values, x, y, levels)


def test_colour_span_is_the_min_and_a_quantile_of_the_finite_values():
    rng = np.random.default_rng(3)
    values = rng.exponential(size=(30, 40))
    values[0, 0], values[1, 1], values[2, 2] = np.nan, np.inf, -np.inf
    finite = values[np.isfinite(values)]
    assert colour_span(values) == (finite.min(), finite.max())
    lo, hi = colour_span(values, 0.9)
    assert lo == finite.min()
    assert hi == pytest.approx(np.sort(finite)[int(0.9 * (finite.size - 1))], rel=0.05)
    assert (finite <= hi).mean() == pytest.approx(0.9, abs=1e-3)
    lo, hi = colour_span([np.nan, np.inf])
    assert math.isnan(lo) and math.isnan(hi)


@pytest.mark.parametrize("q", [0.0, -0.1, 1.5, np.nan])
def test_colour_span_rejects_a_quantile_outside_0_1(q):
    with pytest.raises(ValueError, match="^upper_quantile"):
        colour_span([1.0, 2.0], q)
