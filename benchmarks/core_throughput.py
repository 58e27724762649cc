"""Throughput of Logit Lab's softmax cross-entropy (loss + gradient) and of evaluate().

A measurement, not a test (issue 2, "Speed"). It times, side by side in one run:

* the softmax cross-entropy forward pass plus its gradient with respect to the
  logits, dense (soft labels) and sparse (class indices), for ROWS x CLASSES
  logits (65 536 x 128 by default) in float32 and float64, for

  - ``core``: ``core.softmax_cross_entropy_with_logits_and_grad`` and
    ``core.sparse_softmax_cross_entropy_with_logits_and_grad`` (public API,
    argument checks included);
  - ``scipy``: a reference written here with ``scipy.special.log_softmax`` for
    the loss and ``scipy.special.softmax`` for the gradient;
  - ``torch``: PyTorch CPU with one thread, ``F.cross_entropy(..., reduction="none")``
    followed by the backward pass (``torch.autograd.grad``), if torch is installed;
    with transparent huge pages for its large buffers, as NumPy has by default
    (``THP_MEM_ALLOC_ENABLE=1``; ``--torch-stock-alloc`` measures torch as shipped);

* ``core.evaluate(logits, target)`` for K = 10 with the default 256-point
  sweep, with a class-index target and with a soft target.

Before timing, each configuration checks once that the three implementations
agree (``np.allclose`` with a dtype-appropriate tolerance) and that the core's
results are finite. Every repeat runs the implementations one after another,
so background load hits them alike; the table reports the best (minimum) time
and, in parentheses, the median. Ratios use the minima.

Budgets: core no slower than scipy (ratio <= 1.0), within 1.5x of single-thread
torch (ratio <= 1.5), evaluate() under 0.3 ms. The exit status is 0 even when a
budget fails, unless ``--strict`` is given.

Usage::

    python benchmarks/core_throughput.py [--rows 65536] [--classes 128] [--repeat 15]
                                          [--evaluate-calls 5000] [--no-torch]
                                          [--torch-stock-alloc] [--strict]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# One thread everywhere, so that every implementation is measured alike
# (NumPy's element-wise ufuncs and reductions are single-threaded anyway; this
# only pins any BLAS / OpenMP pool). Must happen before NumPy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# The core lives at the repository root, the parent of benchmarks/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.special  # noqa: E402

import core  # noqa: E402

torch = None  # imported by import_torch(), after the command line is read
F = None

SCIPY_BUDGET = 1.0  # core / scipy
TORCH_BUDGET = 1.5  # core / single-thread torch
EVALUATE_BUDGET_MS = 0.3

#: (rtol, atol) for comparing the implementations' losses and gradients.
TOLERANCES = {np.dtype(np.float32): (1e-4, 1e-5), np.dtype(np.float64): (1e-9, 1e-12)}

Impl = Callable[[], tuple[np.ndarray, np.ndarray]]


# --------------------------------------------------------------------------
# The scipy.special reference
# --------------------------------------------------------------------------


def scipy_dense(labels: np.ndarray, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """loss = -sum(p * log_softmax(x)); grad = softmax(x) * sum(p) - p."""
    log_q = scipy.special.log_softmax(logits, axis=-1)
    loss = -np.sum(labels * log_q, axis=-1)
    grad = scipy.special.softmax(logits, axis=-1)
    grad *= np.sum(labels, axis=-1, keepdims=True)
    grad -= labels
    return loss, grad


def scipy_sparse(labels: np.ndarray, logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """loss = -log_softmax(x)[y]; grad = softmax(x) - onehot(y)."""
    idx = labels[:, None]
    log_q = scipy.special.log_softmax(logits, axis=-1)
    loss = -np.take_along_axis(log_q, idx, axis=-1)[:, 0]
    grad = scipy.special.softmax(logits, axis=-1)
    grad[np.arange(grad.shape[0]), labels] -= 1
    return loss, grad


# --------------------------------------------------------------------------
# PyTorch CPU, one thread
# --------------------------------------------------------------------------


def import_torch(stock_alloc: bool) -> str | None:
    """Import torch (one thread) into the globals; a description, or None if absent.

    NumPy asks the kernel for transparent huge pages (``madvise``) on every
    buffer of 4 MiB or more; PyTorch's CPU allocator does so only with
    ``THP_MEM_ALLOC_ENABLE=1``, read once at import. Without it, on a kernel whose
    THP mode is ``madvise``, each fresh 32 MiB output costs ~8 000 4-KiB page
    faults, which more than doubles torch's time at 65 536 x 128. So, unless
    ``stock_alloc``, this sets the variable (if unset) to compare like with like.
    """
    global torch, F
    if not stock_alloc:
        os.environ.setdefault("THP_MEM_ALLOC_ENABLE", "1")
    try:
        import torch as torch_module
        import torch.nn.functional as functional
    except ImportError:
        return None
    torch, F = torch_module, functional
    torch.set_num_threads(1)
    thp = os.environ.get("THP_MEM_ALLOC_ENABLE", "0") == "1"
    alloc = "huge pages (THP_MEM_ALLOC_ENABLE=1)" if thp else "stock allocator, 4 KiB pages"
    return f"PyTorch {torch.__version__} (CPU, torch.set_num_threads(1), {alloc})"


def torch_impl(target: np.ndarray, logits: np.ndarray) -> Impl:
    """Forward + backward of F.cross_entropy on a leaf tensor sharing ``logits``' memory.

    ``target`` holds class indices (int64) for sparse, probabilities for dense.
    """
    x = torch.from_numpy(logits).requires_grad_(True)
    t = torch.from_numpy(target)

    def run() -> tuple[np.ndarray, np.ndarray]:
        loss = F.cross_entropy(x, t, reduction="none")
        (grad,) = torch.autograd.grad(loss.sum(), x)
        return loss.detach().numpy(), grad.numpy()

    return run


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def time_side_by_side(impls: dict[str, Impl], repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each implementation; the implementations take turns."""
    times: dict[str, list[float]] = {name: [] for name in impls}
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            for name, fn in impls.items():
                t0 = time.perf_counter()
                result = fn()
                times[name].append(time.perf_counter() - t0)
                del result
    finally:
        if gc_was_enabled:
            gc.enable()
    return times


def time_per_call(fn: Callable[[], object], calls: int, warmup: int = 200) -> list[float]:
    """Seconds of each of ``calls`` individual calls."""
    for _ in range(warmup):
        fn()
    out = []
    gc.collect()
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(calls):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def verify(
    results: dict[str, tuple[np.ndarray, np.ndarray]], dtype: np.dtype, shape: tuple[int, int]
) -> list[str]:
    """Problems found (empty when all agree with the core and the core is sound)."""
    problems = []
    rtol, atol = TOLERANCES[dtype]
    loss_c, grad_c = results["core"]
    if loss_c.shape != shape[:1] or grad_c.shape != shape:
        problems.append(
            f"core shapes {loss_c.shape}, {grad_c.shape}; expected {shape[:1]}, {shape}"
        )
    if loss_c.dtype != dtype or grad_c.dtype != dtype:
        problems.append(f"core dtypes {loss_c.dtype}, {grad_c.dtype}; expected {dtype}")
    if not (np.isfinite(loss_c).all() and np.isfinite(grad_c).all()):
        problems.append("core results are not all finite")
    for name, (loss, grad) in results.items():
        if name == "core":
            continue
        for what, a, b in (("loss", loss_c, loss), ("grad", grad_c, grad)):
            if not np.allclose(a, b, rtol=rtol, atol=atol):
                err = float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64))))
                problems.append(f"core and {name} disagree on the {what} (max |diff| {err:.3g})")
    return problems


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def make_inputs(
    rows: int, classes: int, dtype: np.dtype, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Logits, soft labels (rows summing to 1) and class indices."""
    logits = (3.0 * rng.standard_normal((rows, classes))).astype(dtype)
    soft = rng.random((rows, classes)) ** 4  # uneven, like a real soft target
    soft /= soft.sum(axis=-1, keepdims=True)
    idx = rng.integers(0, classes, size=rows, dtype=np.int64)
    return logits, soft.astype(dtype), idx


def cpu_name() -> str:
    """The CPU model from /proc/cpuinfo, or the machine type."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} ({platform.machine()})"
    except OSError:
        pass
    return platform.processor() or platform.machine()


def fmt_ms(times: list[float] | None) -> str:
    if not times:
        return "-"
    return f"{1e3 * min(times):8.2f} ({1e3 * statistics.median(times):7.2f})"


def fmt_ratio(num: list[float], den: list[float] | None) -> str:
    if not den:
        return "-"
    return f"{min(num) / min(den):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=65536, help="examples (default 65536)")
    parser.add_argument("--classes", type=int, default=128, help="classes K (default 128)")
    parser.add_argument(
        "--repeat", type=int, default=15, help="timed calls per implementation (default 15)"
    )
    parser.add_argument(
        "--evaluate-calls",
        type=int,
        default=5000,
        help="timed evaluate() calls per target kind (default 5000)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch")
    parser.add_argument(
        "--torch-stock-alloc",
        action="store_true",
        help="PyTorch as shipped (default: THP_MEM_ALLOC_ENABLE=1, huge pages as NumPy has)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any budget fails"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.classes < 2 or args.repeat < 1 or args.evaluate_calls < 1:
        parser.error("need --rows >= 1, --classes >= 2, --repeat >= 1, --evaluate-calls >= 1")

    torch_info = None if args.no_torch else import_torch(args.torch_stock_alloc)
    use_torch = torch_info is not None
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}")
    if use_torch:
        print(torch_info)
    elif args.no_torch:
        print("PyTorch: skipped (--no-torch)")
    else:
        print("PyTorch: not installed; the torch column and its budget are skipped")
    print(f"{cpu_name()}, {os.cpu_count()} logical CPUs")
    print()

    rng = np.random.default_rng(args.seed)
    shape = (args.rows, args.classes)
    table: list[tuple[str, str, dict[str, list[float]]]] = []
    problems: list[str] = []

    for dtype in (np.dtype(np.float32), np.dtype(np.float64)):
        logits, soft, idx = make_inputs(args.rows, args.classes, dtype, rng)
        cases = {
            "dense": {
                "core": lambda s=soft, x=logits: core.softmax_cross_entropy_with_logits_and_grad(
                    s, x
                ),
                "scipy": lambda s=soft, x=logits: scipy_dense(s, x),
            },
            "sparse": {
                "core": lambda i=idx, x=logits: (
                    core.sparse_softmax_cross_entropy_with_logits_and_grad(i, x)
                ),
                "scipy": lambda i=idx, x=logits: scipy_sparse(i, x),
            },
        }
        if use_torch:
            cases["dense"]["torch"] = torch_impl(soft, logits)
            cases["sparse"]["torch"] = torch_impl(idx, logits)
        for case, impls in cases.items():
            label = f"{case} {dtype.name}"
            print(f"{label}: verifying ...", end=" ", flush=True)
            found = verify({name: fn() for name, fn in impls.items()}, dtype, shape)
            problems += [f"{label}: {p}" for p in found]
            print("ok" if not found else "; ".join(found), end="; ", flush=True)
            print(f"timing {args.repeat} x {len(impls)} calls ...", flush=True)
            table.append((case, dtype.name, time_side_by_side(impls, args.repeat)))
        del logits, soft, idx, cases

    # evaluate(): one explorer state, K = 10, default 256-point sweep.
    k = 10
    z = rng.normal(0.0, 2.0, k)
    p = rng.random(k)
    p /= p.sum()
    targets = {"class index": 3, "soft target": p}
    eval_times = {}
    for name, target in targets.items():
        r = core.evaluate(z, target)
        if r.sweep_loss.shape != (256,) or not np.isfinite(r.sweep_loss).all():
            problems.append(f"evaluate ({name}): unexpected sweep {r.sweep_loss.shape}")
        eval_times[name] = time_per_call(lambda t=target: core.evaluate(z, t), args.evaluate_calls)

    # ---------------------------------------------------------------- table
    rows, classes = shape
    print()
    print(
        f"Softmax cross-entropy forward + gradient w.r.t. the logits, {rows} x {classes}: "
        f"ms per call, best of {args.repeat} (median)"
    )
    head = f"{'case':<8}{'dtype':<9}{'core':>20}{'scipy':>20}{'torch 1 thread':>20}"
    head += f"{'core/scipy':>12}{'core/torch':>12}"
    print(head)
    print("-" * len(head))
    for case, dtype_name, times in table:
        print(
            f"{case:<8}{dtype_name:<9}{fmt_ms(times['core']):>20}{fmt_ms(times['scipy']):>20}"
            f"{fmt_ms(times.get('torch')):>20}"
            f"{fmt_ratio(times['core'], times['scipy']):>12}"
            f"{fmt_ratio(times['core'], times.get('torch')):>12}"
        )
    print()
    print(
        f"core.evaluate(logits, target), K = {k}, 256-point sweep: "
        f"us per call over {args.evaluate_calls} calls"
    )
    print(f"{'target':<14}{'median':>10}{'min':>10}{'p90':>10}")
    for name, ts in eval_times.items():
        p90 = statistics.quantiles(ts, n=10)[-1]
        print(
            f"{name:<14}{1e6 * statistics.median(ts):>10.1f}{1e6 * min(ts):>10.1f}"
            f"{1e6 * p90:>10.1f}"
        )
    # ---------------------------------------------------------------- budgets
    checks: list[tuple[str, bool]] = []
    checks.append(("the three implementations agree; core results finite", not problems))
    for case, dtype_name, times in table:
        ratio = min(times["core"]) / min(times["scipy"])
        checks.append(
            (
                f"{case} {dtype_name}: core/scipy = {ratio:.2f} <= {SCIPY_BUDGET}",
                ratio <= SCIPY_BUDGET,
            )
        )
    for case, dtype_name, times in table:
        if "torch" in times:
            ratio = min(times["core"]) / min(times["torch"])
            checks.append(
                (
                    f"{case} {dtype_name}: core/torch = {ratio:.2f} <= {TORCH_BUDGET}",
                    ratio <= TORCH_BUDGET,
                )
            )
    for name, ts in eval_times.items():
        ms = 1e3 * statistics.median(ts)
        checks.append(
            (f"evaluate ({name}): {ms:.3f} ms < {EVALUATE_BUDGET_MS} ms", ms < EVALUATE_BUDGET_MS)
        )

    print()
    print("Budgets (issue 2):")
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    if not use_torch:
        print("  SKIP  core within 1.5x of single-thread torch (torch not measured)")
    for problem in problems:
        print(f"  note: {problem}")
    failed = sum(not ok for _, ok in checks)
    print(f"{failed} of {len(checks)} budgets failed." if failed else "All budgets hold.")
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
