/** Tensor storage and kernels behind one backend interface. Plain Java: no Truffle. */
module delta.tensor {
}
