"""The benchmarks' objectives in PyTorch, objective and gradient, float64, one thread and all
cores: GMM (ADBench's, d=10 k=25 n=1000), the MLP 784-128-10 on a minibatch of 64, extended
Rosenbrock at RosenbrockBench's sizes, ADBench's LSTM (2 layers, 1024 characters of 14 bits).

Issue 15's second-order cases too (one thread, float64): torch.autograd.functional.hvp on the GMM,
the MLP and Rosenbrock n=100000, hessian on Rosenbrock n=10 and 100, and jacobian on bundle
adjustment's reprojection residuals (ADBench's BA: Rodrigues rotation, radial distortion), keyed
as Report's SecondOrderTables spells them. A second argument, "first" or "second", runs one part
only and keeps the other part's rows already in the output file.

Written the way PyTorch is meant to be used: whole-tensor operations where the objective allows
(GMM, MLP, Rosenbrock); the LSTM's steps depend on each other, so it loops over time and layers
on vectors of length b. Each gradient is first checked against central differences
(torch.autograd.gradcheck) on a small problem. Times: median, min and max over repeated calls,
in microseconds, after warm-up. Report reads the JSON written here (see PytorchFigures.java).

    /usr/bin/python3 run.py results/pytorch.json [all|first|second [case]]

A third argument keeps only the first-order cases whose key contains it ("MLP").
"""

import json
import math
import os
import statistics
import sys
import time

import torch

torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------------------------- objectives

def gmm(alphas, means, icf, x, gamma=1.0, m=0):
    """ADBench's GMM objective; icf rows: d log-diagonal entries of Q, then its strict lower
    part column by column."""
    n, d = x.shape
    k = alphas.shape[0]
    log_diag = icf[:, :d]
    rows, cols = torch.tril_indices(d, d, offset=-1)
    order = torch.argsort(cols * d + rows)  # column by column, as ADBench stores the triangle
    lower = icf.new_zeros(k, d, d)
    lower[:, rows[order], cols[order]] = icf[:, d:]
    q = torch.diag_embed(torch.exp(log_diag)) + lower
    centred = x.unsqueeze(0) - means.unsqueeze(1)              # k, n, d
    z = torch.einsum('kij,knj->kni', q, centred)                # Q_k (x_i - mu_k)
    main = alphas.unsqueeze(1) + log_diag.sum(1, keepdim=True) - 0.5 * (z * z).sum(2)
    data = torch.logsumexp(main, 0).sum() - n * torch.logsumexp(alphas, 0)
    data = data - n * d * 0.5 * math.log(2 * math.pi)
    dof = d + m + 1
    c = dof * d * (math.log(gamma) - 0.5 * math.log(2)) - multigammaln(0.5 * dof, d)
    frob = (torch.exp(log_diag) ** 2).sum(1) + (icf[:, d:] ** 2).sum(1)
    prior = (0.5 * gamma * gamma * frob - m * log_diag.sum(1)).sum() - k * c
    return data + prior


def multigammaln(a, p):
    return 0.25 * p * (p - 1) * math.log(math.pi) + sum(
        math.lgamma(a + 0.5 * (1 - j)) for j in range(1, p + 1))


def mlp(w1, w2, x, labels, lam=1e-4):
    """One hidden ReLU layer, no biases, mean softmax cross-entropy plus an L2 penalty (Mlp.java)."""
    logits = torch.relu(x @ w1.T) @ w2.T
    ce = torch.nn.functional.cross_entropy(logits, labels)
    return ce + lam * ((w1 * w1).sum() + (w2 * w2).sum())


def rosenbrock(x):
    a = x[0::2]
    b = x[1::2]
    return ((1 - a) ** 2 + 100 * (b - a * a) ** 2).sum()


def lstm(main, extra, state, sequence, l, c, b):
    """ADBench's lstm_objective: main [l, 8 b], extra [3 b], state [l, 2 b], sequence [c, b]."""
    hidden = [state[i, :b] for i in range(l)]
    cell = [state[i, b:] for i in range(l)]
    total = 0.0
    for t in range(c - 1):
        layer_in = sequence[t] * extra[:b]
        for i in range(l):
            w = main[i]
            forget = torch.sigmoid(layer_in * w[:b] + w[4 * b:5 * b])
            ingate = torch.sigmoid(hidden[i] * w[b:2 * b] + w[5 * b:6 * b])
            outgate = torch.sigmoid(layer_in * w[2 * b:3 * b] + w[6 * b:7 * b])
            change = torch.tanh(hidden[i] * w[3 * b:4 * b] + w[7 * b:])
            cell[i] = cell[i] * forget + ingate * change
            hidden[i] = outgate * torch.tanh(cell[i])
            layer_in = hidden[i]
        ypred = layer_in * extra[b:2 * b] + extra[2 * b:]
        lse = torch.log(torch.exp(ypred).sum() + 2)
        total = total + (sequence[t + 1] * (ypred - lse)).sum()
    return -total / ((c - 1) * b)


def ba_reprojection(cams, points, w, features):
    """ADBench's computeReprojError for a batch of observations: cams [p, 11] (rotation 3,
    centre 3, focal length, principal point 2, distortion 2), points [p, 3], w [p], features
    [p, 2]. ADBench's zero-angle branch is left out: no camera here has a zero rotation."""
    rot = cams[:, 0:3]
    y = points - cams[:, 3:6]
    theta = torch.sqrt((rot * rot).sum(1, keepdim=True))
    axis = rot / theta
    cos = torch.cos(theta)
    rotated = y * cos + torch.cross(axis, y, dim=1) * torch.sin(theta) \
        + axis * ((axis * y).sum(1, keepdim=True) * (1 - cos))
    p = rotated[:, 0:2] / rotated[:, 2:3]
    rsq = (p * p).sum(1, keepdim=True)
    distortion = 1 + cams[:, 9:10] * rsq + cams[:, 10:11] * rsq * rsq
    projected = p * distortion * cams[:, 6:7] + cams[:, 7:9]
    return w.unsqueeze(1) * (projected - features)


# ---------------------------------------------------------------------------------- problems

def gmm_problem(d, k, n, gen):
    tri = d * (d + 1) // 2
    icf = torch.cat([0.5 * torch.rand(k, d, generator=gen) - 0.25,
                     0.2 * torch.randn(k, tri - d, generator=gen)], 1)
    return [torch.randn(k, generator=gen), torch.rand(k, d, generator=gen), icf], \
        [torch.rand(n, d, generator=gen)]


def mlp_problem(batch, n_in, hidden, out, gen):
    w1 = math.sqrt(2.0 / n_in) * (2 * torch.rand(hidden, n_in, generator=gen) - 1)
    w2 = math.sqrt(2.0 / hidden) * (2 * torch.rand(out, hidden, generator=gen) - 1)
    x = torch.rand(batch, n_in, generator=gen)
    return [w1, w2], [x, torch.randint(0, out, (batch,), generator=gen)]


def rosenbrock_start(n):
    """Rosenbrock.start: (-1.2, 1, -1.2, 1, ...) perturbed by 1e-3 sin(i + 1)."""
    i = torch.arange(n, dtype=torch.float64)
    return torch.where(i % 2 == 0, -1.2, 1.0) + 1e-3 * torch.sin(i + 1)


def lstm_problem(l, c, b, gen):
    return [torch.rand(l, 8 * b, generator=gen) - 0.5, torch.rand(3 * b, generator=gen) - 0.5], \
        [torch.rand(l, 2 * b, generator=gen) - 0.5, torch.rand(c, b, generator=gen), l, c, b]


def ba_problem(cameras, points, observations, gen):
    """BundleAdjustment.Data's distributions: small rotations, points 4 to 6 units in front,
    focal lengths near 500; each observation's camera and point gathered into its own row, so
    that the Jacobian of the summed residuals is every observation's 2 x 15 block."""
    cams = torch.empty(cameras, 11)
    cams[:, 0:3] = 0.2 * (torch.rand(cameras, 3, generator=gen) - 0.5)
    cams[:, 3:6] = 0.5 * (torch.rand(cameras, 3, generator=gen) - 0.5)
    cams[:, 6] = 450 + 100 * torch.rand(cameras, generator=gen)
    cams[:, 7:9] = torch.rand(cameras, 2, generator=gen) - 0.5
    cams[:, 9] = 0.05 * (torch.rand(cameras, generator=gen) - 0.5)
    cams[:, 10] = 0.01 * (torch.rand(cameras, generator=gen) - 0.5)
    pts = torch.rand(points, 3, generator=gen) - 0.5
    pts[:, 2] = 4 + 2 * torch.rand(points, generator=gen)
    obs = torch.arange(observations)
    cam_rows = cams[obs % cameras]
    point_rows = pts[obs * points // observations]
    features = ba_reprojection(cam_rows, point_rows, torch.ones(observations),
                               torch.zeros(observations, 2)) \
        + torch.randn(observations, 2, generator=gen)
    w = 0.8 + 0.4 * torch.rand(observations, generator=gen)
    return [cam_rows, point_rows, w], [features]


def direction_like(params, gen):
    return tuple(2 * torch.rand(p.shape, generator=gen) - 1 for p in params)


def second_order_cases(gen):
    """(case key as SecondOrderTables spells it, what, the call to time), one thread."""
    F = torch.autograd.functional
    for key, f, (params, consts) in (
            ("HVP: GMM (a) loops d,k,n=10,25,1000", gmm, gmm_problem(10, 25, 1000, gen)),
            ("HVP: MLP 784-128-10, batch 64", mlp, mlp_problem(64, 784, 128, 10, gen)),
            ("HVP: Rosenbrock n=100000", rosenbrock, ([rosenbrock_start(100000)], []))):
        def objective(f=f, params=params, consts=consts):
            with torch.no_grad():
                return f(*params, *consts)
        v = direction_like(params, gen)
        yield key, "objective", objective
        yield key, "hvp", lambda f=f, params=params, consts=consts, v=v: F.hvp(
            lambda *ps: f(*ps, *consts), tuple(params), v)
    for n in (10, 100):
        x = rosenbrock_start(n)
        key = "Hessian: Rosenbrock n=%d" % n
        yield key, "objective", lambda x=x: rosenbrock(x)
        yield key, "hessian", lambda x=x: F.hessian(rosenbrock, x)
    params, (features,) = ba_problem(20, 2000, 10000, gen)
    key = "Jacobian: BA cameras,points,observations=20,2000,10000"

    def ba_objective():
        with torch.no_grad():
            return ba_reprojection(*params, features)
    yield key, "objective", ba_objective
    yield key, "jacobian", lambda: F.jacobian(
        lambda *ps: ba_reprojection(*ps, features).sum(0), tuple(params))


def check_second_order(gen):
    """Second derivatives against central differences of the gradient (gradgradcheck), the BA
    Jacobian against central differences (gradcheck), on small problems."""
    small = [(gmm,) + gmm_problem(3, 4, 6, gen), (mlp,) + mlp_problem(3, 5, 4, 3, gen),
             (rosenbrock, [rosenbrock_start(6)], [])]
    for f, params, consts in small:
        inputs = tuple(p.clone().requires_grad_(True) for p in params)
        assert torch.autograd.gradgradcheck(lambda *ps: f(*ps, *consts), inputs), f.__name__
    params, (features,) = ba_problem(3, 4, 5, gen)
    inputs = tuple(p.clone().requires_grad_(True) for p in params)
    assert torch.autograd.gradcheck(lambda *ps: ba_reprojection(*ps, features), inputs)
    # the per-observation blocks from the summed residuals equal the full Jacobian's diagonal blocks
    full = torch.autograd.functional.jacobian(lambda c: ba_reprojection(c, *params[1:], features),
                                              params[0])
    summed = torch.autograd.functional.jacobian(
        lambda c: ba_reprojection(c, *params[1:], features).sum(0), params[0])
    for o in range(5):
        assert torch.allclose(full[o, :, o, :], summed[:, o, :])


def cases(gen):
    """(case key as Report spells it, objective, differentiated inputs, constants)."""
    yield ("GMM d,k,n=10,25,1000", gmm) + gmm_problem(10, 25, 1000, gen)
    yield ("MLP 784-128-10, batch 64", mlp) + mlp_problem(64, 784, 128, 10, gen)
    for n in (10, 1000, 100000):
        yield ("Rosenbrock n=%d" % n, rosenbrock, [rosenbrock_start(n)], [])
    yield ("LSTM l,c,b=2,1024,14", lstm) + lstm_problem(2, 1024, 14, gen)


def check_gradients(gen):
    """Every objective's autograd gradient against central differences, on a small problem."""
    small = [(gmm,) + gmm_problem(3, 4, 6, gen), (mlp,) + mlp_problem(3, 5, 4, 3, gen),
             (rosenbrock, [rosenbrock_start(6)], []),
             (lstm,) + lstm_problem(2, 4, 3, gen)]
    for f, params, consts in small:
        inputs = tuple(p.clone().requires_grad_(True) for p in params)
        assert torch.autograd.gradcheck(lambda *ps: f(*ps, *consts), inputs), f.__name__


# ---------------------------------------------------------------------------------- timing

def timed(call, min_seconds=1.0, min_repeats=5, max_repeats=200, warmup=3):
    """Wall-clock times, and the process's CPU time per call (cpu_median_us: on a machine shared
    with other work the CPU time is the steadier figure; with several threads it is their sum)."""
    for _ in range(warmup):
        call()
    times = []
    cpu = []
    start = time.perf_counter()
    while len(times) < min_repeats or (
            time.perf_counter() - start < min_seconds and len(times) < max_repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        call()
        times.append((time.perf_counter() - t0) * 1e6)
        cpu.append((time.process_time() - c0) * 1e6)
    return {"median_us": statistics.median(times), "min_us": min(times), "max_us": max(times),
            "cpu_median_us": statistics.median(cpu), "repeats": len(times)}


def measure(key, f, params, consts, threads):
    torch.set_num_threads(threads)
    leaves = [p.clone().requires_grad_(True) for p in params]

    def objective():
        with torch.no_grad():
            return f(*params, *consts)

    def gradient():
        for p in leaves:
            p.grad = None
        f(*leaves, *consts).backward()
        return [p.grad for p in leaves]

    rows = []
    for what, call in (("objective", objective), ("gradient", gradient)):
        row = {"case": key, "what": what, "threads": threads}
        row.update(timed(call))
        print("%-28s %-9s %d thread(s): %12.1f us" % (key, what, threads, row["median_us"]),
              file=sys.stderr)
        rows.append(row)
    return rows


def measure_second_order(gen):
    torch.set_num_threads(1)
    rows = []
    for key, what, call in second_order_cases(gen):
        row = {"case": key, "what": what, "threads": 1}
        row.update(timed(call))
        print("%-28s %-9s 1 thread: %12.1f us" % (key, what, row["median_us"]), file=sys.stderr)
        rows.append(row)
    return rows


def is_second_order(row):
    return row["case"].split(":")[0] in ("HVP", "Hessian", "Jacobian")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "results/pytorch.json"
    part = sys.argv[2] if len(sys.argv) > 2 else "all"
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    gen = torch.Generator().manual_seed(42)
    cores = os.cpu_count() or 1
    results = []
    if part != "all" and os.path.exists(out):
        with open(out) as fh:
            kept = json.load(fh)["results"]
        results = [r for r in kept if is_second_order(r) == (part == "first")
                   or (only and not is_second_order(r) and only not in r["case"])]
    if part in ("all", "first"):
        check_gradients(gen)
        for key, f, params, consts in cases(gen):
            if only not in key:
                continue
            for threads in sorted({1, cores}):
                results.extend(measure(key, f, params, consts, threads))
    if part in ("all", "second"):
        check_second_order(gen)
        results.extend(measure_second_order(gen))
    with open(out, "w") as fh:
        json.dump({"torch": torch.__version__, "cores": cores,
                   "python": sys.version.split()[0], "results": results}, fh, indent=1)
        fh.write("\n")
    print("wrote " + out, file=sys.stderr)


if __name__ == "__main__":
    main()
