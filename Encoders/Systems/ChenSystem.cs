namespace NeuroDeploy.Encoders.Systems;

/// <summary>Chen system: x' = a (y - x), y' = (c - a) x - x z + c y, z' = x y - b z. Divergence c - a - b.</summary>
public sealed class ChenSystem(double a, double b, double c) : IDynamicalSystem
{
    public double A { get; } = a;

    public double B { get; } = b;

    public double C { get; } = c;

    public string Name => "chen";

    public double? ConstantDivergence => -A + C - B;

    public State3 Derivative(double time, in State3 state)
    {
        var (x, y, z) = state;
        return new State3(A * (y - x), ((C - A) * x) - (x * z) + (C * y), (x * y) - (B * z));
    }

    public void Jacobian(double time, in State3 state, Span<double> jacobian)
    {
        var (x, y, z) = state;
        jacobian[0] = -A;
        jacobian[1] = A;
        jacobian[2] = 0;
        jacobian[3] = C - A - z;
        jacobian[4] = C;
        jacobian[5] = -x;
        jacobian[6] = y;
        jacobian[7] = x;
        jacobian[8] = -B;
    }
}
