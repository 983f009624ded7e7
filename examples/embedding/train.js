// Calling Delta from JavaScript (GraalJS): JavaScript makes a data set as typed arrays, Delta fits a
// line to it with grad, and JavaScript reads the result, the loss curve as a zero-copy Float64Array.
//
//     examples/embedding/run js          (after ./mvnw package; TrainingExamplesTest runs it too)
//
// Needs a polyglot context with JavaScript and Delta and polyglot access (RunJs.java builds one).
const fit = Polyglot.eval('dl', `
import optim

fn loss(p, x, y) = mean((p.w * x + p.b - y) ** 2)

# Fits y = w x + b by gradient descent; returns the parameters and the loss of every step.
fn fit(x_array, y_array, steps) {
    let x = tensor(x_array)
    let y = tensor(y_array)
    let p = {w: 0.0, b: 0.0}
    let step = value_and_grad(loss)
    let curve = []
    for i in range(steps) {
        let (l, g) = step(p, x, y)
        p = optim.sgd_step(p, g, 0.1)
        append(curve, item(l))
    }
    {w: p.w, b: p.b, losses: tensor(curve)}
}
fit`);

// y = 3 x - 1 with a little deterministic noise.
const n = 50;
const x = new Float64Array(n), y = new Float64Array(n);
for (let i = 0; i < n; i++) {
    x[i] = i / n;
    y[i] = 3 * x[i] - 1 + 0.01 * Math.sin(7 * i);
}
const result = fit(x, y, 500);
const losses = new Float64Array(result.losses);   // a view of the Delta tensor, no copy
console.log(`w ${result.w.toFixed(3)} b ${result.b.toFixed(3)}`);
console.log(`loss ${losses[0].toFixed(4)} -> ${losses[losses.length - 1].toFixed(6)} over ${losses.length} steps`);
