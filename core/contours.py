r"""Contour lines of a gridded surface by marching squares, and its colour span.

* :func:`contour_segments`: the level curves :math:`f = c` of values sampled
  on a rectangular grid, as straight segments (point pairs), ready for a line
  item that joins its points in pairs.
* :func:`colour_span`: the finite minimum and an upper quantile of the values,
  so that a colour scale can leave a few very high values saturated and keep
  the low valley resolved.

Both take ``values[m, n]`` at ``(x[m], y[n])``: the first axis is x, as the
loss surface (:func:`core.loss_surface`) returns it and as pyqtgraph's
``ImageItem`` shows an image by default.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_float_array

__all__ = ["contour_segments", "colour_span"]

# -- marching squares --------------------------------------------------------------------
# A cell's corners, counter-clockwise from (x[m], y[n]), as (dm, dn) offsets, and its
# edges as pairs of corners. The case of a cell is Σ 2^c over the corners c above the level.
_CORNERS = ((0, 0), (1, 0), (1, 1), (0, 1))
_EDGES = ((0, 1), (1, 2), (3, 2), (0, 3))  # bottom, right, top, left


def _segment_table() -> np.ndarray:
    """``table[case, centre_above]``: the (up to two) segments of a cell as edge pairs.

    Shape (16, 2, 2, 2); -1 marks no segment. A cell with two crossed edges has
    one segment between them. A saddle (opposite corners above, cases 5 and 10)
    has four: the value at the cell's centre (the mean of its corners) decides
    which corners are joined, so that contours at different levels never cross.
    """
    table = np.full((16, 2, 2, 2), -1, dtype=np.intp)
    for case in range(16):
        above = [bool(case >> c & 1) for c in range(4)]
        crossed = [e for e, (a, b) in enumerate(_EDGES) if above[a] != above[b]]
        for centre_above in (0, 1):
            if len(crossed) == 2:
                table[case, centre_above, 0] = crossed
            elif len(crossed) == 4:
                # Cut off the two corners on the other side of the level from the centre:
                # each corner's two edges form one segment.
                cut = [c for c in range(4) if above[c] != bool(centre_above)]
                for s, corner in enumerate(cut):
                    table[case, centre_above, s] = [
                        e for e, pair in enumerate(_EDGES) if corner in pair
                    ]
    return table


_TABLE = _segment_table()


def _check_grid(values: ArrayLike, x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, ...]:
    v = as_float_array(values, "values")
    if v.ndim != 2 or v.shape[0] < 2 or v.shape[1] < 2:
        raise ValueError(f"values must be a 2-d array of at least 2 × 2, got shape {v.shape}")
    out = [v]
    for name, arr, size in (("x", x, v.shape[0]), ("y", y, v.shape[1])):
        a = as_float_array(arr, name)
        if a.shape != (size,):
            raise ValueError(
                f"{name} must be a 1-d array of {size} coordinates (values has shape "
                f"{v.shape}), got shape {a.shape}"
            )
        if not np.isfinite(a).all():
            raise ValueError(f"{name} must be finite")
        out.append(a)
    return tuple(out)


def contour_segments(
    values: ArrayLike, x: ArrayLike, y: ArrayLike, levels: ArrayLike
) -> np.ndarray:
    r"""The contour lines :math:`f(x, y) = c` of a grid, as line segments.

    Marching squares: each grid cell :math:`[x_m, x_{m+1}] \times [y_n, y_{n+1}]`
    is classified by which of its four corners lie above the level :math:`c`
    (16 cases); on each edge whose corners lie on opposite sides, the crossing
    point is interpolated linearly,

    .. math::

        t = \frac{c - f_a}{f_b - f_a}, \qquad P = P_a + t\,(P_b - P_a),

    and the crossing points of a cell are joined by one segment, or by two in
    the saddle cases, which the mean of the four corners decides. Every cell
    of a level is processed at once (no loop over cells).

    Parameters
    ----------
    values : array_like, shape (M, N)
        ``values[m, n]`` is :math:`f(x_m, y_n)`, M, N ≥ 2. Cells with a
        non-finite corner (nan, ±inf) are skipped: no contour passes them.
    x, y : array_like, shapes (M,) and (N,)
        The grid coordinates (finite; usually increasing).
    levels : array_like, shape (L,) or scalar
        The values :math:`c` to draw (finite).

    Returns
    -------
    ndarray, shape (2·S, 2)
        S segments as consecutive point pairs: rows 2s and 2s + 1 are the ends
        of segment s, columns are (x, y). Levels outside the values' range
        give no rows. The dtype is the common float dtype of ``values``, ``x``
        and ``y`` (float32 grids give float32 points).

    Notes
    -----
    Each end lies on a grid line, where the linear interpolation of the two
    corner values equals the level exactly (up to rounding); on the true
    surface it is off by at most the interpolation error, :math:`h^2 f''/8`
    for a cell of width :math:`h`. A corner exactly at the level counts as
    below it, so a flat region at the level draws no line. Neighbouring cells
    compute their shared edge's point from the same two values, so the
    segments join into unbroken polylines. Edges without a crossing are never
    divided by, so no warning is raised.

    Examples
    --------
    >>> import numpy as np
    >>> from core.contours import contour_segments
    >>> x = y = np.array([0.0, 1.0])
    >>> f = np.add.outer(x, y)  # f = x + y on the unit square
    >>> contour_segments(f, x, y, [1.5])  # the diagonal x + y = 1.5
    array([[1. , 0.5],
           [0.5, 1. ]])
    >>> contour_segments(f, x, y, [7.0]).shape  # above every value: no segment
    (0, 2)
    """
    v, xs, ys = _check_grid(values, x, y)
    lv = as_float_array(levels, "levels")
    if lv.ndim > 1:
        raise ValueError(f"levels must be a number or a 1-d array, got shape {lv.shape}")
    lv = lv.ravel()
    if not np.isfinite(lv).all():
        raise ValueError("levels must be finite")
    # The points are coordinates: their dtype is the grid's, whatever the levels' is.
    dtype = np.result_type(v, xs, ys)
    v, xs, ys = (a.astype(dtype, copy=False) for a in (v, xs, ys))
    lv = lv.astype(dtype, copy=False)

    # Corner values of every cell, shape (4, M − 1, N − 1), in _CORNERS order.
    m, n = v.shape
    corners = np.stack([v[dm : m - 1 + dm, dn : n - 1 + dn] for dm, dn in _CORNERS])
    usable = np.isfinite(corners).all(axis=0)
    lows = np.where(usable, corners.min(axis=0), np.inf)
    highs = np.where(usable, corners.max(axis=0), -np.inf)

    pieces = []
    for level in lv:
        # Only cells the level passes through: some corner above it, some not.
        cm, cn = np.nonzero((highs > level) & (lows <= level))
        if cm.size == 0:
            continue
        f = corners[:, cm, cn]  # (4, C)
        above = f > level
        case = np.zeros(cm.size, dtype=np.intp)
        for c in range(4):
            case |= above[c].astype(np.intp) << c
        centre_above = (f.mean(axis=0) > level).astype(np.intp)
        # Corner coordinates, (4, C) each.
        px = np.stack([xs[cm + dm] for dm, _ in _CORNERS])
        py = np.stack([ys[cn + dn] for _, dn in _CORNERS])
        # The crossing point on each of the four edges (garbage where it is not crossed).
        a, b = np.array(_EDGES).T
        fa, fb = f[a], f[b]
        crossed = above[a] != above[b]
        t = np.divide(level - fa, fb - fa, out=np.zeros_like(fa), where=crossed)
        ex = px[a] + t * (px[b] - px[a])  # (4, C)
        ey = py[a] + t * (py[b] - py[a])
        # Each cell's segments as edge pairs, (C, 2, 2); keep the real ones.
        pairs = _TABLE[case, centre_above]
        cell, seg = np.nonzero(pairs[:, :, 0] >= 0)
        ends = pairs[cell, seg]  # (S, 2)
        points = np.empty((ends.shape[0], 2, 2), dtype=dtype)
        points[..., 0] = ex[ends, cell[:, None]]
        points[..., 1] = ey[ends, cell[:, None]]
        pieces.append(points.reshape(-1, 2))
    if not pieces:
        return np.empty((0, 2), dtype=dtype)
    return np.concatenate(pieces)


def colour_span(values: ArrayLike, upper_quantile: float = 1.0) -> tuple[float, float]:
    r"""(lowest, high) of the finite values: the range a colour scale should span.

    ``high`` is the ``upper_quantile`` of the finite values (linear
    interpolation between order statistics, NumPy's default): with 1.0 the
    maximum; with 0.9 the highest tenth of the surface shares the top colour,
    so that a few very high values (a far corner) do not squeeze the low
    valley into the bottom colour.

    Parameters
    ----------
    values : array_like
        Any shape; nan and ±inf are ignored.
    upper_quantile : float, optional
        In (0, 1].

    Returns
    -------
    tuple of float
        ``(min, quantile)``; ``(nan, nan)`` when no value is finite.

    Examples
    --------
    >>> from core.contours import colour_span
    >>> colour_span([0.0, 1.0, 2.0, 3.0, 4.0, float("inf")])
    (0.0, 4.0)
    >>> colour_span([0.0, 1.0, 2.0, 3.0, 4.0], 0.75)
    (0.0, 3.0)
    """
    v = as_float_array(values, "values")
    q = float(upper_quantile)
    if not 0.0 < q <= 1.0:
        raise ValueError(f"upper_quantile must be in (0, 1], got {upper_quantile!r}")
    finite = v[np.isfinite(v)]
    if finite.size == 0:
        return (float("nan"), float("nan"))
    return (float(finite.min()), float(np.quantile(finite, q)))
