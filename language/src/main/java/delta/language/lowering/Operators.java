package delta.language.lowering;

import delta.language.nodes.DeltaNode;
import delta.language.nodes.ops.AddNodeGen;
import delta.language.nodes.ops.DivNodeGen;
import delta.language.nodes.ops.EqualNodeGen;
import delta.language.nodes.ops.FloorDivNodeGen;
import delta.language.nodes.ops.LogicalNodes;
import delta.language.nodes.ops.MatMulNode;
import delta.language.nodes.ops.ModNodeGen;
import delta.language.nodes.ops.MulNodeGen;
import delta.language.nodes.ops.NegNodeGen;
import delta.language.nodes.ops.OrderNodeGen;
import delta.language.nodes.ops.PowNodeGen;
import delta.language.nodes.ops.SubNodeGen;
import delta.parser.ast.BinaryOp;
import delta.parser.ast.UnaryOp;

/** Which node implements each operator. */
final class Operators {
    private Operators() {}

    static DeltaNode binary(BinaryOp op, DeltaNode left, DeltaNode right) {
        return switch (op) {
            case ADD -> AddNodeGen.create(left, right);
            case SUB -> SubNodeGen.create(left, right);
            case MUL -> MulNodeGen.create(left, right);
            case DIV -> DivNodeGen.create(left, right);
            case FLOOR_DIV -> FloorDivNodeGen.create(left, right);
            case MOD -> ModNodeGen.create(left, right);
            case POW -> PowNodeGen.create(left, right);
            case MATMUL -> new MatMulNode(left, right);
            case EQ -> EqualNodeGen.create(left, right, false);
            case NE -> EqualNodeGen.create(left, right, true);
            case LT, LE, GT, GE -> OrderNodeGen.create(left, right, op);
        };
    }

    static DeltaNode unary(UnaryOp op, DeltaNode operand) {
        return switch (op) {
            case NEG -> NegNodeGen.create(operand);
            case NOT -> new LogicalNodes.Not(operand);
        };
    }

    static DeltaNode logical(boolean isAnd, DeltaNode left, DeltaNode right) {
        return new LogicalNodes.ShortCircuit(isAnd, left, right);
    }
}
